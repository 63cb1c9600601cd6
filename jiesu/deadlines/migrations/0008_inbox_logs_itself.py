"""The inbox now writes every message it delivers to the log, so a rule sending to both the inbox
and the log channel would log each message twice and store two rows for it: drop the log channel
from such rules (it stays available for rules without the inbox)."""

from django.db import migrations


def drop_redundant_log(apps, schema_editor):
    ReminderRule = apps.get_model("deadlines", "ReminderRule")
    for rule in ReminderRule.objects.all():
        if "inbox" in rule.channels and "log" in rule.channels:
            rule.channels = [c for c in rule.channels if c != "log"]
            rule.save(update_fields=["channels"])


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0007_lean_indexes")]
    operations = [migrations.RunPython(drop_redundant_log, migrations.RunPython.noop)]
