"""Verdicts against the targets of issue 6 and the Markdown report, from the results dict
that ``bench/run.py`` also writes as JSON (so a report can be rendered again from a JSON)."""

from .plan import TARGETS_MS
from .stats import fmt_ms, fmt_queries, is_met, verdict_at_least, verdict_at_most

SUPPORTS_PER_SECOND = 500
CACHED_REQUESTS_PER_SECOND = 1500


def query_checks(latency, compare=None, *, larger=True):
    """Where the number of queries is not constant. Returns (problems, notes).

    Problems count against the target: one address whose requests ran different numbers of
    queries, a group whose entries differ (page 1 and a deep page of the same list), and, with
    ``compare`` (the latency list of another run on other data), an address that runs more
    queries on the larger data (``larger``: this run's data is the larger). Notes are only
    reported: a sample of different proposals (or texts) whose counts differ (the count depends
    on the item), and fewer queries on the larger data (Django skips a prefetch when there is
    nothing to prefetch, e.g. a search with no match or a proposal with no comment).
    """
    problems, notes = [], []
    for entry in latency:
        summary = entry["summary"]
        if summary["queries_min"] is not None and not summary["queries_constant"]:
            text = f"{entry['name']}: {summary['queries_min']}–{summary['queries_max']} queries"
            if len(entry["paths"]) > 1 or len(entry.get("bodies") or ()) > 1:
                notes.append(text + " (differs between the items of the sample)")
            else:
                problems.append(text)
    groups = {}
    for entry in latency:
        if entry.get("group") and entry["summary"]["queries_min"] is not None:
            groups.setdefault(entry["group"], []).append(entry)
    for entries in groups.values():
        counts = {e["summary"]["queries_max"] for e in entries}
        if len(counts) > 1:
            problems.append(" vs ".join(f"{e['name']}: {e['summary']['queries_max']}" for e in entries) + " queries")
    if compare:
        other = {e["key"]: e["summary"].get("queries_max") for e in compare}
        for entry in latency:
            theirs = other.get(entry["key"])
            mine = entry["summary"]["queries_max"]
            if theirs is None or mine is None or theirs == mine:
                continue
            text = f"{entry['name']}: {mine} queries here, {theirs} in the compared run"
            grows = mine > theirs if larger else theirs > mine
            (problems if grows else notes).append(text + ("" if grows else " (fewer on the larger data)"))
    return problems, notes


def targets(results):
    """[(target, measured, verdict)]"""
    latency = results.get("latency") or []
    rows = []
    for kind, (limit, label) in TARGETS_MS.items():
        entries = [e for e in latency if e["kind"] == kind and e["summary"]["app_p95"] is not None]
        if not entries:
            rows.append((f"{label}: p95 server time ≤ {limit} ms", "not measured", "not measured"))
            continue
        worst = max(entries, key=lambda e: e["summary"]["app_p95"])
        missed = [e for e in entries if e["summary"]["app_p95"] > limit]
        measured = f"worst p95 {worst['summary']['app_p95']:.1f} ms ({worst['name']})"
        if missed:
            measured += f"; {len(missed)} of {len(entries)} addresses over"
        rows.append(
            (f"{label}: p95 server time ≤ {limit} ms", measured, verdict_at_most(worst["summary"]["app_p95"], limit))
        )
    if latency:
        problems = results.get("query_problems") or []
        rows.append(
            (
                "Constant queries per page whatever the data size",
                (_differences(len(problems)) if problems else "no differences")
                + (" (compared with another run)" if results.get("compared_with") else " (this data size only)"),
                "met" if not problems else f"missed: {_differences(len(problems))} (below)",
            )
        )
    for pattern, surge in (results.get("surge") or {}).items():
        exact = surge.get("counts_exact")
        verdict = verdict_at_least(surge["writes_per_second"], SUPPORTS_PER_SECOND, "writes/s")
        if not exact:
            verdict = "missed: counts not exact; " + verdict
        rows.append(
            (
                f"Supports ≥ {SUPPORTS_PER_SECOND} writes/s with exact counts ({pattern}: {surge['description']})",
                f"{surge['writes_per_second']:,.0f} writes/s, {surge['clients']} clients, {surge['errors']} errors, "
                "counts " + ("exact" if exact else "NOT exact"),
                verdict,
            )
        )
    throughput = results.get("throughput")
    if throughput and throughput.get("mix"):
        rps = throughput["mix"]["rps"]
        rows.append(
            (
                f"Anonymous pages through the cache ≥ {CACHED_REQUESTS_PER_SECOND:,} requests/s",
                f"{rps:,.0f} requests/s, {throughput['mix']['errors']} errors",
                verdict_at_least(rps, CACHED_REQUESTS_PER_SECOND, "req/s"),
            )
        )
    return rows


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def render_markdown(results):
    meta, machine, data = results["meta"], results["machine"], results["data"]
    lines = [
        f"# Benchmark {meta['started']} — {machine['database_name']}" + (" (quick)" if meta.get("quick") else ""),
        "",
        f"Command: `{meta['command']}`",
        "",
    ]
    if meta.get("quick"):
        lines += ["**Quick run**: few requests per address; the figures check the harness, not the platform.", ""]
    busy = _busy(meta.get("load_start"), machine.get("cpus"))
    if busy:
        lines += [
            f"**The machine was busy** (load average {busy} at the start on {machine.get('cpus')} cores): "
            "these figures are not those of a quiet machine.",
            "",
        ]
    lines += ["## Machine and set-up", ""]
    lines += _table(
        ["", ""],
        [
            ("CPU", f"{machine['cpus']} × {machine['cpu_model']}"),
            ("memory", machine["memory"]),
            ("system", machine["os"]),
            ("database", f"{machine['database']} ({machine['database_name']} on {machine['database_host']})"),
            ("database settings", machine.get("database_settings", "")),
            ("cache", machine.get("redis", "")),
            ("Python / Django / Wagtail", f"{machine['python']} / {machine['django']} / {machine['wagtail']}"),
            ("server", meta.get("gunicorn_version", "")),
            ("server time and surge phases", meta.get("latency_server", "")),
            ("throughput phase", meta.get("cached_server", "")),
            ("load generator", meta.get("load_tool", "")),
            ("load average at start / end", f"{meta.get('load_start', '')} / {meta.get('load_end', '')}"),
        ],
    )
    lines += ["", "## Data", ""]
    lines += _table(["what", "count"], [(name, f"{count:,}") for name, count in data.items()])
    lines += ["", "## Targets", ""]
    lines += _table(["target", "measured", "verdict"], results.get("targets") or [])

    latency = results.get("latency") or []
    if latency:
        lines += [
            "",
            "## Server time and queries per request",
            "",
            f"{meta.get('requests_per_address')} requests per address after {meta.get('warmups')} warm-up(s), one at "
            "a time, anonymous unless said, the page cache off (PAGE_CACHE_SECONDS=0). Server time is the `app` "
            "duration of the `Server-Timing` header (the whole Django request, template rendering included); "
            "`db` is the time in SQL; client is the wall time seen by the harness.",
            "",
        ]
        rows = []
        for entry in latency:
            s = entry["summary"]
            limit = TARGETS_MS.get(entry["kind"], (None,))[0]
            flag = "" if limit is None or s["app_p95"] is None or s["app_p95"] <= limit else " ⚠"
            status = ",".join(str(code) for code in s["statuses"])
            rows.append(
                (
                    entry["name"],
                    f"`{entry['paths'][0]}`" + (f" (+{len(entry['paths']) - 1})" if len(entry["paths"]) > 1 else ""),
                    entry["kind"] + (f" ≤ {limit}" if limit else ""),
                    status,
                    fmt_ms(s["app_median"]),
                    fmt_ms(s["app_p95"]) + flag,
                    fmt_ms(s["app_max"]),
                    fmt_ms(s["db_median"]),
                    fmt_queries(s),
                    fmt_ms(s["client_median"]),
                )
            )
        lines += _table(
            [
                "address",
                "path",
                "kind, target ms",
                "status",
                "median ms",
                "p95 ms",
                "max ms",
                "db median ms",
                "queries",
                "client median ms",
            ],
            rows,
        )
        problems = results.get("query_problems") or []
        lines += [
            "",
            "Query counts that are not constant (count against the target): " + ("none." if not problems else ""),
        ]
        lines += [f"- {problem}" for problem in problems]
        notes = results.get("query_notes") or []
        if notes:
            lines += ["", "Query counts that depend on the item shown (not on the data size):"]
            lines += [f"- {note}" for note in notes]
        if results.get("compared_with"):
            lines += ["", f"Compared with: {results['compared_with']}"]

    throughput = results.get("throughput")
    if throughput:
        lines += [
            "",
            "## Throughput of anonymous pages (page cache on)",
            "",
            f"{throughput['connections']} keep-alive connections for {throughput['seconds']} s "
            f"({throughput['tool']}); cache check before the run: {throughput.get('cache_check')}.",
            "",
        ]
        rows = []
        for name, run in [("all pages in turn", throughput["mix"]), *throughput.get("per_page", {}).items()]:
            rows.append(
                (
                    name if name == "all pages in turn" else f"`{name}`",
                    f"{run['rps']:,.0f}",
                    f"{run['requests']:,}",
                    f"{run['errors']}",
                    fmt_ms(run.get("latency_p50_ms")),
                    fmt_ms(run.get("latency_p99_ms")),
                )
            )
        lines += _table(["pages", "requests/s", "requests", "errors", "latency p50 ms", "latency p99 ms"], rows)

    surges = results.get("surge")
    if surges:
        first = next(iter(surges.values()))
        lines += [
            "",
            "## Support surge",
            "",
            f"{first['clients']} clients, each a different verified citizen with its own session and keep-alive "
            f"connection, support the same {first['proposals']} proposals (the htmx POST of the support button), "
            "then the counts are checked in the database and the supports withdrawn. Server time and queries "
            "from `Server-Timing`; latency is the wall time seen by the clients (it includes queueing).",
            "",
        ]
        rows = []
        for pattern, surge in surges.items():
            rows.append(
                (
                    f"{pattern}: {surge['description']}",
                    f"{surge['writes_per_second']:,.0f}",
                    f"{surge['succeeded']:,} of {surge['attempted']:,}",
                    surge["refused"],
                    surge["errors"],
                    f"{surge['seconds']:.1f}",
                    fmt_ms(surge["latency_median_ms"]),
                    fmt_ms(surge["latency_p95_ms"]),
                    fmt_ms(surge.get("server_median_ms")),
                    fmt_ms(surge.get("server_p95_ms")),
                    ", ".join(str(q) for q in surge.get("queries") or []) or "–",
                    "yes" if surge["counts_exact"] else "NO",
                )
            )
        lines += _table(
            [
                "pattern",
                "writes/s",
                "counted",
                "refused",
                "errors",
                "seconds",
                "latency median ms",
                "latency p95 ms",
                "server median ms",
                "server p95 ms",
                "queries",
                "counts exact",
            ],
            rows,
        )
        lines.append("")
        for pattern, surge in surges.items():
            lines.append(f"- {pattern}: {surge.get('count_check', '')}")
            lines += [f"  - {problem}" for problem in surge.get("count_problems", [])[:20]]

    found = results.get("found")
    if found:
        lines += ["", "## What was measured on", ""]
        words = ", ".join(
            f"{key} “{value['word']}” ({value['matches']:,})" for key, value in found["search_words"].items()
        )
        lines += [
            f"- public proposals: {found['public_proposals']:,}; page size {found['page_size']}; "
            f"last page {found['last_page']:,}; deep page measured: {found['deep_page']:,}",
            f"- search words (from real titles, with their matches): {words}",
            f"- official for the triage dashboard: account #{found.get('official_id')}; "
            f"pilot #{found.get('pilot_id')}; "
            f"standard model {found.get('model_url')}",
        ]
    return "\n".join(lines) + "\n"


def _differences(n):
    return f"{n} difference" + ("" if n == 1 else "s")


def _busy(load, cpus):
    """The one-minute load average when it is over half the cores, else None."""
    try:
        one_minute = float(str(load).split()[0])
    except (IndexError, ValueError):
        return None
    return f"{one_minute:.1f}" if cpus and one_minute > cpus / 2 else None


def all_met(rows):
    return all(is_met(verdict) for _target, _measured, verdict in rows)
