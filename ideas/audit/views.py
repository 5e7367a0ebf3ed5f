"""The staff page of the audit log (/audit/) and its CSV download, with the same filters."""

import csv
import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ideas.api.exports import csv_cell
from ideas.core.permissions import require

from .filters import AuditFilter
from .models import AuditEntry


def _admin_account(entry):
    account = entry.details.get("account") if isinstance(entry.details, dict) else None
    return reverse("admin:accounts_user_change", args=[account]) if isinstance(account, int) else None


# Where the object of an entry has a page, by model label: built from its id, without a query.
OBJECT_URLS = {
    "proposals.proposal": lambda e: reverse("proposals:detail", args=[e.object_id]),
    "proposals.comment": lambda e: reverse("proposals:comment", args=[e.object_id]),
    "proposals.challenge": lambda e: reverse("proposals:challenge_detail", args=[e.object_id]),
    "proposals.supportinvalidation": lambda e: reverse("proposals:support_bursts"),
    "proposals.moderationsettings": lambda e: reverse("wagtailsettings:edit", args=["proposals", "moderationsettings"]),
    "accounts.expertapplication": lambda e: reverse("admin:accounts_expertapplication_change", args=[e.object_id]),
    "accounts.membership": _admin_account,
    "accounts.user": lambda e: reverse("admin:accounts_user_change", args=[e.object_id]),
    "pilots.pilot": lambda e: reverse("pilots:detail", args=[e.object_id]),
    "playbooks.standardmodelpage": lambda e: reverse("wagtailadmin_pages:edit", args=[e.object_id]),
    "playbooks.adoption": lambda e: reverse("admin:playbooks_adoption_change", args=[e.object_id]),
}


def object_url(entry):
    if entry.content_type_id is None or not entry.object_id.isdigit():
        return None
    ct = entry.content_type
    make = OBJECT_URLS.get(f"{ct.app_label}.{ct.model}")
    return make(entry) if make else None


def details_text(entry):
    return json.dumps(entry.details, ensure_ascii=False, sort_keys=True) if entry.details else ""


def _entries(request):
    queryset = AuditEntry.objects.select_related("actor", "organisation", "content_type")
    return AuditFilter(request.GET or None, queryset=queryset)


@never_cache
@require_GET
def audit_log(request):
    require(request, "audit.view_log")
    audit_filter = _entries(request)
    page = Paginator(audit_filter.qs, settings.FIELDWORK["PAGE_SIZE"]).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.url = object_url(entry)
        entry.details_text = details_text(entry)
    return render(
        request,
        "audit/log.html",
        {"filter": audit_filter, "page": page, "filtered": bool(request.GET.keys() - {"page"})},
    )


class _Echo:
    def write(self, value):
        return value


CSV_HEADERS = (
    "id",
    "when",
    "action",
    "action_label",
    "actor_account",
    "actor_name",
    "organisation",
    "object_type",
    "object_id",
    "object",
    "reason",
    "details",
)


def _csv_rows(queryset):
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_HEADERS)  # a byte-order mark: spreadsheets read Korean text
    labels = dict(AuditEntry.Action.choices)
    for entry in queryset.iterator(chunk_size=2000):
        ct = entry.content_type
        row = (
            entry.pk,
            entry.created_at,
            entry.action,
            labels.get(entry.action, entry.action),
            entry.actor_id,
            entry.actor.display_name if entry.actor else "",
            entry.organisation.slug if entry.organisation else "",
            f"{ct.app_label}.{ct.model}" if ct else "",
            entry.object_id,
            entry.object_repr,
            entry.reason,
            details_text(entry),
        )
        yield writer.writerow([csv_cell(value) for value in row])


@never_cache
@require_GET
def audit_log_csv(request):
    """The filtered entries, newest first, streamed: the whole log if need be, in constant memory."""
    require(request, "audit.view_log")
    audit_filter = _entries(request)
    response = StreamingHttpResponse(_csv_rows(audit_filter.qs), content_type="text/csv; charset=utf-8")
    filename = f"fieldwork-audit-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
