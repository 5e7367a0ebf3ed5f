"""The benchmark harness (bench/): its pure parts (no server, no database), and the official's session."""

import statistics

import pytest

from bench import plan, report
from bench.stats import (
    fmt_queries,
    is_met,
    parse_server_timing,
    percentile,
    summarize,
    verdict_at_least,
    verdict_at_most,
)


def test_percentile_interpolates_between_ranks():
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile([4, 1, 3, 2], 0.0) == 1
    assert percentile([4, 1, 3, 2], 1.0) == 4
    assert percentile([7], 0.95) == 7
    values = list(range(1, 101))
    assert percentile(values, 0.95) == pytest.approx(95.05)
    # The same as the standard library's inclusive quantiles.
    assert percentile(values, 0.95) == pytest.approx(statistics.quantiles(values, n=20, method="inclusive")[-1])


def test_percentile_refuses_nonsense():
    with pytest.raises(ValueError):
        percentile([], 0.5)
    with pytest.raises(ValueError):
        percentile([1, 2], 1.5)


def test_parse_server_timing_reads_the_middleware_header():
    header = 'app;dur=12.34, db;dur=3.10;desc="7 queries"'
    assert parse_server_timing(header) == {"app": 12.34, "db": 3.10, "queries": 7}


def test_parse_server_timing_is_lenient():
    assert parse_server_timing(None) == {}
    assert parse_server_timing("") == {}
    # Order, spacing, other metrics, a comma inside a quoted description, a missing duration.
    header = 'db ; desc="1 query, slow" ; dur=0.5 , cache;desc=hit, app; dur=9'
    assert parse_server_timing(header) == {"db": 0.5, "queries": 1, "app": 9.0}
    assert parse_server_timing("app;dur=abc") == {}


def test_summarize_flags_query_counts_that_differ():
    samples = [
        {"status": 200, "app": 10.0, "db": 2.0, "queries": 5, "client": 11.0},
        {"status": 200, "app": 20.0, "db": 4.0, "queries": 5, "client": 21.0, "cache": None},
        {"status": 200, "app": 30.0, "db": 6.0, "queries": 6, "client": 31.0, "cache": "hit"},
    ]
    summary = summarize(samples)
    assert summary["app_median"] == 20.0
    assert summary["app_p95"] == pytest.approx(29.0)
    assert (summary["queries_min"], summary["queries_max"], summary["queries_constant"]) == (5, 6, False)
    assert summary["cache_hits"] == 1
    assert fmt_queries(summary) == "5–6 ⚠"
    assert fmt_queries(summarize(samples[:2])) == "5"


def test_verdicts_say_by_how_much_a_target_is_missed():
    assert verdict_at_most(42.0, 50) == "met (42.0 ms ≤ 50.0 ms)"
    assert verdict_at_most(50.0, 50).startswith("met")
    assert verdict_at_most(62.5, 50) == "missed by 12.5 ms (62.5 ms > 50.0 ms, +25 %)"
    assert verdict_at_least(1800, 1500) == "met (1,800 req/s ≥ 1,500 req/s)"
    assert verdict_at_least(1200, 1500) == "missed by 300 req/s (1,200 req/s < 1,500 req/s, −20 %)"
    assert verdict_at_least(450, 500, "writes/s") == "missed by 50 writes/s (450 writes/s < 500 writes/s, −10 %)"
    assert verdict_at_most(None, 50) == "not measured"
    assert is_met("met (1 ms ≤ 50 ms)") and not is_met("missed by 1 ms") and not is_met("not measured")


def _entry(key, kind, app_p95, queries, group=None, paths=1):
    summary = summarize([{"status": 200, "app": app_p95, "db": 1.0, "queries": q, "client": app_p95} for q in queries])
    return {"key": key, "name": key, "kind": kind, "group": group, "paths": ["/x/"] * paths, "summary": summary}


def test_query_checks_and_targets():
    latency = [
        _entry("list.newest.p1", "list", 30.0, [5, 5], group="list.newest"),
        _entry("list.newest.deep", "list", 70.0, [6, 6], group="list.newest"),
        _entry("proposal.sample", "proposal", 20.0, [10, 11], paths=3),
        _entry("search.ko", "search", 100.0, [5]),
    ]
    problems, notes = report.query_checks(latency)
    assert problems == ["list.newest.p1: 5 vs list.newest.deep: 6 queries"]
    assert notes == ["proposal.sample: 10–11 queries (differs between the items of the sample)"]
    smaller_run = [
        {"key": "search.ko", "summary": {"queries_max": 4}},
        {"key": "list.newest.p1", "summary": {"queries_max": 6}},
    ]
    problems, notes = report.query_checks(latency, compare=smaller_run, larger=True)
    assert "search.ko: 5 queries here, 4 in the compared run" in problems
    assert "list.newest.p1: 5 queries here, 6 in the compared run (fewer on the larger data)" in notes
    problems, notes = report.query_checks(latency, compare=smaller_run, larger=False)
    assert "list.newest.p1: 5 queries here, 6 in the compared run" in problems
    assert "search.ko: 5 queries here, 4 in the compared run (fewer on the larger data)" in notes

    results = {
        "latency": latency,
        "query_problems": problems,
        "surge": {
            "hot": {"writes_per_second": 640.0, "clients": 64, "errors": 0, "counts_exact": True, "description": "d"}
        },
        "throughput": {"mix": {"rps": 1200.0, "errors": 0}},
    }
    rows = {target.split(":")[0].split(" (")[0]: verdict for target, _measured, verdict in report.targets(results)}
    assert rows["Proposal list"].startswith("missed by 20.0 ms")
    assert rows["Proposal page"].startswith("met")
    assert rows["Search"].startswith("met")
    assert rows["Similar-proposal lookup"] == "not measured"
    assert rows["Constant queries per page whatever the data size"].startswith("missed: 2 differences")
    assert rows["Supports ≥ 500 writes/s with exact counts"].startswith("met")
    assert rows["Anonymous pages through the cache ≥ 1,500 requests/s"].startswith("missed by 300 req/s")
    assert not report.all_met(report.targets(results))


def test_the_plan_covers_every_kind_of_page():
    found = {
        "public_proposals": 95_000,
        "page_size": 20,
        "last_page": 4750,
        "deep_page": 2000,
        "proposal_ids": [1, 2, 3],
        "most_commented_id": 4,
        "most_supported_id": 5,
        "status_common": "submitted",
        "status_common_n": 50_000,
        "status_rare": "withdrawn",
        "status_rare_n": 10,
        "category_common": "health",
        "category_common_n": 10,
        "category_rare": "tax",
        "category_rare_n": 3,
        "search_words": {"ko_common": {"word": "마스크", "matches": 900}, "en_common": {"word": "mask", "matches": 5}},
        "similar_ko": [{"exclude": 1, "title": "마스크", "problem": "..."}],
        "similar_en": [],
        "official_id": 9,
        "pilot_id": 3,
        "model_url": "/models/a/",
    }
    entries = plan.latency_plan(found)
    keys = {entry["key"] for entry in entries}
    assert {"list.newest.p1", "list.newest.deep", "list.supported.deep", "list.status.rare"} <= keys
    assert {"search.list.ko_common", "search.list.ko_common.deep", "similar.ko", "triage.dashboard"} <= keys
    assert {"proposal.sample", "pilot.page", "model.page", "api.proposals", "api.proposals.deep"} <= keys
    # A deep page that would be page 1 (5 English matches, 3 proposals in a category) is left out.
    assert "search.list.en_common.deep" not in keys and "list.category.common.deep" not in keys
    deep = next(entry for entry in entries if entry["key"] == "list.newest.deep")
    assert deep["paths"] == ["/proposals/?page=2000"] and deep["group"] == "list.newest"
    assert len({entry["key"] for entry in entries}) == len(entries)
    assert plan.throughput_paths(found)[:3] == ["/", "/proposals/", "/proposals/1/"]


def test_the_report_renders_and_says_when_the_machine_was_busy():
    latency = [_entry("list.newest.p1", "list", 30.0, [5, 5], group="list.newest")]
    results = {
        "meta": {
            "started": "2026-11-23 20:00 UTC",
            "command": "bench/run.py --quick",
            "quick": True,
            "load_start": "3.50 1 1",
        },
        "machine": {
            "cpus": 2,
            "cpu_model": "CPU",
            "memory": "4.0 GiB",
            "os": "Linux",
            "python": "3.11",
            "django": "5.2",
            "wagtail": "8.0",
            "database": "PostgreSQL 15",
            "database_name": "bench",
            "database_host": "127.0.0.1",
        },
        "data": {"proposals": 100_000},
        "latency": latency,
        "query_problems": [],
        "query_notes": [],
    }
    results["targets"] = report.targets(results)
    markdown = report.render_markdown(results)
    assert "| proposals | 100,000 |" in markdown
    assert "**The machine was busy** (load average 3.5 at the start on 2 cores)" in markdown
    assert "| list.newest.p1 | `/x/` | list ≤ 50 | 200 | 30.0 | 30.0 |" in markdown
    assert "met (30.0 ms ≤ 50.0 ms)" in markdown
    results["meta"]["load_start"] = "0.20 0.10 0.05"
    assert "busy" not in report.render_markdown(results)


@pytest.mark.django_db
def test_the_benchmarks_official_session_reaches_the_triage_dashboard(client, organisation):
    """bench/run.py signs its official in by creating a session; officials act only with a
    second factor, which a database made before that rule may lack (bench/discover.py)."""
    from django.conf import settings
    from django.urls import reverse

    from bench import discover
    from ideas.accounts.models import Membership

    from .conftest import make_user

    official = make_user(name="Benchmark official", second_factor=False)
    Membership.objects.create(user=official, organisation=organisation, role=Membership.Role.TRIAGER)
    discover.ensure_second_factor(official.pk)
    discover.ensure_second_factor(official.pk)  # once is enough: no second authenticator
    client.cookies[settings.SESSION_COOKIE_NAME] = discover.create_session(official.pk)
    assert client.get(reverse("proposals:triage")).status_code == 200
