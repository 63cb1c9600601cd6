"""Handling an accepted order: contact, arrival, extension (延期), escalation (提级), co-handling
(协办), mediation (调解) and case filing (立案)."""

from datetime import timedelta
from decimal import Decimal

import pytest

from jiesu.core.errors import InvalidInput, InvalidTransition
from jiesu.deadlines.choices import DeadlineKind as K
from jiesu.deadlines.choices import DeadlineState as DS
from jiesu.orders.models import WorkOrder
from jiesu.orders.selectors import order_get
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
from jiesu.orders.tests.factories import drive_to, in_progress, register, walk
from jiesu.orders.workflow import actions


def fast_in_progress(org, reasons=("on_site",)):
    order = register(org.operator, fast_response_reasons=list(reasons))
    order = actions.do_dispatch(order=order, actor=org.dispatcher, department=org.fast_team, handler=org.fast_handler)
    return actions.do_accept(order=order, actor=org.fast_handler)


class TestContact:
    def test_first_contact_meets_the_24_hour_acknowledgement(self, org, clock):
        order = in_progress(org)
        contacted = NOW + timedelta(hours=3)
        clock.move_to(contacted, tick=False)

        order = actions.do_contact(order=order, actor=org.handler_a1, method="phone", summary="已电话联系，约定周三调解")

        order.refresh_from_db()
        assert order.contacted_at == contacted
        ack = deadline(order, K.ACKNOWLEDGE)
        assert (ack.state, ack.met_at) == (DS.MET, contacted)
        event = assert_one_event(order, 3, action="contact", from_status="in_progress", to_status="in_progress",
                                 actor=org.handler_a1)
        assert event.data == {"method": "phone", "summary": "已电话联系，约定周三调解"}
        assert_next_due(order)

    def test_a_later_contact_keeps_the_first_contact_time(self, org, clock):
        order = actions.do_contact(order=in_progress(org), actor=org.handler_a1, method="phone", summary="一")
        clock.move_to(NOW + timedelta(days=1), tick=False)

        order = actions.do_contact(order=order, actor=org.handler_a1, method="sms", summary="二")

        order.refresh_from_db()
        assert order.contacted_at == NOW

    def test_the_fast_response_is_answered_by_contact(self, org, clock):
        order = fast_in_progress(org)

        order = actions.do_contact(order=order, actor=org.fast_handler, method="on_site", summary="现场")

        assert deadline(order, K.RESPOND_FAST).state == DS.MET
        assert K.ARRIVE_FAST in running(order)
        assert_next_due(order)

    @pytest.mark.parametrize(("method", "summary", "field"), [("fax", "x", "method"), ("phone", "", "summary")])
    def test_needs_a_known_method_and_a_summary(self, org, clock, method, summary, field):
        order = in_progress(org)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_contact(order=order, actor=org.handler_a1, method=method, summary=summary)

        assert field in refused.value.fields
        assert snapshot(order) == before


class TestArrive:
    def test_arrival_meets_the_90_minute_clock_and_the_response(self, org, clock):
        order = fast_in_progress(org)
        arrived = NOW + timedelta(minutes=50)
        clock.move_to(arrived, tick=False)

        order = actions.do_arrive(order=order, actor=org.fast_handler, note="已到达")

        order.refresh_from_db()
        assert order.arrived_at == arrived
        assert (deadline(order, K.ARRIVE_FAST).state, deadline(order, K.ARRIVE_FAST).met_at) == (DS.MET, arrived)
        assert deadline(order, K.RESPOND_FAST).state == DS.MET
        assert_next_due(order)


class TestExtension:
    def test_a_request_waits_for_the_leader_and_moves_nothing_yet(self, org, clock):
        order = in_progress(org)
        due = running(order)[K.CONCLUDE].due_at

        order = actions.do_extend(order=order, actor=org.handler_a1, working_days="10", reason="需要检测鉴定")

        order.refresh_from_db()
        assert (order.pending_extension_days, order.pending_extension_reason) == (10, "需要检测鉴定")
        assert running(order)[K.CONCLUDE].due_at == due
        event = assert_one_event(order, 3, action="extend", from_status="in_progress", to_status="in_progress",
                                 actor=org.handler_a1)
        assert event.data == {"working_days": 10, "reason": "需要检测鉴定"}

    def test_approval_moves_the_conclusion_deadline_by_n_working_days_from_the_old_due_date(self, org, clock):
        order = in_progress(org)
        old_due = running(order)[K.CONCLUDE].due_at
        assert old_due == end_of(2025, 5, 8)
        order = actions.do_extend(order=order, actor=org.handler_a1, working_days=10, reason="需要检测鉴定")

        order = actions.do_approve_extension(order=order, actor=org.leader_a1)

        order.refresh_from_db()
        conclude = running(order)[K.CONCLUDE]
        assert conclude.due_at.date() == working_day_after(old_due.date(), 10)
        assert conclude.due_at == end_of(2025, 5, 22)
        assert conclude.extended_working_days == 10
        assert (order.pending_extension_days, order.pending_extension_reason) == (None, "")
        event = assert_one_event(order, 4, action="approve_extension", from_status="in_progress",
                                 to_status="in_progress", actor=org.leader_a1)
        assert event.data["working_days"] == 10
        assert event.data["deadline"] == "conclude"
        assert_next_due(order)

    def test_a_report_extends_its_verification_period(self, org, clock):
        order = in_progress(org, type="report", respondent_name="")
        old_due = running(order)[K.VERIFY].due_at
        order = actions.do_extend(order=order, actor=org.handler_a1, working_days=15, reason="需要调取证据")

        order = actions.do_approve_extension(order=order, actor=org.leader_a1)

        assert running(order)[K.VERIFY].due_at.date() == working_day_after(old_due.date(), 15)

    def test_denial_clears_the_request_and_keeps_the_deadline(self, org, clock):
        order = in_progress(org)
        due = running(order)[K.CONCLUDE].due_at
        order = actions.do_extend(order=order, actor=org.handler_a1, working_days=10, reason="需要检测鉴定")

        order = actions.do_deny_extension(order=order, actor=org.leader_a1, reason="理由不充分")

        order.refresh_from_db()
        assert order.pending_extension_days is None
        assert running(order)[K.CONCLUDE].due_at == due
        event = assert_one_event(order, 4, action="deny_extension", from_status="in_progress",
                                 to_status="in_progress", actor=org.leader_a1)
        assert event.data == {"working_days": 10, "reason": "理由不充分"}

    @pytest.mark.parametrize("days", [0, 61, "", "ten", None])
    def test_the_number_of_working_days_must_be_1_to_60(self, org, clock, days):
        order = in_progress(org)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_extend(order=order, actor=org.handler_a1, working_days=days, reason="x")

        assert "working_days" in refused.value.fields
        assert snapshot(order) == before

    def test_a_second_request_while_one_is_pending_is_refused(self, org, clock):
        order = actions.do_extend(order=in_progress(org), actor=org.handler_a1, working_days=5, reason="x")
        before = snapshot(order)

        with pytest.raises(InvalidTransition):
            actions.do_extend(order=order, actor=org.handler_a1, working_days=5, reason="y")

        assert snapshot(order) == before

    def test_nothing_to_extend_without_a_running_handling_deadline(self, org, clock):
        order = in_progress(org, type="consultation")  # a consultation has no conclusion period

        with pytest.raises(InvalidTransition):
            actions.do_extend(order=order, actor=org.handler_a1, working_days=5, reason="x")

    @pytest.mark.parametrize("decide", ["approve", "deny"])
    def test_no_decision_without_a_request(self, org, clock, decide):
        order = in_progress(org)
        before = snapshot(order)

        with pytest.raises(InvalidTransition):
            if decide == "approve":
                actions.do_approve_extension(order=order, actor=org.leader_a1)
            else:
                actions.do_deny_extension(order=order, actor=org.leader_a1, reason="x")

        assert snapshot(order) == before

    def test_conclusion_waits_for_the_pending_decision(self, org, clock):
        order = walk(in_progress(org), org, "mediate")
        order = actions.do_extend(order=order, actor=org.handler_a1, working_days=5, reason="x")
        before = snapshot(order)

        with pytest.raises(InvalidTransition):
            actions.do_conclude(order=order, actor=org.handler_a1, outcome="mediated", reply="已调解")

        assert snapshot(order) == before


class TestEscalate:
    def test_the_leader_takes_the_order_over(self, org, clock):
        order = drive_to("dispatched", org)

        order = actions.do_escalate(order=order, actor=org.leader_a1, reason="群体投诉")

        order.refresh_from_db()
        assert (order.escalated_to, order.status) == (org.leader_a1, "dispatched")
        assert "escalated" in order.flags
        event = assert_one_event(order, 2, action="escalate", from_status="dispatched", to_status="dispatched",
                                 actor=org.leader_a1)
        assert event.data == {"leader": {"id": org.leader_a1.pk, "name": org.leader_a1.display_name},
                              "reason": "群体投诉"}

    def test_a_named_leader_must_be_a_leader(self, org, clock):
        order = drive_to("dispatched", org)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_escalate(order=order, actor=org.leader_a, leader="handler_a1", reason="x")

        assert "leader" in refused.value.fields
        assert snapshot(order) == before

    def test_a_leader_who_cannot_see_the_order_cannot_take_it_over(self, org, clock):
        """包案: the leader who takes the order must be able to open it; district B's leader
        cannot see an order of office A1."""
        order = drive_to("dispatched", org)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_escalate(order=order, actor=org.leader_a, leader="leader_b", reason="x")

        assert "leader" in refused.value.fields
        assert snapshot(order) == before

    def test_a_leader_above_the_department_may_be_named(self, org, clock):
        order = actions.do_escalate(order=drive_to("dispatched", org), actor=org.leader_a1, leader="leader_a",
                                    reason="x")

        assert order.escalated_to == org.leader_a


class TestCohandler:
    def test_a_cohandling_department_is_added_and_may_see_the_order(self, org, clock):
        order = drive_to("in_progress", org)

        order = actions.do_add_cohandler(order=order, actor=org.handler_a1, department="office-b1", reason="涉及东城门店")

        assert list(order.cohandlers.all()) == [org.office_b1]
        assert order_get(viewer=org.handler_b1, number=order.number) == order
        event = assert_one_event(order, 3, action="add_cohandler", from_status="in_progress",
                                 to_status="in_progress", actor=org.handler_a1)
        assert event.data == {"department": {"id": org.office_b1.pk, "name": "东华门所"}, "reason": "涉及东城门店"}

    @pytest.mark.parametrize("department", ["office-a1", "housing", "no-such"])
    def test_the_handling_department_an_external_one_or_an_unknown_one_is_refused(self, org, clock, department):
        """External departments are only transfer targets (domain.md "Organisation")."""
        order = drive_to("in_progress", org)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_add_cohandler(order=order, actor=org.handler_a1, department=department, reason="x")

        assert "department" in refused.value.fields
        assert snapshot(order) == before

    def test_the_same_department_twice_is_refused(self, org, clock):
        order = actions.do_add_cohandler(order=drive_to("in_progress", org), actor=org.handler_a1,
                                         department=org.office_b1, reason="x")
        before = snapshot(order)

        with pytest.raises(InvalidInput):
            actions.do_add_cohandler(order=order, actor=org.handler_a1, department=org.office_b1, reason="y")

        assert snapshot(order) == before


class TestMediate:
    def test_a_successful_mediation_records_the_agreement_and_the_recovered_amount(self, org, clock):
        order = in_progress(org)

        order = actions.do_mediate(order=order, actor=org.handler_a1, result="success", agreement=" 商家退货退款 ",
                                   recovered_amount="299")

        order.refresh_from_db()
        assert (order.mediation_result, order.mediation_agreement, order.recovered_amount) == (
            "success", "商家退货退款", Decimal("299.00"))
        event = assert_one_event(order, 3, action="mediate", from_status="in_progress", to_status="in_progress",
                                 actor=org.handler_a1)
        assert event.data == {"result": "success", "agreement": "商家退货退款", "recovered_amount": "299.00"}

    def test_recovered_amounts_add_up_across_mediations(self, org, clock):
        order = actions.do_mediate(order=in_progress(org), actor=org.handler_a1, result="failed",
                                   recovered_amount="50.5")
        order = actions.do_mediate(order=order, actor=org.handler_a1, result="success", agreement="退款",
                                   recovered_amount=Decimal("100"))

        order.refresh_from_db()
        assert order.recovered_amount == Decimal("150.50")

    def test_a_terminated_mediation_records_its_legal_ground(self, org, clock):
        order = actions.do_mediate(order=in_progress(org), actor=org.handler_a1, result="terminated",
                                   ground="respondent_refused")

        order.refresh_from_db()
        assert (order.mediation_result, order.mediation_ground) == ("terminated", "respondent_refused")

    @pytest.mark.parametrize(("body", "field"), [
        ({"result": "maybe"}, "result"),
        ({"result": "terminated"}, "ground"),
        ({"result": "terminated", "ground": "bored"}, "ground"),
        ({"result": "failed", "ground": "respondent_refused"}, "ground"),
        ({"result": "success"}, "agreement"),
        ({"result": "success", "agreement": "退款", "recovered_amount": "-1"}, "recovered_amount"),
        ({"result": "success", "agreement": "退款", "recovered_amount": "一百"}, "recovered_amount"),
    ])
    def test_refuses_inconsistent_input_and_writes_nothing(self, org, clock, body, field):
        order = in_progress(org)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_mediate(order=order, actor=org.handler_a1, **body)

        assert field in refused.value.fields
        assert snapshot(order) == before

    def test_only_complaints_are_mediated(self, org, clock):
        order = in_progress(org, type="report", respondent_name="")

        with pytest.raises(InvalidTransition):
            actions.do_mediate(order=order, actor=org.handler_a1, result="success", agreement="x")

    def test_a_fast_team_owes_feedback_within_24_hours_of_the_mediation(self, org, clock):
        order = fast_in_progress(org)
        clock.move_to(NOW + timedelta(hours=2), tick=False)

        order = actions.do_mediate(order=order, actor=org.fast_handler, result="success", agreement="当场退款")

        assert running(order)[K.FEEDBACK_FAST].due_at == NOW + timedelta(hours=26)
        assert_next_due(order)


class TestFileCase:
    def test_a_named_report_meets_its_verification_and_owes_the_reporter_notice_in_5_working_days(self, org, clock):
        order = in_progress(org, type="report", respondent_name="")
        decided = sh(2025, 3, 7, 16, 0)  # a Friday
        clock.move_to(decided, tick=False)

        order = actions.do_file_case(order=order, actor=org.handler_a1, case_number=" 京西市监立〔2025〕12号 ")

        order.refresh_from_db()
        assert order.case_number == "京西市监立〔2025〕12号"
        assert (deadline(order, K.VERIFY).state, deadline(order, K.VERIFY).met_at) == (DS.MET, decided)
        assert running(order)[K.NOTIFY_REPORTER].due_at == end_of(2025, 3, 14)
        event = assert_one_event(order, 3, action="file_case", from_status="in_progress", to_status="in_progress",
                                 actor=org.handler_a1)
        assert event.data == {"case_number": "京西市监立〔2025〕12号"}
        assert_next_due(order)

    def test_an_anonymous_reporter_cannot_be_told(self, org, clock):
        order = in_progress(org, type="report", respondent_name="", anonymous=True, complainant_phone="")

        order = actions.do_file_case(order=order, actor=org.handler_a1, case_number="12")

        assert K.NOTIFY_REPORTER not in states(order)

    def test_a_complaint_may_become_a_case(self, org, clock):
        order = actions.do_file_case(order=in_progress(org), actor=org.handler_a1, case_number="12")

        assert order.case_number == "12"

    def test_a_consultation_cannot_become_a_case(self, org, clock):
        """诉转案: a complaint or report becomes an enforcement case (domain.md glossary)."""
        order = in_progress(org, type="consultation")
        before = snapshot(order)

        with pytest.raises(InvalidTransition):
            actions.do_file_case(order=order, actor=org.handler_a1, case_number="12")

        assert snapshot(order) == before

    def test_a_case_number_is_required_and_only_once(self, org, clock):
        order = in_progress(org)
        with pytest.raises(InvalidInput) as refused:
            actions.do_file_case(order=order, actor=org.handler_a1, case_number=" ")
        assert "case_number" in refused.value.fields

        order = actions.do_file_case(order=order, actor=org.handler_a1, case_number="12")
        with pytest.raises(InvalidTransition):
            actions.do_file_case(order=order, actor=org.handler_a1, case_number="13")
        assert WorkOrder.objects.get(pk=order.pk).case_number == "12"
