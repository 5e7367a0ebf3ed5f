from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone, translation

from .models import Notification
from .tasks import send_notification_emails


def notify(
    *, recipients: Iterable, kind: str, message: Callable[[], str], url: Callable[[], str], exclude=None
) -> list[int]:
    """Create an in-app notification per recipient and e-mail them after the commit.

    ``message`` and ``url`` are called once per recipient with that recipient's language
    active, so everyone reads the notification, and lands on the page, in their language.
    Inactive and deleted accounts get nothing (a pilot still tells its proposals' authors).
    """
    seen = set()
    rows = []
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen or (exclude is not None and user.pk == exclude.pk):
            continue
        seen.add(user.pk)
        with translation.override(user.language):
            text, link = str(message()), url()
        rows.append(Notification(recipient=user, kind=kind, message=text, url=link))
    created = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in created]
    if ids:
        transaction.on_commit(lambda: send_notification_emails.enqueue(ids))
    return ids


def notifications_mark_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
