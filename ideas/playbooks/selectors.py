"""Reads for standard-model pages, in a constant number of queries."""

from collections import Counter

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q

from ideas.pilots.selectors import metric_series, pilot_for_page
from ideas.search import api as search

from .blocks import RequirementBlock
from .models import Adoption, StandardModelPage

KINDS = dict(RequirementBlock.KINDS)


def models_for_listing():
    """Published models with what a list shows: the pilot's organisation and active adoptions."""
    return (
        StandardModelPage.objects.live()
        .select_related("pilot__lead_organisation")
        .annotate(
            adoption_total=Count("adoptions", filter=~Q(adoptions__status=Adoption.Status.RETIRED), distinct=True)
        )
    )


def models_for_index(index, request):
    """A page of the index's published models, newest first, or of those matching ``q``."""
    models = models_for_listing().child_of(index).order_by("-last_published_at", "-pk")
    query = (request.GET.get("q") or "").strip()
    if query:
        models = search.search_indexed(models, query)
    page = Paginator(models, settings.FIELDWORK["PAGE_SIZE"]).get_page(request.GET.get("page"))
    return {"page": page, "query": query}


def model_page_context(page, request):
    pilot = pilot_for_page(page.pilot_id)
    adoptions = list(page.adoptions.select_related("organisation__region", "version").order_by("started_on", "pk"))
    active = [a for a in adoptions if a.status != Adoption.Status.RETIRED]
    return {
        "pilot": pilot,
        "series": metric_series(pilot),
        "adoptions": adoptions,
        "by_kind": Counter(a.organisation.get_kind_display() for a in active).most_common(),
        "by_region": Counter(
            a.organisation.region.name if a.organisation.region else "–" for a in active
        ).most_common(),
        "versions": list(page.versions.all()),
        "requirements": [
            (KINDS.get(b.value["kind"], b.value["kind"]), b.value["description"]) for b in page.requirements
        ],
    }
