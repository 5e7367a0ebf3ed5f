"""What Fieldwork holds about an account, found by walking the models, for export and deletion.

Every installed model (ours, allauth's, Wagtail's, Django's) with a foreign key to the user
model is found by ``account_relations()``, so a model added later is exported without anyone
remembering to. What is declared here is only what a walk cannot know:

* ``SECRETS`` and ``ABOUT_OTHERS``: fields never exported, per model;
* ``ONLY_EXPORTED``: for rows that belong to someone else and merely name the account (the
  staff member who decided an application), the few fields that are the account's doing;
* ``EXPORTED_WITH``: rows that hang off the account's rows (the attachments of a proposal);
* ``ON_DELETION``: per relation, what happens to its rows when the account is deleted.

Whatever the declarations, an exported row never names another account: their ids are
replaced by ``ANOTHER_ACCOUNT``. ``tests/test_personal_data.py`` fails when a relation has no
deletion rule, so each new one is a decision, not an accident.
"""

import base64
from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

ANOTHER_ACCOUNT = "another account"

# label -> {secret field: what the export says instead}: the person sees it is held, never its value.
SECRETS = {
    "accounts.User": {"password": "held as a salted hash, never exported"},
    # The TOTP secret, the recovery-code seed, WebAuthn credentials.
    "mfa.Authenticator": {"data": "secret, never exported"},
    "wagtailcore.APIToken": {"key_hash": "held as a hash, never exported"},
}
# label -> fields left out because they may be about other people.
ABOUT_OTHERS = {
    # Audit details and labels may name the people acted on (a role granted to someone).
    "audit.AuditEntry": {"object_repr", "details"},
    "admin.LogEntry": {"object_repr"},
    "wagtailcore.ModelLogEntry": {"label", "data"},
    "wagtailcore.PageLogEntry": {"data"},
    "wagtailcore.Revision": {"content"},  # a copy of the whole page, with its other editors
}

# "label.field" -> the only fields exported of rows reached through that relation: rows
# someone else wrote, which name the account only because it acted on them.
ONLY_EXPORTED = {
    "accounts.ExpertApplication.decided_by": ("id", "status", "decision_reason", "decided_at"),
    "proposals.Flag.resolved_by": ("id", "proposal", "comment", "resolved_at"),
    "proposals.Proposal.hold_decided_by": ("id", "hold_decided_at", "hold_reason"),
    "wagtailcore.Comment.resolved_by": ("id", "page", "resolved_at"),
}

# "label.field" -> reverse relations of those rows exported with them, as "<label>" rows.
EXPORTED_WITH = {
    "proposals.Proposal.author": ("attachments", "timeline"),
}


# --- What happens to rows on deletion ------------------------------------------------
# KEEP: a contribution or a record; it stays, credited to "deleted account" (the account row
# stays, emptied). Otherwise a function that removes (or releases) the rows.

KEEP = None


def delete_rows(rows):
    rows.delete()


def delete_drafts(rows):
    """Drafts were never public: they go; submitted proposals are contributions and stay."""
    from ideas.proposals.models import Proposal
    from ideas.proposals.services import proposals_delete_drafts

    proposals_delete_drafts(rows.filter(status=Proposal.Status.DRAFT))


def forget_addresses(rows):
    """Supports stay counted, but where they came from is the person's: their IP addresses go
    now rather than at the end of the retention period (the e-mail domain stays, for statistics)."""
    rows.update(ip_address=None, ip_range=None)


def release_locks(rows):
    """A page locked by someone who can no longer sign in would stay locked for ever."""
    rows.update(locked=False, locked_by=None, locked_at=None)


ON_DELETION = {
    # Fieldwork
    "accounts.Membership.user": delete_rows,
    "accounts.ExpertApplication.user": delete_rows,
    "accounts.ExpertApplication.decided_by": KEEP,
    "accounts.ExpertProfile.user": delete_rows,
    "proposals.Challenge.created_by": KEEP,
    "proposals.Proposal.author": delete_drafts,
    "proposals.Proposal.hold_decided_by": KEEP,  # a staff decision on someone else's proposal
    "proposals.StatusChange.actor": KEEP,
    "proposals.Assignment.assigned_by": KEEP,
    "proposals.ExpertReview.reviewer": KEEP,
    "proposals.Support.user": forget_addresses,
    "proposals.SupportInvalidation.staff": KEEP,  # a staff decision, like the audit entry that records it
    "proposals.Follow.user": delete_rows,
    "proposals.Comment.author": KEEP,
    "proposals.Flag.reporter": KEEP,
    "proposals.Flag.resolved_by": KEEP,
    "proposals.ModerationDecision.moderator": KEEP,
    "notifications.Notification.recipient": delete_rows,
    "pilots.Pilot.created_by": KEEP,
    "pilots.Iteration.recorded_by": KEEP,
    "playbooks.ModelVersion.published_by": KEEP,
    "playbooks.Adoption.recorded_by": KEEP,
    "audit.AuditEntry.actor": KEEP,  # append-only (ideas/audit): keeps the actor's id
    # allauth
    "account.EmailAddress.user": delete_rows,
    "mfa.Authenticator.user": delete_rows,
    # Wagtail (its admin: standard models and their editors)
    "wagtailusers.UserProfile.user": delete_rows,
    "wagtailadmin.EditingSession.user": delete_rows,
    "wagtailadmin.FormState.user": delete_rows,
    "wagtailcore.APIToken.user": delete_rows,
    "wagtailcore.PageSubscription.user": delete_rows,
    "wagtailcore.Page.owner": KEEP,
    "wagtailcore.Page.locked_by": release_locks,
    "wagtailcore.Revision.user": KEEP,
    "wagtailcore.ModelLogEntry.user": KEEP,
    "wagtailcore.PageLogEntry.user": KEEP,
    "wagtailcore.WorkflowState.requested_by": KEEP,
    "wagtailcore.TaskState.finished_by": KEEP,
    "wagtailcore.Comment.user": KEEP,
    "wagtailcore.Comment.resolved_by": KEEP,
    "wagtailcore.CommentReply.user": KEEP,
    "wagtailcore.UploadedFile.uploaded_by_user": KEEP,
    "wagtaildocs.Document.uploaded_by_user": KEEP,
    "wagtailimages.Image.uploaded_by_user": KEEP,
    # Django's admin log
    "admin.LogEntry.user": KEEP,
}

# Logs that name an account in a label, by a generic reference (content type and object id):
# the label is replaced when the account is deleted. (The audit log cannot be changed.)
GENERIC_LABELS = {"admin.LogEntry": "object_repr", "wagtailcore.ModelLogEntry": "label"}


def relation_key(model, field_name):
    return f"{model._meta.label}.{field_name}"


@cache
def account_relations():
    """Every (model, foreign key) pointing at the user model, in every installed app.

    A field inherited from a parent model (multi-table inheritance) is listed once, on the
    parent; many-to-many fields of the user model itself (groups, permissions) are part of
    the account, not relations.
    """
    user_model = get_user_model()
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.auto_created is user_model:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model and field.model is model:
                found.append((model, field))
    return sorted(found, key=lambda pair: relation_key(pair[0], pair[1].name))


@cache
def generic_references():
    """Models that point at any object, the account included, by content type and object id."""
    found = []
    for model in apps.get_models():
        names = {f.name: f for f in model._meta.concrete_fields}
        content_type = names.get("content_type")
        if (
            content_type is not None
            and "object_id" in names
            and content_type.is_relation
            and content_type.related_model is ContentType
        ):
            found.append(model)
    return sorted(found, key=lambda model: model._meta.label)


# --- Export ------------------------------------------------------------------------


def export_rows(model, *, user, filters, only=None):
    """The rows of ``model`` matching ``filters``, as plain values, in one query."""
    label = model._meta.label
    secrets = SECRETS.get(label, {}) if only is None else {}
    hidden = SECRETS.get(label, {}).keys() | ABOUT_OTHERS.get(label, set())
    fields = [f for f in model._meta.concrete_fields if f.name not in hidden and (only is None or f.name in only)]
    rows = model._base_manager.filter(**filters).order_by("pk").values(*[f.name for f in fields])
    return [_plain(row, fields=fields, secrets=secrets, user=user) for row in rows.iterator()]


def _plain(row, *, fields, secrets, user):
    user_model = get_user_model()
    for field in fields:
        value = row[field.name]
        if value is None:
            continue
        if field.is_relation and field.related_model is user_model and value != user.pk:
            row[field.name] = ANOTHER_ACCOUNT
        elif field.is_relation and field.related_model is ContentType:
            content_type = ContentType.objects.get_for_id(value)
            row[field.name] = f"{content_type.app_label}.{content_type.model}"
        elif isinstance(field, models.FileField):
            row[field.name] = {"name": value, "url": _absolute(field.storage.url(value)) if value else None}
    if row.get("content_type") == user_model._meta.label_lower and row.get("object_id") not in (None, str(user.pk)):
        row["object_id"] = ANOTHER_ACCOUNT
    row.update(secrets)
    return row


def _absolute(url):
    return url if "://" in url else settings.SITE_URL.rstrip("/") + url


class ExportEncoder(DjangoJSONEncoder):
    """Dates as ISO 8601, decimals and UUIDs as strings, binary data in base64."""

    def default(self, o):
        if isinstance(o, bytes | memoryview):
            return base64.b64encode(bytes(o)).decode("ascii")
        return super().default(o)
