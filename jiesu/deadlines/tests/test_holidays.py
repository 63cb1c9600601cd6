"""The holiday schedule in the database: seeding from chinese_calendar, an agency's own entries,
and the per-process calendar cache (domain.md "Deadlines")."""

from datetime import date, timedelta

import chinese_calendar
import pytest
from django.utils import timezone

from jiesu.core.errors import InvalidInput
from jiesu.deadlines import holidays, signals  # noqa: F401  (receivers; also imported by DeadlinesConfig.ready)
from jiesu.deadlines.admin import CalendarDayAdmin
from jiesu.deadlines.holidays import (
    calendar_cache_clear,
    calendar_for_cli,
    calendar_load,
    calendar_seed_from_package,
    calendar_year_set,
    package_years,
)
from jiesu.deadlines.models import CalendarDay

pytestmark = pytest.mark.django_db

MANUAL = CalendarDay.Source.MANUAL
PACKAGE = CalendarDay.Source.CHINESE_CALENDAR

# The State Council notice for 2026 (国办发明电〔2025〕7号), as an agency would type it in.
SCHEDULE_2026 = {
    "holidays": [
        (date(2026, 1, 1), date(2026, 1, 3), "元旦"),
        (date(2026, 2, 15), date(2026, 2, 23), "春节"),
        (date(2026, 4, 4), date(2026, 4, 6), "清明节"),
        (date(2026, 5, 1), date(2026, 5, 5), "劳动节"),
        (date(2026, 6, 19), date(2026, 6, 21), "端午节"),
        (date(2026, 9, 25), date(2026, 9, 27), "中秋节"),
        (date(2026, 10, 1), date(2026, 10, 7), "国庆节"),
    ],
    "working_weekends": [
        date(2026, 1, 4),
        date(2026, 2, 14),
        date(2026, 2, 28),
        date(2026, 5, 9),
        date(2026, 9, 20),
        date(2026, 10, 10),
    ],
}


@pytest.fixture(autouse=True)
def fresh_cache():
    """The cache is process-wide and outlives each test's rolled-back transaction."""
    calendar_cache_clear()
    yield
    calendar_cache_clear()


@pytest.fixture(autouse=True)
def empty_calendar(request):
    """Start from an empty table: the migration seeds every covered year, and these tests exercise
    seeding and entering a year from scratch. The test transaction's rollback brings the rows back."""
    if request.node.get_closest_marker("django_db") is not None:
        CalendarDay.objects.all().delete()
        calendar_cache_clear()


def row(day: date) -> CalendarDay:
    return CalendarDay.objects.get(day=day)


class TestSeedFromPackage:
    def test_every_day_of_every_covered_year_including_2025_and_2026(self):
        first_year, last_year = package_years()
        assert first_year <= 2025 and last_year >= 2026

        written = calendar_seed_from_package()

        expected = (date(last_year, 12, 31) - date(first_year, 1, 1)).days + 1
        assert written == CalendarDay.objects.count() == expected
        assert CalendarDay.objects.filter(day__year=2025).count() == 365
        assert CalendarDay.objects.filter(day__year=2026).count() == 365
        assert not CalendarDay.objects.exclude(source=PACKAGE).exists()

    def test_holidays_and_swapped_working_days_carry_chinese_names(self):
        calendar_seed_from_package()

        assert (row(date(2025, 1, 28)).is_working_day, row(date(2025, 1, 28)).name) == (False, "春节")
        assert (row(date(2025, 1, 26)).is_working_day, row(date(2025, 1, 26)).name) == (True, "调休上班")
        assert (row(date(2026, 10, 1)).is_working_day, row(date(2026, 10, 1)).name) == (False, "国庆节")
        assert (row(date(2026, 10, 10)).is_working_day, row(date(2026, 10, 10)).name) == (True, "调休上班")
        assert (row(date(2026, 9, 25)).is_working_day, row(date(2026, 9, 25)).name) == (False, "中秋")
        assert (row(date(2025, 3, 3)).is_working_day, row(date(2025, 3, 3)).name) == (True, "")
        assert (row(date(2025, 3, 1)).is_working_day, row(date(2025, 3, 1)).name) == (False, "")

    def test_reseeding_writes_only_what_differs(self):
        calendar_seed_from_package()
        assert calendar_seed_from_package() == 0

        CalendarDay.objects.filter(day=date(2025, 2, 4)).update(is_working_day=True)
        CalendarDay.objects.filter(day=date(2025, 2, 5)).delete()

        assert calendar_seed_from_package() == 2
        assert not row(date(2025, 2, 4)).is_working_day
        assert row(date(2025, 2, 5)).is_working_day

    def test_manual_rows_survive_reseeding(self):
        calendar_seed_from_package()
        CalendarDay.objects.filter(day=date(2025, 2, 10)).update(
            is_working_day=False, name="本地停工", source=MANUAL
        )

        calendar_seed_from_package()

        kept = row(date(2025, 2, 10))
        assert (kept.is_working_day, kept.name, kept.source) == (False, "本地停工", MANUAL)

    def test_a_day_saved_in_the_admin_becomes_manual_and_survives_reseeding(self):
        calendar_seed_from_package()
        day = row(date(2025, 2, 10))
        day.is_working_day, day.name = False, "本地停工"

        CalendarDayAdmin(CalendarDay, admin_site=None).save_model(
            request=None, obj=day, form=None, change=True
        )
        calendar_seed_from_package()

        assert (row(date(2025, 2, 10)).is_working_day, row(date(2025, 2, 10)).source) == (False, MANUAL)


class TestYearSet:
    def test_entering_the_2026_notice_gives_the_same_days_as_the_package(self):
        written = calendar_year_set(year=2026, **SCHEDULE_2026)

        assert written == 365
        stored = dict(CalendarDay.objects.filter(day__year=2026).values_list("day", "is_working_day"))
        assert stored == {day: chinese_calendar.is_workday(day) for day in stored}
        assert not CalendarDay.objects.exclude(source=MANUAL).exists()
        assert (row(date(2026, 10, 3)).name, row(date(2026, 9, 20)).name) == ("国庆节", "调休上班")

    def test_a_new_year_extends_the_known_range_and_stops_the_fallback(self):
        calendar_seed_from_package()
        last_year = package_years()[1]
        next_year = last_year + 1
        before = calendar_load().add_working_days(date(last_year, 12, 31), 1)
        assert before.fell_back

        # test data, not a published notice: a three-day break from an early-January Monday
        first_monday = next(
            date(next_year, 1, d) for d in range(4, 11) if date(next_year, 1, d).weekday() == 0
        )
        calendar_year_set(
            year=next_year,
            holidays=[(first_monday, date(next_year, 1, first_monday.day + 2), "元旦")],
            working_weekends=[date(next_year, 1, first_monday.day + 5)],  # that week's Saturday
        )

        cal = calendar_load()
        assert cal.knows(date(next_year, 12, 31))
        result = cal.add_working_days(date(next_year, 1, first_monday.day - 1), 3)  # from the Sunday
        assert result.day == date(next_year, 1, first_monday.day + 5) and not result.fell_back

    def test_overwrites_the_package_rows_of_that_year_only(self):
        calendar_seed_from_package()
        calendar_year_set(year=2026, **SCHEDULE_2026)

        assert set(CalendarDay.objects.filter(source=MANUAL).values_list("day__year", flat=True)) == {2026}
        assert calendar_seed_from_package() == 0

    @pytest.mark.parametrize(
        ("holidays_in", "weekends_in", "field"),
        [
            ([(date(2026, 12, 31), date(2027, 1, 2), "元旦")], [], "holidays"),
            ([(date(2026, 10, 7), date(2026, 10, 1), "国庆节")], [], "holidays"),
            ([(date(2026, 10, 1), date(2026, 10, 7), " ")], [], "holidays"),
            (
                [
                    (date(2026, 9, 25), date(2026, 10, 2), "中秋节"),
                    (date(2026, 10, 1), date(2026, 10, 7), "国庆节"),
                ],
                [],
                "holidays",
            ),
            ([], [date(2025, 9, 28)], "working_weekends"),
            ([], [date(2026, 9, 21)], "working_weekends"),
            ([(date(2026, 10, 1), date(2026, 10, 7), "国庆节")], [date(2026, 10, 3)], "working_weekends"),
        ],
        ids=["crosses-year", "reversed", "no-name", "overlap", "other-year", "weekday", "inside-holiday"],
    )
    def test_invalid_schedules_are_refused_naming_the_field_and_write_nothing(
        self, holidays_in, weekends_in, field
    ):
        with pytest.raises(InvalidInput) as refused:
            calendar_year_set(year=2026, holidays=holidays_in, working_weekends=weekends_in)

        assert list(refused.value.fields) == [field]
        assert not CalendarDay.objects.exists()


class TestLoadAndCache:
    def test_loads_the_seeded_schedule(self):
        calendar_seed_from_package()

        cal = calendar_load()

        assert (cal.first_known, cal.last_known) == (
            date(package_years()[0], 1, 1),
            date(package_years()[1], 12, 31),
        )
        assert cal.add_working_days(date(2025, 1, 24), 7).day == date(2025, 2, 10)

    def test_an_empty_table_counts_weekends_only(self):
        result = calendar_load().add_working_days(date(2025, 1, 24), 7)
        assert result.day == date(2025, 2, 4) and result.fell_back

    def test_a_cached_calendar_costs_no_query(self, django_assert_num_queries):
        calendar_seed_from_package()
        cal = calendar_load()

        with django_assert_num_queries(0):
            assert calendar_load() is cal

    def test_a_saved_edit_is_seen_at_once(self):
        calendar_seed_from_package()
        assert calendar_load().add_working_days(date(2025, 1, 24), 7).day == date(2025, 2, 10)

        day = row(date(2025, 2, 10))
        day.is_working_day = False
        day.save()

        assert calendar_load().add_working_days(date(2025, 1, 24), 7).day == date(2025, 2, 11)

    def test_a_deleted_day_is_seen_at_once(self):
        calendar_seed_from_package()
        assert not calendar_load().is_working_day(date(2025, 1, 28))

        row(date(2025, 1, 28)).delete()

        assert calendar_load().is_working_day(date(2025, 1, 28))  # back to the Monday-to-Friday rule

    def test_year_set_is_seen_at_once(self):
        calendar_year_set(year=2026, holidays=[], working_weekends=[])
        assert calendar_load().is_working_day(date(2026, 10, 1))

        calendar_year_set(year=2026, **SCHEDULE_2026)

        assert not calendar_load().is_working_day(date(2026, 10, 1))

    def test_an_edit_by_another_process_is_seen_after_the_fingerprint_interval(self, monkeypatch):
        clock = [1000.0]
        monkeypatch.setattr(holidays, "monotonic", lambda: clock[0])
        calendar_seed_from_package()
        assert calendar_load().is_working_day(date(2025, 2, 10))

        # QuerySet.update sends no signal: this process learns of it only through the fingerprint
        CalendarDay.objects.filter(day=date(2025, 2, 10)).update(
            is_working_day=False, updated_at=timezone.now() + timedelta(seconds=1)
        )
        clock[0] += holidays.FINGERPRINT_INTERVAL_SECONDS / 2
        assert calendar_load().is_working_day(date(2025, 2, 10))

        clock[0] += holidays.FINGERPRINT_INTERVAL_SECONDS
        assert not calendar_load().is_working_day(date(2025, 2, 10))


class TestCalendarForCli:
    def test_an_unseeded_database_answers_from_the_package(self):
        cal, source = calendar_for_cli()

        assert source == "package"
        assert cal.add_working_days(date(2025, 1, 24), 7).day == date(2025, 2, 10)

    def test_a_seeded_database_answers_with_the_agency_edits(self):
        calendar_seed_from_package()
        CalendarDay.objects.filter(day=date(2025, 2, 10)).update(is_working_day=False, source=MANUAL)
        calendar_cache_clear()

        cal, source = calendar_for_cli()

        assert source == "database"
        assert cal.add_working_days(date(2025, 1, 24), 7).day == date(2025, 2, 11)
