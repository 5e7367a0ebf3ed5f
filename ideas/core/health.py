"""``/health/``: is this web process able to serve? For load balancers and monitoring.

It checks what every page needs: the database (one trivial query), the shared cache (a
write and a read of its own key) and, when tasks go to a queue, the queue's Redis (a ping).
200 with ``{"status": "ok", "checks": {...}}`` when all pass; 503 with the same shape, the
failed check marked ``"failed"``, when one does. The answer names no host, no error text
and nothing personal (the details go to the log); it is never cached.
"""

import logging
import time
import uuid
from functools import cache as memoize

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not answer 1")


def check_cache():
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    try:
        if cache.get(key) != "1":
            raise RuntimeError("the cache did not return what was just written")
    finally:
        cache.delete(key)


@memoize
def _queue_redis(url):
    # One small connection pool per process; short timeouts so a lost Redis fails the check
    # quickly instead of hanging the load balancer's request.
    return redis.Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS)


def queue_url():
    if settings.TASKS["default"]["BACKEND"] != settings.RQ_BACKEND:
        return None
    return settings.RQ_QUEUES.get("default", {}).get("URL")


def check_queue():
    url = queue_url()
    if url is None:
        return "not used"  # tasks run inline (the embedded default)
    _queue_redis(url).ping()
    return None


CHECKS = {"database": check_database, "cache": check_cache, "queue": check_queue}


@require_safe
@never_cache
def health(request):
    checks = {}
    healthy = True
    for name, check in CHECKS.items():
        start = time.perf_counter()
        try:
            checks[name] = check() or "ok"
        except Exception:
            healthy = False
            checks[name] = "failed"
            logger.exception("Health check %r failed after %.0f ms", name, (time.perf_counter() - start) * 1000)
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)


# Included at /health/ by ideas/urls.py, outside the language prefixes.
app_name = "health"
urlpatterns = [path("", health, name="check")]
