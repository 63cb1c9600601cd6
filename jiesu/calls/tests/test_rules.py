"""The rules as pure functions: who is owed a call-back, and by when (State Council calendar)."""

from datetime import date, time, timedelta

import pytest

from jiesu.calls.rules import callback_due_at, owed_missed_calls
from jiesu.calls.tests.factories import at
from jiesu.deadlines.calendar import WorkCalendar
from jiesu.deadlines.holidays import package_calendar

NINE_TO_FIVE = {"day_start": time(8, 30), "day_end": time(17, 30)}


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return package_calendar()


def due(calendar, day: date, hours: float = 2):
    return callback_due_at(call_date=day, calendar=calendar, span=timedelta(hours=hours), **NINE_TO_FIVE)


def test_a_caller_who_got_through_later_that_day_is_owed_nothing():
    assert owed_missed_calls([(at(2025, 3, 4, 9, 0), False), (at(2025, 3, 4, 9, 5), True)]) == []


def test_an_answered_call_settles_only_the_misses_before_it():
    calls = [(at(2025, 3, 4, 15, 0), False), (at(2025, 3, 4, 9, 0), False), (at(2025, 3, 4, 10, 0), True),
             (at(2025, 3, 4, 15, 5), False)]
    assert owed_missed_calls(calls) == [at(2025, 3, 4, 15, 0), at(2025, 3, 4, 15, 5)]


def test_an_answered_call_before_the_miss_does_not_settle_it():
    assert owed_missed_calls([(at(2025, 3, 4, 9, 0), True), (at(2025, 3, 4, 9, 30), False)]) == [at(2025, 3, 4, 9, 30)]


def test_due_two_working_hours_into_the_next_working_day(calendar):
    assert due(calendar, date(2025, 3, 4)) == at(2025, 3, 5, 10, 30)


@pytest.mark.parametrize("day", [date(2025, 3, 7), date(2025, 3, 8), date(2025, 3, 9)])
def test_calls_missed_on_friday_or_the_weekend_are_due_on_monday(calendar, day):
    assert due(calendar, day) == at(2025, 3, 10, 10, 30)


@pytest.mark.parametrize(
    ("missed_on", "due_at"),
    [
        (date(2025, 1, 24), at(2025, 1, 26, 10, 30)),  # Sunday 26 January was a swapped working day
        (date(2025, 1, 27), at(2025, 2, 5, 10, 30)),  # 28 January - 4 February: Spring Festival break
        (date(2025, 1, 30), at(2025, 2, 5, 10, 30)),  # missed during the break itself
        (date(2025, 2, 7), at(2025, 2, 8, 10, 30)),  # Saturday 8 February was a swapped working day
    ],
)
def test_the_2025_spring_festival_break_is_skipped_and_swapped_weekends_count(calendar, missed_on, due_at):
    assert due(calendar, missed_on) == due_at


def test_a_span_longer_than_the_working_day_carries_over_to_the_next_one(calendar):
    # Nine working hours on Wednesday, one more from Thursday's start.
    assert due(calendar, date(2025, 3, 4), hours=10) == at(2025, 3, 6, 9, 30)


def test_a_working_day_that_ends_before_it_starts_is_refused(calendar):
    with pytest.raises(ValueError):
        callback_due_at(call_date=date(2025, 3, 4), calendar=calendar, span=timedelta(hours=2),
                        day_start=time(17, 30), day_end=time(8, 30))
