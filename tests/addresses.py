"""Every address of the project: the URL patterns (walked through every include) and the routes
of routable Wagtail pages. Shared by the permission matrix (tests/test_permissions.py) and the
form fuzzer (tests/test_fuzz_forms.py)."""

import functools
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models


@dataclass(frozen=True)
class Address:
    key: str  # the URL name ("namespace:name"), or the route of an unnamed pattern
    route: str  # the full route, as in ideas/urls.py ("" for a routable page's route)
    view: object
    kwargs: dict  # arguments for the view (dummies for those the address holds)
    pattern: URLPattern | None = None  # None for a routable page's route


def _patterns(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace])) if pattern.namespace else namespace
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, prefix + str(pattern.pattern), pattern


def _dummy_kwargs(pattern):
    converters = getattr(pattern.pattern, "converters", None)
    names = converters.keys() if converters is not None else pattern.pattern.regex.groupindex.keys()
    return {name: 1 if converters and converters[name].regex == "[0-9]+" else "1" for name in names}


def takes_no_arguments(pattern):
    converters = getattr(pattern.pattern, "converters", None)
    return not (converters if converters is not None else pattern.pattern.regex.groups)


def every_address(urlpatterns=None):
    """Every URL pattern (of ``urlpatterns``, by default the project's), then every route of
    every routable page model (keyed "app.model:route")."""
    for name, route, pattern in _patterns(get_resolver().url_patterns if urlpatterns is None else urlpatterns):
        kwargs = {**_dummy_kwargs(pattern), **pattern.default_args}
        yield Address(name or route, route, pattern.callback, kwargs, pattern)
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            for route in model.get_subpage_urls():
                yield Address(
                    f"{model._meta.label_lower}:{route.name}", "", functools.partial(route.callback, model()), {}
                )
