"""The support surge: many signed-in citizens support the same proposals at the same moment.

Each client is a different verified account with its own session and keep-alive connection.
Two patterns: "spread", each client starting at a different proposal, and "hot", all clients
going through the proposals in the same order, so that at any moment dozens of them support
the same proposal: the hot row of a proposal that goes viral, the hardest case for an exact
counter (each support holds the proposal's row lock until its transaction commits).

Each POST is what htmx sends from the support button (``HX-Request``); the fragment that comes
back says whether the support was counted (a success message) or refused.
"""

import asyncio
import time
from urllib.parse import urlsplit

from .client import AsyncConnection
from .server import PROXY_HEADERS
from .stats import parse_server_timing, percentile


def run(base_url, clients, proposal_ids, *, spread=False):
    """``clients``: [(cookie header, csrf token)]. Returns the figures and, per proposal, how
    many POSTs were counted. ``spread``: client i starts at proposal i × P / clients and goes
    round (little contention), instead of every client in the same order (a hot row)."""
    return asyncio.run(_surge(base_url, clients, proposal_ids, spread))


async def _surge(base_url, clients, proposal_ids, spread):
    parts = urlsplit(base_url)
    host, port = parts.hostname, parts.port or 80
    succeeded = dict.fromkeys(proposal_ids, 0)
    outcome = {"succeeded": 0, "refused": 0, "errors": 0, "statuses": {}}
    latencies, server_times, queries = [], [], set()

    async def client(number, cookie, token):
        headers = {
            **PROXY_HEADERS,
            "Cookie": cookie,
            "X-CSRFToken": token,
            "HX-Request": "true",
            "Accept-Language": "en",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        connection = AsyncConnection(host, port, headers)
        start = number * len(proposal_ids) // len(clients) if spread else 0
        for pk in proposal_ids[start:] + proposal_ids[:start]:
            started = time.perf_counter()
            try:
                status, headers_in, body = await connection.request(
                    "POST",
                    f"/proposals/{pk}/support/",
                    headers={"Referer": f"https://{parts.netloc}/proposals/{pk}/"},
                )
            except (OSError, asyncio.IncompleteReadError):
                outcome["errors"] += 1
                continue
            latencies.append((time.perf_counter() - started) * 1000)
            timing = parse_server_timing(headers_in.get("server-timing"))
            if "app" in timing:
                server_times.append(timing["app"])
            if "queries" in timing:
                queries.add(timing["queries"])
            outcome["statuses"][status] = outcome["statuses"].get(status, 0) + 1
            if status == 200 and b"usa-alert--success" in body:
                outcome["succeeded"] += 1
                succeeded[pk] += 1
            elif status == 200 and b"usa-alert--error" in body:
                outcome["refused"] += 1
            else:
                outcome["errors"] += 1
        await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client(n, cookie, token) for n, (cookie, token) in enumerate(clients)))
    elapsed = time.perf_counter() - started
    outcome.update(
        clients=len(clients),
        proposals=len(proposal_ids),
        attempted=len(clients) * len(proposal_ids),
        seconds=elapsed,
        writes_per_second=outcome["succeeded"] / elapsed if elapsed else 0.0,
        latency_median_ms=percentile(latencies, 0.5) if latencies else None,
        latency_p95_ms=percentile(latencies, 0.95) if latencies else None,
        latency_max_ms=max(latencies) if latencies else None,
        server_median_ms=percentile(server_times, 0.5) if server_times else None,
        server_p95_ms=percentile(server_times, 0.95) if server_times else None,
        queries=sorted(queries),
    )
    return outcome, succeeded
