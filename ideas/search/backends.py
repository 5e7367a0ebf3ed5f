"""The two native inverted indexes behind one interface.

Both receive already-tokenized input (see ``tokenizer``) and build their own query syntax from
it; no user text ever reaches FTS5 or ``to_tsquery`` as syntax. Tokens contain only letters and
digits, so quoting them is enough.
"""

from django.db import connections
from django.db.models import F, FloatField, Value
from django.db.models.functions import Cast

from .fields import TsQuery, TsRank

RANK_ANNOTATION = "search_rank"


class BaseBackend:
    def candidates(self, queryset, weighted_tokens, limit):
        """The ``limit`` proposals of ``queryset`` with the highest sum of the weights of the
        tokens they contain, best first: a list of (pk, score, title, sketch bytes).

        One statement: a UNION ALL of one index lookup per token (each reads a single posting
        list, which is fast however many proposals match), grouped and summed in the database.
        Unlike bm25/ts_rank over an OR query it needs no per-row ranking work.
        """
        if not weighted_tokens:
            return []
        select, term = self._token_match_sql()
        parts, params = [], []
        for token, weight in weighted_tokens:
            parts.append(select.format(weight=repr(float(weight))))
            params.append(term.format(token=token))
        scope = queryset.order_by().values("pk")
        scope_sql, scope_params = scope.query.get_compiler(using=queryset.db).as_sql()
        proposal_table = queryset.model._meta.db_table
        sql = (
            "SELECT c.id, c.score, p.title, i.sketch FROM ("
            "SELECT m.id AS id, SUM(m.w) AS score FROM (" + " UNION ALL ".join(parts) + ") m "
            f"WHERE m.id IN ({scope_sql}) GROUP BY m.id ORDER BY score DESC, m.id LIMIT %s"
            f") c JOIN {proposal_table} p ON p.id = c.id "
            "JOIN search_index i ON i.proposal_id = c.id ORDER BY c.score DESC, c.id"
        )
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(sql, [*params, *scope_params, limit])
            return [(pk, score, title, bytes(sketch or b"")) for pk, score, title, sketch in cursor.fetchall()]


class SQLiteBackend(BaseBackend):
    """FTS5 table ``search_fts`` (external content ``search_index``), ranked with bm25."""

    @staticmethod
    def _term(token, prefix=False):
        return f'"{token}"*' if prefix else f'"{token}"'

    def _and_query(self, groups):
        parts = []
        for group in groups:
            alternatives = [self._term(token, prefix) for token, prefix in group]
            parts.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
        return " AND ".join(parts)

    def search(self, queryset, groups):
        # FTS5's rank is bm25(), negative: more negative is better. Expose "higher is better".
        return queryset.filter(search_fts__match__fts_match=self._and_query(groups)).annotate(
            **{RANK_ANNOTATION: Cast(F("search_fts__rank"), FloatField()) * Value(-1.0)}
        )

    def _token_match_sql(self):
        return 'SELECT rowid AS id, {weight} AS w FROM search_fts WHERE search_fts MATCH %s', '"{token}"'


class PostgreSQLBackend(BaseBackend):
    """Generated ``tsvector`` column with a GIN index, ranked with ts_rank (title weight A)."""

    WEIGHTS = (0.1, 0.2, 0.4, 1.0)  # D (body), C, B, A (title)

    @staticmethod
    def _term(token, prefix=False):
        return f"'{token}':*" if prefix else f"'{token}'"

    def _and_query(self, groups):
        parts = []
        for group in groups:
            alternatives = [self._term(token, prefix) for token, prefix in group]
            parts.append(alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")")
        return " & ".join(parts)

    def search(self, queryset, groups):
        query = TsQuery(Value(self._and_query(groups)))
        return queryset.filter(search_index__vector__ts_match=query).annotate(
            **{RANK_ANNOTATION: TsRank(F("search_index__vector"), query, self.WEIGHTS)}
        )

    def _token_match_sql(self):
        return (
            "SELECT proposal_id AS id, {weight} AS w FROM search_index "
            "WHERE vector @@ to_tsquery('simple'::regconfig, %s)",
            "'{token}'",
        )


_BACKENDS = {"sqlite": SQLiteBackend(), "postgresql": PostgreSQLBackend()}


def backend_for(alias="default"):
    vendor = connections[alias].vendor
    try:
        return _BACKENDS[vendor]
    except KeyError:
        raise NotImplementedError(f"Search supports SQLite and PostgreSQL, not {vendor}.") from None
