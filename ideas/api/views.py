"""Views of open data: the read-only API (DRF), its schema and documentation page, the
/data/ page and the downloads. Querysets come from ``selectors``, representations from
``serializers``; cache headers are added in ``urls`` (``caching.public_cache``)."""

from functools import wraps

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import condition, require_safe
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from . import exports, schema, selectors, serializers
from .feeds import FEEDS
from .fields import absolute_url
from .filters import (
    AdoptionFilter,
    ChallengeFilter,
    OrganisationFilter,
    PilotFilter,
    ProposalFilter,
    StandardModelFilter,
)
from .models import DataExport
from .pagination import LongListPagination, OpenDataPagination


class OpenDataMixin:
    # Anonymous and read-only: no session, no cookie, the same answer for everyone.
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]


def retrieve_schema(summary, description):
    return extend_schema(
        summary=summary,
        description=description,
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("The object's id."))],
    )


class OpenDataViewSet(OpenDataMixin, viewsets.ReadOnlyModelViewSet):
    filter_backends = [DjangoFilterBackend]
    pagination_class = OpenDataPagination
    lookup_url_kwarg = "id"

    def get_queryset(self):
        # Schema generation (check --deploy may run it without a database) must not query:
        # some selectors do at once (Wagtail's .public() reads the view restrictions).
        if getattr(self, "swagger_fake_view", False):
            return self.get_serializer_class().Meta.model.objects.none()
        return self.rows()

    def rows(self):
        """The rows this collection serves (a selector)."""
        raise NotImplementedError


@extend_schema_view(
    list=extend_schema(
        summary=_("List challenges"), description=_("Calls for ideas, newest first, with their public proposal counts.")
    ),
    retrieve=retrieve_schema(_("One challenge"), _("A challenge by its id.")),
)
class ChallengeViewSet(OpenDataViewSet):
    serializer_class = serializers.ChallengeSerializer
    filterset_class = ChallengeFilter

    def rows(self):
        return selectors.challenges()


@extend_schema_view(
    list=extend_schema(
        summary=_("List proposals"),
        description=_(
            "Public proposals (no drafts, nothing hidden by moderation), newest submission first, each with its "
            "status timeline and support count."
        ),
    ),
    retrieve=retrieve_schema(
        _("One proposal"), _("A public proposal by its id, with its timeline and field-expert reviews.")
    ),
)
class ProposalViewSet(OpenDataViewSet):
    filterset_class = ProposalFilter
    pagination_class = LongListPagination

    def rows(self):
        return selectors.proposal_details() if self.action == "retrieve" else selectors.proposals()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ProposalDetailSerializer
        return serializers.ProposalSerializer


@extend_schema_view(
    list=extend_schema(
        summary=_("List pilots"),
        description=_(
            "Pilots, newest first, each with its metrics, iterations and the measurements of each iteration."
        ),
    ),
    retrieve=retrieve_schema(_("One pilot"), _("A pilot by its id, with its metrics, iterations and measurements.")),
)
class PilotViewSet(OpenDataViewSet):
    serializer_class = serializers.PilotSerializer
    filterset_class = PilotFilter

    def rows(self):
        return selectors.pilots()


@extend_schema_view(
    list=extend_schema(summary=_("List organisations"), description=_("Organisations taking part, by name.")),
    retrieve=retrieve_schema(_("One organisation"), _("An organisation by its id.")),
)
class OrganisationViewSet(OpenDataViewSet):
    serializer_class = serializers.OrganisationSerializer
    filterset_class = OrganisationFilter

    def rows(self):
        return selectors.organisations()


@extend_schema_view(
    list=extend_schema(
        summary=_("List standard models"),
        description=_(
            "Published standard models, most recently published first, each with its procedure, requirements, "
            "limitations, version history and adoption counts."
        ),
    ),
    retrieve=retrieve_schema(_("One standard model"), _("A published standard model by its id.")),
)
class StandardModelViewSet(OpenDataViewSet):
    serializer_class = serializers.StandardModelSerializer
    filterset_class = StandardModelFilter

    def rows(self):
        return selectors.standard_models()


@extend_schema_view(
    list=extend_schema(
        summary=_("List adoptions"),
        description=_(
            "Adoptions of published standard models by organisations, latest start first, with their local "
            "adaptations and feedback."
        ),
    ),
    retrieve=retrieve_schema(_("One adoption"), _("An adoption of a published standard model by its id.")),
)
class AdoptionViewSet(OpenDataViewSet):
    serializer_class = serializers.AdoptionSerializer
    filterset_class = AdoptionFilter

    def rows(self):
        return selectors.adoptions()


# The API's collections, as the entry point lists them (a new one also needs its serializer field).
COLLECTIONS = {
    "challenges": "api:challenge_list",
    "proposals": "api:proposal_list",
    "pilots": "api:pilot_list",
    "organisations": "api:organisation_list",
    "standard_models": "api:standard_model_list",
    "adoptions": "api:adoption_list",
}


class ApiRootView(OpenDataMixin, APIView):
    @extend_schema(
        summary=_("Entry point"),
        description=_("Links to every collection of this version of the API."),
        responses=serializers.ApiRootSerializer,
    )
    def get(self, request):
        links = {name: absolute_url(reverse(url_name), request) for name, url_name in COLLECTIONS.items()}
        links["schema"] = absolute_url(reverse("api:schema"), request)
        links["documentation"] = absolute_url(reverse("api:docs"), request)
        return Response(serializers.ApiRootSerializer(links).data)


class SchemaView(OpenDataMixin, APIView):
    """The OpenAPI 3 schema: JSON by default, YAML with ``?format=yaml``, in the language of
    ``?lang=`` or the request."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]

    @extend_schema(exclude=True)
    def get(self, request):
        return Response(schema.openapi_schema(request.GET.get("lang")))


def in_visitor_language(view):
    """Pages without a language prefix (/data/, /api/docs/) would always be in the default
    language; these follow the visitor's choice (the language switcher's cookie) or their
    browser's, like the prefixed pages do."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return wrapped


@require_safe
@in_visitor_language
def api_docs(request):
    return render(request, "api/docs.html", {**schema.documentation(request), "licence": settings.OPEN_DATA_LICENCE})


# --- Bulk downloads ------------------------------------------------------------------------


@require_safe
@in_visitor_language
def data_index(request):
    feeds = [{"url": reverse(f"api:feed_{slug}"), "title": feed.title} for slug, feed in FEEDS.items()]
    return render(
        request,
        "api/data_index.html",
        {"datasets": exports.listing(), "feeds": feeds, "licence": settings.OPEN_DATA_LICENCE},
    )


def _export(request, dataset, fmt):
    """The export row, looked up once per request for the ETag, Last-Modified and the file."""
    if not hasattr(request, "_open_data_export"):
        request._open_data_export = DataExport.objects.filter(dataset=dataset, format=fmt).first()
    return request._open_data_export


def _export_etag(request, dataset, fmt):
    export = _export(request, dataset, fmt)
    return export.sha256 if export else None


def _export_changed_at(request, dataset, fmt):
    export = _export(request, dataset, fmt)
    return export.changed_at if export else None


@require_safe
@condition(etag_func=_export_etag, last_modified_func=_export_changed_at)
def data_file(request, dataset, fmt):
    export = _export(request, dataset, fmt)
    if export is None or fmt not in exports.FORMATS:
        raise Http404
    try:
        handle = default_storage.open(export.path, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, content_type=exports.FORMATS[fmt], filename=f"fieldwork-{export.filename}")
