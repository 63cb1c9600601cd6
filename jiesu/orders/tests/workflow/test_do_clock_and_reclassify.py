"""Pausing the clock for testing or appraisal (鉴定检测) and reclassifying an order: both move the
deadlines and their reminder ladders (issue 4 item 2)."""

import pytest

from jiesu.core.errors import InvalidInput, InvalidTransition
from jiesu.deadlines.choices import DeadlineKind as K
from jiesu.deadlines.choices import ReminderState
from jiesu.deadlines.models import Deadline
from jiesu.orders.tests.checks import NOW, end_of, sh
from jiesu.orders.tests.factories import in_progress, register
from jiesu.orders.workflow import actions

pytestmark = pytest.mark.django_db


def conclude_of(order) -> Deadline:
    return Deadline.objects.get(order=order, kind=K.CONCLUDE, state="running")


class TestPauseAndResume:
    def test_pausing_stops_the_handling_clock_and_its_ladder(self, org, clock):
        order = in_progress(org)
        order = actions.do_pause_clock(order=order, actor=org.handler_a1, reason="样品送检")
        deadline = conclude_of(order)
        assert deadline.paused_at == NOW and deadline.pause_reason == "样品送检"
        assert not deadline.reminders.filter(state=ReminderState.PENDING).exists()
        event = order.events.latest("id")
        assert event.action == "pause_clock" and event.data["deadlines"] == ["conclude"]
        # The 24-hour answer to the caller is not the handling clock: it keeps running.
        assert Deadline.objects.get(order=order, kind=K.ACKNOWLEDGE).paused_at is None
        # "My work" no longer sorts the order by a clock that is not running.
        order.refresh_from_db()
        assert order.next_due_at != deadline.due_at

    def test_a_second_pause_is_refused(self, org, clock):
        order = actions.do_pause_clock(order=in_progress(org), actor=org.handler_a1, reason="送检")
        with pytest.raises(InvalidTransition):
            actions.do_pause_clock(order=order, actor=org.handler_a1, reason="再次送检")

    def test_a_pause_needs_its_reason(self, org, clock):
        with pytest.raises(InvalidInput) as error:
            actions.do_pause_clock(order=in_progress(org), actor=org.handler_a1, reason=" ")
        assert "reason" in error.value.fields

    def test_resuming_adds_the_working_days_the_pause_covered(self, org, clock):
        order = in_progress(org)
        due_before = conclude_of(order).due_at
        actions.do_pause_clock(order=order, actor=org.handler_a1, reason="鉴定")
        clock.move_to(sh(2025, 3, 6, 15, 0), tick=False)  # Monday 09:00 → Thursday 15:00
        order = actions.do_resume_clock(order=order, actor=org.handler_a1, note="鉴定报告已出")
        deadline = conclude_of(order)
        assert deadline.paused_at is None
        # 45 working days from Monday 3 March 2025 end on 8 May (Qingming and May Day on the way);
        # the pause covered Tuesday to Thursday: three working days more.
        assert due_before == end_of(2025, 5, 8)
        assert deadline.due_at == end_of(2025, 5, 13)
        assert deadline.ladder_round == 1
        new = deadline.reminders.filter(round=1, state=ReminderState.PENDING)
        assert new.get(step="supervise").at == deadline.due_at

    def test_a_pause_that_ends_the_day_it_began_adds_nothing(self, org, clock):
        order = in_progress(org)
        due_before = conclude_of(order).due_at
        actions.do_pause_clock(order=order, actor=org.handler_a1, reason="现场检测")
        clock.move_to(sh(2025, 3, 3, 16, 0), tick=False)
        order = actions.do_resume_clock(order=order, actor=org.handler_a1)
        assert conclude_of(order).due_at == due_before

    def test_resuming_a_running_clock_is_refused(self, org, clock):
        with pytest.raises(InvalidTransition):
            actions.do_resume_clock(order=in_progress(org), actor=org.handler_a1)


class TestReclassify:
    def test_a_complaint_found_to_be_a_report_trades_acceptance_for_verification(self, org, clock):
        order = register(org.operator)
        assert Deadline.objects.filter(order=order, kind=K.ACCEPT_DECISION, state="running").exists()
        order = actions.do_reclassify(order=order, actor=org.dispatcher, reason="实为举报", type="report")
        assert order.type == "report"
        assert Deadline.objects.get(order=order, kind=K.ACCEPT_DECISION).state == "stopped"
        verify = Deadline.objects.get(order=order, kind=K.VERIFY, state="running")
        assert verify.due_at == end_of(2025, 3, 24)  # 15 working days from Monday 3 March
        event = order.events.latest("id")
        assert event.data["changes"]["type"] == {"from": "complaint", "to": "report"}

    def test_meeting_a_fast_response_criterion_makes_it_fast_with_the_15_minute_directive_clock(self, org, clock):
        order = register(org.operator)
        clock.move_to(sh(2025, 3, 3, 9, 30), tick=False)
        order = actions.do_reclassify(
            order=order, actor=org.dispatcher, reason="消费者被困电梯", fast_response_reasons=["safety"]
        )
        assert order.urgency == "fast" and "fast_response" in order.flags
        directive = Deadline.objects.get(order=order, kind=K.DISPATCH_FAST, state="running")
        assert directive.due_at == sh(2025, 3, 3, 9, 45)
        # The acknowledgement's ladder restarted: a fast order is chased outside working hours too.
        acknowledge = Deadline.objects.get(order=order, kind=K.ACKNOWLEDGE, state="running")
        assert acknowledge.ladder_round == 1

    def test_nothing_changed_is_refused(self, org, clock):
        order = register(org.operator)
        with pytest.raises(InvalidInput) as error:
            actions.do_reclassify(order=order, actor=org.dispatcher, reason="核对", type="complaint")
        assert "type" in error.value.fields

    def test_an_anonymous_report_cannot_become_a_complaint(self, org, clock):
        order = register(org.operator, type="report", anonymous=True, complainant_name="", complainant_phone="")
        with pytest.raises(InvalidInput) as error:
            actions.do_reclassify(order=order, actor=org.dispatcher, reason="改为投诉", type="complaint")
        assert "type" in error.value.fields

    def test_an_unknown_line_is_refused(self, org, clock):
        with pytest.raises(InvalidInput) as error:
            actions.do_reclassify(order=register(org.operator), actor=org.dispatcher, reason="x", line="nope")
        assert "line" in error.value.fields
