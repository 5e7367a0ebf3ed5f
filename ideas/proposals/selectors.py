"""Reads that need care: fixed query counts, visibility, search."""

from django.conf import settings
from django.db.models import Prefetch

from ideas.search import api as search

from .models import Comment, Follow, Proposal, StatusChange, Support


def proposals_for_listing(queryset=None):
    """Public proposals with what a list row shows, joined so a page costs one query."""
    queryset = Proposal.objects.public() if queryset is None else queryset
    return queryset.select_related("category", "region", "author__expert_profile")


def proposal_for_page(pk):
    return (
        Proposal.objects.select_related("category", "region", "challenge__owner", "author__expert_profile")
        .prefetch_related(
            "attachments",
            Prefetch(
                "timeline",
                queryset=StatusChange.objects.select_related("actor_organisation"),
                to_attr="timeline_entries",
            ),
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
    """Whether the viewer supports and follows the proposal."""
    if not user.is_authenticated:
        return {"supports": False, "follows": False}
    return {
        "supports": Support.objects.filter(proposal=proposal, user=user).exists(),
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
    return set(Support.objects.filter(user=user, proposal_id__in=ids).values_list("proposal_id", flat=True))
