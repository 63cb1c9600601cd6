"""Load domain.md's default deadline policies and the holiday schedule of every year the installed
chinese_calendar package covers, so a fresh installation computes legal deadlines from day one."""

from datetime import date

from django.db import migrations


def seed(apps, schema_editor):
    import chinese_calendar
    from chinese_calendar.constants import Holiday

    from jiesu.deadlines.defaults import seed_default_policies
    from jiesu.deadlines.holidays import SWAPPED_WORKING_DAY, package_years

    seed_default_policies(apps.get_model("deadlines", "DeadlinePolicy"))
    CalendarDay = apps.get_model("deadlines", "CalendarDay")
    existing = set(CalendarDay.objects.values_list("day", flat=True))
    first, last = package_years()
    rows = []
    for ordinal in range(date(first, 1, 1).toordinal(), date(last, 12, 31).toordinal() + 1):
        day = date.fromordinal(ordinal)
        if day in existing:
            continue
        working = chinese_calendar.is_workday(day)
        _on_holiday, holiday = chinese_calendar.get_holiday_detail(day)
        name = "" if holiday is None else (SWAPPED_WORKING_DAY if working else Holiday(holiday).chinese)
        rows.append(CalendarDay(day=day, is_working_day=working, name=name, source="chinese_calendar"))
    CalendarDay.objects.bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0002_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
