"""The performance benchmark of issue 6, in one command (bench/README.md):

    .venv/bin/python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/fieldwork_volume

It sets Django up on the same database as the server, picks real ids and words from the data,
starts gunicorn with the production settings (or uses the servers given with ``--base-url`` and
``--cached-base-url``), and measures over HTTP:

1. server time (median, p95) and SQL queries per request, from the ``Server-Timing`` header, for
   the list (page 1, a deep page, every filter and sort, with search), proposal pages, search
   in Korean and English, similar-proposal lookups, the triage dashboard, pilot and
   standard-model pages and the API lists, on a server with the page cache off;
2. requests/s of anonymous pages on a server with the page cache on (``wrk`` if installed);
3. a surge of supports from 64 signed-in citizens at once, then the counts checked in the
   database;

and writes bench/results/<date>-<database>.md and .json with the machine described and a
verdict for each target.
"""

import argparse
import json
import os
import shlex
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import discover, load, plan, report, server, surge  # noqa: E402
from bench.client import Client  # noqa: E402
from bench.stats import summarize  # noqa: E402


def parse_args(argv=None):
    cpus = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="The database the server uses (default: $DATABASE_URL). PostgreSQL for the real measurement.",
    )
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/15"),
        help="Redis for the servers started here (default: $CACHE_URL or redis://127.0.0.1:6379/15).",
    )
    parser.add_argument(
        "--base-url",
        help="Use this running server for the latency phase instead of starting one. It must run with "
        "SERVER_TIMING=1 and PAGE_CACHE_SECONDS=0, on the same database, with the SECRET_KEY of this process.",
    )
    parser.add_argument(
        "--cached-base-url",
        help="Use this running server (page cache on) for the throughput and surge phases "
        "(default: --base-url if given, else one started here).",
    )
    parser.add_argument("--workers", type=int, default=2 * cpus, help=f"gunicorn workers (default {2 * cpus}).")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker (default 4).")
    parser.add_argument("--requests", type=int, default=50, help="Measured requests per address (default 50).")
    parser.add_argument("--warmups", type=int, default=3, help="Unmeasured requests first (default 3).")
    parser.add_argument("--list-page", type=int, default=2000, help="The deep page of the list (default 2000).")
    parser.add_argument("--throughput-seconds", type=int, default=20, help="Length of the mixed run (default 20).")
    parser.add_argument("--page-seconds", type=int, default=5, help="Length of each one-page run (default 5).")
    parser.add_argument("--connections", type=int, default=64, help="Concurrent connections (default 64).")
    parser.add_argument("--surge-clients", type=int, default=64, help="Concurrent citizens (default 64).")
    parser.add_argument("--surge-proposals", type=int, default=50, help="Proposals each supports (default 50).")
    parser.add_argument(
        "--keep-surge-supports", action="store_true", help="Leave the surge's supports (default: withdrawn)."
    )
    parser.add_argument(
        "--only", default="latency,throughput,surge", help="Phases to run, comma-separated (default: all three)."
    )
    parser.add_argument("--compare", type=Path, help="A results JSON of another run: flag query counts that differ.")
    parser.add_argument("--output-dir", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="Check the harness: 5 requests per address, 3-second throughput runs, 5 proposals in the surge.",
    )
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("--database-url (or $DATABASE_URL) is required")
    if args.quick:
        args.requests, args.warmups = min(args.requests, 5), min(args.warmups, 1)
        args.throughput_seconds, args.page_seconds = min(args.throughput_seconds, 3), min(args.page_seconds, 1)
        args.surge_proposals = min(args.surge_proposals, 5)
    args.phases = {phase.strip() for phase in args.only.split(",") if phase.strip()}
    return args


def log(message):
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def loadavg():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# --- Phase 1: server time and queries -----------------------------------------------------


def measure_latency(base_url, entries, sessions, *, requests, warmups):
    clients = {
        None: Client(base_url),
        **{name: Client(base_url, cookie=cookie, csrf_token=token) for name, (cookie, token) in sessions.items()},
    }
    results = []
    for entry in entries:
        client = clients[entry["session"]]
        paths, bodies = entry["paths"], entry["bodies"]
        # Every path of a sample is seen once before measuring: this is the warm server.
        rounds = max(warmups, len(paths), len(bodies or ())) + requests
        samples = []
        for i in range(rounds):
            headers = {"HX-Request": "true"} if entry["method"] == "POST" else None
            started = time.perf_counter()
            try:
                sample, _content = client.request(
                    entry["method"],
                    paths[i % len(paths)],
                    body=bodies[i % len(bodies)] if bodies else None,
                    headers=headers,
                )
            except OSError as exc:  # the server closed or timed out: a failed request, not a failed run
                log(f"  {entry['name']}: request failed: {exc!r}")
                sample = {"status": 0, "client": (time.perf_counter() - started) * 1000}
            if i >= rounds - requests:
                samples.append(sample)
        summary = summarize(samples)
        results.append({**entry, "summary": summary, "samples": samples})
        warn = ""
        if summary["statuses"] != [200]:
            warn += f" status {summary['statuses']}"
        if summary["cache_hits"]:
            warn += f" ({summary['cache_hits']} served from the page cache!)"
        if summary["app_p95"] is None:
            warn += " (no Server-Timing: start the server with SERVER_TIMING=1)"
        log(
            f"  {entry['name']}: median {summary['app_median'] or 0:.1f} ms, p95 {summary['app_p95'] or 0:.1f} ms, "
            f"queries {summary['queries_min']}–{summary['queries_max']}{warn}"
        )
    for client in clients.values():
        client.close()
    return results


# --- Phase 2: throughput of anonymous pages -------------------------------------------------


def measure_throughput(base_url, paths, *, seconds, page_seconds, connections):
    discover.clear_page_cache()
    client = Client(base_url)
    cached = 0
    for path in paths:
        client.request("GET", path)
        sample, _content = client.request("GET", path)
        cached += sample["status"] == 200 and sample["cache"] == "hit"
    client.close()
    cache_check = f"{cached} of {len(paths)} pages answered from the cache (X-Cache: hit) on the second request"
    log(f"  {cache_check}")
    mix = load.run(base_url, paths, seconds=seconds, connections=connections)
    log(f"  all pages in turn: {mix['rps']:,.0f} requests/s, {mix['errors']} errors ({mix['tool']})")
    per_page = {}
    for path in paths:
        per_page[path] = load.run(base_url, [path], seconds=page_seconds, connections=connections)
        log(f"  {path}: {per_page[path]['rps']:,.0f} requests/s, {per_page[path]['errors']} errors")
    return {
        "tool": f"{mix['tool']} ({load.tool_version()})",
        "connections": connections,
        "seconds": seconds,
        "page_seconds": page_seconds,
        "paths": paths,
        "cache_check": cache_check,
        "mix": mix,
        "per_page": per_page,
    }


# --- Phase 3: the support surge -------------------------------------------------------------


SURGE_PATTERNS = {
    "spread": "each client starts at a different proposal (supports spread over all of them)",
    "hot": "all clients go through the proposals in the same order (dozens support one proposal at once)",
}


def measure_surge(base_url, *, clients, proposals, keep):
    """Both patterns in turn, each from a clean state; returns {pattern: outcome}."""
    accounts = discover.surge_accounts(clients)
    proposal_ids = discover.surge_proposals(proposals, accounts)
    if not proposal_ids:
        raise SystemExit("No public proposal takes supports: the surge has nothing to support.")
    withdrawn = discover.withdraw_surge_supports(accounts)
    if withdrawn:
        log(f"  withdrew {withdrawn} supports left by an earlier run")
    session_keys = [discover.create_session(pk) for pk in accounts]
    outcomes = {}
    try:
        headers = [discover.cookie_header(key) for key in session_keys]
        for number, pattern in enumerate(SURGE_PATTERNS):
            before = discover.support_counts(proposal_ids, accounts)
            outcome, succeeded = surge.run(base_url, headers, proposal_ids, spread=pattern == "spread")
            outcome.update(pattern=pattern, description=SURGE_PATTERNS[pattern])
            _check_counts(outcome, before, discover.support_counts(proposal_ids, accounts), succeeded, len(accounts))
            outcomes[pattern] = outcome
            log(
                f"  {pattern}: {outcome['succeeded']:,} supports in {outcome['seconds']:.1f} s = "
                f"{outcome['writes_per_second']:,.0f}/s; refused {outcome['refused']}, errors {outcome['errors']}; "
                f"counts exact: {outcome['counts_exact']}"
            )
            if number < len(SURGE_PATTERNS) - 1 or not keep:
                discover.withdraw_surge_supports(accounts)
                restored = discover.support_counts(proposal_ids, accounts)
                if any(restored[pk]["counter"] != before[pk]["counter"] for pk in proposal_ids):
                    log("  WARNING: counters differ from before the surge after withdrawing its supports")
                    outcome["count_problems"].append("counters differ from before after withdrawing the supports")
    finally:
        discover.delete_sessions(session_keys)
        if not keep:
            discover.withdraw_surge_supports(accounts)
    return outcomes


def _check_counts(outcome, before, after, succeeded, clients):
    problems = []
    for pk, counted in succeeded.items():
        a, b = after[pk], before[pk]
        if a["counter"] != a["rows"]:
            problems.append(f"proposal {pk}: support_count {a['counter']} but {a['rows']} Support rows")
        if a["counter"] - b["counter"] != counted:
            problems.append(
                f"proposal {pk}: support_count rose by {a['counter'] - b['counter']}, {counted} POSTs counted"
            )
        if a["bench_rows"] != counted:
            problems.append(f"proposal {pk}: {a['bench_rows']} Support rows of the clients, {counted} counted")
    missing = [pk for pk, counted in succeeded.items() if counted != clients]
    outcome.update(
        proposal_ids=list(succeeded),
        counts_exact=not problems,
        count_problems=problems,
        all_counted=not missing,
        count_check=(
            f"support_count = Support rows = before + counted POSTs on all {len(succeeded)} proposals: "
            f"{'yes' if not problems else 'NO'}; every POST counted ({clients} per proposal): "
            f"{'yes' if not missing else f'no ({len(missing)} proposals short)'}"
        ),
    )


# --- The run --------------------------------------------------------------------------------


def main(argv=None):
    args = parse_args(argv)
    started = datetime.now(UTC)
    latency_env = server.server_environment(
        database_url=args.database_url, cache_url=args.cache_url, page_cache_seconds=0, server_timing=True
    )
    cached_env = server.server_environment(
        database_url=args.database_url, cache_url=args.cache_url, page_cache_seconds=60, server_timing=False
    )
    discover.setup_django(latency_env)
    from django.db import connection

    log(f"database {connection.settings_dict['NAME']}: finding addresses, words and accounts ...")
    found = discover.discover(list_page=args.list_page)
    machine = discover.machine()
    data = discover.data_size()
    log(f"data: {data}")
    citizen = discover.citizen_for_pages()
    sessions, session_keys = {}, []
    for name, user_id in (("citizen", citizen), ("official", found.get("official_id"))):
        if user_id:
            if name == "official":
                discover.ensure_second_factor(user_id)
            key = discover.create_session(user_id)
            session_keys.append(key)
            sessions[name] = discover.cookie_header(key)
    entries = [e for e in plan.latency_plan(found) if e["session"] is None or e["session"] in sessions]
    results = {
        "meta": {
            "started": started.strftime("%Y-%m-%d %H:%M UTC"),
            "command": shlex.join(
                [os.path.relpath(sys.executable, ROOT), *(sys.argv if argv is None else ["bench/run.py", *argv])]
            ),
            "quick": args.quick,
            "requests_per_address": args.requests,
            "warmups": args.warmups,
            "gunicorn_version": server.gunicorn_version(),
            "load_tool": f"{load.tool()} ({load.tool_version()})",
            "load_start": loadavg(),
        },
        "machine": machine,
        "data": data,
        "found": found,
    }
    spawns_latency = bool(args.phases & {"latency", "surge"}) and not args.base_url
    spawns_cached = "throughput" in args.phases and not (args.cached_base_url or args.base_url)
    if spawns_latency or spawns_cached:
        server.ensure_static_files(latency_env, log)
    try:
        if args.phases & {"latency", "surge"}:
            if args.base_url:
                results["meta"]["latency_server"] = f"running server {args.base_url}"
                _uncached_phases(args, args.base_url, entries, sessions, results)
            else:
                with server.Gunicorn(
                    latency_env, workers=args.workers, threads=args.threads, log=log, label="uncached"
                ) as gunicorn:
                    results["meta"]["latency_server"] = gunicorn.description
                    _uncached_phases(args, gunicorn.base_url, entries, sessions, results)
        if "throughput" in args.phases:
            cached_url = args.cached_base_url or args.base_url
            if cached_url:
                results["meta"]["cached_server"] = f"running server {cached_url}"
                _throughput_phase(args, cached_url, found, results)
            else:
                with server.Gunicorn(
                    cached_env, workers=args.workers, threads=args.threads, log=log, label="cached"
                ) as gunicorn:
                    results["meta"]["cached_server"] = gunicorn.description
                    _throughput_phase(args, gunicorn.base_url, found, results)
    finally:
        discover.delete_sessions(session_keys)
    results["meta"]["load_end"] = loadavg()
    results["targets"] = report.targets(results)

    args.output_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{started:%Y-%m-%d}-{machine['database_name']}" + ("-quick" if args.quick else "")
    for entry in results.get("latency") or []:
        entry["samples"] = [{k: v for k, v in s.items() if k != "location"} for s in entry["samples"]]
    (args.output_dir / f"{stem}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str))
    markdown = report.render_markdown(results)
    (args.output_dir / f"{stem}.md").write_text(markdown)
    log(f"wrote {args.output_dir / stem}.md and .json")
    print()
    for target, measured, verdict in results["targets"]:
        print(f"- {target}: {measured} — {verdict}")
    return 0


def _uncached_phases(args, base_url, entries, sessions, results):
    if "latency" in args.phases:
        log(f"latency phase against {base_url}: {len(entries)} addresses × {args.requests} requests")
        results["latency"] = measure_latency(base_url, entries, sessions, requests=args.requests, warmups=args.warmups)
        compared = json.loads(args.compare.read_text()) if args.compare else {}
        larger = results["data"]["proposals"] >= compared.get("data", {}).get("proposals", 0)
        results["compared_with"] = (
            f"{args.compare} ({compared['data']['proposals']:,} proposals)" if args.compare else None
        )
        results["query_problems"], results["query_notes"] = report.query_checks(
            results["latency"], compared.get("latency"), larger=larger
        )
    if "surge" in args.phases:
        log(f"surge phase: {args.surge_clients} clients × {args.surge_proposals} proposals against {base_url}")
        started = time.perf_counter()
        results["surge"] = measure_surge(
            base_url, clients=args.surge_clients, proposals=args.surge_proposals, keep=args.keep_surge_supports
        )
        log(f"  surge phase done in {time.perf_counter() - started:.0f} s (with set-up and clean-up)")


def _throughput_phase(args, base_url, found, results):
    log(f"throughput phase against {base_url}")
    results["throughput"] = measure_throughput(
        base_url,
        plan.throughput_paths(found),
        seconds=args.throughput_seconds,
        page_seconds=args.page_seconds,
        connections=args.connections,
    )


if __name__ == "__main__":
    sys.exit(main())
