"""``manage.py generate_volume_data``: proposals, supports, comments, pilots and standard models at
national volume, for benchmarks (docs/performance.md, "Data at volume")."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ideas.core import volume
from ideas.proposals.models import Proposal


class Command(BaseCommand):
    help = (
        "Generate benchmark data at national volume (at --scale 1.0: "
        + volume.describe(volume.FULL_SCALE)
        + "), then build the search indexes. Refuses to run on a database that has proposals unless "
        "--append is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Multiplies every count (default 1.0).")
        for name, value in volume.FULL_SCALE.items():
            parser.add_argument(f"--{name}", type=int, help=f"Number of {name} (default {value:,} × scale).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same data.")
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=volume.DEFAULT_DATA_DIR,
            help="Where proposals_ko.csv.gz and proposals_en.csv.gz are (default: ../shared/data).",
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help="Add the generated data to a database that already has proposals (nothing is deleted).",
        )

    def handle(self, *args, scale, seed, data_dir, append, **options):
        counts = volume.scaled_counts(scale, **{name: options[name] for name in volume.FULL_SCALE})
        existing = Proposal.objects.count()
        if existing and not append:
            raise CommandError(
                f"The database already has {existing:,} proposals. Use an empty, migrated database, or "
                "--append to add the generated data to what is there (nothing is deleted)."
            )
        database = connection.settings_dict["NAME"]
        action = f"Adding to {existing:,} proposals" if existing else "Generating"
        self.stdout.write(f"{action} in {connection.vendor} database {database}: {volume.describe(counts)}.")
        self.stdout.write(f"Texts from {data_dir}; every account's password is “{volume.PASSWORD}”.")
        started = time.monotonic()
        generator = volume.VolumeGenerator(
            volume.VolumeConfig(counts=counts, seed=seed, data_dir=data_dir),
            log=self.stdout.write,
        )
        timings = generator.run()
        self.stdout.write("")
        self.stdout.write(volume.timing_table(timings))
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.0f} s."))
