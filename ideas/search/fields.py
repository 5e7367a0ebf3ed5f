"""Database expressions that differ between PostgreSQL and SQLite."""

from django.db import models


class TsVectorField(models.Field):
    """``tsvector`` on PostgreSQL; an unused text column elsewhere."""

    description = "Text search vector"

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class TokensToTsVector(models.Func):
    """PostgreSQL: the tsvector of pre-tokenized text; NULL on other databases.

    The tokens are already normalised by ``ideas.search.tokenizer``; the ``simple``
    configuration keeps them as they are. With two arguments (title, body) the title tokens get
    weight A and the body tokens weight D.
    """

    output_field = TsVectorField()

    def as_sql(self, compiler, connection, **extra_context):
        return "NULL", []

    def as_postgresql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for position, expression in enumerate(self.source_expressions):
            sql, expression_params = compiler.compile(expression)
            vector = f"to_tsvector('simple'::regconfig, COALESCE({sql}, ''))"
            if position == 0 and len(self.source_expressions) > 1:
                vector = f"setweight({vector}, 'A')"
            parts.append(vector)
            params.extend(expression_params)
        return "(" + " || ".join(parts) + ")", params


class TsQuery(models.Func):
    """PostgreSQL ``to_tsquery('simple', ...)`` of a query string built by the backend (never user syntax)."""

    output_field = models.TextField()

    def as_sql(self, compiler, connection, **extra_context):
        value_sql, value_params = compiler.compile(self.source_expressions[0])
        return f"to_tsquery('simple'::regconfig, {value_sql})", value_params


class TsRank(models.Func):
    """PostgreSQL ``ts_rank(weights, vector, query)``."""

    output_field = models.FloatField()

    def __init__(self, vector, query, weights=(0.1, 0.2, 0.4, 1.0), **extra):
        self.weights = tuple(float(w) for w in weights)
        super().__init__(vector, query, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        vector_sql, vector_params = compiler.compile(self.source_expressions[0])
        query_sql, query_params = compiler.compile(self.source_expressions[1])
        weights = ", ".join(repr(w) for w in self.weights)
        return f"ts_rank('{{{weights}}}'::float4[], {vector_sql}, {query_sql})", [*vector_params, *query_params]


@TsVectorField.register_lookup
class TsMatchLookup(models.Lookup):
    """PostgreSQL ``vector @@ tsquery`` as a lookup, so joins to the index stay INNER joins."""

    lookup_name = "ts_match"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} @@ {rhs_sql}", [*lhs_params, *rhs_params]


class FtsColumn(models.TextField):
    """SQLite FTS5's hidden column named after the table: the left side of MATCH."""


@FtsColumn.register_lookup
class FtsMatchLookup(models.Lookup):
    """SQLite FTS5 ``search_fts MATCH 'query'`` as a lookup (INNER join, FTS table drives the plan)."""

    lookup_name = "fts_match"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} MATCH {rhs_sql}", [*lhs_params, *rhs_params]
