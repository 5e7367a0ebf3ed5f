"""Query expressions and lookups of the two database backends.

PostgreSQL has no stored tsvector column: its GIN indexes are built on the expressions below
(see the migration), and queries use the very same expressions so that the planner matches
them. A stored tsvector would be TOASTed (about 5 kB per Korean proposal), and the planner,
which does not count the cost of de-TOASTing, then preferred a sequential scan for frequent
words (~90 ms instead of ~2 ms with the index). Against an expression index, the alternative
to the index is computing ``to_tsvector`` for every row, which the planner knows is costly.
"""

from django.db import models

# The SQL of the indexed expressions; the migration creates the indexes on exactly these.
PG_DOCUMENT_SQL = "to_tsvector('simple'::regconfig, {title} || ' ' || {body})"
PG_TITLE_SQL = "to_tsvector('simple'::regconfig, {title})"


class TsVectorField(models.Field):
    """Output type of the tsvector expressions (never a column)."""

    description = "Text search vector"

    def db_type(self, connection):
        return "tsvector"


class PgDocument(models.Func):
    """PostgreSQL: tsvector of a proposal's title and body tokens (the indexed expression)."""

    output_field = TsVectorField()

    def __init__(self, title, body):
        super().__init__(title, body)

    def as_sql(self, compiler, connection, **extra_context):
        title_sql, title_params = compiler.compile(self.source_expressions[0])
        body_sql, body_params = compiler.compile(self.source_expressions[1])
        return PG_DOCUMENT_SQL.format(title=title_sql, body=body_sql), [*title_params, *body_params]


class TsQuery(models.Func):
    """PostgreSQL ``to_tsquery('simple', ...)`` of a query string built by the backend (never user syntax)."""

    output_field = models.TextField()

    def as_sql(self, compiler, connection, **extra_context):
        value_sql, value_params = compiler.compile(self.source_expressions[0])
        return f"to_tsquery('simple'::regconfig, {value_sql})", value_params


class TitleMatches(models.Func):
    """Share of the query's groups that match a token of the title (PostgreSQL search rank).

    ``groups`` as in ``tokenizer.query_groups``. Plain string searches in the short
    space-separated title tokens: about 1 µs per row, where ``ts_rank`` on the title's tsvector
    (computed, as nothing is stored) cost 15 µs, 60 ms for a query matching 4,000 proposals.
    """

    output_field = models.FloatField()

    def __init__(self, title_tokens, groups):
        self.groups = groups
        super().__init__(title_tokens)

    def as_sql(self, compiler, connection, **extra_context):
        column_sql, column_params = compiler.compile(self.source_expressions[0])
        padded = f"(' ' || {column_sql} || ' ')"
        cases, params = [], []
        for group in self.groups:
            tests = []
            for token, prefix in group:
                tests.append(f"strpos({padded}, %s) > 0")
                params += [*column_params, f" {token}" if prefix else f" {token} "]
            cases.append(f"(CASE WHEN {' OR '.join(tests)} THEN 1.0 ELSE 0.0 END)")
        return f"(({' + '.join(cases)}) / {float(len(cases))!r})", params


class _OperatorLookup(models.Lookup):
    """``lhs <operator> rhs`` for a full-text match operator."""

    operator = ""
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} {self.operator} {rhs_sql}", [*lhs_params, *rhs_params]


@TsVectorField.register_lookup
class TsMatchLookup(_OperatorLookup):
    """PostgreSQL ``vector @@ tsquery``."""

    lookup_name = "ts_match"
    operator = "@@"


class FtsColumn(models.TextField):
    """SQLite FTS5's hidden column named after the table: the left side of MATCH."""


@FtsColumn.register_lookup
class FtsMatchLookup(_OperatorLookup):
    """SQLite FTS5 ``search_fts MATCH 'query'`` as a lookup (INNER join, FTS table drives the plan)."""

    lookup_name = "fts_match"
    operator = "MATCH"
