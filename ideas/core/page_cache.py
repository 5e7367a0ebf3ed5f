"""The server-side cache of what anonymous visitors see: pages, the API and the feeds.

A surge is mostly anonymous readers (DESIGN.md section 1: the case map). Their requests
carry no session, so every one of them sees the same bytes for the same address; those are
kept in the shared cache (local memory on the embedded default, Redis in production) and
served without touching the database.

How fresh (docs/performance.md, "Caching"):

* A change that commits to anything public pages show (a proposal, a decision, a comment, a
  pilot, a standard model, a person's public name, ...) invalidates every cached page at once:
  the next request renders afresh. One counter in the cache (the generation) makes that a
  single increment, shared by all web processes.
* Supports are the exception: they arrive by the thousand in a surge, and invalidating on
  each would empty the cache when it is needed most. A support count shown to anonymous
  readers is at most ``PAGE_CACHE_SECONDS`` old (the entry's lifetime), plus the same again
  in a CDN (``s-maxage``). The person who supports is signed in and sees their own support
  at once.

Not cached: requests with a session or a pending message (signed-in people, someone who
just logged out), anything but GET, responses that set a cookie (a CSRF token was used),
that are not 200, or that say ``private``/``no-store``.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers, set_response_etag

from .http import rendered

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' cookie storage


def _seconds():
    return settings.PAGE_CACHE_SECONDS


def invalidate():
    """Make every cached page stale (after the current transaction commits)."""
    transaction.on_commit(_bump_generation)


def _bump_generation():
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # not there yet (or evicted): any new value differs from the stored ones
            cache.set(GENERATION_KEY, 1, None)
    except Exception:  # the change is committed; an unreachable cache must not turn it into an error
        logger.exception("Could not invalidate the page cache")


def _is_anonymous(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and MESSAGES_COOKIE not in cookies


def _key(request):
    # Pages under /ko/ are Korean by their path; the few outside the language prefixes (/data/,
    # the API documentation) follow the language cookie or Accept-Language. htmx asks for
    # fragments of the same address.
    language = translation.get_language_from_request(request, check_path=True)
    identity = "|".join(
        (request.scheme, request.get_host(), request.get_full_path(), language, request.headers.get("HX-Request", ""))
    )
    return "page-cache:" + hashlib.sha256(identity.encode()).hexdigest()


def _storable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs from the shared cache; see the module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _seconds() <= 0 or request.method != "GET" or not _is_anonymous(request):
            return self.get_response(request)
        key = _key(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
        except Exception:  # the site stays up without its cache, only slower
            logger.warning("Page cache unreachable: serving without it", exc_info=True)
            return self.get_response(request)
        generation = found.get(GENERATION_KEY, 0)
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            return self._from_cache(request, stored)
        response = self.get_response(request)
        if _storable(response):
            response = self._store(key, generation, response)
        return response

    def _store(self, key, generation, response):
        response = rendered(response)
        if not response.has_header("ETag"):
            set_response_etag(response)
        if not response.has_header("Cache-Control"):  # the open-data views set their own
            # Browsers revalidate every time (cheap: 304 by ETag); shared caches may keep it
            # briefly, apart for signed-in people (their pages differ) and per language.
            patch_cache_control(response, public=True, max_age=0, s_maxage=_seconds())
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
        response["X-Cache"] = "miss"
        try:
            cache.set(key, (generation, response.status_code, list(response.items()), response.content), _seconds())
        except Exception:
            logger.warning("Page cache unreachable: page not stored", exc_info=True)
        return response

    def _from_cache(self, request, stored):
        _, status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Cache"] = "hit"
        return get_conditional_response(request, etag=response.get("ETag"), response=response)


def connect():
    """Invalidate on every committed change to what public pages show, except supports."""
    from ideas.api.triggers import on_public_change
    from ideas.proposals.models import Attachment, Comment

    on_public_change(invalidate, name="page-cache", extra_models=[Comment, Attachment])
