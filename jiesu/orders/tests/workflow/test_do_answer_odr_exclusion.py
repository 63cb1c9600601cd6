"""Orders that never reach a department (a consultation answered at intake, a complaint settled by
an ODR enterprise) and exclusion from assessment (剔除, seed 000), which only the centre decides."""

import pytest

from jiesu.core.errors import Forbidden, InvalidInput, InvalidTransition
from jiesu.deadlines.choices import DeadlineKind as K
from jiesu.deadlines.choices import DeadlineState as DS
from jiesu.merchants.services import merchant_create
from jiesu.orders.tests.checks import (
    NOW,
    assert_next_due,
    assert_one_event,
    deadline,
    end_of,
    running,
    snapshot,
    working_day_after,
)
from jiesu.orders.tests.factories import drive_to, odr_merchant, register
from jiesu.orders.workflow import actions
from jiesu.organisations.tests.factories import StaffFactory


class TestAnswer:
    def test_a_consultation_is_answered_and_concluded_at_once(self, org, clock):
        order = register(org.operator, type="consultation")

        order = actions.do_answer(order=order, actor=org.operator, answer=" 网购商品适用七日无理由退货。 ")

        order.refresh_from_db()
        assert (order.status, order.outcome, order.reply, order.concluded_at) == (
            "concluded", "answered", "网购商品适用七日无理由退货。", NOW)
        assert deadline(order, K.ACKNOWLEDGE).state == DS.MET
        assert running(order) == {}
        assert order.next_due_at is None
        event = assert_one_event(order, 1, action="answer", from_status="registered", to_status="concluded",
                                 actor=org.operator)
        assert event.data == {"answer": "网购商品适用七日无理由退货。"}

    @pytest.mark.parametrize("order_type", ["complaint", "report"])
    def test_only_consultations_are_answered(self, org, clock, order_type):
        order = register(org.operator, type=order_type, respondent_name="某某商场")
        before = snapshot(order)

        with pytest.raises(InvalidTransition):
            actions.do_answer(order=order, actor=org.operator, answer="x")

        assert snapshot(order) == before

    def test_an_answer_is_required(self, org, clock):
        order = register(org.operator, type="consultation")

        with pytest.raises(InvalidInput) as refused:
            actions.do_answer(order=order, actor=org.operator, answer="")

        assert "answer" in refused.value.fields


class TestOdr:
    def test_a_complaint_goes_to_the_enterprise_for_10_working_days(self, org, clock):
        merchant = odr_merchant()

        order = actions.do_send_to_odr(order=register(org.operator), actor=org.operator, merchant=merchant.credit_code)

        order.refresh_from_db()
        assert (order.status, order.odr_merchant) == ("odr", merchant)
        assert running(order)[K.ODR].due_at == end_of(2025, 3, 17)
        assert running(order)[K.ODR].due_at.date() == working_day_after(NOW.date(), 10)
        event = assert_one_event(order, 1, action="send_to_odr", from_status="registered", to_status="odr",
                                 actor=org.operator)
        assert event.data == {"merchant": {"id": merchant.pk, "name": merchant.name}}
        assert_next_due(order)

    def test_the_enterprise_may_be_named_by_its_id(self, org, clock):
        merchant = odr_merchant()

        order = actions.do_send_to_odr(order=register(org.operator), actor=org.dispatcher, merchant=str(merchant.pk))

        assert order.odr_merchant == merchant

    @pytest.mark.parametrize("which", ["not_odr", "unknown", "empty"])
    def test_only_an_enrolled_odr_enterprise_is_accepted(self, org, clock, which):
        plain = merchant_create(name="普通商户", credit_code="914403001922038216")
        merchant = {"not_odr": plain, "unknown": "91350100M000100Y43", "empty": ""}[which]
        order = register(org.operator)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_send_to_odr(order=order, actor=org.operator, merchant=merchant)

        assert "merchant" in refused.value.fields
        assert snapshot(order) == before

    def test_only_complaints_go_to_odr(self, org, clock):
        order = register(org.operator, type="consultation")

        with pytest.raises(InvalidTransition):
            actions.do_send_to_odr(order=order, actor=org.operator, merchant=odr_merchant())

    def test_a_settlement_concludes_the_complaint_and_a_visit_follows(self, org, clock):
        order = drive_to("odr", org)

        order = actions.do_odr_settle(order=order, actor=org.operator, settlement="企业同意退款 299 元")

        order.refresh_from_db()
        assert (order.status, order.outcome, order.reply) == ("concluded", "odr_settled", "企业同意退款 299 元")
        assert deadline(order, K.ODR).state == DS.MET
        assert deadline(order, K.ACCEPT_DECISION).state == DS.MET
        assert set(running(order)) == {K.VISIT}
        event = assert_one_event(order, 2, action="odr_settle", from_status="odr", to_status="concluded",
                                 actor=org.operator)
        assert event.data == {"settlement": "企业同意退款 299 元"}
        assert_next_due(order)

    def test_a_failure_brings_the_complaint_back_to_the_office(self, org, clock):
        order = drive_to("odr", org)

        order = actions.do_odr_fail(order=order, actor=org.dispatcher, reason="企业逾期未处理")

        order.refresh_from_db()
        assert (order.status, order.odr_merchant) == ("registered", odr_merchant())
        assert deadline(order, K.ODR).state == DS.MET
        assert set(running(order)) == {K.ACKNOWLEDGE, K.ACCEPT_DECISION}
        event = assert_one_event(order, 2, action="odr_fail", from_status="odr", to_status="registered",
                                 actor=org.dispatcher)
        assert event.data["reason"] == "企业逾期未处理"
        assert event.data["merchant"]["id"] == odr_merchant().pk
        assert_next_due(order)


class TestExclusion:
    def test_a_handler_asks_and_the_centre_excludes(self, org, clock):
        order = drive_to("in_progress", org)

        order = actions.do_request_exclusion(order=order, actor=org.handler_a1, reason_code="malicious",
                                             reason="职业索赔")
        order.refresh_from_db()
        assert (order.exclusion_state, order.exclusion_reason_code, order.exclusion_reason) == (
            "requested", "malicious", "职业索赔")
        event = assert_one_event(order, 3, action="request_exclusion", from_status="in_progress",
                                 to_status="in_progress", actor=org.handler_a1)
        assert event.data == {"reason_code": "malicious", "reason": "职业索赔"}

        order = actions.do_decide_exclusion(order=order, actor=org.centre_leader, approve=True)

        order.refresh_from_db()
        assert order.exclusion_state == "excluded"
        assert "excluded" in order.flags
        assert order.status == "in_progress"
        event = assert_one_event(order, 4, action="decide_exclusion", from_status="in_progress",
                                 to_status="in_progress", actor=org.centre_leader)
        assert event.data == {"approve": True}

    def test_the_centre_may_reject_with_a_reason(self, org, clock):
        order = actions.do_request_exclusion(order=drive_to("in_progress", org), actor=org.handler_a1,
                                             reason_code="duplicate", reason="重复")

        with pytest.raises(InvalidInput) as refused:
            actions.do_decide_exclusion(order=order, actor=org.dispatcher, approve=False)
        assert "reason" in refused.value.fields
        order = actions.do_decide_exclusion(order=order, actor=org.dispatcher, approve=False, reason="诉求合理")

        order.refresh_from_db()
        assert order.exclusion_state == "rejected"
        assert "excluded" not in order.flags

    def test_a_district_leader_cannot_decide_even_on_their_own_district(self, org, clock):
        order = actions.do_request_exclusion(order=drive_to("in_progress", org), actor=org.handler_a1,
                                             reason_code="duplicate", reason="重复")
        before = snapshot(order)

        for leader in (org.leader_a, org.leader_a1):
            with pytest.raises(Forbidden):
                actions.do_decide_exclusion(order=order, actor=leader, approve=True)

        assert snapshot(order) == before

    def test_the_municipal_bureau_decides_too(self, org, clock):
        bureau_leader = StaffFactory(username="city_leader", department=org.city, roles=["leader"])
        order = actions.do_request_exclusion(order=drive_to("in_progress", org), actor=org.handler_a1,
                                             reason_code="duplicate", reason="重复")

        assert actions.do_decide_exclusion(order=order, actor=bureau_leader, approve=True).exclusion_state == "excluded"

    def test_no_decision_without_a_request_and_no_second_request(self, org, clock):
        order = drive_to("concluded", org)
        with pytest.raises(InvalidTransition):
            actions.do_decide_exclusion(order=order, actor=org.dispatcher, approve=True)

        order = actions.do_request_exclusion(order=order, actor=org.handler_a1, reason_code="duplicate", reason="x")
        before = snapshot(order)
        with pytest.raises(InvalidTransition):
            actions.do_request_exclusion(order=order, actor=org.handler_a1, reason_code="duplicate", reason="x")
        assert snapshot(order) == before

    def test_a_rejected_request_may_be_made_again(self, org, clock):
        order = actions.do_request_exclusion(order=drive_to("closed", org), actor=org.handler_a1,
                                             reason_code="duplicate", reason="x")
        order = actions.do_decide_exclusion(order=order, actor=org.dispatcher, approve=False, reason="不同意")

        order = actions.do_request_exclusion(order=order, actor=org.handler_a1, reason_code="other", reason="补充材料")

        assert order.exclusion_state == "requested"

    @pytest.mark.parametrize(("code", "reason", "field"), [("lazy", "x", "reason_code"), ("other", "", "reason")])
    def test_a_known_reason_code_and_a_reason_are_required(self, org, clock, code, reason, field):
        order = drive_to("in_progress", org)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_request_exclusion(order=order, actor=org.handler_a1, reason_code=code, reason=reason)

        assert field in refused.value.fields
        assert snapshot(order) == before
