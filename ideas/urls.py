from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

# allauth's answer when one of its rate limits is reached (ideas/core/ratelimits.py).
handler429 = "ideas.core.ratelimits.allauth_429"
handler404 = "ideas.core.views.page_not_found"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Open data: /api/..., /feeds/..., /data/... (no language prefix, DESIGN.md 4a).
    path("", include("ideas.api.urls")),
    # For load balancers and monitoring: database, cache and queue (ideas/core/health.py).
    path("health/", include("ideas.core.health")),
]

urlpatterns += i18n_patterns(
    path("", include("ideas.core.urls")),
    path("accounts/", include("ideas.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("ideas.proposals.urls")),
    path("", include("ideas.pilots.urls")),
    path("", include("ideas.playbooks.urls")),
    path("notifications/", include("ideas.notifications.urls")),
    path("audit/", include("ideas.audit.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the pages it owns (standard models arrive with a later issue).
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
