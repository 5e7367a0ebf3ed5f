from django.db import migrations, models

# NEWEST_FIRST orders proposals without a date (imported, docs/import.md) last. SQLite's DESC
# already puts NULLs last and uses the plain index for it; PostgreSQL needs the index itself
# to say NULLS LAST to serve that order. (SQLite refuses NULLS LAST in an index, hence SQL.)
POSTGRESQL_INDEX = (
    'CREATE INDEX "proposal_newest_idx" ON "proposals_proposal" ("submitted_at" DESC NULLS LAST, "id" DESC)'
)
PLAIN_INDEX = 'CREATE INDEX "proposal_newest_idx" ON "proposals_proposal" ("submitted_at" DESC, "id" DESC)'


def _recreate(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute('DROP INDEX IF EXISTS "proposal_newest_idx"')
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0005_import_provenance"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="proposal",
            options={
                "ordering": (
                    models.OrderBy(models.F("submitted_at"), descending=True, nulls_last=True),
                    models.OrderBy(models.F("id"), descending=True),
                ),
                "verbose_name": "proposal",
                "verbose_name_plural": "proposals",
            },
        ),
        migrations.RunPython(_recreate(POSTGRESQL_INDEX), _recreate(PLAIN_INDEX)),
    ]
