from django.conf import settings
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import translate_url
from django.utils.translation import gettext
from django.views import defaults
from django.views.decorators.http import require_GET

from ideas.search.api import is_search_query

from .http import next_url
from .selectors import home_page, site_search

MAX_QUERY_LENGTH = 200


@require_GET
def home(request):
    return render(request, "core/home.html", home_page())


@require_GET
def search(request):
    """/search/: proposals, pilots and standard models matching the visitor's words."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = site_search(query) if is_search_query(query) else None
    return render(request, "core/search.html", {"query": query, "results": results})


@require_GET
def switch_language(request, code):
    """The language switcher: remember the choice and show the same page in that language.

    A link rather than Django's POST ``set_language``, so that pages carry no CSRF token and
    anonymous visitors can be served cached pages (ideas/core/page_cache.py). Switching a
    preference is harmless to allow by GET: a forged link can only change a visitor's language.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    response = HttpResponseRedirect(translate_url(next_url(request, "/"), code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_GET
def privacy(request):
    """/privacy/: what is kept, why, for how long, who sees it; export and deletion."""
    fieldwork = settings.FIELDWORK
    return render(
        request,
        "core/privacy.html",
        {
            # Supports' IP addresses are purged after this many days (the anti-fraud setting).
            "ip_retention_days": fieldwork.get("IP_RETENTION_DAYS", 90),
            "log_retention_days": fieldwork["LOG_RETENTION_DAYS"],
            "session_days": settings.SESSION_COOKIE_AGE // 86400,
            "contact": fieldwork["PRIVACY_CONTACT"],
        },
    )


def page_not_found(request, exception):
    """404: for the API as its schema documents it (JSON with a ``detail``), else the site's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": gettext("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def csrf_failure(request, reason=""):
    """A forged or expired form: explain in the visitor's language instead of Django's debug page."""
    return render(request, "403_csrf.html", status=403)
