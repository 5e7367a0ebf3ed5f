"""The one search mechanism: full-text search and similar proposals (see docs/search.md).

Other code imports only this module:

* ``index_proposal(proposal)`` after a proposal is created or its title/problem/solution edited;
* ``remove_proposal(proposal_id)`` before a proposal is deleted (optional: the index row goes
  with the proposal anyway; this also keeps the document frequencies exact);
* ``search_proposals(queryset, query)`` for the public search, ordered by ``RANK_ANNOTATION``;
* ``similar_proposals(title=..., text=...)`` for "similar proposals" while writing and on a page;
* ``rebuild_index()`` (also ``manage.py rebuild_search_index``);
* ``search_indexed(queryset, query)`` for pilots and standard models in the site search.

Pilots and standard models are few (thousands, not hundreds of thousands), so they live in
Wagtail's search index (FTS5 on SQLite, tsvector on PostgreSQL) rather than in ours; they are
indexed and searched with the same tokens (``indexed_text``), so Korean words match inside
longer words there as they do in proposals.
"""

import importlib
import math
import multiprocessing
import os
from collections import Counter
from contextlib import contextmanager
from typing import NamedTuple

from django.db import connections, router, transaction
from django.db.models import FloatField, Value
from wagtail.search.backends import get_search_backend

from ideas.proposals.models import Proposal

from . import tokenizer
from .backends import RANK_ANNOTATION, backend_for
from .models import SearchIndex, SearchTerm

__all__ = [
    "RANK_ANNOTATION",
    "index_proposal",
    "is_search_query",
    "rebuild_index",
    "remove_proposal",
    "indexed_text",
    "search_indexed",
    "search_proposals",
    "similar_proposals",
]

# --- Tuning of the similar-proposal lookup (see docs/search.md for how they were chosen) ------
SIMILAR_TEXT_CHARS = 5000  # characters of the text whose tokens are considered
SIMILAR_TITLE_TOKENS = 12  # at most this many title tokens are looked up in titles ...
SIMILAR_BODY_TOKENS = 24  # ... and this many text tokens anywhere
SIMILAR_MAX_DF_RATIO = 0.05  # a token in more than this share of proposals is not looked up ...
SIMILAR_MIN_MAX_DF = 50  # ... unless that is fewer than this many proposals (small sites)
SIMILAR_PER_LIST = 25  # candidates by title score, and as many by body score, are re-ranked
SIMILAR_OVERFETCH = 4  # the index returns this many times more, before the queryset filters them
# Re-ranking: weights of title bigram Jaccard, body shingle Jaccard (near-duplicates) and the
# index scores (topical closeness), each in [0, 1].
WEIGHT_TITLE = 0.45
WEIGHT_BODY = 0.45
WEIGHT_INDEX = 0.10
# Minimum similarity: a candidate is offered only if its evidence, ``WEIGHT_TITLE * title
# similarity + WEIGHT_BODY * text similarity`` (the final score without the index score, which is
# relative to the best candidate and so is high for the best of unrelated candidates too), reaches
# the floor for the script of the query. Measured with ``bench/similarity.py --score-report`` on
# the 15,580 published proposals (docs/search.md, "Minimum similarity"): the labelled duplicates
# found in the first five have evidence p1 0.401 (Korean) and 0.457 (English); 300 random pairs
# per language have evidence p99 0.037 in Korean but p90 0.120 / p99 0.139 in English, where the
# few Latin letter pairs ("in", "th", "ng") make titles share bigrams by chance while Hangul
# syllable pairs rarely repeat. The floors keep every labelled partner (recall unchanged) and drop
# 99.3 % (Korean) and 90.3 % (English) of random pairs, leaving room for reworded duplicates such
# as "Walk-through screening booths" for "Drive-through COVID-19 screening clinics" (title
# similarity 0.34, so evidence >= 0.15); 0.15 would drop every random English pair but leave
# such rewordings no margin.
SIMILAR_MIN_EVIDENCE_HANGUL = 0.04  # query title + text mostly Hangul
SIMILAR_MIN_EVIDENCE = 0.12  # any other query (Latin script)

_BATCH = 400
_DF_TERM = ""  # the SearchTerm row with this term counts the indexed proposals


def _db_for_write():
    return router.db_for_write(SearchIndex)


def _document(proposal):
    return tokenizer.document(proposal.title, proposal.problem, proposal.solution)


def _df_items(title_tokens, body_tokens):
    """{term: (1, 1 if in the title else 0)} for one indexed proposal."""
    items = dict.fromkeys(body_tokens.split(), (1, 0))
    items.update(dict.fromkeys(title_tokens.split(), (1, 1)))
    return items


def _apply_df_deltas(cursor, deltas):
    """Add ``deltas`` (term -> (df delta, title_df delta)) to the document frequencies.

    One upsert per 400 terms, in term order so that concurrent writers lock rows in the same
    order (no deadlocks on PostgreSQL); rows that fall to zero are deleted.
    """
    items = sorted((term, df, title_df) for term, (df, title_df) in deltas.items() if df or title_df)
    table = SearchTerm._meta.db_table
    for start in range(0, len(items), _BATCH):
        chunk = items[start : start + _BATCH]
        values = ", ".join(["(%s, %s, %s)"] * len(chunk))
        cursor.execute(
            f"INSERT INTO {table} (term, df, title_df) VALUES {values} "  # noqa: S608 - placeholders only
            f"ON CONFLICT (term) DO UPDATE SET df = {table}.df + excluded.df, "
            f"title_df = {table}.title_df + excluded.title_df",
            [value for row in chunk for value in row],
        )
    shrunk = [term for term, df, title_df in items if df < 0 or title_df < 0]
    for start in range(0, len(shrunk), _BATCH):
        chunk = shrunk[start : start + _BATCH]
        cursor.execute(
            f"DELETE FROM {table} WHERE df <= 0 AND term IN ({', '.join(['%s'] * len(chunk))})",  # noqa: S608
            chunk,
        )


def _diff(old, new):
    """Deltas turning the document frequencies of ``old`` into those of ``new`` (both _df_items)."""
    deltas = {}
    for term in old.keys() | new.keys():
        before, after = old.get(term, (0, 0)), new.get(term, (0, 0))
        if before != after:
            deltas[term] = (after[0] - before[0], after[1] - before[1])
    return deltas


def index_proposal(proposal):
    """Insert or update the index row of ``proposal`` (any status). Three small queries."""
    if proposal.pk is None:
        raise ValueError("Save the proposal before indexing it.")
    title_tokens, body_tokens, sketch = _document(proposal)
    using = _db_for_write()
    table = SearchIndex._meta.db_table
    with transaction.atomic(using=using, savepoint=False):
        # Locked (PostgreSQL) so that two concurrent edits cannot both apply their deltas to the
        # same old version; SQLite serialises writers anyway.
        old = (
            SearchIndex.objects.using(using)
            .select_for_update()
            .filter(pk=proposal.pk)
            .values_list("title_tokens", "body_tokens", "sketch")
            .first()
        )
        if old and (old[0], old[1], bytes(old[2])) == (title_tokens, body_tokens, sketch):
            return
        with connections[using].cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (proposal_id, title_tokens, body_tokens, sketch) "  # noqa: S608
                "VALUES (%s, %s, %s, %s) ON CONFLICT (proposal_id) DO UPDATE SET "
                "title_tokens = excluded.title_tokens, body_tokens = excluded.body_tokens, "
                "sketch = excluded.sketch",
                [proposal.pk, title_tokens, body_tokens, sketch],
            )
            deltas = _diff(_df_items(old[0], old[1]) if old else {}, _df_items(title_tokens, body_tokens))
            if not old:
                deltas[_DF_TERM] = (1, 0)
            _apply_df_deltas(cursor, deltas)


def remove_proposal(proposal_id):
    """Remove a proposal's index row (no-op if there is none)."""
    using = _db_for_write()
    with transaction.atomic(using=using, savepoint=False):
        rows = SearchIndex.objects.using(using).select_for_update().filter(pk=proposal_id)
        old = rows.values_list("title_tokens", "body_tokens").first()
        if not old:
            return
        SearchIndex.objects.using(using).filter(pk=proposal_id).delete()
        deltas = _diff(_df_items(*old), {})
        deltas[_DF_TERM] = (-1, 0)
        with connections[using].cursor() as cursor:
            _apply_df_deltas(cursor, deltas)


def rebuild_index(*, batch_size=500, progress=None, workers=None):
    """Recompute every index row and all document frequencies. Returns the number of proposals.

    Runs in one transaction: searches keep seeing the old index until it commits. Texts are
    tokenized by ``workers`` forked processes (default: one per CPU when there are at least
    ``_PARALLEL_MIN`` proposals; 0 tokenizes in this process) while this one reads and writes.
    On PostgreSQL rows are written with COPY, and into an empty index the GIN indexes are
    dropped and built again at the end (much faster than 100,000 updates of them; nobody was
    reading an empty index).
    """
    using = _db_for_write()
    connection = connections[using]
    postgres = connection.vendor == "postgresql"
    df, title_df = Counter(), Counter()
    count = 0
    proposals = Proposal.objects.using(using).order_by("pk").values_list("pk", "title", "problem", "solution")
    if workers is None:
        workers = (os.cpu_count() or 1) if proposals.count() >= _PARALLEL_MIN else 0
    with transaction.atomic(using=using), connection.cursor() as cursor, _pool(workers) as pool:
        rebuild_gin = postgres and not SearchIndex.objects.using(using).exists()
        if rebuild_gin:
            for statement in _search_migration().POSTGRESQL_BACKWARD:
                cursor.execute(statement)
        cursor.execute(f"DELETE FROM {SearchIndex._meta.db_table}")  # noqa: S608
        cursor.execute(f"DELETE FROM {SearchTerm._meta.db_table}")  # noqa: S608
        for rows, chunk_df, chunk_title_df in _tokenized(proposals, batch_size, pool):
            _insert(cursor, postgres, SearchIndex, ["proposal_id", "title_tokens", "body_tokens", "sketch"], rows)
            df.update(chunk_df)
            title_df.update(chunk_title_df)
            count += len(rows)
            if progress:
                progress(count)
        df[_DF_TERM] = count
        items = sorted((term, frequency, title_df[term]) for term, frequency in df.items())
        _insert(cursor, postgres, SearchTerm, ["term", "df", "title_df"], items)
        if rebuild_gin:
            # CREATE INDEX refuses a table with pending deferred foreign-key checks: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for statement in _search_migration().POSTGRESQL_FORWARD:
                cursor.execute(statement)
        if connection.vendor == "sqlite":
            # Merge the FTS5 segments written batch by batch: faster queries afterwards.
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchIndex._meta.db_table}")  # noqa: S608
            cursor.execute(f"ANALYZE {SearchTerm._meta.db_table}")  # noqa: S608
    return count


_PARALLEL_MIN = 5000  # below this many proposals, starting worker processes costs more than it saves
_CHUNK = 250  # proposals per task sent to a worker


def _search_migration():
    """The migration that defines the GIN indexes: one definition of them, not two."""
    return importlib.import_module("ideas.search.migrations.0001_initial")


@contextmanager
def _pool(workers):
    """A pool of ``workers`` fresh processes, or None (tokenize here) for 0.

    Spawned, not forked: a fork of a process with threads (a web server, a test runner) can
    inherit a held lock and hang. The workers import only the tokenizer, never Django.
    """
    if workers < 1:
        yield None
        return
    pool = multiprocessing.get_context("spawn").Pool(workers)
    try:
        yield pool
    finally:
        pool.terminate()
        pool.join()


def _tokenized(proposals, batch_size, pool):
    """Yield ``tokenizer.tokenize_chunk`` results batch after batch. With a pool, the workers tokenize the
    next batch while the caller writes this one; the reads stay in this process (and so in its
    transaction)."""
    pending, last_pk = None, None
    while True:
        page = proposals.filter(pk__gt=last_pk) if last_pk is not None else proposals
        batch = list(page[:batch_size])
        chunks = [batch[start : start + _CHUNK] for start in range(0, len(batch), _CHUNK)]
        if pool is None:
            yield from map(tokenizer.tokenize_chunk, chunks)
        else:
            job = pool.map_async(tokenizer.tokenize_chunk, chunks)
            if pending is not None:
                yield from pending.get()
            pending = job
        if not batch:
            return
        last_pk = batch[-1][0]


def _insert(cursor, postgres, model, fields, rows):
    """Insert rows (tuples in ``fields`` order): COPY on PostgreSQL, executemany elsewhere."""
    table = model._meta.db_table
    columns = ", ".join(model._meta.get_field(name).column for name in fields)
    if postgres:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    for start in range(0, len(rows), 5000):
        cursor.executemany(sql, rows[start : start + 5000])


def is_search_query(query):
    """Whether ``query`` contains anything to search for (letters or digits)."""
    return bool(tokenizer.query_groups(query))


def search_proposals(queryset, query):
    """Filter ``queryset`` to proposals matching ``query`` and annotate ``RANK_ANNOTATION``.

    Every word must match (Korean: every character bigram; the last word may be a prefix).
    The annotation is a float, higher is better: ``.order_by(f"-{RANK_ANNOTATION}")``. One SQL
    query, lazily, like any queryset. A query without letters or digits leaves the rows as they
    are (with a constant rank of 0, so ordering by the rank still works).
    """
    groups = tokenizer.query_groups(query)
    if not groups:
        return queryset.annotate(**{RANK_ANNOTATION: Value(0.0, output_field=FloatField())})
    return backend_for(queryset.db).search(queryset, groups)


INDEXED_FIELD = "search_tokens"  # the Wagtail SearchField of pilots and standard models


def indexed_text(*texts):
    """What a pilot or standard model gives Wagtail's index: our tokens of ``texts``, space-separated."""
    return " ".join(tokenizer.unique(tokenizer.index_tokens("\n".join(texts))))


def search_indexed(queryset, query):
    """The rows of ``queryset`` (an indexed model: see ``INDEXED_FIELD``) matching every word of
    ``query``, best first; empty for a query without letters or digits.

    The query is tokenized as for proposals (a Korean word becomes its character bigrams, an
    English word its stem); the last word is not taken as a prefix here.
    """
    groups = tokenizer.query_groups(query)
    if not groups:
        return queryset.none()
    terms = " ".join(group[0][0] for group in groups)  # each group's exact token: stem or bigram
    return get_search_backend().search(terms, queryset, operator="and")


def _weighted_tokens(counts, frequencies, total, limit, max_df):
    """The ``limit`` most informative tokens as (token, tf-idf weight), best first.

    Tokens in no proposal, or in more than ``max_df`` of them, are left out: they find nothing,
    or too much to be worth reading.
    """
    scored = []
    for token, tf in counts.items():
        frequency = frequencies.get(token, 0)
        if 0 < frequency <= max_df:
            scored.append(((1 + math.log(tf)) * math.log((total + 1) / frequency), token))
    scored.sort(reverse=True)
    return [(token, weight) for weight, token in scored[:limit]]


def similar_proposals(*, title, text, exclude_ids=(), limit=5, queryset=None):
    """The proposals of ``queryset`` closest to a proposal with this title and problem text.

    ``queryset`` defaults to the public proposals; ``exclude_ids`` are left out (the proposal
    itself). Returns up to ``limit`` proposals, best first, in four SQL queries. Proposals whose
    title and text are too unlike the query's (``SIMILAR_MIN_EVIDENCE_HANGUL`` and
    ``SIMILAR_MIN_EVIDENCE``) are left out, so there may be fewer, or none.
    """
    if queryset is None:
        queryset = Proposal.objects.public()
    ids = similar_proposal_ids(title=title, text=text, exclude_ids=exclude_ids, limit=limit, queryset=queryset)
    # 6. The proposals themselves.
    return proposals_in_order(queryset, ids)


def similar_proposal_ids(*, title, text, exclude_ids=(), limit=5, queryset=None):
    """The ids of ``similar_proposals``, best first, in three SQL queries."""
    if queryset is None:
        queryset = Proposal.objects.public()
    if limit <= 0:
        return []
    title, text = title or "", text or ""
    scored = _scored_candidates(title=title, text=text, exclude_ids=exclude_ids, queryset=queryset)
    # 5. The minimum similarity (a hair below it, so that float rounding never drops a candidate
    #    exactly at the floor).
    floor = _min_evidence(title, text) - 1e-9
    return [row.pk for row in scored if _evidence(row) >= floor][:limit]


def proposals_in_order(queryset, ids):
    """The proposals of ``queryset`` with these ids, in their order (one query)."""
    found = queryset.in_bulk(ids) if ids else {}
    return [found[pk] for pk in ids if pk in found]


class _Scored(NamedTuple):
    """One re-ranked candidate: the final score and what it is made of (all in [0, 1])."""

    final: float
    pk: int
    title_sim: float
    body_sim: float
    index_score: float


def _min_evidence(title, text):
    """The minimum evidence for a query: ``SIMILAR_MIN_EVIDENCE_HANGUL`` when most of the letters
    of its title and text are Hangul, else ``SIMILAR_MIN_EVIDENCE``."""
    letters = hangul = 0
    for char in f"{title}{text[:SIMILAR_TEXT_CHARS]}":
        if char.isalpha():
            letters += 1
            hangul += "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f"
    return SIMILAR_MIN_EVIDENCE_HANGUL if hangul * 2 > letters else SIMILAR_MIN_EVIDENCE


def _evidence(row):
    """How similar a candidate is, in absolute terms (the final score without the index score)."""
    return WEIGHT_TITLE * row.title_sim + WEIGHT_BODY * row.body_sim


def _pair_similarity(query_title, query_sketch, candidate_title, candidate_sketch):
    """(title similarity, text similarity) of a candidate, from the query's title bigrams and
    text sketch and the candidate's title and stored sketch."""
    title_sim = _jaccard_sets(query_title, tokenizer.bigrams(candidate_title))
    body_sim = tokenizer.jaccard(query_sketch, tokenizer.sketch_from_bytes(candidate_sketch))
    return title_sim, body_sim


def _scored_candidates(*, title, text, exclude_ids=(), queryset):
    """Every re-ranked candidate (``_Scored``), best first, before the floor and the limit.

    Queries 1 to 3 of ``similar_proposals``; also used by ``bench/similarity.py``.
    """
    title, text = title or "", text or ""
    title_counts = tokenizer.feature_tokens(title)
    body_counts = tokenizer.feature_tokens(text[:SIMILAR_TEXT_CHARS])
    if not title_counts and not body_counts:
        return []

    # 1. Document frequencies of the tokens (and the number of indexed proposals).
    rows = SearchTerm.objects.using(queryset.db).filter(term__in=[_DF_TERM, *title_counts.keys() | body_counts.keys()])
    df, title_df = {}, {}
    for term, frequency, title_frequency in rows.values_list("term", "df", "title_df"):
        df[term], title_df[term] = frequency, title_frequency
    total = df.pop(_DF_TERM, 0)
    if total <= 0:
        return []
    max_df = max(SIMILAR_MIN_MAX_DF, total * SIMILAR_MAX_DF_RATIO)
    title_tokens = _weighted_tokens(title_counts, title_df, total, SIMILAR_TITLE_TOKENS, max_df)
    body_tokens = _weighted_tokens(body_counts, df, total, SIMILAR_BODY_TOKENS, max_df)

    # 2. Candidates from the inverted index: best by title tokens, best by body tokens, over-
    #    fetched, then (3.) only those in the queryset and not excluded are kept.
    backend = backend_for(queryset.db)
    fetched = backend.candidates(title_tokens, body_tokens, SIMILAR_PER_LIST * SIMILAR_OVERFETCH, using=queryset.db)
    if not fetched:
        return []
    excluded = [pk for pk in exclude_ids or () if pk is not None]
    scope = queryset.filter(pk__in=[row[0] for row in fetched]).exclude(pk__in=excluded)
    in_scope = set(scope.values_list("pk", flat=True))
    fetched = [row for row in fetched if row[0] in in_scope]
    by_title = sorted((row for row in fetched if row[1] > 0), key=lambda row: (-row[1], row[0]))[:SIMILAR_PER_LIST]
    by_body = sorted((row for row in fetched if row[2] > 0), key=lambda row: (-row[2], row[0]))[:SIMILAR_PER_LIST]
    candidates = list({row[0]: row for row in by_title + by_body}.values())
    if not candidates:
        return []

    # 4. Re-rank: title similarity, near-duplicate body, index scores.
    query_title = tokenizer.bigrams(title)
    query_sketch = tokenizer.sketch(text)
    best_title = max(candidate[1] for candidate in candidates) or 1.0
    best_body = max(candidate[2] for candidate in candidates) or 1.0
    scored = []
    for pk, title_score, body_score, candidate_title, candidate_sketch in candidates:
        title_sim, body_sim = _pair_similarity(query_title, query_sketch, candidate_title, candidate_sketch)
        index_score = (title_score / best_title + body_score / best_body) / 2
        final = WEIGHT_TITLE * title_sim + WEIGHT_BODY * body_sim + WEIGHT_INDEX * index_score
        scored.append(_Scored(final, pk, title_sim, body_sim, index_score))
    scored.sort(key=lambda row: (-row.final, row.pk))
    return scored


def _jaccard_sets(a, b):
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
