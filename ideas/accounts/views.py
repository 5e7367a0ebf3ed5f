from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ideas.core.exceptions import ActionRefused
from ideas.core.permissions import require

from . import services
from .forms import AccountDeleteForm, ExpertApplicationForm, ExpertDecisionForm, ProfileForm
from .models import ExpertApplication
from .personal_data import ExportEncoder


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """The account page: public name, expertise, one's own proposals."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "proposals": request.user.proposals.select_related("category").order_by("-updated_at"),
            "applications": request.user.expert_applications.all()[:5],
            "memberships": request.user.memberships.select_related("organisation"),
        },
    )


@require_http_methods(["GET", "POST"])
def expert_apply(request):
    require(request, "accounts.apply_expert")
    form = ExpertApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_application_submit(user=request.user, **form.cleaned_data)
        except ActionRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Your application is sent. Staff will check it and tell you."))
        return redirect("accounts:profile")
    return render(request, "accounts/expert_apply.html", {"form": form})


@require_GET
def expert_review_list(request):
    require(request, "accounts.review_expert_applications")
    pending = ExpertApplication.objects.filter(status=ExpertApplication.Status.PENDING).select_related("user")
    decided = ExpertApplication.objects.exclude(status=ExpertApplication.Status.PENDING).select_related("user")[:20]
    return render(
        request,
        "accounts/expert_review_list.html",
        {"pending": pending.order_by("created_at"), "decided": decided, "form": ExpertDecisionForm()},
    )


@require_POST
def expert_review_decide(request, pk):
    require(request, "accounts.review_expert_applications")
    application = get_object_or_404(ExpertApplication, pk=pk)
    form = ExpertDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.expert_application_decide(
                application=application,
                staff=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except ActionRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The decision is recorded and the applicant has been told."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("accounts:expert_review")


@never_cache
@require_GET
def data_export(request):
    """Everything held about the account, as one JSON file to download."""
    require(request, "accounts.manage_own_data")
    data = services.account_export(user=request.user)
    response = StreamingHttpResponse(
        ExportEncoder(indent=2, ensure_ascii=False).iterencode(data), content_type="application/json; charset=utf-8"
    )
    filename = f"fieldwork-personal-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def account_delete(request):
    require(request, "accounts.manage_own_data")
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=request.user)
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            logout(request)
            messages.success(
                request, _("Your account is deleted. What you contributed stays, shown as by “deleted account”.")
            )
            return redirect("core:home")
    return render(request, "accounts/account_delete.html", {"form": form})
