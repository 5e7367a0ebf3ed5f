from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def audit_record(
    *,
    actor,
    action: AuditEntry.Action,
    target=None,
    organisation=None,
    reason: str = "",
    details: dict | None = None,
) -> AuditEntry:
    """Record an official's or staff member's action. Call it inside the action's
    transaction, so the entry exists exactly when the action does."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        organisation=organisation,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:200] if target is not None else "",
        reason=reason,
        details=details or {},
    )
