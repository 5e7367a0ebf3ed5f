"""Serializer fields shared by the open-data serializers."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.rich_text import RichText, expand_db_html


def absolute_url(path, request=None):
    """An absolute address: from the request when there is one, else from ``SITE_URL`` (exports)."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path


@extend_schema_field(OpenApiTypes.URI)
class ApiUrlField(serializers.Field):
    """The absolute address of the object in this API."""

    def __init__(self, view_name, **kwargs):
        self.view_name = view_name
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute_url(reverse(self.view_name, args=[value.pk]), self.context.get("request"))


@extend_schema_field(OpenApiTypes.URI)
class WebUrlField(serializers.Field):
    """The absolute address of the object's page on the site, without a language prefix."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        with translation.override(settings.LANGUAGE_CODE):
            path = value.get_absolute_url()
        return absolute_url(path, self.context.get("request"))


def page_url(page, request=None):
    """The absolute address of a Wagtail page, without a language prefix."""
    with translation.override(settings.LANGUAGE_CODE):
        url = page.get_url(request)
    return absolute_url(url, request) if url and url.startswith("/") else url


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(WebUrlField):
    """The absolute address of a Wagtail page on the site."""

    def to_representation(self, value):
        return page_url(value, self.context.get("request"))


@extend_schema_field({"anyOf": [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}]})
class UrlOrEmptyField(serializers.CharField):
    """An address that may be missing: stored as an empty string, given as one."""

    def __init__(self, **kwargs):
        kwargs.update(read_only=True)
        super().__init__(**kwargs)


class NullableChoiceField(serializers.ChoiceField):
    """A choice stored as '' when unset (a pilot's outcome, the first timeline entry's
    previous status), given as ``null``."""

    def __init__(self, **kwargs):
        kwargs.update(read_only=True, allow_null=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return None if value in ("", None) else super().to_representation(value)


@extend_schema_field(OpenApiTypes.STR)
class RichTextHtmlField(serializers.Field):
    """An editor's rich text as HTML readers can use: Wagtail's internal link markup
    (``<a linktype="page" id="3">``) becomes ordinary links to the site's addresses."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return expand_db_html(value.source if isinstance(value, RichText) else value or "")
