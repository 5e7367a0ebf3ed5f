"""The two native inverted indexes behind one interface.

Both receive already-tokenized input (see ``tokenizer``) and build their own query syntax from
it; no user text ever reaches FTS5 or ``to_tsquery`` as syntax. Tokens contain only letters and
digits, so quoting them is enough.
"""

from django.db import connections
from django.db.models import F, FloatField, Value
from django.db.models.functions import Cast

from .fields import PG_DOCUMENT_SQL, PG_TITLE_SQL, PgDocument, TitleMatches, TsQuery

RANK_ANNOTATION = "search_rank"


class BaseBackend:
    PROPOSAL_TABLE = "proposals_proposal"
    EXTRA_COLUMN = "NULL"

    def _term(self, token, prefix=False):
        raise NotImplementedError

    def _and_query(self, groups):
        """The backend's query text for AND-ed groups of OR-ed (token, is_prefix) alternatives."""
        parts = []
        for group in groups:
            alternatives = [self._term(token, prefix) for token, prefix in group]
            parts.append(alternatives[0] if len(alternatives) == 1 else f"({self.OR.join(alternatives)})")
        return self.AND.join(parts)

    def _matches_sql(self, title_tokens, body_tokens):
        """SQL and parameters of rows (id, tw, bw): one per proposal containing one of the tokens,
        tw the title token's weight (0 for a body token), bw the body token's weight."""
        raise NotImplementedError

    def candidates(self, title_tokens, body_tokens, per_list, *, using):
        """Candidates for the similarity check.

        ``title_tokens`` and ``body_tokens`` are lists of (token, weight). A proposal's title
        score is the sum of the weights of the title tokens found in its title; its body score
        the sum of those of the body tokens found anywhere in it. Returns the ``per_list`` best
        by title score and the ``per_list`` best by body score (so that neither kind of
        closeness crowds out the other), as (pk, title score, body score, title, sketch bytes).

        One statement: one index lookup per token (each reads one posting list, which stays
        fast however many proposals match), grouped and summed in the database; no per-row
        ranking function (bm25, ts_rank) is evaluated. The proposals are not filtered here:
        joining the (possibly large) set of matches with an arbitrary queryset made the
        databases scan the whole proposal table; the caller filters the few candidates.
        """
        if not title_tokens and not body_tokens:
            return []
        matches_sql, params = self._matches_sql(title_tokens, body_tokens)
        # No user input in the SQL text: tokens and limits are parameters, weights Python floats.
        sql = (
            "WITH m AS ("  # noqa: S608
            f"SELECT u.id AS id, SUM(u.tw) AS ts, SUM(u.bw) AS bs FROM ({matches_sql}) u GROUP BY u.id"
            "), c AS ("
            "SELECT t.id FROM (SELECT id FROM m WHERE ts > 0 ORDER BY ts DESC, id LIMIT %s) t "
            "UNION SELECT b.id FROM (SELECT id FROM m WHERE bs > 0 ORDER BY bs DESC, id LIMIT %s) b"
            ") "
            f"SELECT m.id, m.ts, m.bs, p.title, i.sketch, {self.EXTRA_COLUMN} FROM c JOIN m ON m.id = c.id "
            f"JOIN {self.PROPOSAL_TABLE} p ON p.id = c.id JOIN search_index i ON i.proposal_id = c.id "
            "ORDER BY m.id"
        )
        with connections[using].cursor() as cursor:
            cursor.execute(sql, [*params, per_list, per_list])
            return [
                (pk, float(title_score), float(body_score), title, bytes(sketch or b""))
                for pk, title_score, body_score, title, sketch, _extra in cursor.fetchall()
            ]


class SQLiteBackend(BaseBackend):
    """FTS5 table ``search_fts`` (external content ``search_index``); search ranked with bm25."""

    AND = " AND "
    OR = " OR "

    def _term(self, token, prefix=False):
        return f'"{token}"*' if prefix else f'"{token}"'

    def search(self, queryset, groups):
        # FTS5's rank is bm25(), negative: more negative is better. Expose "higher is better".
        return queryset.filter(search_fts__match__fts_match=self._and_query(groups)).annotate(
            **{RANK_ANNOTATION: Cast(F("search_fts__rank"), FloatField()) * Value(-1.0)}
        )

    def _matches_sql(self, title_tokens, body_tokens):
        # One FTS5 lookup per token. A title token counts only in the title column (FTS5 column
        # filter); a body token anywhere. The weights are floats formatted by Python.
        select = "SELECT rowid AS id, {tw!r} AS tw, {bw!r} AS bw FROM search_fts WHERE search_fts MATCH %s"
        parts, params = [], []
        for token, weight in title_tokens:
            parts.append(select.format(tw=float(weight), bw=0.0))
            params.append(f'title_tokens : "{token}"')
        for token, weight in body_tokens:
            parts.append(select.format(tw=0.0, bw=float(weight)))
            params.append(f'"{token}"')
        return " UNION ALL ".join(parts), params


class PostgreSQLBackend(BaseBackend):
    """GIN indexes on tsvector expressions of the token columns (see ``fields.py``)."""

    AND = " & "
    OR = " | "
    # A parallel-unsafe (but side-effect free) function anywhere in a statement keeps PostgreSQL
    # from planning it with parallel workers. Their start-up cost more than the ~10 ms the
    # candidate query takes (measured: median 28 ms with workers, 9 ms without, on 2 cores).
    EXTRA_COLUMN = "pg_current_xact_id_if_assigned()"

    def _term(self, token, prefix=False):
        return f"'{token}':*" if prefix else f"'{token}'"

    def search(self, queryset, groups):
        # Filter on the whole text (GIN); rank by the share of the query found in the title.
        # Body tokens are stored once each, so a frequency-based rank of the body adds little.
        query = TsQuery(Value(self._and_query(groups)))
        return (
            queryset.alias(_search_document=PgDocument(F("search_index__title_tokens"), F("search_index__body_tokens")))
            .filter(_search_document__ts_match=query)
            .annotate(**{RANK_ANNOTATION: TitleMatches(F("search_index__title_tokens"), groups)})
        )

    def _matches_sql(self, title_tokens, body_tokens):
        # One GIN lookup per token, as a LATERAL join over the token arrays: the plan stays the
        # same size however many tokens there are (a UNION ALL of 36 scans took ~8 ms to plan).
        title = PG_TITLE_SQL.format(title="title_tokens")
        document = PG_DOCUMENT_SQL.format(title="title_tokens", body="body_tokens")
        sql = (
            "SELECT s.proposal_id AS id, t.w AS tw, 0.0::float8 AS bw "  # noqa: S608 - constants only
            "FROM unnest(%s::text[], %s::float8[]) AS t(q, w) CROSS JOIN LATERAL ("
            f"SELECT proposal_id FROM search_index WHERE {title} @@ to_tsquery('simple'::regconfig, t.q)) s "
            "UNION ALL "
            "SELECT s.proposal_id AS id, 0.0::float8 AS tw, t.w AS bw "
            "FROM unnest(%s::text[], %s::float8[]) AS t(q, w) CROSS JOIN LATERAL ("
            f"SELECT proposal_id FROM search_index WHERE {document} @@ to_tsquery('simple'::regconfig, t.q)) s"
        )
        params = [
            [self._term(token) for token, _weight in title_tokens],
            [float(weight) for _token, weight in title_tokens],
            [self._term(token) for token, _weight in body_tokens],
            [float(weight) for _token, weight in body_tokens],
        ]
        return sql, params


_BACKENDS = {"sqlite": SQLiteBackend(), "postgresql": PostgreSQLBackend()}


def backend_for(alias="default"):
    vendor = connections[alias].vendor
    try:
        return _BACKENDS[vendor]
    except KeyError:
        raise NotImplementedError(f"Search supports SQLite and PostgreSQL, not {vendor}.") from None
