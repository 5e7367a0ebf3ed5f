"""Reads that need care: fixed query counts, visibility, search."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Avg, BooleanField, Count, ExpressionWrapper, F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from ideas.accounts.permissions import organisation_ids
from ideas.core.pagination import DeferredJoinPaginator, SearchResultsPaginator
from ideas.search import api as search

from .models import Comment, ExpertReview, Follow, Proposal, StatusChange, Support

logger = logging.getLogger(__name__)


def proposals_for_listing(queryset=None):
    """Public proposals with what a list row shows, joined so a page costs one query."""
    queryset = Proposal.objects.public() if queryset is None else queryset
    return queryset.select_related("category", "region", "author__expert_profile")


def listing_page(proposal_filter, number):
    """A page of a filtered list of proposals (ideas/proposals/filters.py), at any depth."""
    paginator_class = SearchResultsPaginator if proposal_filter.is_searching else DeferredJoinPaginator
    paginator = paginator_class(proposal_filter.qs, settings.FIELDWORK["PAGE_SIZE"], rows=proposals_for_listing())
    return paginator.get_page(number)


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


def _threads(proposal_id):
    """The top-level comments of a proposal, oldest first: new threads go on the last page, so
    a thread never moves to another page."""
    return Comment.objects.filter(proposal_id=proposal_id, parent__isnull=True).order_by("created_at", "pk")


def comment_threads(proposal, page_number=None):
    """A page of the discussion: top-level comments, each with its replies, in four queries
    whatever their number."""
    replies = Comment.objects.select_related("author__expert_profile").order_by("created_at", "pk")
    threads = _threads(proposal.pk).select_related("author__expert_profile")
    threads = threads.prefetch_related(Prefetch("replies", queryset=replies, to_attr="thread_replies"))
    page = Paginator(threads, settings.FIELDWORK["COMMENT_THREADS_PER_PAGE"]).get_page(page_number)
    page.object_list = list(page.object_list)
    # Permission checks look at comment.proposal: hand them the one already loaded.
    for comment in page.object_list:
        for item in (comment, *comment.thread_replies):
            item.proposal = proposal
    return page


def comment_location(comment):
    """The address of the page of the discussion that shows ``comment``, with its anchor."""
    thread = comment.parent if comment.parent_id else comment
    earlier = _threads(comment.proposal_id).filter(
        Q(created_at__lt=thread.created_at) | Q(created_at=thread.created_at, pk__lt=thread.pk)
    )
    page = earlier.count() // settings.FIELDWORK["COMMENT_THREADS_PER_PAGE"] + 1
    query = f"?comments={page}" if page > 1 else ""
    return f"{reverse('proposals:detail', args=[comment.proposal_id])}{query}#comment-{comment.pk}"


def viewer_state(proposal, user):
    """Whether the viewer supports and follows the proposal, and whether staff invalidated their support."""
    if not user.is_authenticated:
        return {"supports": False, "support_invalidated": False, "follows": False}
    # Two plain queries: cheaper for Django to build than one with subqueries (this runs after
    # every support, the hot path of a surge).
    found = list(
        Support.objects.filter(proposal_id=proposal.pk, user_id=user.pk).values_list("invalidation_id", flat=True)
    )
    return {
        "supports": found == [None],
        "support_invalidated": bool(found) and found != [None],
        "follows": Follow.objects.filter(proposal_id=proposal.pk, user_id=user.pk).exists(),
    }


def similar_to(*, title, text, exclude_ids=()):
    return search.similar_proposals(
        title=title, text=text, exclude_ids=exclude_ids, limit=settings.FIELDWORK["SIMILAR_LIMIT"]
    )


def similar_for_page(proposal):
    """The similar proposals shown on a proposal's page.

    Finding them ranks candidates from the whole search index, the costliest read of the page,
    and what is similar to a proposal changes slowly: their ids are kept for
    ``FIELDWORK["SIMILAR_CACHE_SECONDS"]`` (and found again when the proposal changes). The
    proposals themselves are read fresh, so their counts are current and a proposal hidden
    since never shows.
    """
    key = f"similar-for-page:{proposal.pk}:{proposal.updated_at.timestamp()}"
    try:
        ids = cache.get(key)
    except Exception:  # an unreachable cache makes the page slower, not broken
        logger.warning("Could not read the similar proposals from the cache", exc_info=True)
        ids = None
    if ids is None:
        ids = search.similar_proposal_ids(
            title=proposal.title,
            text=proposal.problem,
            exclude_ids=[proposal.pk],
            limit=settings.FIELDWORK["SIMILAR_LIMIT"],
        )
        try:
            cache.set(key, ids, settings.FIELDWORK["SIMILAR_CACHE_SECONDS"])
        except Exception:
            logger.warning("Could not keep the similar proposals in the cache", exc_info=True)
    return search.proposals_in_order(Proposal.objects.public(), ids)


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


_OVER_THRESHOLD = ExpressionWrapper(Q(support_threshold_reached_at__isnull=False), output_field=BooleanField())
_ANSWERED = ExpressionWrapper(Q(first_response_at__isnull=False), output_field=BooleanField())
# Most urgent first: over the support threshold, then not answered yet, then by deadline.
TRIAGE_ORDER = (_OVER_THRESHOLD.desc(), _ANSWERED.asc(), F("response_due_at").asc(nulls_last=True), "pk")


def triage_page(queryset, number):
    """A page of the dashboard. The order is read from the queue's covering index
    (ideas/proposals/models.py), then only the page's rows are read, with their joins and
    review figures."""
    rows = Proposal.objects.select_related(
        "category", "region", "author__expert_profile", "assigned_organisation"
    ).annotate(review_count=Count("reviews"), review_rating=Avg("reviews__rating"))
    paginator = DeferredJoinPaginator(queryset.order_by(*TRIAGE_ORDER), settings.FIELDWORK["PAGE_SIZE"], rows=rows)
    return paginator.get_page(number)


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
