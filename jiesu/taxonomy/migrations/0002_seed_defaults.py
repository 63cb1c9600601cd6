"""Load taxonomy.md's default lines, categories, requests, issue natures and fast-response reasons,
with the classifier's keyword rules (taxonomy.defaults), so orders stored before the taxonomy was
data keep valid codes and a fresh installation classifies from day one."""

from django.db import migrations


def seed(apps, schema_editor):
    from jiesu.taxonomy.defaults import seed_defaults

    seed_defaults(lambda name: apps.get_model("taxonomy", name))


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
