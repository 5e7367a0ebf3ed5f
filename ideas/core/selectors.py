"""Reads for the site-wide pages: the search across proposals, pilots and standard models."""

from ideas.pilots.selectors import pilots_for_listing
from ideas.playbooks.selectors import models_for_listing
from ideas.proposals.models import Proposal
from ideas.proposals.selectors import proposals_for_listing
from ideas.search import api as search

PROPOSALS_SHOWN = 5  # the rest are one click away, in the proposal list with its filters
PILOTS_SHOWN = 10
MODELS_SHOWN = 10


def site_search(query):
    """The best matches of each kind for ``query``; proposals also with their total."""
    proposals = search.search_proposals(proposals_for_listing(Proposal.objects.public()), query)
    models = models_for_listing().public()
    return {
        "proposals": list(proposals.order_by(f"-{search.RANK_ANNOTATION}", "-pk")[:PROPOSALS_SHOWN]),
        "proposal_total": proposals.count(),
        "pilots": list(search.search_indexed(pilots_for_listing(), query)[:PILOTS_SHOWN]),
        "models": list(search.search_indexed(models, query)[:MODELS_SHOWN]),
    }
