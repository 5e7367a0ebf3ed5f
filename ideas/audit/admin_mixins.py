"""Staff corrections in the Django admin, in the audit log.

The pages and their services make the decisions (and record them); the Django admin is for
corrections: a proposal's text, a pilot's metrics, an organisation's website. Every admin of
Fieldwork's own models mixes in ``AuditedAdmin`` (``tests/test_audit_log.py`` fails for one that
does not), so each addition, change and deletion there is recorded, in the admin's transaction,
with the names of the fields and inlines that changed (never their values: a text may hold
personal data).
"""

from django.db import transaction

from ideas.accounts.models import Organisation

from .models import AuditEntry
from .services import audit_record


def audit_organisation(obj):
    """The organisation an object belongs to, if it says."""
    if isinstance(obj, Organisation):
        return obj
    for name in ("organisation", "lead_organisation", "owner", "assigned_organisation", "pilot"):
        value = getattr(obj, name, None)
        if isinstance(value, Organisation):
            return value
        if name == "pilot" and value is not None:
            return getattr(value, "lead_organisation", None)
    return None


class AuditedAdmin:
    # Recorded by their own services with more detail (ideas/accounts/admin.py: roles).
    audit_ignored_fields = ()
    audit_ignored_inlines = ()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        fields = sorted(set(form.changed_data) - set(self.audit_ignored_fields))
        inlines = {}
        for formset in formsets:
            if formset.model in self.audit_ignored_inlines:
                continue
            counts = {kind: len(getattr(formset, f"{kind}_objects", ())) for kind in ("new", "changed", "deleted")}
            if any(counts.values()):
                inlines[formset.model._meta.label] = counts
        if change and not fields and not inlines:
            return
        audit_record(
            actor=request.user,
            action=AuditEntry.Action.ADMIN_CHANGED if change else AuditEntry.Action.ADMIN_ADDED,
            target=form.instance,
            organisation=audit_organisation(form.instance),
            details={"fields": fields, **({"inlines": inlines} if inlines else {})},
        )

    def _record_deletion(self, request, obj):
        audit_record(
            actor=request.user,
            action=AuditEntry.Action.ADMIN_DELETED,
            target=obj,
            organisation=audit_organisation(obj),
        )

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._record_deletion(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self._record_deletion(request, obj)
            super().delete_queryset(request, queryset)
