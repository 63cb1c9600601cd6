"""Default weights of the department score (docs/statistics.md "部门考核").

Seed 001 reports on-time initial review, on-time conclusion, ODR on-time, on-time verification and
mediation success; seed 000 response, resolution and satisfaction. The five that measure the
department's own timeliness and what the complainant experienced (response, on-time review,
on-time conclusion, resolution, satisfaction) weigh 15 each; verification and mediation success,
which fewer orders reach, 10 each; the ODR rate 5, because the enterprise rather than the office
settles those orders. They sum to 100. Data quality deducts up to 20 points: 20 × the share of the
checked fields missing.
"""

from decimal import Decimal

from django.db import migrations

DEFAULTS = {
    "on_time_initial_review_rate": "15",
    "on_time_conclusion_rate": "15",
    "on_time_verification_rate": "10",
    "mediation_success_rate": "10",
    "odr_on_time_rate": "5",
    "response_rate": "15",
    "resolution_rate": "15",
    "satisfaction_rate": "15",
    "data_quality": "20",
}


def seed(apps, schema_editor):
    Weight = apps.get_model("assessment", "AssessmentWeight")
    for key, weight in DEFAULTS.items():
        Weight.objects.get_or_create(key=key, defaults={"weight": Decimal(weight)})


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
