from django_tasks import task

from . import services


@task()
def purge_support_ips() -> int:
    """Forget the IP addresses of supports older than ``FIELDWORK["IP_RETENTION_DAYS"]``."""
    return services.support_ips_purge()
