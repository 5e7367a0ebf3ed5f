"""The audit log: every official and staff action, append-only.

Rows are written by ``ideas.audit.services.audit_record`` inside the transaction of the
action they record, and never changed: ``save()`` refuses an existing row, the queryset
refuses ``update()`` and ``delete()``, and a database trigger (migration 0001) refuses
UPDATE and DELETE whatever the code path. References to accounts, organisations and the
object acted on are kept without foreign-key constraints, so deleting any of them leaves
the log as it was (the entry also keeps how the object was named at the time).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Something tried to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def _raw_delete(self, using):  # what a cascading deletion would use
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        PROPOSAL_ASSIGNED = "proposal.assign", _("proposal assigned")
        PROPOSAL_DECIDED = "proposal.decide", _("proposal decided")
        PROPOSAL_MERGED = "proposal.merge", _("proposal merged")
        PROPOSAL_APPROVED = "proposal.approve", _("held proposal approved")
        PROPOSAL_REJECTED = "proposal.reject", _("held proposal rejected")
        CONTENT_HIDDEN = "moderation.hide", _("content hidden")
        CONTENT_RESTORED = "moderation.restore", _("content restored")
        FLAGS_DISMISSED = "moderation.dismiss", _("flags dismissed")
        SUPPORTS_INVALIDATED = "supports.invalidate", _("supports invalidated")
        EXPERT_DECIDED = "expert.decide", _("expert application decided")
        CHALLENGE_SAVED = "challenge.save", _("challenge saved")
        PILOT_CREATED = "pilot.create", _("pilot created")
        PILOT_CHANGED = "pilot.change", _("pilot changed")
        PILOT_STARTED = "pilot.start", _("pilot started")
        PILOT_CONCLUDED = "pilot.conclude", _("pilot concluded")
        ITERATION_RECORDED = "pilot.iteration", _("iteration recorded")
        ITERATION_CHANGED = "pilot.iteration_change", _("iteration corrected")
        MODEL_DRAFTED = "model.draft", _("standard model drafted")
        MODEL_PUBLISHED = "model.publish", _("standard model published")
        MODEL_UNPUBLISHED = "model.unpublish", _("standard model unpublished")
        ADOPTION_RECORDED = "model.adopt", _("adoption recorded")
        FEEDBACK_REVIEWED = "model.feedback", _("feedback marked as addressed")
        ROLE_GRANTED = "role.grant", _("role granted")
        ROLE_CHANGED = "role.change", _("role changed")
        ROLE_REVOKED = "role.revoke", _("role revoked")
        STAFF_CHANGED = "account.staff", _("staff status changed")
        GROUPS_CHANGED = "account.groups", _("permission groups changed")
        SETTING_CHANGED = "setting.change", _("setting changed")
        ADMIN_ADDED = "admin.add", _("added in the Django admin")
        ADMIN_CHANGED = "admin.change", _("changed in the Django admin")
        ADMIN_DELETED = "admin.delete", _("deleted in the Django admin")

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("what"), max_length=200, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object_idx")]
        # Django's internal manager (related lookups, deletion) is the guarded one too.
        base_manager_name = "objects"
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")
