"""The department's first decision on a dispatched order: accept (受理), not accept (不予受理) or
return (退单) inside the return window (style.md section 4, the worked example)."""

from datetime import timedelta

import pytest

from jiesu.core.errors import Forbidden, InvalidInput, InvalidTransition, NotFound
from jiesu.deadlines.choices import DeadlineKind as K
from jiesu.deadlines.choices import DeadlineState as DS
from jiesu.orders.selectors import order_available_actions
from jiesu.orders.tests.checks import (
    NOW,
    assert_next_due,
    assert_one_event,
    deadline,
    end_of,
    running,
    sh,
    snapshot,
    states,
    working_day_after,
)
from jiesu.orders.tests.factories import register, walk
from jiesu.orders.workflow import actions


def dispatched(org, **overrides):
    return walk(register(org.operator, **overrides), org, "dispatch")


class TestAccept:
    def test_an_accepted_complaint_must_be_concluded_45_working_days_from_acceptance(self, org, clock):
        order = dispatched(org)
        accepted = sh(2025, 3, 5, 15, 30)
        clock.move_to(accepted, tick=False)

        order = actions.do_accept(order=order, actor=org.handler_a1, note="符合受理条件")

        order.refresh_from_db()
        assert (order.status, order.accepted_at) == ("in_progress", accepted)
        conclude = running(order)[K.CONCLUDE]
        assert conclude.started_at == accepted
        assert conclude.due_at.date() == working_day_after(accepted.date(), 45)
        assert conclude.due_at == end_of(2025, 5, 12)  # across Qingming and the May Day break with its 调休
        assert deadline(order, K.ACCEPT_DECISION).state == DS.MET
        assert deadline(order, K.ACCEPT_DECISION).met_at == accepted
        event = assert_one_event(order, 2, action="accept", from_status="dispatched", to_status="in_progress",
                                 actor=org.handler_a1)
        assert event.data == {"note": "符合受理条件"}
        assert_next_due(order)

    def test_a_report_taken_up_keeps_its_verification_clock_and_gets_no_conclusion_period(self, org, clock):
        order = dispatched(org, type="report", respondent_name="")
        verify_due = running(order)[K.VERIFY].due_at

        order = actions.do_accept(order=order, actor=org.handler_a1)

        assert K.CONCLUDE not in states(order)
        assert running(order)[K.VERIFY].due_at == verify_due

    def test_the_accepting_handler_becomes_the_handler_when_none_was_named(self, org, clock):
        order = actions.do_dispatch(order=register(org.operator), actor=org.dispatcher, department=org.office_a1)

        order = actions.do_accept(order=order, actor=org.handler_a1b)

        assert order.handler == org.handler_a1b

    def test_a_named_handler_is_kept_when_a_colleague_accepts(self, org, clock):
        order = actions.do_accept(order=dispatched(org), actor=org.handler_a1b)

        assert order.handler == org.handler_a1

    def test_a_handler_of_another_office_cannot_see_the_order(self, org, clock):
        order = dispatched(org)
        before = snapshot(order)

        with pytest.raises(NotFound):
            actions.do_accept(order=order, actor=org.handler_a2)

        assert snapshot(order) == before


class TestNotAccept:
    def test_concludes_with_the_legal_ground_and_no_return_visit(self, org, clock):
        order = dispatched(org)

        order = actions.do_not_accept(order=order, actor=org.leader_a1, ground="time_barred",
                                      explanation="超过三年")

        order.refresh_from_db()
        assert (order.status, order.outcome, order.not_accept_ground, order.reply) == (
            "concluded", "not_accepted", "time_barred", "超过三年")
        assert order.concluded_at == NOW
        assert deadline(order, K.ACCEPT_DECISION).state == DS.MET
        assert deadline(order, K.ACKNOWLEDGE).state == DS.MET
        assert running(order) == {}
        assert K.VISIT not in states(order)
        assert order.next_due_at is None
        event = assert_one_event(order, 2, action="not_accept", from_status="dispatched", to_status="concluded",
                                 actor=org.leader_a1)
        assert event.data == {"ground": "time_barred", "explanation": "超过三年"}

    @pytest.mark.parametrize(("ground", "explanation", "field"), [
        ("because", "说明", "ground"),
        ("", "说明", "ground"),
        ("time_barred", " ", "explanation"),
    ])
    def test_needs_a_known_legal_ground_and_an_explanation(self, org, clock, ground, explanation, field):
        order = dispatched(org)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_not_accept(order=order, actor=org.handler_a1, ground=ground, explanation=explanation)

        assert field in refused.value.fields
        assert snapshot(order) == before


class TestReturn:
    def fast_dispatched(self, org, clock):
        order = register(org.operator, fast_response_reasons=["on_site"])
        return actions.do_dispatch(order=order, actor=org.dispatcher, department=org.fast_team,
                                   handler=org.fast_handler)

    def test_inside_the_window_goes_back_to_dispatch_and_owes_a_re_response_in_2_hours(self, org, clock):
        order = self.fast_dispatched(org, clock)
        returned_at = NOW + timedelta(hours=19, minutes=59)
        clock.move_to(returned_at, tick=False)

        order = actions.do_return(order=order, actor=org.fast_handler, reason="属食品科职责")

        order.refresh_from_db()
        assert (order.status, order.department, order.handler) == ("returned", None, None)
        assert running(order)[K.RE_RESPOND].due_at == returned_at + timedelta(hours=2)
        assert deadline(order, K.RETURN_WINDOW).state == DS.STOPPED
        assert deadline(order, K.RESPOND_FAST).state == DS.STOPPED
        assert deadline(order, K.ARRIVE_FAST).state == DS.STOPPED
        event = assert_one_event(order, 2, action="return", from_status="dispatched", to_status="returned",
                                 actor=org.fast_handler)
        assert event.data == {"reason": "属食品科职责", "department": {"id": org.fast_team.pk, "name": "快反分队"}}
        assert_next_due(order)

    def test_at_the_last_second_of_the_window_is_still_allowed(self, org, clock):
        order = self.fast_dispatched(org, clock)
        clock.move_to(NOW + timedelta(hours=20), tick=False)

        assert actions.do_return(order=order, actor=org.fast_handler, reason="x").status == "returned"

    def test_after_the_window_is_refused_and_writes_nothing(self, org, clock):
        """First-receiver responsibility (首接负责制): past the window the team answers for it."""
        order = self.fast_dispatched(org, clock)
        clock.move_to(NOW + timedelta(hours=20, seconds=1), tick=False)
        before = snapshot(order)

        with pytest.raises(InvalidTransition, match="退单时限"):
            actions.do_return(order=order, actor=org.fast_handler, reason="属食品科职责")

        assert snapshot(order) == before

    def test_an_order_without_a_return_window_policy_may_be_returned(self, org, clock):
        order = dispatched(org)
        clock.move_to(NOW + timedelta(days=3), tick=False)

        order = actions.do_return(order=order, actor=org.handler_a1, reason="不属于本所辖区")

        assert order.status == "returned"
        assert K.RE_RESPOND in running(order)

    def test_a_reason_is_required(self, org, clock):
        order = dispatched(org)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_return(order=order, actor=org.handler_a1, reason="   ")

        assert "reason" in refused.value.fields
        assert snapshot(order) == before

    def test_the_dispatcher_may_not_return_it(self, org, clock):
        order = dispatched(org)
        before = snapshot(order)

        with pytest.raises(Forbidden):
            actions.do_return(order=order, actor=org.dispatcher, reason="x")

        assert snapshot(order) == before


def test_a_consultation_is_answered_not_refused(org):
    order = register(org.operator, type="consultation", respondent_name="", line="")
    order = actions.do_dispatch(order=order, actor=org.dispatcher, department=org.office_a1)
    assert "not_accept" not in order_available_actions(viewer=org.handler_a1, order=order)
    before = snapshot(order)
    with pytest.raises(InvalidTransition):
        actions.do_not_accept(order=order, actor=org.handler_a1, ground="not_competent", explanation="不属于职责")
    assert snapshot(order) == before
