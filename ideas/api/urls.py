"""Open data addresses (DESIGN.md section 4a): no language prefix, all public, all cacheable.

Included outside ``i18n_patterns`` in ``ideas/urls.py``. A later version of the API gets
its own ``api/v2/`` block; v1 stays as it is for those who built on it.
"""

from django.urls import path
from django.views.decorators.http import require_safe

from . import views
from .caching import public_cache
from .feeds import FEEDS

app_name = "api"

LIST = {"get": "list"}
DETAIL = {"get": "retrieve"}

urlpatterns = [
    path("api/v1/", public_cache(views.ApiRootView.as_view()), name="root"),
    path("api/v1/challenges/", public_cache(views.ChallengeViewSet.as_view(LIST)), name="challenge_list"),
    path("api/v1/challenges/<int:id>/", public_cache(views.ChallengeViewSet.as_view(DETAIL)), name="challenge_detail"),
    path("api/v1/proposals/", public_cache(views.ProposalViewSet.as_view(LIST)), name="proposal_list"),
    path("api/v1/proposals/<int:id>/", public_cache(views.ProposalViewSet.as_view(DETAIL)), name="proposal_detail"),
    path("api/v1/pilots/", public_cache(views.PilotViewSet.as_view(LIST)), name="pilot_list"),
    path("api/v1/pilots/<int:id>/", public_cache(views.PilotViewSet.as_view(DETAIL)), name="pilot_detail"),
    path("api/v1/organisations/", public_cache(views.OrganisationViewSet.as_view(LIST)), name="organisation_list"),
    path(
        "api/v1/organisations/<int:id>/",
        public_cache(views.OrganisationViewSet.as_view(DETAIL)),
        name="organisation_detail",
    ),
    path(
        "api/v1/standard-models/",
        public_cache(views.StandardModelViewSet.as_view(LIST)),
        name="standard_model_list",
    ),
    path(
        "api/v1/standard-models/<int:id>/",
        public_cache(views.StandardModelViewSet.as_view(DETAIL)),
        name="standard_model_detail",
    ),
    path("api/v1/adoptions/", public_cache(views.AdoptionViewSet.as_view(LIST)), name="adoption_list"),
    path("api/v1/adoptions/<int:id>/", public_cache(views.AdoptionViewSet.as_view(DETAIL)), name="adoption_detail"),
    path("api/schema/", public_cache(views.SchemaView.as_view()), name="schema"),
    path("api/docs/", views.api_docs, name="docs"),
    *(path(f"feeds/{slug}/", public_cache(require_safe(feed)), name=f"feed_{slug}") for slug, feed in FEEDS.items()),
    path("data/", views.data_index, name="data"),
    path("data/<slug:dataset>.<str:fmt>", public_cache(views.data_file), name="data_file"),
]
