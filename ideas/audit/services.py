from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def _account(user_id):
    return f"account {user_id}"


# How an entry names what it is about, per model, where ``str()`` would copy a citizen's personal
# data (a name, an e-mail address, what they wrote) into a log that can never be changed: accounts
# are named by number. Everything else is named by ``str()`` (a proposal's or a pilot's title).
LABELS = {
    "accounts.User": lambda user: _account(user.pk),
    "accounts.Membership": lambda m: f"{_account(m.user_id)} · {m.organisation} · {m.get_role_display()}",
    "accounts.ExpertApplication": lambda a: f"application {a.pk} ({_account(a.user_id)})",
    "accounts.ExpertProfile": lambda p: f"expert profile of {_account(p.user_id)}",
    "proposals.Comment": lambda c: f"comment {c.pk} on proposal {c.proposal_id}",
    "proposals.Flag": lambda f: f"flag {f.pk}",
    "proposals.ModerationDecision": lambda d: f"moderation decision {d.pk}",
    "proposals.ExpertReview": lambda r: f"review {r.pk} of proposal {r.proposal_id}",
}


def audit_label(target) -> str:
    label = LABELS.get(target._meta.label)
    return (label(target) if label else str(target))[:200]


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
    transaction, so the entry exists exactly when the action does.

    ``organisation`` is the one the action was taken for (the official's, or the one whose
    object it is). ``details`` must not copy personal data: name accounts by their id."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        organisation=organisation,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=str(target.pk) if target is not None else "",
        object_repr=audit_label(target) if target is not None else "",
        reason=reason,
        details=details or {},
    )
