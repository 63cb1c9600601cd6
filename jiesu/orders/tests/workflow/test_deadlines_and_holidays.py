"""Deadlines of real orders around the State Council holidays (Spring Festival 2025, National Day
2026, with their swapped working weekends), and past the last year the schedule is known for, where
a deadline falls back to weekends only, says so on the row, and never fails the action."""

from datetime import date, datetime, timedelta

import chinese_calendar
import pytest

from jiesu.deadlines.choices import DeadlineKind as K
from jiesu.deadlines.holidays import calendar_year_set
from jiesu.deadlines.models import CalendarDay
from jiesu.orders.tests.checks import SHANGHAI, end_of, running, sh, working_day_after
from jiesu.orders.tests.factories import register, walk
from jiesu.orders.workflow import actions


def last_known_year() -> int:
    return CalendarDay.objects.latest("day").day.year


@pytest.fixture
def received(time_machine):
    """Register an order received at `moment`, with the clock at that moment (so the test does not
    depend on the day it runs: an order may not be received in the future)."""

    def register_at(org, moment, **overrides):
        time_machine.move_to(moment, tick=False)
        return register(org.operator, received_at=moment, **overrides)

    return register_at


class TestSpringFestival2025:
    def test_a_complaint_received_on_24_january_must_be_decided_by_10_february(self, org, received):
        order = received(org, sh(2025, 1, 24, 10, 0))

        due = running(order)[K.ACCEPT_DECISION].due_at
        assert due == datetime(2025, 2, 10, 23, 59, 59, tzinfo=SHANGHAI)
        assert due.astimezone(SHANGHAI).isoformat() == "2025-02-10T23:59:59+08:00"
        assert not running(order)[K.ACCEPT_DECISION].warning

    def test_the_swapped_sunday_before_the_break_is_a_working_day(self, org, received):
        """Received Saturday 25 January: Sunday 26th (调休上班) is working day 1, Monday 27th day 2."""
        order = received(org, sh(2025, 1, 25, 10, 0), type="report", respondent_name="")

        assert running(order)[K.VERIFY].due_at.date() == working_day_after(date(2025, 1, 25), 15)
        assert working_day_after(date(2025, 1, 25), 1) == date(2025, 1, 26)

    def test_a_12345_order_whose_fifth_day_falls_in_the_break_ends_on_the_first_working_day(self, org, received):
        order = received(org, sh(2025, 1, 27, 9, 0), channel="transfer_12345")

        # 27 January + 5 calendar days = 1 February, inside the break (28 Jan - 4 Feb): 5 February.
        assert running(order)[K.CONCLUDE_12345].due_at == end_of(2025, 2, 5)


class TestNationalDay2026:
    """Holiday 1-7 October 2026, Mid-Autumn 25-27 September; Sunday 20 September and Saturday
    10 October are working days."""

    def test_the_package_schedule_is_as_published(self):
        assert not chinese_calendar.is_workday(date(2026, 10, 1))
        assert not chinese_calendar.is_workday(date(2026, 10, 7))
        assert chinese_calendar.is_workday(date(2026, 10, 10))

    def test_a_complaint_received_on_30_september_must_be_decided_by_15_october(self, org, received):
        order = received(org, sh(2026, 9, 30, 16, 0))

        due = running(order)[K.ACCEPT_DECISION].due_at
        # 8 Oct (1), 9 Oct (2), Saturday 10 Oct (3, 调休), 12-15 Oct (4-7).
        assert due == end_of(2026, 10, 15)
        assert due.date() == working_day_after(date(2026, 9, 30), 7)

    def test_a_report_received_on_30_september_must_be_verified_15_working_days_on(self, org, received):
        order = received(org, sh(2026, 9, 30, 16, 0), type="report", respondent_name="")

        assert running(order)[K.VERIFY].due_at == end_of(2026, 10, 27)
        assert working_day_after(date(2026, 9, 30), 15) == date(2026, 10, 27)

    def test_a_12345_order_received_on_30_september_rolls_past_the_holiday(self, org, received):
        order = received(org, sh(2026, 9, 30, 16, 0), channel="transfer_12345")

        # 30 September + 5 calendar days = 5 October (holiday): the next working day, 8 October.
        assert running(order)[K.CONCLUDE_12345].due_at == end_of(2026, 10, 8)

    def test_the_acknowledgement_counts_clock_hours_straight_through_the_holiday(self, org, received):
        moment = sh(2026, 9, 30, 16, 0)
        order = received(org, moment)

        assert running(order)[K.ACKNOWLEDGE].due_at == moment + timedelta(hours=24)

    def test_a_call_just_after_midnight_counts_from_its_shanghai_date(self, org, received):
        """00:30 on Saturday 10 October in Shanghai is still 9 October in UTC; the period and the
        number follow the Shanghai date (the 调休 Saturday is itself not counted: D never is)."""
        late = received(org, sh(2026, 10, 9, 23, 30))
        after_midnight = received(org, sh(2026, 10, 10, 0, 30))

        assert running(late)[K.ACCEPT_DECISION].due_at == end_of(2026, 10, 19)
        assert running(after_midnight)[K.ACCEPT_DECISION].due_at == end_of(2026, 10, 20)
        assert working_day_after(date(2026, 10, 10), 7) == date(2026, 10, 20)
        assert late.number.startswith("20261009")
        assert after_midnight.number.startswith("20261010")


class TestBeyondTheKnownSchedule:
    def test_the_seeded_schedule_ends_with_the_packages_last_year(self, org):
        assert last_known_year() == max(d.year for d in chinese_calendar.constants.holidays)

    def test_a_deadline_in_an_unpublished_year_counts_weekends_only_and_says_so(self, org, time_machine):
        year = last_known_year() + 1
        first_monday = next(date(year, 3, d) for d in range(1, 8) if date(year, 3, d).weekday() == 0)
        time_machine.move_to(datetime(year, 3, first_monday.day, 9, 0, tzinfo=SHANGHAI), tick=False)

        order = register(org.operator)

        decision = running(order)[K.ACCEPT_DECISION]
        assert decision.due_at == end_of(year, 3, first_monday.day + 9)  # Mon + 7 weekdays = Wed next week
        assert "节假日安排未录入" in decision.warning
        assert not running(order)[K.ACKNOWLEDGE].warning  # clock hours need no calendar
        assert order.status == "registered"

    def test_a_period_that_runs_out_of_the_known_schedule_falls_back_too(self, org, received):
        year = last_known_year()
        order = received(org, sh(year, 12, 28, 10, 0))

        decision = running(order)[K.ACCEPT_DECISION]
        assert decision.due_at.year == year + 1
        assert decision.warning

    def test_an_extension_into_an_unpublished_year_warns_and_is_still_granted(self, org, time_machine):
        year = last_known_year()
        time_machine.move_to(sh(year, 10, 20, 9, 0), tick=False)
        order = walk(register(org.operator), org, "dispatch", "accept")
        conclude = running(order)[K.CONCLUDE]
        assert conclude.due_at.year == year and not conclude.warning
        order = actions.do_extend(order=order, actor=org.handler_a1, working_days=30, reason="需要检测鉴定")

        order = actions.do_approve_extension(order=order, actor=org.leader_a1)

        extended = running(order)[K.CONCLUDE]
        assert extended.due_at.year == year + 1
        assert extended.warning

    def test_entering_the_next_years_schedule_removes_the_guesswork(self, org, time_machine):
        """Once an agency enters the new year (calendar_year_set), new deadlines count its
        holidays and carry no warning."""
        year = last_known_year() + 1
        calendar_year_set(year=year, holidays=[(date(year, 3, 2), date(year, 3, 5), "测试假期")], working_weekends=[])
        time_machine.move_to(sh(year, 3, 1, 9, 0), tick=False)

        order = register(org.operator)

        decision = running(order)[K.ACCEPT_DECISION]
        assert not decision.warning
        expected = date(year, 3, 1)
        counted = 0
        while counted < 7:
            expected += timedelta(days=1)
            counted += expected.weekday() < 5 and not date(year, 3, 2) <= expected <= date(year, 3, 5)
        assert decision.due_at == end_of(year, expected.month, expected.day)
