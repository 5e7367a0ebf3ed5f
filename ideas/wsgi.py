import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ideas.settings")
application = get_wsgi_application()

# What is loaded by now (Django, Wagtail, every view through the URLconf) lives as long as the
# process: freeze it out of the garbage collector, whose full collections otherwise walk all of
# it (about 200,000 objects: a 200 ms pause every few requests, seen in the benchmark's p95).
# Young collections run less often, so a request's short-lived objects die young instead of
# being promoted and piling up towards the next full collection (docs/performance.md).
get_resolver().url_patterns  # noqa: B018 (importing the URLconf imports every view)
gc.freeze()
gc.set_threshold(50_000, 10, 10)
