"""Reads for the site-wide pages: the home page, and the search across proposals, pilots and
standard models."""

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from ideas.pilots.models import Pilot
from ideas.pilots.selectors import pilots_for_listing
from ideas.playbooks.models import StandardModelPage
from ideas.playbooks.selectors import models_for_listing
from ideas.proposals.models import NEWEST_FIRST, Challenge, Proposal, StatusChange
from ideas.proposals.selectors import proposals_for_listing
from ideas.search import api as search

PROPOSALS_SHOWN = 5  # the rest are one click away, in the proposal list with its filters
PILOTS_SHOWN = 10
MODELS_SHOWN = 10


def home_page():
    """What the home page shows: the latest and best-supported proposals, recent decisions, pilots,
    models and challenges, and the totals (one pass over the public proposals' index)."""
    public = Proposal.objects.public()
    totals = public.aggregate(
        proposals=Count("pk"),
        supports=Coalesce(Sum("support_count"), 0),
        accepted=Count("pk", filter=Q(status=Proposal.Status.ACCEPTED)),
    )
    return {
        "recent": proposals_for_listing().order_by(*NEWEST_FIRST)[:6],
        "most_supported": proposals_for_listing().order_by("-support_count", "-id")[:3],
        "recent_changes": StatusChange.objects.filter(proposal__in=public)
        .exclude(from_status__in=["", Proposal.Status.DRAFT])
        .select_related("proposal")
        .order_by("-created_at", "-pk")[:5],
        "recent_pilots": Pilot.objects.order_by("-updated_at", "-pk")[:3],
        "recent_models": StandardModelPage.objects.live().order_by("-last_published_at", "-pk")[:3],
        "open_challenges": Challenge.objects.filter(deadline__gte=timezone.localdate())
        .select_related("owner")
        .order_by("deadline")[:3],
        "totals": {**totals, "pilots": Pilot.objects.count()},
    }


def site_search(query):
    """The best matches of each kind for ``query``; proposals also with their total."""
    matches = search.search_proposals(Proposal.objects.public(), query)
    # The matches are ranked once: their ids in order give both the total and the best ones.
    ids = list(matches.order_by(f"-{search.RANK_ANNOTATION}", "-pk").values_list("pk", flat=True))
    models = models_for_listing().public()
    return {
        "proposals": search.proposals_in_order(proposals_for_listing(), ids[:PROPOSALS_SHOWN]),
        "proposal_total": len(ids),
        "pilots": list(search.search_indexed(pilots_for_listing(), query)[:PILOTS_SHOWN]),
        "models": list(search.search_indexed(models, query)[:MODELS_SHOWN]),
    }
