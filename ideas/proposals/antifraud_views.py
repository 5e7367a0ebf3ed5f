"""Staff pages of anti-fraud on supports: unusual bursts, and invalidating supports in bulk."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ideas.core.exceptions import ActionRefused
from ideas.core.permissions import require

from . import services
from .antifraud import BurstReport
from .forms import SupportCriteriaForm, SupportInvalidationForm, SupportWindowForm
from .models import SupportInvalidation


@require_GET
def support_bursts(request):
    require(request, "proposals.moderate")
    form = SupportWindowForm(request.GET or None)
    by, start, end = form.selection()
    report = BurstReport(by=by, start=start, end=end)
    return render(
        request,
        "proposals/support_bursts.html",
        {
            "form": form,
            "report": report,
            "page": Paginator(report, settings.FIELDWORK["PAGE_SIZE"]).get_page(request.GET.get("page")),
            "invalidations": SupportInvalidation.objects.select_related("staff", "proposal")[:20],
            "new_account_hours": settings.FIELDWORK["NEW_ACCOUNT_HOURS"],
        },
    )


@require_http_methods(["GET", "POST"])
def support_invalidate(request):
    """GET: the criteria and what they would hit (a preview). POST: invalidate, with a reason."""
    require(request, "proposals.moderate")
    posted = request.method == "POST"
    data = request.POST if posted else request.GET
    criteria_form = SupportCriteriaForm(data) if data else SupportCriteriaForm()
    confirm_form = SupportInvalidationForm(request.POST) if posted else SupportInvalidationForm()
    if posted and confirm_form.is_valid():
        try:
            invalidation = services.supports_invalidate(
                staff=request.user, criteria=confirm_form.criteria(), reason=confirm_form.cleaned_data["reason"]
            )
        except ActionRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("Supports invalidated: %(supports)s (accounts: %(accounts)s, proposals: %(proposals)s).")
                % {
                    "supports": invalidation.support_total,
                    "accounts": invalidation.account_total,
                    "proposals": invalidation.proposal_total,
                },
            )
            return redirect("proposals:support_bursts")
    criteria = criteria_form.criteria() if criteria_form.is_bound and criteria_form.is_valid() else None
    return render(
        request,
        "proposals/support_invalidate.html",
        {
            "criteria_form": criteria_form,
            "confirm_form": confirm_form,
            "preview": criteria.preview() if criteria else None,
            "proposals_hit": criteria.proposals_hit() if criteria else [],
        },
    )
