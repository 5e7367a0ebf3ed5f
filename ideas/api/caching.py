"""Cache headers and conditional GETs for everything open data serves.

A surge (DESIGN.md section 1, the case map) is absorbed by caches in front of the web
processes: responses say ``Cache-Control: public, max-age=N`` and carry an ETag, so a cache
or a client revalidates with ``If-None-Match`` and gets a body-less 304 when nothing changed.
Only anonymous, identical-for-everyone responses go through here: nothing personal is cached.
"""

from functools import wraps

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

from ideas.core.http import rendered


def max_age():
    return settings.OPEN_DATA["CACHE_SECONDS"]


def public_cache(view):
    """Mark a successful GET response cacheable by anyone, with an ETag, and answer a matching
    ``If-None-Match`` with 304. DRF and template responses are rendered first, so the ETag is
    computed from the bytes sent; a view that sets its own ETag (downloads) keeps it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code not in (200, 304):
            return response
        patch_cache_control(response, public=True, max_age=max_age())
        if response.status_code == 304:
            return response
        response = rendered(response)
        if not response.streaming and not response.has_header("ETag"):
            set_response_etag(response)
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    return wrapped
