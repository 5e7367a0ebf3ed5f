"""The routes of a standard-model page (versions, adoption, feedback) and drafting one from a pilot."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ideas.core.exceptions import ActionRefused
from ideas.core.permissions import require
from ideas.pilots.models import Pilot

from . import selectors, services
from .forms import AddressedForm, AdoptionForm
from .pdf import PdfUnavailable, render_model_pdf
from .versions import changes_between


def model_pdf(request, page):
    """The current version as a PDF download, named after the model and its version."""
    context = {"page": page, **selectors.model_page_context(page, request)}
    try:
        pdf = render_model_pdf(request, page, context)
    except PdfUnavailable:
        return TemplateResponse(request, "playbooks/pdf_unavailable.html", {"page": page}, status=503)
    current = context["versions"][0].number if context["versions"] else 0
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-v{current}.pdf"'
    return response


def version_history(request, page):
    versions = list(page.versions.select_related("revision"))
    contents = [version.revision.as_object() for version in versions]  # each revision read once
    history = []
    for index, version in enumerate(versions):
        older = contents[index + 1] if index + 1 < len(contents) else None
        changes = changes_between(older, contents[index]) if older is not None else []
        history.append({"version": version, "changes": changes})
    return TemplateResponse(request, "playbooks/version_history.html", {"page": page, "history": history})


def adoption_form(request, page):
    require(request, "playbooks.adopt_model", page)
    form = AdoptionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_record(
                page=page, actor=request.user, organisation=form.cleaned_data["organisation"], data=form.cleaned_data
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Thank you. Your organisation’s adoption is recorded on the model."))
            return redirect(f"{page.url}#adoptions")
    return TemplateResponse(request, "playbooks/adoption_form.html", {"page": page, "form": form})


def feedback_list(request, page):
    require(request, "playbooks.review_feedback", page)
    form = AddressedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        adoption = get_object_or_404(page.adoptions, pk=form.cleaned_data["adoption"])
        version = page.versions.filter(number=form.cleaned_data["version"]).first()
        if version is None:
            messages.error(request, _("There is no such version of this model."))
        else:
            services.feedback_mark_addressed(adoption=adoption, version=version, actor=request.user)
            messages.success(request, _("Marked as addressed in version %(n)d.") % {"n": version.number})
        return redirect(f"{page.url}feedback/")
    adoptions = page.adoptions.exclude(feedback="").select_related("organisation", "feedback_addressed_in")
    return TemplateResponse(request, "playbooks/feedback_list.html", {"page": page, "adoptions": adoptions})


@require_POST
def draft_from_pilot(request, pk):
    pilot = get_object_or_404(Pilot, pk=pk)
    require(request, "playbooks.draft_model", pilot)
    try:
        page = services.model_draft_from_pilot(pilot=pilot, actor=request.user)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(pilot)
    messages.success(
        request, _("A draft standard model is ready. Complete it, then submit it for review to publish it.")
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
