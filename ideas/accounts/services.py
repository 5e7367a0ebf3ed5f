from functools import partial

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ideas.audit.models import AuditEntry
from ideas.audit.services import audit_record
from ideas.core.exceptions import ActionRefused
from ideas.core.permissions import ensure
from ideas.notifications.models import Notification
from ideas.notifications.services import notify

from . import personal_data
from .models import ExpertApplication, ExpertProfile, Membership, User
from .tasks import account_sessions_delete


def expert_application_submit(*, user, profession: str, workplace: str, evidence: str) -> ExpertApplication:
    if hasattr(user, "expert_profile"):
        raise ActionRefused(_("You are already a verified field expert."))
    if user.expert_applications.filter(status=ExpertApplication.Status.PENDING).exists():
        raise ActionRefused(_("Your application is already waiting for a decision."))
    return ExpertApplication.objects.create(user=user, profession=profession, workplace=workplace, evidence=evidence)


def expert_application_decide(*, application: ExpertApplication, staff, approve: bool, reason: str = ""):
    """Staff approve or reject an application; the applicant is told why."""
    ensure(staff, "accounts.review_expert_applications")
    reason = reason.strip()
    if not approve and not reason:
        raise ActionRefused(_("Tell the applicant why their application is rejected."))
    with transaction.atomic():
        application = ExpertApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != ExpertApplication.Status.PENDING:
            raise ActionRefused(_("This application has already been decided."))
        application.status = ExpertApplication.Status.APPROVED if approve else ExpertApplication.Status.REJECTED
        application.decision_reason = reason
        application.decided_by = staff
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
        audit_record(
            actor=staff,
            action=AuditEntry.Action.EXPERT_DECIDED,
            target=application,
            reason=reason,
            details={"account": application.user_id, "decision": application.status},
        )
        if approve:
            ExpertProfile.objects.update_or_create(
                user=application.user,
                defaults={
                    "profession": application.profession,
                    "workplace": application.workplace,
                    "application": application,
                    "verified_at": application.decided_at,
                },
            )

            def message():
                text = _("You are now a verified field expert (%(profession)s). Everything you write carries a badge.")
                return text % {"profession": application.profession}
        else:

            def message():
                return _("Your field-expert application was not approved: %(reason)s") % {"reason": reason}

        notify(
            recipients=[application.user],
            kind=Notification.Kind.EXPERT_DECISION,
            message=message,
            url=lambda: reverse("accounts:profile"),
        )
    return application


# --- Roles: organisation memberships, staff status, permission groups ----------------------
# Every change of who may act for an organisation or for the platform goes through these, so it
# is in the audit log whoever makes it (the Django admin calls them: ideas/accounts/admin.py).


def membership_grant(*, actor, user, organisation, role: str) -> Membership:
    with transaction.atomic():
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        audit_record(
            actor=actor,
            action=AuditEntry.Action.ROLE_GRANTED,
            target=membership,
            organisation=organisation,
            details={"account": user.pk, "role": role},
        )
    return membership


def membership_change(*, actor, membership: Membership, organisation=None, role: str | None = None) -> Membership:
    """Move a membership to another organisation or role (one entry with both, old and new)."""
    with transaction.atomic():
        stored = Membership.objects.select_for_update().get(pk=membership.pk)
        new_organisation = organisation if organisation is not None else stored.organisation
        new_role = role if role is not None else stored.role
        if (new_organisation.pk, new_role) == (stored.organisation_id, stored.role):
            return stored
        details = {"account": stored.user_id, "role": {"from": stored.role, "to": new_role}}
        if new_organisation.pk != stored.organisation_id:
            details["organisation"] = {"from": stored.organisation_id, "to": new_organisation.pk}
        stored.organisation, stored.role = new_organisation, new_role
        stored.save(update_fields=["organisation", "role"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.ROLE_CHANGED,
            target=stored,
            organisation=new_organisation,
            details=details,
        )
    return stored


def membership_revoke(*, actor, membership: Membership, reason: str = "") -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEntry.Action.ROLE_REVOKED,
            target=membership,
            organisation=membership.organisation,
            reason=reason,
            details={"account": membership.user_id, "role": membership.role},
        )
        membership.delete()


def memberships_end(*, actor, holder, reason: str = "") -> None:
    """End all memberships of ``holder``, an account or an organisation (before it is deleted),
    each recorded."""
    with transaction.atomic():
        for membership in holder.memberships.select_related("organisation"):
            membership_revoke(actor=actor, membership=membership, reason=reason)


def account_roles_snapshot(user) -> dict:
    """What an account may do on the platform, as stored: compare two with ``account_roles_record``."""
    stored = User.objects.filter(pk=user.pk).values("is_staff", "is_superuser").first() if user.pk else None
    if stored is None:  # a new account
        return {"is_staff": False, "is_superuser": False, "groups": set(), "permissions": set()}
    permissions = User.user_permissions.through.objects.filter(user_id=user.pk).values_list(
        "permission__content_type__app_label", "permission__codename"
    )
    return {
        **stored,
        "groups": set(User.groups.through.objects.filter(user_id=user.pk).values_list("group__name", flat=True)),
        "permissions": {f"{app}.{codename}" for app, codename in permissions},
    }


def account_roles_record(*, actor, user, before: dict) -> None:
    """Record the change of ``user``'s staff status, superuser status and permission groups
    since ``before`` (``account_roles_snapshot``), inside the transaction that changed them."""
    after = account_roles_snapshot(user)
    flags = {
        name: {"from": before[name], "to": after[name]}
        for name in ("is_staff", "is_superuser")
        if before[name] != after[name]
    }
    if flags:
        audit_record(
            actor=actor, action=AuditEntry.Action.STAFF_CHANGED, target=user, details={"account": user.pk, **flags}
        )
    changes = {}
    for name in ("groups", "permissions"):
        added, removed = sorted(after[name] - before[name]), sorted(before[name] - after[name])
        if added or removed:
            changes[name] = {"added": added, "removed": removed}
    if changes:
        audit_record(
            actor=actor, action=AuditEntry.Action.GROUPS_CHANGED, target=user, details={"account": user.pk, **changes}
        )


def account_roles_change(*, actor, user, is_staff=None, is_superuser=None, groups=None) -> None:
    """Change an account's staff and superuser status and its permission groups (``None``
    leaves one as it is), recorded in the audit log."""
    with transaction.atomic():
        before = account_roles_snapshot(user)
        fields = {"is_staff": is_staff, "is_superuser": is_superuser}
        fields = {name: value for name, value in fields.items() if value is not None}
        if fields:
            User.objects.filter(pk=user.pk).update(**fields)
            for name, value in fields.items():
                setattr(user, name, value)
        if groups is not None:
            user.groups.set(groups)
        account_roles_record(actor=actor, user=user, before=before)


def profile_update(*, user, display_name: str, show_name_publicly: bool, language: str):
    user.display_name = display_name
    user.show_name_publicly = show_name_publicly
    user.language = language
    user.save(update_fields=["display_name", "show_name_publicly", "language"])
    return user


# --- Personal data: export and deletion (ideas/accounts/personal_data.py) ------------------

EXPORT_FORMAT = "fieldwork-personal-data/1"


def account_export(*, user) -> dict:
    """Everything Fieldwork holds about ``user``, ready for JSON (``personal_data.ExportEncoder``).

    ``account`` is the account row; ``records`` has, per model, the rows of each relation that
    points at the account (``records["proposals.Flag"]["rows"]["reporter"]``), the rows that hang
    off them (a proposal's attachments) and the log entries about the account (``"object"``).
    One query per relation, whatever the number of rows.
    """
    account = personal_data.export_rows(User, user=user, filters={"pk": user.pk})[0]
    for field in User._meta.many_to_many:
        account[field.name] = sorted(str(related) for related in getattr(user, field.name).all())
    records = {}

    def add(model, relation, rows):
        entry = records.setdefault(model._meta.label, {"description": str(model._meta.verbose_name_plural), "rows": {}})
        entry["rows"][relation] = rows

    for model, field in personal_data.account_relations():
        key = personal_data.relation_key(model, field.name)
        only = personal_data.ONLY_EXPORTED.get(key)
        add(model, field.name, personal_data.export_rows(model, user=user, filters={field.name: user}, only=only))
        for name in personal_data.EXPORTED_WITH.get(key, ()):
            reverse_relation = model._meta.get_field(name)
            path = f"{reverse_relation.field.name}__{field.name}"
            rows = personal_data.export_rows(reverse_relation.related_model, user=user, filters={path: user})
            add(reverse_relation.related_model, path.replace("__", "."), rows)
    account_type = ContentType.objects.get_for_model(User)
    for model in personal_data.generic_references():
        filters = {"content_type": account_type, "object_id": str(user.pk)}
        add(model, "object", personal_data.export_rows(model, user=user, filters=filters))
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "site": settings.SITE_URL,
        "account": account,
        "records": records,
    }


# Kept on the emptied row of a deleted account: its id (what its contributions point at) and
# when it was made. Every other field goes back to its default.
KEPT_ON_DELETION = {"id", "date_joined"}


def account_delete(*, user) -> None:
    """Delete the account of ``user`` at their request (docs/decisions.md, "Deleting an account").

    The row stays, emptied, so that every foreign key stays valid: what they contributed
    (proposals, comments, supports, reviews, decisions) stays, credited to "deleted account";
    what is purely personal goes (``personal_data.ON_DELETION``). They can no longer log in,
    their e-mail address is free for a new sign-up, their sessions are deleted and the old
    address is told once the deletion is committed. Officials' memberships end, each recorded
    in the audit log. Staff must first be demoted by another staff member.
    """
    if not user.has_perm("accounts.delete_account"):
        raise ActionRefused(
            _(
                "Staff accounts cannot be deleted. Ask another staff member to remove your staff status; "
                "you can then delete your account."
            )
        )
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_deleted:
            raise ActionRefused(_("This account is already deleted."))
        address, language = user.email, user.language
        _account_empty(user)
        memberships_end(actor=user, holder=user, reason=_("The official deleted their account."))
        for model, field in personal_data.account_relations():
            # A relation without a rule fails tests/test_personal_data.py long before this.
            remove = personal_data.ON_DELETION[personal_data.relation_key(model, field.name)]
            if remove is not personal_data.KEEP:
                remove(model._base_manager.filter(**{field.name: user}))
        for field in User._meta.many_to_many:
            getattr(user, field.name).clear()
        account_type = ContentType.objects.get_for_model(User)
        for label, name in personal_data.GENERIC_LABELS.items():
            apps.get_model(label)._base_manager.filter(content_type=account_type, object_id=str(user.pk)).update(
                **{name: str(user)}
            )
        transaction.on_commit(partial(account_sessions_delete.enqueue, user.pk))
        # Sent from here, not a task: a task's arguments are logged, and the address is gone.
        transaction.on_commit(partial(_send_deletion_confirmation, address, language), robust=True)


def _account_empty(user):
    fields = [f for f in User._meta.concrete_fields if f.name not in KEPT_ON_DELETION]
    for field in fields:
        setattr(user, field.attname, field.get_default())
    user.email = f"deleted-{user.pk}@deleted.invalid"  # unique, and no mail can reach it
    user.set_unusable_password()
    user.is_active = False
    user.deleted_at = timezone.now()
    user.save(update_fields=[f.name for f in fields])


def _send_deletion_confirmation(address, language):
    with translation.override(language):
        context = {"site_url": settings.SITE_URL}
        subject = render_to_string("accounts/email/deleted_subject.txt", context).strip()
        body = render_to_string("accounts/email/deleted_body.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, settings.DEFAULT_FROM_EMAIL, [address])
