"""Reads that need care: fixed query counts, visibility, search."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Avg, BooleanField, Count, ExpressionWrapper, F, Prefetch, Q
from django.utils import timezone

from ideas.accounts.permissions import organisation_ids
from ideas.search import api as search

from .models import Comment, ExpertReview, Follow, Proposal, StatusChange, Support


def proposals_for_listing(queryset=None):
    """Public proposals with what a list row shows, joined so a page costs one query."""
    queryset = Proposal.objects.public() if queryset is None else queryset
    return queryset.select_related("category", "region", "author__expert_profile")


def _timeline():
    return Prefetch(
        "timeline", queryset=StatusChange.objects.select_related("actor_organisation"), to_attr="timeline_entries"
    )


def _reviews():
    return Prefetch("reviews", queryset=ExpertReview.objects.select_related("reviewer__expert_profile"))


def proposal_for_page(pk):
    return (
        Proposal.objects.select_related(
            "category", "region", "challenge__owner", "author__expert_profile", "assigned_organisation", "merged_into"
        )
        .prefetch_related(
            "attachments",
            "pilots",
            _reviews(),
            _timeline(),
        )
        .get(pk=pk)
    )


def comment_threads(proposal):
    """Top-level comments, each with its replies, in three queries whatever their number."""
    replies = Comment.objects.select_related("author__expert_profile").order_by("created_at", "pk")
    threads = list(
        proposal.comments.filter(parent__isnull=True)
        .select_related("author__expert_profile")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="thread_replies"))
    )
    # Permission checks look at comment.proposal: hand them the one already loaded.
    for comment in threads:
        for item in (comment, *comment.thread_replies):
            item.proposal = proposal
    return threads


def viewer_state(proposal, user):
    """Whether the viewer supports and follows the proposal, and whether staff invalidated their support."""
    if not user.is_authenticated:
        return {"supports": False, "support_invalidated": False, "follows": False}
    found = list(Support.objects.filter(proposal=proposal, user=user).values_list("invalidation_id", flat=True))
    return {
        "supports": found == [None],
        "support_invalidated": bool(found) and found != [None],
        "follows": Follow.objects.filter(proposal=proposal, user=user).exists(),
    }


def similar_to(*, title, text, exclude_ids=()):
    return search.similar_proposals(
        title=title, text=text, exclude_ids=exclude_ids, limit=settings.FIELDWORK["SIMILAR_LIMIT"]
    )


def supported_ids(user, proposals):
    """Which of these proposals the user supports, in one query (for list rows)."""
    if not user.is_authenticated:
        return set()
    ids = [p.pk for p in proposals]
    supports = Support.objects.filter(user=user, proposal_id__in=ids, invalidation__isnull=True)
    return set(supports.values_list("proposal_id", flat=True))


# --- Triage ---------------------------------------------------------------------


def triage_scope(user):
    """The open proposals an official may see in the queue: their organisations' and, for
    triagers, the unassigned ones. Staff see all."""
    queryset = Proposal.objects.public().filter(status__in=Proposal.TRIAGE_STATES)
    if user.is_staff:
        return queryset
    scope = Q(assigned_organisation_id__in=organisation_ids(user))
    if organisation_ids(user, "triager"):
        scope |= Q(assigned_organisation__isnull=True)
    return queryset.filter(scope)


def triage_queue(queryset):
    """Rows of the dashboard, joined and annotated so a page costs one query."""
    over_threshold = ExpressionWrapper(Q(support_threshold_reached_at__isnull=False), output_field=BooleanField())
    answered = ExpressionWrapper(Q(first_response_at__isnull=False), output_field=BooleanField())
    return (
        queryset.select_related("category", "region", "author__expert_profile", "assigned_organisation")
        .annotate(review_count=Count("reviews"), review_rating=Avg("reviews__rating"))
        .order_by(over_threshold.desc(), answered.asc(), F("response_due_at").asc(nulls_last=True), "pk")
    )


# The response deadline is met by the first official response (DESIGN.md section 3).
AWAITING_RESPONSE = Q(first_response_at__isnull=True)


def triage_counters(scope):
    now = timezone.now()
    near = now + timedelta(days=settings.FIELDWORK["NEAR_DEADLINE_DAYS"])
    return scope.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=AWAITING_RESPONSE & Q(response_due_at__lt=now)),
        near_deadline=Count("pk", filter=AWAITING_RESPONSE & Q(response_due_at__gte=now, response_due_at__lt=near)),
        over_threshold=Count("pk", filter=Q(support_threshold_reached_at__isnull=False)),
    )


def proposal_for_triage(pk):
    """A proposal with what the decision page shows: its reviews and timeline."""
    return (
        Proposal.objects.select_related("category", "region", "author__expert_profile", "assigned_organisation")
        .prefetch_related(
            _timeline(),
            _reviews(),
        )
        .get(pk=pk)
    )
