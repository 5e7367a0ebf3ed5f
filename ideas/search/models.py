"""The search index: one row per proposal, plus document frequencies for the similarity check.

Backend-specific inverted indexes are created by the migration, guarded by the database vendor:

* PostgreSQL: GIN indexes on ``to_tsvector('simple', title_tokens || ' ' || body_tokens)`` and
  on ``to_tsvector('simple', title_tokens)`` (expressions, see ``fields.py`` for why).
* SQLite: ``search_fts`` is an FTS5 table whose content is ``search_index`` (external content)
  kept in step by triggers.

Application code writes only ``SearchIndex`` and ``SearchTerm`` rows (see ``ideas.search.api``).
"""

from django.db import models

from .fields import FtsColumn


class SearchIndex(models.Model):
    proposal = models.OneToOneField(
        "proposals.Proposal", on_delete=models.CASCADE, primary_key=True, related_name="search_index"
    )
    # Space-separated tokens (see tokenizer.index_tokens), each token once, first occurrence first.
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    # Bottom-k MinHash sketch of the problem text's 5-character shingles, 4 bytes per hash.
    sketch = models.BinaryField(blank=True, default=b"")

    class Meta:
        db_table = "search_index"

    def __str__(self):
        return f"search index of proposal {self.proposal_id}"


class SearchTerm(models.Model):
    """How many indexed proposals contain a token (``df``), and how many in their title.

    The row with the empty term counts the indexed proposals themselves. Kept up to date by
    ``api.index_proposal``/``api.remove_proposal`` and recomputed by ``api.rebuild_index``.
    """

    term = models.CharField(max_length=64, primary_key=True)
    df = models.IntegerField(default=0)
    title_df = models.IntegerField(default=0)

    class Meta:
        db_table = "search_term"

    def __str__(self):
        return f"{self.term}: {self.df}"


class SearchFts(models.Model):
    """SQLite only: the FTS5 table, for joins from proposals. Never written through the ORM.

    ``match`` is FTS5's hidden column named after the table (``search_fts MATCH '...'``) and
    ``rank`` its hidden rank column (bm25 with the title weighted, configured by the migration).
    """

    proposal = models.OneToOneField(
        "proposals.Proposal",
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        related_name="search_fts",
    )
    match = FtsColumn(db_column="search_fts")
    rank = models.FloatField(db_column="rank")

    class Meta:
        managed = False
        db_table = "search_fts"

    def __str__(self):
        return f"FTS row of proposal {self.proposal_id}"
