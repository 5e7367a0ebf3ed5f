from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from ideas.proposals.tasks import purge_support_ips


class Command(BaseCommand):
    help = (
        "Forget the IP address of supports older than FIELDWORK['IP_RETENTION_DAYS'] days "
        "(env FIELDWORK_IP_RETENTION_DAYS, default 90); their e-mail domain stays. Run it daily "
        "(deploy/systemd/fieldwork-ip-purge.timer): it enqueues the task on the configured backend "
        "(inline on the embedded default)."
    )

    def handle(self, *args, **options):
        result = purge_support_ips.enqueue()
        if not result.is_finished:
            self.stdout.write(f"Enqueued the purge (task {result.id}).")
            return
        if result.status == TaskResultStatus.FAILED:
            raise CommandError("The purge failed:\n" + result.errors[-1].traceback)
        days = settings.FIELDWORK["IP_RETENTION_DAYS"]
        self.stdout.write(
            self.style.SUCCESS(f"Purged the IP address of {result.return_value} supports older than {days} days.")
        )
