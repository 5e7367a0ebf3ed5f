"""Benchmark of the similar-proposal check on real, labelled duplicate petitions.

    .venv/bin/python bench/similarity.py [--database-url URL] [--data-dir ../shared/data] [--score-report]

Sets up a throwaway database (a temporary SQLite file, or a new database ``<name>_bench_search``
on the server of ``--database-url``, dropped at the end), imports every proposal of
``proposals_ko.csv.gz`` and ``proposals_en.csv.gz`` (read from the data directory at run time,
never copied into the project), indexes them, and for each labelled pair (A, B) asks
``similar_proposals(title=A.title, text=A.body, exclude_ids=[A.pk], limit=5)`` and checks whether
B is among the five; then the same from B to A. Reports recall@5 per language and kind, the
lookup latency, and the cost of indexing. With ``--score-report``, also the distributions of the
scores of labelled partners, of the other results and of random pairs, used to set the minimum
similarity. See docs/search.md.
"""

import argparse
import csv
import gzip
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ko", "en")
KINDS = ("identical_body", "near_identical_body", "same_title_similar_body", "same_title_different_body")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="a PostgreSQL server to create the throwaway database on")
    parser.add_argument("--data-dir", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--json", help="also write the figures to this JSON file")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database (debugging)")
    parser.add_argument(
        "--score-report",
        action="store_true",
        help="also report the scores of labelled partners, of other results and of random pairs "
        "(to calibrate the minimum similarity)",
    )
    parser.add_argument("--random-pairs", type=int, default=300, help="random pairs per language (--score-report)")
    return parser.parse_args(argv)


def setup_django(database_url):
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ideas.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def read_proposals(data_dir, lang):
    with gzip.open(Path(data_dir) / f"proposals_{lang}.csv.gz", "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_pairs(data_dir, lang):
    with open(Path(data_dir) / f"duplicate_pairs_{lang}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def parse_date(value):
    from django.utils import timezone

    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return timezone.now()
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def import_proposals(data_dir):
    """Bulk-create every proposal; returns {source id: (pk, title, body, lang)}."""
    from ideas.accounts.models import User
    from ideas.proposals.models import Category, Proposal, Region

    category = Category.objects.create(slug="bench", name_en="Benchmark", name_ko="벤치마크")
    region = Region.objects.create(slug="bench", name_en="Benchmark", name_ko="벤치마크")
    author = User.objects.create_user(email="bench@example.invalid", display_name="Benchmark")
    by_source = {}
    for lang in LANGUAGES:
        rows = read_proposals(data_dir, lang)
        for start in range(0, len(rows), 1000):
            chunk = rows[start : start + 1000]
            objects = [
                Proposal(
                    title=row["title"][:150],
                    problem=row["body"],
                    solution="",
                    expected_benefit="",
                    affected_people="",
                    category=category,
                    region=region,
                    author=author,
                    language=lang,
                    status=Proposal.Status.SUBMITTED,
                    submitted_at=parse_date(row["created_at"]),
                    support_count=int(row["supports"] or 0),
                )
                for row in chunk
            ]
            created = Proposal.objects.bulk_create(objects)
            for row, proposal in zip(chunk, created, strict=True):
                by_source[row["id"]] = (proposal.pk, row["title"], row["body"], lang)
    return by_source


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def evaluate(data_dir, by_source, scores=None):
    """Recall@5 of every labelled pair, both directions, and the latency of each lookup.

    A pair (A, B) counts as found ("strict") when B is among the five proposals returned for A.
    Some duplicates come in large groups (one English text was posted 31 times), where five
    places cannot hold every other member: "capped" also counts the pair as found when all five
    places hold proposals labelled as duplicates of A (recall capped at min(5, group size)).
    "Small groups" is the strict recall over the lookups where A has at most five labelled
    duplicates, so that all of them fit.

    With ``scores`` (a dict), also records, without the minimum-similarity floor, the score of
    partner B when it is among the first five (``scores["partner", lang]``) and the scores of the
    first five results that are not labelled duplicates of A (``scores["other", lang]``), each as
    a ``_Scored`` row (final score, pk, title similarity, text similarity, index score).
    """
    from ideas.proposals.models import Proposal
    from ideas.search.api import _scored_candidates, similar_proposals

    # (lang, kind, direction) -> [found, found capped, asked, found in small groups, asked in small groups]
    hits = defaultdict(lambda: [0, 0, 0, 0, 0])
    latencies = defaultdict(list)
    # Warm up caches (stemmer, database pages) with a few lookups that are not measured.
    for source_id in list(by_source)[:20]:
        pk, title, body, _lang = by_source[source_id]
        similar_proposals(title=title, text=body, exclude_ids=[pk], limit=5)
    for lang in LANGUAGES:
        pairs = read_pairs(data_dir, lang)
        duplicates = defaultdict(set)
        for pair in pairs:
            duplicates[pair["id_a"]].add(by_source[pair["id_b"]][0])
            duplicates[pair["id_b"]].add(by_source[pair["id_a"]][0])
        for pair in pairs:
            for direction, (one, other) in (("a_to_b", ("id_a", "id_b")), ("b_to_a", ("id_b", "id_a"))):
                pk, title, body, _lang = by_source[pair[one]]
                started = time.perf_counter()
                found = similar_proposals(title=title, text=body, exclude_ids=[pk], limit=5)
                latencies[lang].append((time.perf_counter() - started) * 1000)
                found_ids = {p.pk for p in found}
                hit = by_source[pair[other]][0] in found_ids
                full = len(found_ids) == 5 and found_ids <= duplicates[pair[one]]
                if scores is not None:
                    partner = by_source[pair[other]][0]
                    rows = _scored_candidates(
                        title=title, text=body, exclude_ids=[pk], queryset=Proposal.objects.public()
                    )[:5]
                    scores[("partner", lang)] += [row for row in rows if row.pk == partner]
                    scores[("other", lang)] += [row for row in rows if row.pk not in duplicates[pair[one]]]
                counter = hits[(lang, pair["kind"], direction)]
                counter[0] += hit
                counter[1] += hit or full
                counter[2] += 1
                if len(duplicates[pair[one]]) <= 5:
                    counter[3] += hit
                    counter[4] += 1
    return hits, latencies


def random_pair_scores(data_dir, by_source, per_language, seed=20261123):
    """Scores that a random proposal B of the same language gets against a random A (B not a
    labelled duplicate of A): B's row among A's candidates when the index offers it, else its
    title and text similarity with an index score of 0. Returns {lang: [_Scored, ...]}."""
    from ideas.proposals.models import Proposal
    from ideas.search import tokenizer
    from ideas.search.api import WEIGHT_BODY, WEIGHT_TITLE, _pair_similarity, _Scored, _scored_candidates

    rng = random.Random(seed)
    results = {}
    for lang in LANGUAGES:
        duplicates = defaultdict(set)
        for pair in read_pairs(data_dir, lang):
            duplicates[pair["id_a"]].add(pair["id_b"])
            duplicates[pair["id_b"]].add(pair["id_a"])
        sources = sorted(source for source, value in by_source.items() if value[3] == lang)
        rows = []
        while len(rows) < per_language:
            a, b = rng.sample(sources, 2)
            if b in duplicates[a]:
                continue
            pk, title, body, _lang = by_source[a]
            b_pk, b_title, b_body, _lang = by_source[b]
            candidates = _scored_candidates(
                title=title, text=body, exclude_ids=[pk], queryset=Proposal.objects.public()
            )
            row = next((row for row in candidates if row.pk == b_pk), None)
            if row is None:
                title_sim, body_sim = _pair_similarity(
                    tokenizer.bigrams(title),
                    tokenizer.sketch(body),
                    b_title[:150],
                    tokenizer.sketch_to_bytes(tokenizer.sketch(b_body)),
                )
                row = _Scored(WEIGHT_TITLE * title_sim + WEIGHT_BODY * body_sim, b_pk, title_sim, body_sim, 0.0)
            rows.append(row)
        results[lang] = rows
    return results


SCORE_SHARES = (0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99)


def score_report(scores, random_scores):
    """Percentiles of the final score and of max(title, text similarity) per group, and the
    share of each group that a few candidate floors would keep."""
    from ideas.search.api import SIMILAR_MIN_EVIDENCE, SIMILAR_MIN_EVIDENCE_HANGUL

    groups = []
    for lang in LANGUAGES:
        groups += [
            (lang, "labelled partner found", scores[("partner", lang)]),
            (lang, "other results (top 5)", scores[("other", lang)]),
            (lang, "random pairs", random_scores[lang]),
        ]
    measures = (
        ("final", lambda row: row.final),
        ("evidence", _evidence),
        ("title", lambda row: row.title_sim),
        ("text", lambda row: row.body_sim),
    )
    header = " | ".join(f"p{round(share * 100)}" for share in SCORE_SHARES)
    lines = [
        "",
        "evidence = WEIGHT_TITLE * title similarity + WEIGHT_BODY * text similarity (the final score "
        "without the index score, which is relative to the best candidate)",
        f"| language | group | n | measure | {header} |",
        "| --- | --- | ---: | --- |" + " ---: |" * len(SCORE_SHARES),
    ]
    for lang, group, rows in groups:
        for name, measure in measures:
            values = [measure(row) for row in rows]
            cells = " | ".join(f"{percentile(values, share):.3f}" for share in SCORE_SHARES) if values else ""
            lines.append(f"| {lang} | {group} | {len(rows)} | {name} | {cells} |")
    floors = (0.03, 0.04, 0.05, 0.06, 0.08, 0.10, 0.12, 0.15, 0.20)
    lines += [
        "",
        f"share kept by evidence >= x (in use: {SIMILAR_MIN_EVIDENCE_HANGUL} for Hangul queries, "
        f"{SIMILAR_MIN_EVIDENCE} for others):",
        "| language | group | n | " + " | ".join(f"≥ {x}" for x in floors) + " |",
        "| --- | --- | ---: |" + " ---: |" * len(floors),
    ]
    for lang, group, rows in groups:
        n = max(1, len(rows))
        kept = [sum(_evidence(row) >= x for row in rows) / n for x in floors]
        lines.append(f"| {lang} | {group} | {len(rows)} | " + " | ".join(f"{100 * v:.1f} %" for v in kept) + " |")
    return "\n".join(lines)


def _evidence(row):
    from ideas.search.api import WEIGHT_BODY, WEIGHT_TITLE

    return WEIGHT_TITLE * row.title_sim + WEIGHT_BODY * row.body_sim


def measure_index_cost(by_source, sample=200):
    """Median and p95 of index_proposal() on edited proposals (what the service layer pays)."""
    from ideas.proposals.models import Proposal
    from ideas.search.api import index_proposal

    pks = [value[0] for value in list(by_source.values())[:: max(1, len(by_source) // sample)]][:sample]
    timings = []
    for proposal in Proposal.objects.filter(pk__in=pks):
        proposal.problem += "\n추가 내용 added text"
        started = time.perf_counter()
        index_proposal(proposal)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), percentile(timings, 0.95)


def database_description(connection):
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


SEARCH_QUERIES = ("마스크", "마스", "코로나", "백신 접종", "마", "vaccin", "clinics", "tax", "the")


def measure_search():
    """Page 1 (20 rows, by relevance) and the count of a few queries, as the list page does."""
    from django.core.paginator import Paginator

    from ideas.proposals.models import Proposal
    from ideas.search.api import RANK_ANNOTATION, search_proposals

    results = []
    for query in SEARCH_QUERIES:
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            queryset = search_proposals(Proposal.objects.public(), query).order_by(f"-{RANK_ANNOTATION}", "-id")
            page = Paginator(queryset, 20).page(1)
            list(page.object_list)
            timings.append((time.perf_counter() - started) * 1000)
        results.append((query, page.paginator.count, statistics.median(timings)))
    return results


def database_size(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        else:
            cursor.execute("SELECT pg_total_relation_size('search_index') + pg_total_relation_size('search_term')")
        return cursor.fetchone()[0] / 2**20


def report(hits, latencies, info, searches):
    lines = [
        f"database: {info['database']}; proposals indexed: {info['proposals']}; "
        f"import {info['import_s']:.0f} s, rebuild_index {info['index_s']:.0f} s; "
        f"index_proposal median {info['index_median_ms']:.1f} ms, p95 {info['index_p95_ms']:.1f} ms; "
        f"{info['size_label']} {info['size_mb']:.0f} MB",
        f"machine: {info['machine']}; load average before/after: {info['load_before']} / {info['load_after']}",
        "",
        "| language | kind | pairs | A→B | B→A | mean (strict) | mean (capped) | small groups |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for lang in LANGUAGES:
        for kind in (*KINDS, "all"):
            kinds = KINDS if kind == "all" else (kind,)
            ab = [sum(hits[(lang, k, "a_to_b")][i] for k in kinds) for i in range(5)]
            ba = [sum(hits[(lang, k, "b_to_a")][i] for k in kinds) for i in range(5)]
            if not ab[2]:
                continue
            lines.append(
                f"| {lang} | {kind} | {ab[2]} | {100 * ab[0] / ab[2]:.1f} % | {100 * ba[0] / ba[2]:.1f} % "
                f"| {100 * (ab[0] + ba[0]) / (ab[2] + ba[2]):.1f} % | {100 * (ab[1] + ba[1]) / (ab[2] + ba[2]):.1f} % "
                f"| {ab[3] + ba[3]}/{ab[4] + ba[4]} = {100 * (ab[3] + ba[3]) / max(1, ab[4] + ba[4]):.1f} % |"
            )
    lines += ["", "| language | lookups | median | p95 | max |", "| --- | ---: | ---: | ---: | ---: |"]
    for lang in (*LANGUAGES, "all"):
        values = [v for lg in LANGUAGES for v in latencies[lg]] if lang == "all" else latencies[lang]
        lines.append(
            f"| {lang} | {len(values)} | {statistics.median(values):.1f} ms | {percentile(values, 0.95):.1f} ms "
            f"| {max(values):.1f} ms |"
        )
    lines += ["", "| search query | matches | page 1 + count |", "| --- | ---: | ---: |"]
    lines += [f"| {query} | {count} | {ms:.1f} ms |" for query, count, ms in searches]
    return "\n".join(lines)


def main(argv=None):
    args = parse_args(argv)
    # The throwaway database: always a new file in a new temporary directory for SQLite (an
    # SQLite URL only selects the engine), a new database <name>_bench_search for PostgreSQL.
    workdir = tempfile.mkdtemp(prefix="fieldwork-bench-")
    database_url = args.database_url or f"sqlite:///{workdir}/bench.sqlite3"
    setup_django(database_url)

    from django.conf import settings
    from django.db import connection

    from ideas.search.api import rebuild_index

    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        settings_dict["TEST"]["NAME"] = os.path.join(workdir, "bench.sqlite3")
    else:
        settings_dict["TEST"]["NAME"] = f"{settings_dict['NAME']}_bench_search"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    assert settings.DATABASES["default"]["NAME"].endswith(("bench.sqlite3", "_bench_search"))
    try:
        started = time.perf_counter()
        by_source = import_proposals(args.data_dir)
        import_s = time.perf_counter() - started
        started = time.perf_counter()
        count = rebuild_index()
        index_s = time.perf_counter() - started
        index_median, index_p95 = measure_index_cost(by_source)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # what autovacuum does after a bulk load
        load_before = " ".join(f"{v:.1f}" for v in os.getloadavg())
        scores = defaultdict(list) if args.score_report else None
        hits, latencies = evaluate(args.data_dir, by_source, scores)
        searches = measure_search()
        load_after = " ".join(f"{v:.1f}" for v in os.getloadavg())
        info = {
            "database": database_description(connection),
            "proposals": count,
            "import_s": import_s,
            "index_s": index_s,
            "index_median_ms": index_median,
            "index_p95_ms": index_p95,
            "size_label": "database file" if connection.vendor == "sqlite" else "search tables",
            "size_mb": database_size(connection),
            "load_before": load_before,
            "load_after": load_after,
            "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}",
        }
        print(report(hits, latencies, info, searches))
        if args.score_report:
            print(score_report(scores, random_pair_scores(args.data_dir, by_source, args.random_pairs)))
        if args.json:
            Path(args.json).write_text(
                json.dumps(
                    {
                        **info,
                        "recall": {"|".join(key): value for key, value in hits.items()},
                        "search": searches,
                        "latency_ms": {lang: sorted(values) for lang, values in latencies.items()},
                    },
                    indent=1,
                )
            )
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(settings_dict["NAME"], verbosity=0)
            for name in os.listdir(workdir):
                os.remove(os.path.join(workdir, name))
            os.rmdir(workdir)
        else:
            print(f"kept database {settings_dict['NAME']}")
            if connection.vendor != "sqlite":
                os.rmdir(workdir)


if __name__ == "__main__":
    main()
