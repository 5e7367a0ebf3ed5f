from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from .models import Notification


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each notification to its recipient, in the recipient's language."""
    sent = 0
    notifications = Notification.objects.filter(pk__in=notification_ids).select_related("recipient")
    for notification in notifications:
        recipient = notification.recipient
        if not recipient.is_active:
            continue
        with translation.override(recipient.language):
            context = {"notification": notification, "user": recipient, "site_url": settings.SITE_URL}
            subject = render_to_string("notifications/email/subject.txt", context).strip()
            body = render_to_string("notifications/email/body.txt", context)
        send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email])
        sent += 1
    return sent
