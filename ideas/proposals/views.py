from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ideas.core.exceptions import ActionRefused
from ideas.core.http import client_ip, id_param, redirect_next
from ideas.core.permissions import require
from ideas.core.ratelimits import RateLimited, form_again, rate_limit, too_many_requests, with_retry_after

from . import files, selectors, services
from .filters import ProposalFilter
from .forms import (
    ChallengeForm,
    CommentForm,
    FlagForm,
    HeldDecisionForm,
    ModerationForm,
    ProposalForm,
    SimilarQueryForm,
    WithdrawForm,
)
from .models import Attachment, Challenge, Comment, Flag, Proposal


def _page(request, queryset):
    paginator = Paginator(queryset, settings.FIELDWORK["PAGE_SIZE"])
    return paginator.get_page(request.GET.get("page"))


# --- Finding proposals ----------------------------------------------------------


@require_GET
def proposal_list(request):
    proposal_filter = ProposalFilter(request.GET, queryset=selectors.proposals_for_listing())
    page = selectors.listing_page(proposal_filter, request.GET.get("page"))
    return render(
        request,
        "proposals/proposal_list.html",
        {
            "filter": proposal_filter,
            "page": page,
            "supported_ids": selectors.supported_ids(request.user, page.object_list),
        },
    )


@require_GET
def proposal_detail(request, pk):
    try:
        proposal = selectors.proposal_for_page(pk)
    except Proposal.DoesNotExist as exc:
        raise Http404 from exc
    if not request.user.has_perm("proposals.view_proposal", proposal):
        if proposal.is_hidden:
            return render(request, "proposals/proposal_hidden.html", {"proposal": proposal})
        raise Http404
    return render(
        request,
        "proposals/proposal_detail.html",
        {
            "proposal": proposal,
            "threads": selectors.comment_threads(proposal, request.GET.get("comments")),
            "viewer": selectors.viewer_state(proposal, request.user),
            "similar": selectors.similar_for_page(proposal),
            "comment_form": CommentForm(),
            "share_url": request.build_absolute_uri(proposal.get_absolute_url()),
        },
    )


@require_GET
def attachment_file(request, token):
    """An attachment, to whoever may read its proposal: images inline, anything else (PDFs) as a
    download, never sniffed and never run (docs/security.md, "Safe content")."""
    attachment = get_object_or_404(Attachment.objects.select_related("proposal"), token=token)
    if not request.user.has_perm("proposals.view_proposal", attachment.proposal):
        raise Http404
    return files.attachment_response(attachment, public=attachment.proposal.is_public)


# --- Writing a proposal ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
def proposal_create(request):
    require(request, "proposals.add_proposal")
    challenge_id = id_param(request.GET.get("challenge"))
    initial = {"challenge": challenge_id} if challenge_id else {}
    form = ProposalForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                author=request.user, data=form.proposal_data(), uploads=form.cleaned_data["attachments"]
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            return _after_save(request, proposal)
    return render(request, "proposals/proposal_form.html", {"form": form, "similar": _similar_for_form(form)})


@require_http_methods(["GET", "POST"])
def proposal_edit(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    require(request, "proposals.change_proposal", proposal)
    form = ProposalForm(request.POST or None, request.FILES or None, instance=proposal)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_update(
                proposal=proposal,
                actor=request.user,
                data=form.proposal_data(),
                uploads=form.cleaned_data["attachments"],
                remove_attachment_ids=[a.pk for a in form.cleaned_data.get("remove_attachments") or []],
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            return _after_save(request, proposal)
    return render(
        request,
        "proposals/proposal_form.html",
        {"form": form, "proposal": proposal, "similar": _similar_for_form(form, exclude=proposal)},
    )


def _after_save(request, proposal):
    if "preview" in request.POST:
        return redirect("proposals:preview", pk=proposal.pk)
    if proposal.status == Proposal.Status.DRAFT:
        messages.success(request, _("Your draft is saved. Only you can see it until you submit it."))
        return redirect("proposals:edit", pk=proposal.pk)
    messages.success(request, _("Your changes are saved."))
    return redirect(proposal)


def _similar_for_form(form, exclude=None):
    title = form.data.get("title") or (form.instance.title if form.instance.pk else "")
    problem = form.data.get("problem") or (form.instance.problem if form.instance.pk else "")
    if not (title or "").strip():
        return []
    return selectors.similar_to(title=title, text=problem, exclude_ids=[exclude.pk] if exclude else [])


@require_http_methods(["GET", "POST"])
def proposal_preview(request, pk):
    """The last step before submitting: the proposal as others will see it, and similar ones."""
    proposal = get_object_or_404(selectors.proposals_for_listing(Proposal.objects.all()), pk=pk)
    require(request, "proposals.change_proposal", proposal)
    context = {
        "proposal": proposal,
        "similar": selectors.similar_to(title=proposal.title, text=proposal.problem, exclude_ids=[proposal.pk]),
    }
    if request.method == "POST":
        try:
            rate_limit(request, "proposal")
            proposal = services.proposal_submit(proposal=proposal, actor=request.user)
        except RateLimited as limited:
            kept = _("Your draft is saved.")
            return form_again(request, limited, "proposals/proposal_preview.html", context, kept=kept)
        except ActionRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("proposals:preview", pk=pk)
        if proposal.is_awaiting_moderation:
            messages.success(
                request,
                _(
                    "Thank you. Your proposal is submitted. Moderators check new proposals before they are "
                    "published; you will be notified."
                ),
            )
        else:
            messages.success(request, _("Thank you. Your proposal is submitted and officials will answer it."))
        return redirect(proposal)
    return render(request, "proposals/proposal_preview.html", context)


@require_http_methods(["GET", "POST"])
def proposal_similar(request):
    """The htmx fragment offered while a citizen writes a proposal."""
    try:
        rate_limit(request, "similar")
    except RateLimited as limited:
        return too_many_requests(request, limited)
    form = SimilarQueryForm(request.POST if request.method == "POST" else request.GET)
    similar = []
    if form.is_valid() and form.cleaned_data["title"].strip():
        exclude = id_param(request.GET.get("exclude") or request.POST.get("exclude"))
        similar = selectors.similar_to(
            title=form.cleaned_data["title"],
            text=form.cleaned_data["problem"],
            exclude_ids=[exclude] if exclude else [],
        )
    # The fragment is swapped into the proposal form, hence ``inside_form``.
    return render(request, "proposals/_similar.html", {"similar": similar, "offer_support": True, "inside_form": True})


@require_http_methods(["GET", "POST"])
def proposal_withdraw(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    require(request, "proposals.withdraw_proposal", proposal)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_withdraw(proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"])
        except ActionRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Your proposal is withdrawn."))
        return redirect(proposal)
    return render(request, "proposals/proposal_withdraw.html", {"proposal": proposal, "form": form})


# --- Support, follow ------------------------------------------------------------


def _proposal_action(request, pk, perm, action, success_message, limit=None):
    proposal = get_object_or_404(Proposal, pk=pk)
    limited = None
    if not request.user.has_perm(perm, proposal):
        require(request, "proposals.view_proposal", proposal)  # visitors go to log in
        if request.user.is_authenticated and proposal.author_id == request.user.pk:
            messages.error(request, _("This is your own proposal."))
        else:
            require(request, perm, proposal)
    else:
        try:
            if limit:
                rate_limit(request, limit)
            action(proposal=proposal, user=request.user)
        except RateLimited as over:
            if not request.htmx:
                return too_many_requests(request, over)
            limited = over
            messages.error(request, over.message)
        except ActionRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, success_message)
    if request.htmx:
        response = render(
            request,
            "proposals/_actions.html",
            # The services refreshed the counters on ``proposal`` itself.
            {"proposal": proposal, "viewer": selectors.viewer_state(proposal, request.user)},
            status=429 if limited else 200,
        )
        return with_retry_after(response, limited) if limited else response
    return redirect_next(request, proposal.get_absolute_url())


@require_POST
def proposal_support(request, pk):
    support = partial(services.support_add, ip_address=client_ip(request))
    return _proposal_action(
        request, pk, "proposals.support_proposal", support, _("Thank you for your support."), "support"
    )


@require_POST
def proposal_unsupport(request, pk):
    return _proposal_action(
        request,
        pk,
        "proposals.unsupport_proposal",
        services.support_withdraw,
        _("Your support is withdrawn."),
        "support",
    )


@require_POST
def proposal_follow(request, pk):
    return _proposal_action(
        request,
        pk,
        "proposals.follow_proposal",
        services.follow_add,
        _("You now follow this proposal. You will be notified of new comments and status changes."),
    )


@require_POST
def proposal_unfollow(request, pk):
    return _proposal_action(
        request, pk, "proposals.follow_proposal", services.follow_remove, _("You no longer follow this proposal.")
    )


# --- Comments -------------------------------------------------------------------


@require_POST
def comment_create(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    require(request, "proposals.comment_proposal", proposal)
    form = CommentForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = get_object_or_404(Comment, pk=form.cleaned_data["parent"], proposal=proposal)
        try:
            rate_limit(request, "comment")
            comment = services.comment_add(
                proposal=proposal, author=request.user, body=form.cleaned_data["body"], parent=parent
            )
        except RateLimited as limited:
            return form_again(request, limited, "proposals/comment_form.html", {"form": form, "proposal": proposal})
        except ActionRefused as refusal:
            form.add_error("body", refusal.message)
        else:
            messages.success(request, _("Your comment is posted."))
            return redirect(selectors.comment_location(comment))
    return render(request, "proposals/comment_form.html", {"form": form, "proposal": proposal}, status=400)


@require_GET
def comment_link(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("proposal", "parent"), pk=pk)
    if not request.user.has_perm("proposals.view_proposal", comment.proposal):
        raise Http404
    return redirect(selectors.comment_location(comment))


@require_http_methods(["GET", "POST"])
def comment_edit(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("proposal"), pk=pk)
    require(request, "proposals.change_comment", comment)
    form = CommentForm(request.POST or None, instance=comment)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_edit(comment=comment, body=form.cleaned_data["body"])
        except ActionRefused as refusal:
            form.add_error("body", refusal.message)
        else:
            messages.success(request, _("Your comment is updated."))
            return redirect(comment.get_absolute_url())
    return render(
        request, "proposals/comment_form.html", {"form": form, "proposal": comment.proposal, "comment": comment}
    )


@require_http_methods(["GET", "POST"])
def comment_delete(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("proposal"), pk=pk)
    require(request, "proposals.delete_comment", comment)
    if request.method == "POST":
        services.comment_remove(comment=comment)
        messages.success(request, _("Your comment is removed."))
        return redirect(comment.get_absolute_url())
    return render(request, "proposals/comment_delete.html", {"comment": comment})


# --- Flags and moderation -------------------------------------------------------


@require_http_methods(["GET", "POST"])
def proposal_flag(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    require(request, "proposals.flag_proposal", proposal)
    return _flag(request, proposal=proposal, back=proposal.get_absolute_url())


@require_http_methods(["GET", "POST"])
def comment_flag(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("proposal"), pk=pk)
    require(request, "proposals.flag_comment", comment)
    return _flag(request, comment=comment, back=comment.get_absolute_url())


def _flag(request, *, back, proposal=None, comment=None):
    form = FlagForm(request.POST or None)
    context = {"form": form, "proposal": proposal, "comment": comment}
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit(request, "flag")
            services.flag_create(
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
                proposal=proposal,
                comment=comment,
            )
        except RateLimited as limited:
            return form_again(request, limited, "proposals/flag_form.html", context)
        except ActionRefused as refusal:
            messages.info(request, refusal.message)
        else:
            messages.success(request, _("Thank you. The moderators will look at your report."))
        return redirect(back)
    return render(request, "proposals/flag_form.html", context)


@require_GET
def moderation_queue(request):
    require(request, "proposals.moderate")
    # Without ``flags__isnull=False`` the outer join would also match everything never reported.
    open_flags = Q(flags__isnull=False, flags__resolved_at__isnull=True)
    proposals = (
        Proposal.objects.filter(open_flags)
        .annotate(open_flag_count=Count("flags", filter=open_flags))
        .select_related("author")
        .order_by("-open_flag_count", "pk")
    )
    comments = (
        Comment.objects.filter(open_flags)
        .annotate(open_flag_count=Count("flags", filter=open_flags))
        .select_related("author", "proposal")
        .order_by("-open_flag_count", "pk")
    )
    hidden = Proposal.objects.filter(hidden_at__isnull=False).order_by("-hidden_at")[:50]
    held = (
        Proposal.objects.filter(held_at__isnull=False, hold_decided_at__isnull=True)
        .exclude(status=Proposal.Status.WITHDRAWN)
        .select_related("author", "challenge", "category", "region")
        .order_by("held_at", "pk")
    )
    reasons = {}
    for flag in Flag.objects.filter(resolved_at__isnull=True).order_by("created_at"):
        key = ("p", flag.proposal_id) if flag.proposal_id else ("c", flag.comment_id)
        reasons.setdefault(key, []).append(flag)
    for item in proposals:
        item.open_flags = reasons.get(("p", item.pk), [])
    for item in comments:
        item.open_flags = reasons.get(("c", item.pk), [])
    return render(
        request,
        "proposals/moderation_queue.html",
        {"held": held, "proposals": proposals, "comments": comments, "hidden": hidden, "form": ModerationForm()},
    )


@require_POST
def moderation_decide(request, pk, kind):
    require(request, "proposals.moderate")
    target = get_object_or_404(Proposal if kind == "proposal" else Comment, pk=pk)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an action and give a reason."))
        return redirect("proposals:moderation")
    action = {
        "hide": services.moderation_hide,
        "restore": services.moderation_restore,
        "dismiss": services.moderation_dismiss,
    }[form.cleaned_data["action"]]
    try:
        action(moderator=request.user, reason=form.cleaned_data["reason"], **{kind: target})
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Done. The author has been told."))
    return redirect("proposals:moderation")


@require_POST
def moderation_held_decide(request, pk):
    """Approve or reject a proposal that pre-moderation holds."""
    require(request, "proposals.moderate")
    proposal = get_object_or_404(Proposal, pk=pk)
    form = HeldDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or reject."))
        return redirect("proposals:moderation")
    decide = (
        services.proposal_approve_held if form.cleaned_data["decision"] == "approve" else services.proposal_reject_held
    )
    try:
        decide(proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"])
    except ActionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Done. The author has been told."))
    return redirect("proposals:moderation")


# --- Challenges -----------------------------------------------------------------


@require_GET
def challenge_list(request):
    challenges = (
        Challenge.objects.select_related("owner")
        .annotate(proposal_total=Count("proposals", filter=Q(proposals__in=Proposal.objects.public())))
        .order_by("-deadline", "-pk")
    )
    return render(request, "proposals/challenge_list.html", {"page": _page(request, challenges)})


@require_GET
def challenge_detail(request, pk):
    challenge = get_object_or_404(Challenge.objects.select_related("owner"), pk=pk)
    proposal_filter = ProposalFilter(
        request.GET, queryset=selectors.proposals_for_listing(Proposal.objects.public().filter(challenge=challenge))
    )
    del proposal_filter.filters["challenge"]
    page = selectors.listing_page(proposal_filter, request.GET.get("page"))
    return render(
        request,
        "proposals/challenge_detail.html",
        {
            "challenge": challenge,
            "filter": proposal_filter,
            "page": page,
            "supported_ids": selectors.supported_ids(request.user, page.object_list),
        },
    )


@require_http_methods(["GET", "POST"])
def challenge_create(request):
    require(request, "proposals.add_challenge")
    return _challenge_form(request, None)


@require_http_methods(["GET", "POST"])
def challenge_edit(request, pk):
    challenge = get_object_or_404(Challenge, pk=pk)
    require(request, "proposals.change_challenge", challenge)
    return _challenge_form(request, challenge)


def _challenge_form(request, challenge):
    form = ChallengeForm(request.POST or None, instance=challenge, user=request.user)
    if request.method == "POST" and form.is_valid():
        challenge = services.challenge_save(actor=request.user, data=form.cleaned_data, challenge=challenge)
        messages.success(request, _("The challenge is published."))
        return redirect(challenge)
    return render(request, "proposals/challenge_form.html", {"form": form, "challenge": challenge})
