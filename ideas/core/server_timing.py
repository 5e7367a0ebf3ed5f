"""``Server-Timing`` on every response: time in the application and in SQL, and the number
of queries. Browsers' developer tools show it, and ``bench/`` reads it to report server time
and queries per request from outside the process (docs/performance.md). Off unless
``SERVER_TIMING`` is set: it tells anyone how much work a page costs."""

import time
from contextlib import ExitStack

from django.conf import settings
from django.db import connections

from .http import rendered


class _QueryCounter:
    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.count += 1


class ServerTimingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.SERVER_TIMING:
            return self.get_response(request)
        counter = _QueryCounter()
        start = time.perf_counter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counter))
            response = self.get_response(request)
            response = rendered(response)  # template rendering runs queries too: count them
        total = (time.perf_counter() - start) * 1000
        response["Server-Timing"] = (
            f'app;dur={total:.2f}, db;dur={counter.seconds * 1000:.2f};desc="{counter.count} queries"'
        )
        return response
