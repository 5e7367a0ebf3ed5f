import time

from django.core.management.base import BaseCommand

from ideas.search.api import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the search index and the document frequencies of all proposals."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        started = time.monotonic()
        verbose = options["verbosity"] >= 2

        def progress(count):
            if verbose:
                self.stdout.write(f"  {count} proposals indexed")

        count = rebuild_index(batch_size=batch_size, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} proposals in {time.monotonic() - started:.1f} s."))
