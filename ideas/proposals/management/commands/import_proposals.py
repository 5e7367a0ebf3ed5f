"""Import proposals from an older petition or idea system: see docs/import.md."""

from django.core.management.base import BaseCommand, CommandError

from ideas.proposals import importing


class Command(BaseCommand):
    help = (
        "Import proposals from a CSV (UTF-8, optionally gzipped) exported from an older petition or idea "
        "system. Every row is validated first; nothing is written if any row is invalid (unless "
        "--skip-invalid), and everything is written in one transaction. Re-running the same file "
        "changes nothing (or, with --update, updates the rows that changed). See docs/import.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (.csv or .csv.gz).")
        parser.add_argument(
            "--source",
            default="",
            help="Short name of the old system (e.g. cheongwadae); overrides the file's source column.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; write nothing.")
        parser.add_argument(
            "--skip-invalid", action="store_true", help="Import the valid rows even if some rows are invalid."
        )
        parser.add_argument(
            "--update", action="store_true", help="Update proposals imported before whose data changed in the file."
        )
        parser.add_argument("--errors", metavar="FILE", help="Also write every error and warning to this CSV file.")
        parser.add_argument(
            "--category-map", metavar="FILE", help="CSV with the columns from,to: old category → Fieldwork slug."
        )
        parser.add_argument(
            "--status-map",
            metavar="FILE",
            help="CSV with the columns from,to: old status → submitted, under_review, accepted, declined, "
            "withdrawn (or open, closed).",
        )
        parser.add_argument("--default-category", default="other", help="Slug for unknown categories (other).")
        parser.add_argument("--default-region", default="nationwide", help="Slug for unknown regions (nationwide).")
        parser.add_argument(
            "--timezone", default="", help="Time zone of dates without one (default: the site's TIME_ZONE)."
        )
        parser.add_argument("--limit", type=int, help="Only the first N rows (for trials).")

    def handle(self, *args, **options):
        try:
            settings = importing.Options(
                source=options["source"].strip(),
                category_map=importing.read_map(options["category_map"], what="category")
                if options["category_map"]
                else {},
                status_map=importing.read_map(options["status_map"], what="status") if options["status_map"] else {},
                default_category=options["default_category"],
                default_region=options["default_region"],
                timezone=options["timezone"],
                update=options["update"],
                skip_invalid=options["skip_invalid"],
                dry_run=options["dry_run"],
                limit=options["limit"],
            )
            report = importing.run(options["file"], settings)
        except importing.ImportRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        except ValueError as exc:  # an unknown --timezone
            raise CommandError(str(exc)) from exc
        if options["errors"]:
            importing.write_issues_csv(report, options["errors"])
        for line in importing.report_lines(report):
            self.stdout.write(line)
        if options["errors"]:
            self.stdout.write(f"Errors and warnings written to {options['errors']}.")
        if report.refused:
            raise CommandError(f"{len(report.invalid_rows):,} invalid rows: nothing was imported.")
