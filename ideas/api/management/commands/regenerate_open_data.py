from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from ideas.api import exports
from ideas.api.tasks import regenerate_open_data


class Command(BaseCommand):
    help = (
        "Regenerate the bulk downloads at /data/ (CSV and JSON of every dataset). Run it on a schedule, "
        "for example every 10 minutes: it enqueues the task on the configured task backend "
        "(inline on the embedded default). --now runs it in this process whatever the backend."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run here and now instead of enqueuing the task.")

    def handle(self, *args, now=False, **options):
        if now:
            done = exports.regenerate()
            lines = None if done is None else [f"{e.filename}: {e.rows} rows, {e.size} bytes" for e in done]
        else:
            result = regenerate_open_data.enqueue()
            if not result.is_finished:
                self.stdout.write(f"Enqueued the regeneration (task {result.id}).")
                return
            if result.status == TaskResultStatus.FAILED:
                raise CommandError("The regeneration failed:\n" + result.errors[-1].traceback)
            lines = result.return_value
        if not lines:
            self.stdout.write("Another regeneration is running; nothing done.")
            return
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"{len(lines)} files up to date."))
