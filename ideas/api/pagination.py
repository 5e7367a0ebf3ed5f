from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination

from ideas.core.pagination import DeferredJoinPaginator


class OpenDataPagination(PageNumberPagination):
    """``?page=N`` (from 1) and ``?page_size=N`` (default 50, at most 200)."""

    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    page_query_description = _("Page number, from 1.")
    page_size_query_description = _("Results per page: 50 by default, at most 200.")

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        descriptions = {
            "count": _("Number of results over all pages."),
            "next": _("Address of the next page; null on the last page."),
            "previous": _("Address of the previous page; null on the first page."),
            "results": _("The results of this page."),
        }
        for name, description in descriptions.items():
            field = paginated["properties"][name]
            field.pop("example", None)
            if field.pop("nullable", False):  # OpenAPI 3.1 (JSON Schema) spells it as a type
                field["type"] = [field["type"], "null"]
            field["description"] = description
        return paginated


class LongListPagination(OpenDataPagination):
    """For the collections that grow to national size (proposals): deep pages stay cheap."""

    django_paginator_class = DeferredJoinPaginator
