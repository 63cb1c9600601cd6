"""The daily board against orders built through the real workflow, with the clock frozen, so the
deadlines are the ones the policies and the State Council calendar give."""

from datetime import date

import pytest

from jiesu.board.selectors import COLUMNS, board_day, board_for, column_filters
from jiesu.board.tests.factories import acknowledged, consultation_at, order_at, pending_callback
from jiesu.calls.models import CallbackStatus
from jiesu.calls.selectors import callbacks_pending_count
from jiesu.core.errors import InvalidInput
from jiesu.orders.selectors import order_list
from jiesu.orders.tests.checks import deadline, end_of, sh, working_day_after
from jiesu.orders.tests.factories import drive_to, register
from jiesu.orders.workflow import actions
from jiesu.organisations.tests.factories import StaffFactory

#: The Tuesday before the 2025 National Day break (Oct 1-8 off, Sunday Sep 28 and Saturday Oct 11
#: worked): 2 working days later is Oct 10, 3 is the swapped Saturday Oct 11.
BEFORE_HOLIDAY = sh(2025, 9, 30, 9, 0)
#: A Friday with no holiday near: 2 working days later is Tuesday, 3 is Wednesday.
FRIDAY = sh(2025, 3, 7, 9, 0)
#: A Monday with no holiday near.
MONDAY = sh(2025, 3, 3, 9, 0)


@pytest.fixture
def frozen(time_machine):
    def at(moment):
        time_machine.move_to(moment, tick=False)
        return moment

    return at


def rows(board) -> dict:
    return {row.code: row for row in board.rows}


def counts(row, *columns) -> tuple:
    return tuple(getattr(row.counts, c) for c in columns)


BANDS = ("due_today", "due_2wd", "due_3wd", "overdue")


@pytest.fixture
def holiday_orders(org, frozen):
    """Complaints whose 7-working-day accept_decision falls on the day, inside the 2-working-day
    band and on the swapped Saturday; each one's 24-hour acknowledge is already overdue. A
    consultation received yesterday whose acknowledge falls due this morning."""
    frozen(BEFORE_HOLIDAY)
    orders = {
        "today": order_at(org, sh(2025, 9, 22, 10), department=org.office_a1),
        "2wd": order_at(org, sh(2025, 9, 23, 10), department=org.office_a2),
        "3wd": order_at(org, sh(2025, 9, 25, 10), department=org.office_b1),
        "yesterday": consultation_at(org, sh(2025, 9, 29, 10)),
    }
    return orders


class TestDueBands:
    def test_the_deadlines_are_the_calendars(self, holiday_orders):
        """The oracle (chinese_calendar itself) agrees with the days the bands are checked against."""
        assert deadline(holiday_orders["today"], "accept_decision").due_at == end_of(2025, 9, 30)
        assert working_day_after(date(2025, 9, 23), 7) == date(2025, 10, 9)
        assert deadline(holiday_orders["2wd"], "accept_decision").due_at == end_of(2025, 10, 9)
        assert deadline(holiday_orders["3wd"], "accept_decision").due_at == end_of(2025, 10, 11)

    def test_bands_run_over_the_national_day_break_to_the_swapped_saturday(self, org, holiday_orders):
        board = board_for(viewer=org.centre_leader, day=date(2025, 9, 30))
        by_code = rows(board)

        assert (board.due_2wd_until, board.due_3wd_until) == (date(2025, 10, 10), date(2025, 10, 11))
        assert counts(by_code["office-a1"], *BANDS) == (1, 0, 0, 1)
        assert counts(by_code["office-a2"], *BANDS) == (0, 1, 1, 1)
        assert counts(by_code["office-b1"], *BANDS) == (0, 0, 1, 1)
        assert counts(by_code["centre"], *BANDS) == (1, 0, 0, 0)
        assert counts(board.total, *BANDS) == (2, 1, 2, 3)

    def test_a_fridays_bands_run_over_the_weekend(self, org, frozen):
        frozen(FRIDAY)
        order_at(org, sh(2025, 2, 27, 10), department=org.office_a1)  # accept_decision Mon Mar 10
        order_at(org, sh(2025, 2, 28, 10), department=org.office_a1)  # Tue Mar 11: the 2nd working day
        order_at(org, sh(2025, 3, 3, 10), department=org.office_a1)  # Wed Mar 12: the 3rd
        consultation_at(org, sh(2025, 3, 7, 8), department=org.office_a1)  # acknowledge Sat 08:00

        board = board_for(viewer=org.centre_leader, day=date(2025, 3, 7))

        assert (board.due_2wd_until, board.due_3wd_until) == (date(2025, 3, 11), date(2025, 3, 12))
        assert counts(rows(board)["office-a1"], *BANDS) == (0, 3, 4, 3)

    def test_a_deadline_that_passed_this_morning_stays_on_the_days_list(self, org, frozen):
        frozen(MONDAY)
        consultation_at(org, sh(2025, 3, 2, 8), department=org.office_a1)  # acknowledge Mon 08:00, passed

        row = rows(board_for(viewer=org.centre_leader, day=date(2025, 3, 3)))["office-a1"]

        assert counts(row, *BANDS) == (1, 0, 0, 0)

    def test_an_order_counts_once_however_many_of_its_deadlines_share_a_band(self, org, frozen):
        frozen(FRIDAY)
        # acknowledge (Feb 21) and accept_decision (Mar 3) are both overdue by Friday Mar 7.
        order_at(org, sh(2025, 2, 20, 10), department=org.office_a1)

        row = rows(board_for(viewer=org.centre_leader, day=date(2025, 3, 7)))["office-a1"]

        assert row.counts.overdue == 1

    def test_closed_orders_are_not_counted_even_with_a_running_visit_deadline(self, org, frozen):
        frozen(MONDAY)
        drive_to("concluded", org)  # the visit deadline runs after conclusion

        board = board_for(viewer=org.centre_leader, day=date(2025, 3, 3))

        assert counts(board.total, "unresolved", *BANDS) == (0, 0, 0, 0, 0)


class TestUnresolvedAndReceived:
    def test_unresolved_orders_are_broken_down_by_why(self, org, frozen):
        frozen(MONDAY)
        for status in ("registered", "odr", "dispatched", "in_progress", "returned", "transferred", "concluded"):
            drive_to(status, org)
        extended = drive_to("in_progress", org)
        actions.do_extend(order=extended, actor=org.handler_a1, working_days=10, reason="需要检测")

        by_code = rows(board_for(viewer=org.centre_leader, day=date(2025, 3, 3)))
        why = ("unresolved", "registered", "dispatched", "in_progress", "pending_extension", "returned", "odr")

        assert counts(by_code["office-a1"], *why) == (3, 0, 1, 2, 1, 0, 0)
        assert counts(by_code["dist-a"], *why) == (3, 0, 1, 2, 1, 0, 0)
        # Not dispatched (or handed back): the centre that took them in answers for them (首接负责制).
        assert counts(by_code["centre"], *why) == (3, 1, 0, 0, 0, 1, 1)

    def test_received_counts_the_previous_calendar_day_by_the_responsible_department(self, org, frozen):
        frozen(MONDAY)
        order_at(org, sh(2025, 3, 1, 23, 59, 59))  # Saturday: not yesterday
        order_at(org, sh(2025, 3, 2, 0, 0))  # Sunday, the first second
        order_at(org, sh(2025, 3, 2, 23, 59, 59), department=org.office_b1)
        order_at(org, sh(2025, 3, 3, 0, 0), department=org.office_b1)  # today

        board = board_for(viewer=org.centre_leader, day=date(2025, 3, 3))
        by_code = rows(board)

        assert board.received_on == date(2025, 3, 2)
        assert by_code["centre"].counts.received == 1
        assert by_code["office-b1"].counts.received == 1
        assert by_code["dist-b"].counts.received == 1
        assert board.total.counts.received == 2


class TestCleared:
    def test_a_department_with_nothing_due_or_overdue_is_cleared(self, org, frozen):
        frozen(MONDAY)
        acknowledged(order_at(org, sh(2025, 3, 3, 8), department=org.office_a1), org.handler_a1)
        consultation_at(org, sh(2025, 3, 2, 10), department=org.office_a2)  # due today 10:00

        by_code = rows(board_for(viewer=org.centre_leader, day=date(2025, 3, 3)))

        assert by_code["office-a1"].counts.unresolved == 1
        assert by_code["office-a1"].cleared
        assert not by_code["office-a2"].cleared
        assert not by_code["dist-a"].cleared
        assert by_code["fast-team"].cleared

    def test_overdue_keeps_today_uncleared_but_a_past_day_is_judged_by_its_own_list(self, org, frozen):
        frozen(MONDAY)
        consultation_at(org, sh(2025, 2, 26, 10), department=org.office_a1)  # overdue since Feb 27

        today = rows(board_for(viewer=org.centre_leader, day=date(2025, 3, 3)))["office-a1"]
        past = rows(board_for(viewer=org.centre_leader, day=date(2025, 3, 2)))["office-a1"]
        ahead = rows(board_for(viewer=org.centre_leader, day=date(2025, 3, 4)))["office-a1"]

        assert (today.counts.due_today, today.counts.overdue, today.cleared) == (0, 1, False)
        assert (past.counts.due_today, past.counts.overdue, past.cleared) == (0, 1, True)
        assert not ahead.cleared


class TestScope:
    def test_a_district_leader_sees_their_subtree_and_its_total(self, org, holiday_orders):
        operator_a = StaffFactory(username="operator_a", department=org.district_a, roles=["operator"])
        register(operator_a, received_at=sh(2025, 9, 29, 16), complainant_phone="13911112222")
        order_at(org, sh(2025, 9, 29, 15))  # taken in by the centre: not the district's

        board = board_for(viewer=org.leader_a, day=date(2025, 9, 30))

        assert [row.code for row in board.rows] == ["dist-a", "office-a1", "office-a2"]
        assert [row.depth for row in board.rows] == [0, 1, 1]
        assert board.scope == org.district_a and board.total.code == "dist-a"
        assert counts(board.total, "received", "unresolved", "registered") == (1, 3, 1)
        assert board.total.counts == rows(board)["dist-a"].counts
        centre = rows(board_for(viewer=org.centre_leader, day=date(2025, 9, 30)))["centre"]
        assert centre.counts.received == 2

    def test_an_office_leader_sees_their_office_only(self, org, holiday_orders):
        board = board_for(viewer=org.leader_a1, day=date(2025, 9, 30))

        assert [row.code for row in board.rows] == ["office-a1"]
        assert counts(board.total, *BANDS) == (1, 0, 0, 1)

    def test_the_centre_sees_every_department_that_answers_for_orders(self, org):
        board = board_for(viewer=org.centre_leader, day=date(2025, 3, 3))

        assert [row.code for row in board.rows] == [
            "centre", "dist-a", "office-a1", "office-a2", "dist-b", "office-b1", "fast-team",
        ]
        assert board.scope is None and board.total.code is None

    def test_staff_without_a_department_see_an_empty_board(self, org, holiday_orders):
        loose = StaffFactory(username="loose", department=None, roles=["leader"])

        board = board_for(viewer=loose, day=date(2025, 9, 30))

        assert board.rows == [] and board.total.counts.unresolved == 0


class TestCallbacks:
    def test_pending_callbacks_count_per_department_and_roll_up(self, org, frozen):
        frozen(MONDAY)
        pending_callback(org.centre, "13700000001")
        pending_callback(org.centre, "13700000002")
        pending_callback(org.office_b1, "13700000003")
        pending_callback(org.centre, "13700000004", status=CallbackStatus.REACHED)

        board = board_for(viewer=org.centre_leader, day=date(2025, 3, 3))
        by_code = rows(board)

        assert by_code["centre"].counts.callbacks_pending == 2
        assert by_code["dist-b"].counts.callbacks_pending == 1
        assert board.total.counts.callbacks_pending == callbacks_pending_count(viewer=org.centre_leader) == 3
        district = board_for(viewer=org.leader_b, day=date(2025, 3, 3))
        assert district.total.counts.callbacks_pending == callbacks_pending_count(viewer=org.leader_b) == 1


class TestNumbersMatchTheOrders:
    """Every number links to an order-list filter; the list must show exactly the orders counted."""

    @pytest.fixture
    def mixed(self, org, holiday_orders):
        for status in ("registered", "odr", "in_progress", "returned", "concluded"):
            drive_to(status, org, received_at=sh(2025, 9, 29, 11))
        extended = drive_to("in_progress", org)
        actions.do_extend(order=extended, actor=org.handler_a1, working_days=5, reason="需要检测")
        acknowledged(order_at(org, sh(2025, 9, 29, 18), department=org.office_b1), org.handler_b1)
        consultation_at(org, sh(2025, 9, 26, 9), department=org.fast_team)

    @pytest.mark.parametrize("viewer", ["centre_leader", "leader_a", "leader_b", "leader_a1"])
    @pytest.mark.parametrize("day", [date(2025, 9, 30), date(2025, 9, 29), date(2025, 10, 9)])
    def test_each_column_lists_exactly_the_orders_it_counts(self, org, mixed, viewer, day):
        viewer = getattr(org, viewer)
        board = board_for(viewer=viewer, day=day)
        checked = 0
        for row in [*board.rows, board.total]:
            for column in COLUMNS:
                filters = column_filters(board=board, row=row, column=column)
                if filters is None:
                    continue
                listed = order_list(viewer=viewer, filters=filters, limit=200).items
                assert len(listed) == getattr(row.counts, column), (row.code, column)
                checked += getattr(row.counts, column)
        assert checked > 0

    def test_the_dataset_touches_every_column(self, org, mixed):
        board = board_for(viewer=org.centre_leader, day=date(2025, 9, 30))
        empty = [c for c in COLUMNS if c != "callbacks_pending" and not getattr(board.total.counts, c)]
        assert empty == []


class TestBoardDay:
    def test_empty_is_today_in_shanghai(self, frozen):
        frozen(sh(2025, 3, 3, 0, 30))  # still Sunday in UTC
        assert board_day("") == date(2025, 3, 3)

    @pytest.mark.parametrize("value", ["2025-13-01", "2025-02-30", "yesterday", "1999-12-31"])
    def test_a_bad_date_names_the_field(self, value):
        with pytest.raises(InvalidInput) as caught:
            board_day(value)
        assert list(caught.value.fields) == ["date"]


def test_the_board_takes_a_few_queries_whatever_the_number_of_departments(org, holiday_orders, django_assert_max_num_queries):
    board_for(viewer=org.centre_leader, day=date(2025, 9, 30))  # warm the calendar cache
    with django_assert_max_num_queries(5):
        board_for(viewer=org.centre_leader, day=date(2025, 9, 30))
