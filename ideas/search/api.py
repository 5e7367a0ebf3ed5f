"""The one search mechanism: full-text search and similar proposals (see docs/search.md).

Other code imports only this module:

* ``index_proposal(proposal)`` after a proposal is created or its title/problem/solution edited;
* ``remove_proposal(proposal_id)`` before a proposal is deleted (optional: the index row goes
  with the proposal anyway; this also keeps the document frequencies exact);
* ``search_proposals(queryset, query)`` for the public search, ordered by ``RANK_ANNOTATION``;
* ``similar_proposals(title=..., text=...)`` for "similar proposals" while writing and on a page;
* ``rebuild_index()`` (also ``manage.py rebuild_search_index``).
"""

import math
from collections import Counter

from django.db import connections, router, transaction
from django.db.models import FloatField, Value

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
    "search_proposals",
    "similar_proposals",
]

# --- Tuning of the similar-proposal lookup (see docs/search.md for how they were chosen) ------
SIMILAR_TEXT_CHARS = 5000  # characters of the text used to pick query tokens
SIMILAR_TITLE_TOKENS = 12  # at most this many title tokens in the candidate query
SIMILAR_BODY_TOKENS = 24  # ... and this many body tokens
SIMILAR_MAX_DF_RATIO = 0.05  # tokens in more than this share of proposals are not used ...
SIMILAR_MIN_MAX_DF = 50  # ... unless the index is small
SIMILAR_CANDIDATES = 50  # candidates re-ranked in Python
# Re-ranking: weights of title bigram Jaccard, body shingle Jaccard (near-duplicates) and the
# index's own rank (topical closeness), each in [0, 1].
WEIGHT_TITLE = 0.45
WEIGHT_BODY = 0.45
WEIGHT_RANK = 0.10
WEIGHT_TITLE_TOKEN = 2.0  # a token of the title counts this much more than one of the body

_BATCH = 400
_DF_TERM = ""  # the SearchTerm row with this term counts the indexed proposals


def _db_for_write():
    return router.db_for_write(SearchIndex)


def _document(proposal):
    title_tokens = tokenizer.unique(tokenizer.index_tokens(proposal.title))
    body_tokens = tokenizer.unique(tokenizer.index_tokens(f"{proposal.problem}\n{proposal.solution}"))
    sketch = tokenizer.sketch_to_bytes(tokenizer.sketch(proposal.problem))
    return " ".join(title_tokens), " ".join(body_tokens), sketch


def _terms(title_tokens, body_tokens):
    return set(title_tokens.split()) | set(body_tokens.split())


def _apply_df_deltas(cursor, deltas):
    """Add ``deltas`` (term -> +n/-n) to the document frequencies, in term order (no deadlocks)."""
    items = sorted((term, delta) for term, delta in deltas.items() if delta)
    table = SearchTerm._meta.db_table
    for start in range(0, len(items), _BATCH):
        chunk = items[start : start + _BATCH]
        values = ", ".join(["(%s, %s)"] * len(chunk))
        cursor.execute(
            f"INSERT INTO {table} (term, df) VALUES {values} "  # noqa: S608 - placeholders only
            f"ON CONFLICT (term) DO UPDATE SET df = {table}.df + excluded.df",
            [value for pair in chunk for value in pair],
        )
    removed = [term for term, delta in items if delta < 0]
    for start in range(0, len(removed), _BATCH):
        chunk = removed[start : start + _BATCH]
        cursor.execute(
            f"DELETE FROM {table} WHERE df <= 0 AND term IN ({', '.join(['%s'] * len(chunk))})",  # noqa: S608
            chunk,
        )


def index_proposal(proposal):
    """Insert or update the index row of ``proposal`` (any status). Three small queries."""
    title_tokens, body_tokens, sketch = _document(proposal)
    using = _db_for_write()
    table = SearchIndex._meta.db_table
    with transaction.atomic(using=using):
        old = (
            SearchIndex.objects.using(using)
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
            new_terms = _terms(title_tokens, body_tokens)
            old_terms = _terms(old[0], old[1]) if old else set()
            deltas = dict.fromkeys(new_terms - old_terms, 1)
            deltas.update(dict.fromkeys(old_terms - new_terms, -1))
            if not old:
                deltas[_DF_TERM] = 1
            _apply_df_deltas(cursor, deltas)


def remove_proposal(proposal_id):
    """Remove a proposal's index row (no-op if there is none)."""
    using = _db_for_write()
    with transaction.atomic(using=using):
        old = SearchIndex.objects.using(using).filter(pk=proposal_id).values_list("title_tokens", "body_tokens").first()
        if not old:
            return
        SearchIndex.objects.using(using).filter(pk=proposal_id).delete()
        deltas = dict.fromkeys(_terms(*old), -1)
        deltas[_DF_TERM] = -1
        with connections[using].cursor() as cursor:
            _apply_df_deltas(cursor, deltas)


def rebuild_index(*, batch_size=500, progress=None):
    """Recompute every index row and all document frequencies. Returns the number of proposals.

    Runs in one transaction: searches keep seeing the old index until it commits.
    """
    using = _db_for_write()
    index_table = SearchIndex._meta.db_table
    term_table = SearchTerm._meta.db_table
    df = Counter()
    count = 0
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {index_table}")  # noqa: S608
        cursor.execute(f"DELETE FROM {term_table}")  # noqa: S608
        proposals = Proposal.objects.using(using).order_by("pk").only("pk", "title", "problem", "solution")
        last_pk = None
        while True:
            page = proposals.filter(pk__gt=last_pk) if last_pk is not None else proposals
            batch = list(page[:batch_size])
            if not batch:
                break
            rows = []
            for proposal in batch:
                title_tokens, body_tokens, sketch = _document(proposal)
                df.update(_terms(title_tokens, body_tokens))
                rows.append((proposal.pk, title_tokens, body_tokens, sketch))
            cursor.executemany(
                f"INSERT INTO {index_table} (proposal_id, title_tokens, body_tokens, sketch) "  # noqa: S608
                "VALUES (%s, %s, %s, %s)",
                rows,
            )
            count += len(batch)
            last_pk = batch[-1].pk
            if progress:
                progress(count)
        df[_DF_TERM] = count
        items = sorted(df.items())
        for start in range(0, len(items), 5000):
            cursor.executemany(
                f"INSERT INTO {term_table} (term, df) VALUES (%s, %s)",  # noqa: S608
                items[start : start + 5000],
            )
        if connections[using].vendor == "sqlite":
            # Merge the FTS5 segments written batch by batch: faster queries afterwards.
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    if connections[using].vendor == "postgresql":
        with connections[using].cursor() as cursor:
            cursor.execute(f"ANALYZE {index_table}")  # noqa: S608
            cursor.execute(f"ANALYZE {term_table}")  # noqa: S608
    return count


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


def _weighted_tokens(counts, df, total, limit, max_df):
    """The ``limit`` most informative tokens, as (token, tf-idf weight), best first.

    Tokens in no indexed proposal, or in more than ``max_df`` of them, are left out.
    """
    scored = []
    for token, tf in counts.items():
        frequency = df.get(token, 0)
        if 0 < frequency <= max_df:
            scored.append(((1 + math.log(tf)) * math.log((total + 1) / frequency), token))
    scored.sort(reverse=True)
    return [(token, weight) for weight, token in scored[:limit]]


def similar_proposals(*, title, text, exclude_ids=(), limit=5, queryset=None):
    """The proposals of ``queryset`` closest to a proposal with this title and problem text.

    ``queryset`` defaults to the public proposals; ``exclude_ids`` are left out (the proposal
    itself). Returns up to ``limit`` proposals, best first, in three SQL queries.
    """
    if queryset is None:
        queryset = Proposal.objects.public()
    title = title or ""
    text = (text or "")[:SIMILAR_TEXT_CHARS]
    title_counts = tokenizer.feature_tokens(title)
    body_counts = tokenizer.feature_tokens(text)
    if not title_counts and not body_counts or limit <= 0:
        return []

    # 1. Document frequencies of the tokens (and the number of indexed proposals).
    wanted = [_DF_TERM, *set(title_counts) | set(body_counts)]
    df = dict(SearchTerm.objects.using(queryset.db).filter(term__in=wanted).values_list("term", "df"))
    total = df.pop(_DF_TERM, 0)
    if total <= 0:
        return []
    max_df = max(SIMILAR_MIN_MAX_DF, total * SIMILAR_MAX_DF_RATIO)
    weights = {}
    for token, weight in _weighted_tokens(title_counts, df, total, SIMILAR_TITLE_TOKENS, max_df):
        weights[token] = weights.get(token, 0.0) + WEIGHT_TITLE_TOKEN * weight
    body_tokens = _weighted_tokens(body_counts, df, total, SIMILAR_BODY_TOKENS + len(weights), max_df)
    for token, weight in [item for item in body_tokens if item[0] not in weights][:SIMILAR_BODY_TOKENS]:
        weights[token] = weight
    if not weights:
        return []

    # 2. Candidates from the inverted index, by the summed weights of the tokens they contain.
    candidates_qs = queryset.exclude(pk__in=list(exclude_ids)) if exclude_ids else queryset
    candidates = backend_for(queryset.db).candidates(candidates_qs, list(weights.items()), SIMILAR_CANDIDATES)
    if not candidates:
        return []

    # 3. Re-rank: title similarity, near-duplicate body, index score.
    query_title = tokenizer.bigrams(title)
    query_sketch = tokenizer.sketch(text)
    best_score = max(score for _pk, score, _title, _sketch in candidates) or 1.0
    scored = []
    for position, (pk, score, candidate_title, candidate_sketch) in enumerate(candidates):
        title_sim = _jaccard_sets(query_title, tokenizer.bigrams(candidate_title))
        body_sim = tokenizer.jaccard(query_sketch, tokenizer.sketch_from_bytes(candidate_sketch))
        final = WEIGHT_TITLE * title_sim + WEIGHT_BODY * body_sim + WEIGHT_RANK * score / best_score
        scored.append((-final, position, pk))
    scored.sort()
    ids = [pk for _final, _position, pk in scored[:limit]]

    # 4. The proposals themselves.
    found = queryset.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _jaccard_sets(a, b):
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
