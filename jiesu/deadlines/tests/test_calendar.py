"""WorkCalendar against the real 2025 and 2026 State Council schedules, as shipped in the
chinese_calendar package, with no database (style.md: rules as unit tests)."""

from datetime import date, timedelta

import chinese_calendar
import pytest

from jiesu.deadlines.calendar import WorkCalendar, WorkingDayResult

FIRST = date(2025, 1, 1)
LAST = date(2026, 12, 31)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    """Every day of 2025 and 2026, as `holidays.calendar_load` builds it from the table."""
    return WorkCalendar({day: chinese_calendar.is_workday(day) for day in days(FIRST, LAST)}, FIRST, LAST)


def brute_force_add(cal: WorkCalendar, start: date, n: int) -> date:
    """The definition read literally: walk day by day and count working days after `start`."""
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        counted += cal.is_working_day(day)
    return day


class TestSpringFestival2025:
    """Holiday 2025-01-28..02-04; Sunday 01-26 and Saturday 02-08 are swapped working days."""

    def test_schedule_as_published(self, cal):
        assert all(not cal.is_working_day(day) for day in days(date(2025, 1, 28), date(2025, 2, 4)))
        assert cal.is_working_day(date(2025, 1, 26))  # Sunday
        assert cal.is_working_day(date(2025, 2, 8))  # Saturday
        assert not cal.is_working_day(date(2025, 1, 25))  # the Saturday before stays a rest day
        assert not cal.is_working_day(date(2025, 2, 9))

    def test_seven_working_days_from_the_friday_before_ends_on_february_10(self, cal):
        # 01-26 Sun (1), 01-27 (2), break, 02-05 (3), 02-06 (4), 02-07 (5), 02-08 Sat (6), 02-10 (7)
        assert cal.add_working_days(date(2025, 1, 24), 7) == WorkingDayResult(
            date(2025, 2, 10), fell_back=False
        )

    @pytest.mark.parametrize(
        ("n", "expected"),
        [(1, date(2025, 1, 26)), (2, date(2025, 1, 27)), (3, date(2025, 2, 5)), (6, date(2025, 2, 8))],
    )
    def test_each_step_through_the_break(self, cal, n, expected):
        assert cal.add_working_days(date(2025, 1, 24), n).day == expected

    def test_start_day_is_not_counted_even_when_it_is_a_working_day(self, cal):
        assert cal.add_working_days(date(2025, 1, 27), 1).day == date(2025, 2, 5)

    def test_counting_from_inside_the_break(self, cal):
        assert cal.add_working_days(date(2025, 1, 30), 1).day == date(2025, 2, 5)

    def test_working_days_between_matches(self, cal):
        assert cal.working_days_between(date(2025, 1, 24), date(2025, 2, 10)) == 7
        assert cal.working_days_between(date(2025, 1, 27), date(2025, 2, 4)) == 0


class TestNationalDay2026:
    """Holiday 2026-10-01..10-07; Sunday 09-20 and Saturday 10-10 are swapped working days;
    Mid-Autumn Festival rests 09-25..09-27."""

    def test_schedule_as_published(self, cal):
        assert all(not cal.is_working_day(day) for day in days(date(2026, 10, 1), date(2026, 10, 7)))
        assert cal.is_working_day(date(2026, 9, 20))  # Sunday
        assert cal.is_working_day(date(2026, 10, 10))  # Saturday
        assert not cal.is_working_day(date(2026, 9, 25))  # Friday, Mid-Autumn Festival

    @pytest.mark.parametrize(
        ("n", "expected"),
        [(1, date(2026, 10, 8)), (2, date(2026, 10, 9)), (3, date(2026, 10, 10)), (4, date(2026, 10, 12))],
    )
    def test_counting_across_the_break(self, cal, n, expected):
        assert cal.add_working_days(date(2026, 9, 30), n) == WorkingDayResult(expected, fell_back=False)

    def test_seven_working_days_from_mid_autumn_eve(self, cal):
        # 09-28, 09-29, 09-30, break, 10-08, 10-09, 10-10 Sat, 10-12
        assert cal.add_working_days(date(2026, 9, 24), 7).day == date(2026, 10, 12)

    def test_swapped_sunday_counts(self, cal):
        assert cal.add_working_days(date(2026, 9, 18), 1).day == date(2026, 9, 20)


class TestSpringFestival2026:
    def test_swapped_saturdays_count_and_the_nine_day_break_does_not(self, cal):
        # 02-14 Sat works, 02-15..02-23 rest, 02-24..02-27, 02-28 Sat works
        assert cal.add_working_days(date(2026, 2, 13), 1).day == date(2026, 2, 14)
        assert cal.add_working_days(date(2026, 2, 13), 2).day == date(2026, 2, 24)
        assert cal.add_working_days(date(2026, 2, 13), 6).day == date(2026, 2, 28)


class TestRollToWorkingDay:
    def test_a_day_inside_the_national_day_break_rolls_to_the_day_after_it(self, cal):
        assert cal.roll_to_working_day(date(2026, 10, 3)) == WorkingDayResult(
            date(2026, 10, 8), fell_back=False
        )

    def test_five_calendar_days_ending_in_spring_festival_end_on_the_next_working_day(self, cal):
        last_day = date(2025, 1, 24) + timedelta(days=5)  # 01-29, the second day of the break
        assert cal.roll_to_working_day(last_day).day == date(2025, 2, 5)

    def test_a_working_day_stays_put_including_a_swapped_sunday(self, cal):
        assert cal.roll_to_working_day(date(2025, 2, 10)).day == date(2025, 2, 10)
        assert cal.roll_to_working_day(date(2025, 1, 26)).day == date(2025, 1, 26)

    def test_an_ordinary_weekend_rolls_to_monday(self, cal):
        assert cal.roll_to_working_day(date(2025, 3, 1)).day == date(2025, 3, 3)

    def test_beyond_the_known_range_falls_back(self, cal):
        assert cal.roll_to_working_day(date(2027, 1, 2)) == WorkingDayResult(date(2027, 1, 4), fell_back=True)


class TestFallback:
    """Beyond the published schedule only weekends rest, and the answer says so."""

    def test_after_the_last_known_year_weekends_only(self, cal):
        assert not cal.knows(date(2027, 2, 10))
        # 2027-02-05 is a Friday; whatever the 2027 Spring Festival break will be, it is unknown
        assert cal.add_working_days(date(2027, 2, 5), 1) == WorkingDayResult(date(2027, 2, 8), fell_back=True)
        assert cal.add_working_days(date(2027, 2, 5), 5) == WorkingDayResult(
            date(2027, 2, 12), fell_back=True
        )

    def test_overrides_outside_the_known_range_are_ignored(self):
        cal = WorkCalendar({date(2027, 2, 8): False, date(2027, 2, 6): True}, FIRST, LAST)
        assert cal.is_working_day(date(2027, 2, 8))
        assert not cal.is_working_day(date(2027, 2, 6))

    def test_crossing_out_of_the_known_range_falls_back(self, cal):
        # 12-31 Thu (1); 2027-01-01 is assumed a working Friday (2); 01-04 Mon (3)
        assert cal.add_working_days(date(2026, 12, 30), 3) == WorkingDayResult(
            date(2027, 1, 4), fell_back=True
        )

    def test_ending_on_the_last_known_day_does_not_fall_back(self, cal):
        assert cal.add_working_days(date(2026, 12, 28), 3) == WorkingDayResult(
            date(2026, 12, 31), fell_back=False
        )

    def test_starting_before_the_first_known_day(self, cal):
        # 2024-12-31 Tue is unknown; 2025-01-01 is New Year's Day; 01-02 Thu
        assert cal.add_working_days(date(2024, 12, 30), 2) == WorkingDayResult(
            date(2025, 1, 2), fell_back=True
        )
        assert cal.add_working_days(date(2024, 12, 31), 1) == WorkingDayResult(
            date(2025, 1, 2), fell_back=False
        )

    def test_an_empty_calendar_counts_weekends_only(self):
        cal = WorkCalendar({}, None, None)
        assert not cal.knows(date(2025, 1, 28))
        assert cal.is_working_day(date(2025, 1, 28))
        assert cal.add_working_days(date(2025, 1, 24), 7) == WorkingDayResult(
            date(2025, 2, 4), fell_back=True
        )


class TestCountingRules:
    def test_zero_days_is_the_start_itself(self, cal):
        assert cal.add_working_days(date(2025, 2, 1), 0) == WorkingDayResult(
            date(2025, 2, 1), fell_back=False
        )

    def test_negative_days_count_back_over_the_break(self, cal):
        # three working days before 2025-02-10: 02-08 Sat, 02-07, 02-06
        assert cal.add_working_days(date(2025, 2, 10), -3).day == date(2025, 2, 6)
        assert cal.add_working_days(date(2025, 2, 5), -1).day == date(2025, 1, 27)
        assert cal.add_working_days(date(2025, 1, 3), -3) == WorkingDayResult(
            date(2024, 12, 30), fell_back=True
        )

    def test_working_days_between_is_negative_when_end_is_earlier(self, cal):
        assert cal.working_days_between(date(2025, 2, 10), date(2025, 1, 24)) == -7
        assert cal.working_days_between(date(2025, 2, 10), date(2025, 2, 10)) == 0

    def test_exceptions_only_overrides_give_the_same_calendar(self, cal):
        exceptions = {
            day: working
            for day in days(FIRST, LAST)
            if (working := chinese_calendar.is_workday(day)) != (day.weekday() < 5)
        }
        sparse = WorkCalendar(exceptions, FIRST, LAST)
        for start in days(date(2025, 1, 1), date(2025, 3, 1)):
            assert sparse.add_working_days(start, 10) == cal.add_working_days(start, 10)

    def test_agrees_with_walking_day_by_day_across_both_years_and_beyond(self, cal):
        for start in days(date(2024, 11, 1), date(2027, 2, 28))[::3]:
            for n in (1, 2, 3, 5, 7, 10, 15, 45):
                result = cal.add_working_days(start, n)
                assert result.day == brute_force_add(cal, start, n), (start, n)
                assert cal.is_working_day(result.day)
                assert cal.working_days_between(start, result.day) == n
                walked = days(start + timedelta(days=1), result.day)
                assert result.fell_back == (not all(cal.knows(day) for day in walked))
                # counting back n from the result lands on the last working day up to start
                back = cal.add_working_days(result.day, -n).day
                assert back <= start and cal.is_working_day(back)
                assert cal.working_days_between(back, start) == 0

    def test_one_sided_or_reversed_range_is_refused(self):
        with pytest.raises(ValueError):
            WorkCalendar({}, FIRST, None)
        with pytest.raises(ValueError):
            WorkCalendar({}, LAST, FIRST)
