# Provenance of imported proposals (manage.py import_proposals, docs/import.md).

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("proposals", "0004_triage_and_expert_reviews"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="proposal",
            name="imported_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="imported at"),
        ),
        migrations.AddField(
            model_name="proposal",
            name="imported_support_count",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="How many people supported it there (not Fieldwork supports); empty if unknown.",
                null=True,
                verbose_name="supports in the original system",
            ),
        ),
        migrations.AddField(
            model_name="proposal",
            name="source",
            field=models.CharField(
                blank=True,
                default="",
                help_text="Short name of the system this proposal was imported from; empty if written here.",
                max_length=50,
                verbose_name="imported from",
            ),
        ),
        migrations.AddField(
            model_name="proposal",
            name="source_id",
            field=models.CharField(
                blank=True, default="", help_text="Its id in that system.", max_length=100, verbose_name="original id"
            ),
        ),
        migrations.AddField(
            model_name="proposal",
            name="source_url",
            field=models.URLField(
                blank=True,
                default="",
                help_text="Its page in that system.",
                max_length=500,
                verbose_name="original address",
            ),
        ),
        migrations.AddConstraint(
            model_name="proposal",
            constraint=models.UniqueConstraint(
                condition=models.Q(("source", ""), _negated=True),
                fields=("source", "source_id"),
                name="one_proposal_per_source_id",
            ),
        ),
    ]
