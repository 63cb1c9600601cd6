"""The default ladder of domain.md as admin-editable rules (deadlines.defaults)."""

from django.db import migrations


def seed(apps, schema_editor):
    from jiesu.deadlines.defaults import seed_default_reminder_rules

    seed_default_reminder_rules(apps.get_model("deadlines", "ReminderRule"))


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0005_reminder_ladder")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
