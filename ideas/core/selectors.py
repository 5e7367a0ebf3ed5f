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
