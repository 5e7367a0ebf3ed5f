"""The officials' side of proposals: the triage queue, assignment, decisions; and the two
answers citizens give to it: the author's answer to a question, a field expert's review."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ideas.accounts.models import Organisation
from ideas.accounts.permissions import organisation_ids
from ideas.core.exceptions import ActionRefused
from ideas.core.permissions import require
from ideas.pilots.speed import cached_speed_figures

from . import selectors, services
from .filters import TriageFilter
from .forms import AnswerForm, AssignForm, DecisionForm, ExpertReviewForm
from .models import ExpertReview, Proposal


@require_GET
def triage_dashboard(request):
    require(request, "proposals.triage")
    scope = selectors.triage_scope(request.user)
    triage_filter = TriageFilter(
        request.GET, queryset=scope, request=request, organisations=Organisation.objects.only("slug", "name")
    )
    mine = organisation_ids(request.user)
    _overall, own_speed = cached_speed_figures(organisation_ids=mine) if mine else (None, [])
    return render(
        request,
        "proposals/triage_dashboard.html",
        {
            "filter": triage_filter,
            "page": selectors.triage_page(triage_filter.qs, request.GET.get("page")),
            "counters": selectors.triage_counters(scope),
            "own_speed": own_speed,
            "threshold": settings.FIELDWORK["SUPPORT_THRESHOLD"],
        },
    )


def _proposal_in_triage(request, pk):
    require(request, "proposals.triage")
    try:
        proposal = selectors.proposal_for_triage(pk)
    except Proposal.DoesNotExist as exc:
        raise Http404 from exc
    if not proposal.is_public:
        raise Http404
    require(request, "proposals.view_in_triage", proposal)
    return proposal


def _triage_page(request, proposal, *, assign_form=None, decision_form=None, status=200):
    return render(
        request,
        "proposals/triage_proposal.html",
        {
            "proposal": proposal,
            "assign_form": assign_form or AssignForm(initial={"organisation": proposal.assigned_organisation}),
            "decision_form": decision_form or DecisionForm(proposal=proposal),
            "similar": selectors.similar_to(title=proposal.title, text=proposal.problem, exclude_ids=[proposal.pk]),
        },
        status=status,
    )


@require_GET
def triage_proposal(request, pk):
    return _triage_page(request, _proposal_in_triage(request, pk))


@require_POST
def triage_assign(request, pk):
    proposal = _proposal_in_triage(request, pk)
    require(request, "proposals.assign_proposal", proposal)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _triage_page(request, proposal, assign_form=form, status=400)
    organisation = form.cleaned_data["organisation"]
    try:
        services.proposal_assign(proposal=proposal, actor=request.user, organisation=organisation)
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Assigned to %(name)s. Its officials are notified.") % {"name": organisation})
        proposal.assigned_organisation = organisation
    # Handed to another organisation, the proposal leaves this triager's queue.
    if request.user.has_perm("proposals.view_in_triage", proposal):
        return redirect("proposals:triage_proposal", pk=pk)
    return redirect("proposals:triage")


@require_POST
def triage_decide(request, pk):
    proposal = _proposal_in_triage(request, pk)
    require(request, "proposals.decide_proposal", proposal)
    form = DecisionForm(request.POST, proposal=proposal)
    if not form.is_valid():
        return _triage_page(request, proposal, decision_form=form, status=400)
    try:
        decided = services.proposal_decide(
            proposal=proposal,
            actor=request.user,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            expected_status=form.cleaned_data["expected_status"],
            merge_into=form.cleaned_data.get("merge_target"),
        )
    except ActionRefused as refusal:
        form.add_error(None, refusal.message)
        return _triage_page(request, selectors.proposal_for_triage(pk), decision_form=form, status=409)
    messages.success(
        request,
        _("Decision recorded: “%(title)s” is now %(status)s. The author and followers are notified.")
        % {"title": decided.title, "status": decided.get_status_display()},
    )
    return redirect("proposals:triage")


@require_http_methods(["GET", "POST"])
def proposal_answer(request, pk):
    """The author answers the officials' question, which sends the proposal back to them."""
    proposal = get_object_or_404(selectors.proposals_for_listing(Proposal.objects.all()), pk=pk)
    require(request, "proposals.answer_proposal", proposal)
    question = proposal.timeline.filter(to_status=Proposal.Status.NEEDS_INFO).last()
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_answer(proposal=proposal, actor=request.user, answer=form.cleaned_data["answer"])
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Thank you. Your answer is sent and the proposal is back with the officials."))
            return redirect(proposal)
    return render(request, "proposals/proposal_answer.html", {"proposal": proposal, "question": question, "form": form})


@require_http_methods(["GET", "POST"])
def proposal_review(request, pk):
    """A field expert writes (or revises) their review of a proposal."""
    proposal = get_object_or_404(Proposal, pk=pk)
    require(request, "proposals.review_proposal", proposal)
    existing = ExpertReview.objects.filter(proposal=proposal, reviewer=request.user).first()
    form = ExpertReviewForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_save(proposal=proposal, reviewer=request.user, data=form.cleaned_data)
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Your review is published on the proposal. Thank you."))
            return redirect(f"{proposal.get_absolute_url()}#reviews")
    return render(request, "proposals/review_form.html", {"proposal": proposal, "form": form, "existing": existing})
