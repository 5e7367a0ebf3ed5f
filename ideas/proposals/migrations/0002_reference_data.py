from django.db import migrations

from ideas.proposals.reference_data import CATEGORIES, REGIONS


def load(apps, schema_editor):
    Category = apps.get_model("proposals", "Category")
    Region = apps.get_model("proposals", "Region")
    for position, (slug, name_en, name_ko) in enumerate(CATEGORIES):
        Category.objects.get_or_create(slug=slug, defaults={"name_en": name_en, "name_ko": name_ko, "position": position})
    for position, (slug, name_en, name_ko) in enumerate(REGIONS):
        Region.objects.get_or_create(slug=slug, defaults={"name_en": name_en, "name_ko": name_ko, "position": position})


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
