from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An in-app notification; the same event is also sent by e-mail."""

    class Kind(models.TextChoices):
        NEW_COMMENT = "new_comment", _("new comment")
        STATUS_CHANGE = "status_change", _("status change")
        MODERATION = "moderation", _("moderation")
        EXPERT_DECISION = "expert_decision", _("field-expert decision")
        ASSIGNMENT = "assignment", _("proposal assigned")
        PILOT_UPDATE = "pilot_update", _("pilot update")
        ADOPTION_FEEDBACK = "adoption_feedback", _("feedback on a standard model")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    message = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.message[:80]
