"""Conclusion (办结) with an outcome that agrees with what was recorded, and the dispatcher's review
(审核): approval, or sending it back, which revives the handling deadline."""

from datetime import timedelta

import pytest

from jiesu.core.errors import InvalidInput, InvalidTransition
from jiesu.deadlines.choices import DeadlineKind as K
from jiesu.deadlines.choices import DeadlineState as DS
from jiesu.orders.tests.checks import (
    NOW,
    assert_next_due,
    assert_one_event,
    deadline,
    running,
    sh,
    snapshot,
    working_day_after,
)
from jiesu.orders.tests.factories import in_progress, register, walk
from jiesu.orders.workflow import actions


def mediated(org, result="success", **body):
    body.setdefault("agreement", "商家退货" if result == "success" else "")
    return actions.do_mediate(order=in_progress(org), actor=org.handler_a1, result=result, **body)


class TestConclude:
    def test_a_mediated_complaint_meets_its_conclusion_deadline_and_waits_for_the_visit(self, org, clock):
        order = mediated(org)
        concluded = sh(2025, 3, 10, 11, 0)
        clock.move_to(concluded, tick=False)

        order = actions.do_conclude(order=order, actor=org.handler_a1, outcome="mediated", reply=" 已调解，商家退货。 ")

        order.refresh_from_db()
        assert (order.status, order.outcome, order.reply, order.concluded_at) == (
            "concluded", "mediated", "已调解，商家退货。", concluded)
        conclude = deadline(order, K.CONCLUDE)
        assert (conclude.state, conclude.met_at) == (DS.MET, concluded)
        assert set(running(order)) == {K.VISIT}
        assert running(order)[K.VISIT].due_at.date() == working_day_after(concluded.date(), 5)
        assert deadline(order, K.ACKNOWLEDGE).state == DS.STOPPED  # nobody ever contacted the complainant
        event = assert_one_event(order, 4, action="conclude", from_status="in_progress", to_status="concluded",
                                 actor=org.handler_a1)
        assert event.data == {"outcome": "mediated", "reply": "已调解，商家退货。"}
        assert_next_due(order)

    @pytest.mark.parametrize(("result", "ground", "outcome"), [
        ("failed", "", "mediation_failed"),
        ("terminated", "no_agreement", "mediation_terminated"),
    ])
    def test_each_complaint_outcome_follows_the_mediation_recorded(self, org, clock, result, ground, outcome):
        order = mediated(org, result=result, ground=ground)

        order = actions.do_conclude(order=order, actor=org.handler_a1, outcome=outcome, reply="已告知")

        assert (order.status, order.outcome) == ("concluded", outcome)

    @pytest.mark.parametrize(("result", "outcome"), [
        (None, "mediated"),
        ("failed", "mediated"),
        ("success", "mediation_failed"),
        ("success", "mediation_terminated"),
        ("success", "case_filed"),  # a report's outcome
        ("success", "not_accepted"),  # comes from its own action
        ("success", "withdrawn"),
        ("success", "answered"),
        ("success", "nonsense"),
    ])
    def test_an_outcome_that_disagrees_with_the_record_is_refused(self, org, clock, result, outcome):
        order = in_progress(org) if result is None else mediated(org, result=result)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_conclude(order=order, actor=org.handler_a1, outcome=outcome, reply="x")

        assert "outcome" in refused.value.fields
        assert snapshot(order) == before

    def test_a_report_concluded_as_a_case_needs_the_case_number(self, org, clock):
        order = in_progress(org, type="report", respondent_name="")

        with pytest.raises(InvalidInput):
            actions.do_conclude(order=order, actor=org.handler_a1, outcome="case_filed", reply="已立案")
        order = actions.do_file_case(order=order, actor=org.handler_a1, case_number="12")
        order = actions.do_conclude(order=order, actor=org.handler_a1, outcome="case_filed", reply="已立案")

        assert order.outcome == "case_filed"
        assert K.VISIT not in running(order)  # return visits are for complaints

    @pytest.mark.parametrize("outcome", ["verified_no_case", "unfounded", "partly_founded"])
    def test_a_report_may_end_without_a_case(self, org, clock, outcome):
        order = in_progress(org, type="report", respondent_name="")

        order = actions.do_conclude(order=order, actor=org.handler_a1, outcome=outcome, reply="经核查")

        assert deadline(order, K.VERIFY).state == DS.MET
        assert running(order) == {}

    def test_a_dispatched_consultation_is_concluded_as_answered(self, org, clock):
        order = actions.do_conclude(order=in_progress(org, type="consultation"), actor=org.handler_a1,
                                    outcome="answered", reply="已解答")

        assert order.outcome == "answered"

    def test_a_reply_to_the_complainant_is_required(self, org, clock):
        order = mediated(org)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_conclude(order=order, actor=org.handler_a1, outcome="mediated", reply="")

        assert "reply" in refused.value.fields
        assert snapshot(order) == before


class TestReview:
    def concluded(self, org, clock):
        order = walk(in_progress(org), org, "mediate")
        clock.move_to(NOW + timedelta(days=2), tick=False)
        return actions.do_conclude(order=order, actor=org.handler_a1, outcome="mediated", reply="已调解")

    def test_approval_keeps_the_order_concluded(self, org, clock):
        order = self.concluded(org, clock)

        order = actions.do_review(order=order, actor=org.dispatcher, approve=True)

        order.refresh_from_db()
        assert (order.status, order.review_state, order.outcome) == ("concluded", "approved", "mediated")
        event = assert_one_event(order, 5, action="review", from_status="concluded", to_status="concluded",
                                 actor=org.dispatcher)
        assert event.data == {"approve": True}

    def test_sending_back_reopens_handling_and_revives_the_conclusion_deadline(self, org, clock):
        order = self.concluded(org, clock)
        conclude_due = deadline(order, K.CONCLUDE).due_at
        clock.move_to(NOW + timedelta(days=3), tick=False)

        order = actions.do_review(order=order, actor=org.dispatcher, approve=False, reason="回复内容不完整")

        order.refresh_from_db()
        assert (order.status, order.review_state, order.outcome, order.concluded_at) == (
            "in_progress", "sent_back", "", None)
        conclude = running(order)[K.CONCLUDE]
        assert (conclude.due_at, conclude.met_at) == (conclude_due, None)
        assert deadline(order, K.VISIT).state == DS.STOPPED
        assert set(running(order)) == {K.CONCLUDE}
        event = assert_one_event(order, 5, action="review", from_status="concluded", to_status="in_progress",
                                 actor=org.dispatcher)
        assert event.data == {"approve": False, "reason": "回复内容不完整"}
        assert_next_due(order)
        order.refresh_from_db()
        assert order.next_due_at == conclude_due

    def test_an_order_sent_back_can_be_concluded_again(self, org, clock):
        order = actions.do_review(order=self.concluded(org, clock), actor=org.dispatcher, approve=False, reason="补充")

        order = actions.do_conclude(order=order, actor=org.handler_a1, outcome="mediated", reply="已补充")

        assert (order.status, order.review_state) == ("concluded", "")
        assert K.VISIT in running(order)

    def test_sending_back_needs_a_reason(self, org, clock):
        order = self.concluded(org, clock)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_review(order=order, actor=org.dispatcher, approve=False, reason=" ")

        assert "reason" in refused.value.fields
        assert snapshot(order) == before

    def test_a_not_accepted_order_cannot_be_sent_back_for_handling(self, org, clock):
        order = walk(register(org.operator), org, "dispatch")
        order = actions.do_not_accept(order=order, actor=org.handler_a1, ground="not_competent", explanation="x")
        before = snapshot(order)

        with pytest.raises(InvalidTransition):
            actions.do_review(order=order, actor=org.dispatcher, approve=False, reason="x")

        assert snapshot(order) == before


def test_an_approved_result_cannot_be_reviewed_again(org, clock):
    order = actions.do_conclude(order=mediated(org), actor=org.handler_a1, outcome="mediated", reply="已退货。")
    actions.do_review(order=order, actor=org.dispatcher, approve=True)
    before = snapshot(order)
    with pytest.raises(InvalidTransition):
        actions.do_review(order=order, actor=org.dispatcher, approve=False, reason="再看看")
    assert snapshot(order) == before
