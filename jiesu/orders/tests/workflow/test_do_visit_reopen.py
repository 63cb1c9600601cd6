"""After conclusion: the return visit (回访) with its unreachable attempts, archiving (归档),
reopening (回头看) and, before it, the complainant's withdrawal (撤回)."""

from datetime import timedelta

import pytest

from jiesu.core.errors import InvalidInput, InvalidTransition
from jiesu.deadlines.choices import DeadlineKind as K
from jiesu.deadlines.choices import DeadlineState as DS
from jiesu.orders.models import OrderEvent
from jiesu.orders.tests.checks import (
    NOW,
    assert_next_due,
    assert_one_event,
    deadline,
    events,
    running,
    sh,
    snapshot,
    states,
    working_day_after,
)
from jiesu.orders.tests.factories import drive_to, register, walk
from jiesu.orders.workflow import actions


def unreachable(order, org, comment="无人接听"):
    return actions.do_visit(order=order, actor=org.visitor, reached=False, comment=comment)


class TestVisit:
    def test_a_reached_complainant_records_resolution_and_satisfaction(self, org, clock):
        order = drive_to("concluded", org)
        visited = NOW + timedelta(days=1)
        clock.move_to(visited, tick=False)

        order = actions.do_visit(order=order, actor=org.visitor, reached=True, resolved=True,
                                 satisfaction="basically_satisfied", comment=" 满意 ")

        order.refresh_from_db()
        assert (order.status, order.visit_reached, order.resolved, order.satisfaction, order.visit_comment) == (
            "visited", True, True, "basically_satisfied", "满意")
        assert (order.visited_at, order.visit_attempts) == (visited, 1)
        assert (deadline(order, K.VISIT).state, deadline(order, K.VISIT).met_at) == (DS.MET, visited)
        event = assert_one_event(order, 5, action="visit", from_status="concluded", to_status="visited",
                                 actor=org.visitor)
        assert event.data == {"reached": True, "resolved": True, "satisfaction": "basically_satisfied",
                              "comment": "满意", "attempt": 1}
        assert_next_due(order)

    @pytest.mark.parametrize(("body", "field"), [
        ({"resolved": None, "satisfaction": "satisfied"}, "resolved"),
        ({"resolved": True, "satisfaction": ""}, "satisfaction"),
        ({"resolved": True, "satisfaction": "delighted"}, "satisfaction"),
    ])
    def test_a_reached_visit_needs_resolution_and_a_known_satisfaction(self, org, clock, body, field):
        order = drive_to("concluded", org)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_visit(order=order, actor=org.visitor, reached=True, **body)

        assert field in refused.value.fields
        assert snapshot(order) == before

    def test_unreachable_attempts_keep_the_order_concluded_until_the_last_one(self, org, clock, settings):
        settings.JIESU_VISIT_MAX_ATTEMPTS = 3
        order = drive_to("concluded", org)

        for attempt in (1, 2):
            count = OrderEvent.objects.filter(order=order).count()
            order = unreachable(order, org)
            order.refresh_from_db()
            assert (order.status, order.visit_attempts, order.visit_reached) == ("concluded", attempt, None)
            event = assert_one_event(order, count, action="visit", from_status="concluded", to_status="concluded",
                                     actor=org.visitor)
            assert event.data == {"reached": False, "attempt": attempt, "comment": "无人接听"}
            assert K.VISIT in running(order)
            assert_next_due(order)

        order = unreachable(order, org)

        order.refresh_from_db()
        assert (order.status, order.visit_attempts, order.visit_reached, order.resolved) == (
            "visited", 3, False, None)
        assert deadline(order, K.VISIT).state == DS.MET
        assert events(order)[-1].data["attempt"] == 3

    def test_the_number_of_attempts_is_the_deployments_setting(self, org, clock, settings):
        settings.JIESU_VISIT_MAX_ATTEMPTS = 1
        order = unreachable(drive_to("concluded", org), org)

        assert (order.status, order.visit_reached) == ("visited", False)

    def test_a_visit_before_conclusion_is_refused(self, org, clock):
        """Seed 000: visiting before the result is known annoys callers and spoils the rates."""
        order = drive_to("in_progress", org)
        before = snapshot(order)

        with pytest.raises(InvalidTransition):
            actions.do_visit(order=order, actor=org.visitor, reached=True, resolved=True, satisfaction="satisfied")

        assert snapshot(order) == before


class TestClose:
    def test_archives_a_visited_order(self, org, clock):
        order = drive_to("visited", org)

        order = actions.do_close(order=order, actor=org.visitor)

        order.refresh_from_db()
        assert order.status == "closed"
        assert running(order) == {}
        assert order.next_due_at is None
        assert_one_event(order, 6, action="close", from_status="visited", to_status="closed", actor=org.visitor)


class TestReopen:
    @pytest.mark.parametrize("status", ["concluded", "visited", "closed"])
    def test_starts_a_new_conclusion_period_from_the_reopening(self, org, clock, status):
        order = drive_to(status, org)
        reopened = sh(2025, 6, 3, 10, 0)
        clock.move_to(reopened, tick=False)
        count = OrderEvent.objects.filter(order=order).count()

        order = actions.do_reopen(order=order, actor=org.dispatcher, reason="回头看：诉求人不满意")

        order.refresh_from_db()
        assert (order.status, order.outcome, order.concluded_at, order.department) == (
            "in_progress", "", None, org.office_a1)
        conclude = running(order)[K.CONCLUDE]
        assert conclude.started_at == reopened
        assert conclude.due_at.date() == working_day_after(reopened.date(), 45)
        assert set(running(order)) == {K.CONCLUDE}
        event = assert_one_event(order, count, action="reopen", from_status=status, to_status="in_progress",
                                 actor=org.dispatcher)
        assert event.data == {"reason": "回头看：诉求人不满意", "previous_outcome": "mediated"}
        assert_next_due(order)

    def test_a_reopened_order_gets_a_fresh_return_visit(self, org, clock, settings):
        """The visit after the second conclusion is a new visit: earlier attempts and answers belong
        to the first result (they stay in the timeline), not to this one."""
        settings.JIESU_VISIT_MAX_ATTEMPTS = 2
        order = drive_to("visited", org)
        order = actions.do_reopen(order=order, actor=org.visitor, reason="回头看：诉求人不满意")

        order.refresh_from_db()
        assert (order.visit_attempts, order.visited_at, order.visit_reached, order.resolved, order.satisfaction) == (
            0, None, None, None, "")
        order = walk(order, org, "conclude")
        order = unreachable(order, org)

        assert (order.status, order.visit_attempts) == ("concluded", 1)

    def test_an_order_no_department_handled_cannot_be_reopened(self, org, clock):
        order = register(org.operator, type="consultation")
        order = actions.do_answer(order=order, actor=org.operator, answer="已解答")
        before = snapshot(order)

        with pytest.raises(InvalidTransition):
            actions.do_reopen(order=order, actor=org.dispatcher, reason="x")

        assert snapshot(order) == before

    def test_a_reason_is_required(self, org, clock):
        order = drive_to("visited", org)

        with pytest.raises(InvalidInput) as refused:
            actions.do_reopen(order=order, actor=org.dispatcher, reason="")

        assert "reason" in refused.value.fields


class TestWithdraw:
    @pytest.mark.parametrize("status", ["registered", "odr", "dispatched", "in_progress", "returned"])
    def test_stops_every_running_deadline(self, org, clock, status):
        order = drive_to(status, org, fast_response_reasons=["on_site"]) if status == "dispatched" else drive_to(
            status, org)
        assert running(order)
        count = OrderEvent.objects.filter(order=order).count()

        order = actions.do_withdraw(order=order, actor=org.operator, reason="诉求人已与商家和解")

        order.refresh_from_db()
        assert (order.status, order.outcome, order.reply, order.concluded_at) == (
            "concluded", "withdrawn", "诉求人已与商家和解", NOW)
        assert running(order) == {}
        assert DS.STOPPED in set(states(order).values())
        assert order.next_due_at is None
        event = assert_one_event(order, count, action="withdraw", from_status=status, to_status="concluded",
                                 actor=org.operator)
        assert event.data == {"reason": "诉求人已与商家和解"}

    def test_a_concluded_order_cannot_be_withdrawn(self, org, clock):
        order = drive_to("concluded", org)
        before = snapshot(order)

        with pytest.raises(InvalidTransition):
            actions.do_withdraw(order=order, actor=org.operator, reason="x")

        assert snapshot(order) == before
