"""The due bands of the daily board as order-list filters (OrderFilters.due with due_on): the
windows themselves, and that the list refuses what it does not know."""

from datetime import date

import pytest

from jiesu.core.errors import InvalidInput
from jiesu.deadlines.calendar import WorkCalendar
from jiesu.orders.selectors import OrderFilters, due_window, order_list
from jiesu.orders.tests.checks import sh
from jiesu.orders.tests.factories import drive_to, register
from jiesu.orders.workflow import actions

#: Weekends only, plus one swapped working Saturday and a holiday Monday: enough to show both.
CALENDAR = WorkCalendar({date(2025, 3, 8): True, date(2025, 3, 10): False}, date(2025, 1, 1), date(2025, 12, 31))


class TestDueWindow:
    def test_the_day_is_its_whole_local_day(self):
        assert due_window("day", date(2025, 3, 7), CALENDAR) == (sh(2025, 3, 7), sh(2025, 3, 8))

    def test_overdue_is_everything_due_before_the_day_began(self):
        assert due_window("overdue", date(2025, 3, 7), CALENDAR) == (None, sh(2025, 3, 7))

    def test_working_day_bands_are_cumulative_and_start_after_the_day(self):
        # Friday: the swapped Saturday counts, Sunday does not, the holiday Monday does not.
        assert due_window("2wd", date(2025, 3, 7), CALENDAR) == (sh(2025, 3, 8), sh(2025, 3, 12))
        assert due_window("3wd", date(2025, 3, 7), CALENDAR) == (sh(2025, 3, 8), sh(2025, 3, 13))


def numbers(viewer, **filters) -> set[str]:
    return {o.number for o in order_list(viewer=viewer, filters=OrderFilters(**filters), limit=200).items}


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(sh(2025, 3, 3, 9), tick=False)


def test_the_bands_filter_the_list_from_the_given_day(org, clock):
    # A consultation's only deadline, acknowledge, is 24 hours after receipt.
    due_monday = register(org.operator, type="consultation", received_at=sh(2025, 3, 2, 10))
    due_tuesday = register(org.operator, type="consultation", received_at=sh(2025, 3, 3, 8), complainant_phone="13900139000")

    assert numbers(org.dispatcher, due="day", due_on="2025-03-03") == {due_monday.number}
    assert numbers(org.dispatcher, due="2wd", due_on="2025-03-03") == {due_tuesday.number}
    assert numbers(org.dispatcher, due="day", due_on="2025-03-04") == {due_tuesday.number}
    assert numbers(org.dispatcher, due="overdue", due_on="2025-03-04") == {due_monday.number}
    assert numbers(org.dispatcher, due="day") == {due_monday.number}  # due_on defaults to today


def test_responsible_is_the_handling_department_or_else_the_intake_department(org, clock):
    waiting = register(org.operator)
    returned = drive_to("returned", org, complainant_phone="13900139000")
    handled = drive_to("dispatched", org, complainant_phone="13700137000")

    assert numbers(org.dispatcher, responsible="centre") == {waiting.number, returned.number}
    assert numbers(org.dispatcher, responsible="dist-a") == {handled.number}
    assert numbers(org.dispatcher, responsible="city") == {waiting.number, returned.number, handled.number}


def test_extension_pending_lists_the_orders_awaiting_a_decision(org, clock):
    asked = drive_to("in_progress", org)
    drive_to("in_progress", org, complainant_phone="13900139000")
    actions.do_extend(order=asked, actor=org.handler_a1, working_days=5, reason="需要检测")

    assert numbers(org.dispatcher, extension="pending") == {asked.number}


@pytest.mark.parametrize(
    ("filters", "field"),
    [({"due": "tomorrow"}, "due"), ({"due": "day", "due_on": "2025-02-30"}, "due_on"),
     ({"extension": "approved"}, "extension"), ({"responsible": "nowhere"}, "responsible")],
)
def test_unknown_values_are_refused_naming_the_field(org, filters, field):
    with pytest.raises(InvalidInput) as caught:
        order_list(viewer=org.dispatcher, filters=OrderFilters(**filters))
    assert field in caught.value.fields
