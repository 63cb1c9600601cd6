"""Dispatch (派单), transfer (转办) and assign (指定承办人): who may receive the order, and the
fast-response clocks the directive starts (seed 002: 45 minutes to respond, 90 to arrive on site,
20 hours in which the team may still return it)."""

from datetime import timedelta

import pytest

from jiesu.core.errors import Forbidden, InvalidInput
from jiesu.deadlines.choices import DeadlineKind as K
from jiesu.deadlines.choices import DeadlineState as DS
from jiesu.orders.tests.checks import (
    NOW,
    assert_next_due,
    assert_one_event,
    deadline,
    running,
    snapshot,
    states,
)
from jiesu.orders.tests.factories import drive_to, register
from jiesu.orders.workflow import actions
from jiesu.organisations.tests.factories import StaffFactory


def fast_order(org, reasons=("on_site",)):
    return register(org.operator, fast_response_reasons=list(reasons))


class TestDispatch:
    def test_sends_the_order_to_the_department_and_handler_with_one_event(self, org, clock):
        order = register(org.operator)

        order = actions.do_dispatch(
            order=order, actor=org.dispatcher, department="office-a1", handler="handler_a1", note=" 请尽快处理 "
        )

        order.refresh_from_db()
        assert (order.status, order.department, order.handler) == ("dispatched", org.office_a1, org.handler_a1)
        event = assert_one_event(order, 1, action="dispatch", from_status="registered", to_status="dispatched",
                                 actor=org.dispatcher)
        assert event.data == {
            "department": {"id": org.office_a1.pk, "name": "西长安街所"},
            "handler": {"id": org.handler_a1.pk, "name": org.handler_a1.display_name},
            "note": "请尽快处理",
        }
        assert_next_due(order)

    def test_a_normal_order_gets_no_fast_response_clocks(self, org, clock):
        order = actions.do_dispatch(order=register(org.operator), actor=org.dispatcher, department=org.office_a1)

        assert set(running(order)) == {K.ACKNOWLEDGE, K.ACCEPT_DECISION}

    def test_a_fast_order_on_site_gets_45_and_90_minutes_and_a_20_hour_return_window(self, org, clock):
        order = fast_order(org)
        clock.move_to(NOW + timedelta(minutes=10), tick=False)
        directive = NOW + timedelta(minutes=10)

        order = actions.do_dispatch(order=order, actor=org.dispatcher, department=org.fast_team,
                                    handler=org.fast_handler)

        assert deadline(order, K.DISPATCH_FAST).state == DS.MET
        assert deadline(order, K.DISPATCH_FAST).met_at == directive
        now_running = running(order)
        assert now_running[K.RESPOND_FAST].due_at == directive + timedelta(minutes=45)
        assert now_running[K.ARRIVE_FAST].due_at == directive + timedelta(minutes=90)
        assert now_running[K.RETURN_WINDOW].due_at == directive + timedelta(hours=20)
        order.refresh_from_db()
        assert order.next_due_at == directive + timedelta(minutes=45)
        assert_next_due(order)

    def test_a_fast_order_that_needs_no_site_visit_gets_no_arrival_clock(self, org, clock):
        order = actions.do_dispatch(order=fast_order(org, reasons=["visitor"]), actor=org.dispatcher,
                                    department=org.fast_team)

        assert K.RESPOND_FAST in running(order)
        assert K.ARRIVE_FAST not in states(order)

    def test_a_leader_dispatches_within_their_district(self, org, clock):
        operator_a = StaffFactory(username="operator_a", department=org.district_a, roles=["operator"])
        order = register(operator_a)

        order = actions.do_dispatch(order=order, actor=org.leader_a, department=org.office_a2, handler=org.handler_a2)

        assert (order.status, order.department) == ("dispatched", org.office_a2)

    @pytest.mark.parametrize(
        ("department", "handler", "field"),
        [
            ("housing", None, "department"),  # external: transfer, not dispatch
            ("centre", None, "department"),  # the centre itself handles nothing
            ("city", None, "department"),
            ("no-such-dept", None, "department"),
            ("office-a1", "handler_b1", "handler"),  # handler of another department
            ("office-a1", "visitor", "handler"),  # not a handler at all
            ("office-a1", "nobody", "handler"),
        ],
    )
    def test_refuses_a_department_or_handler_that_cannot_take_it_and_writes_nothing(
        self, org, clock, department, handler, field
    ):
        order = register(org.operator)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_dispatch(order=order, actor=org.dispatcher, department=department, handler=handler)

        assert field in refused.value.fields
        assert snapshot(order) == before

    def test_a_handler_of_a_sub_department_may_be_named_for_the_district(self, org, clock):
        order = actions.do_dispatch(order=register(org.operator), actor=org.dispatcher,
                                    department=org.district_a, handler=org.handler_a1)

        assert (order.department, order.handler) == (org.district_a, org.handler_a1)

    def test_refuses_a_department_outside_the_dispatchers_scope(self, org, clock):
        operator_a = StaffFactory(username="operator_a", department=org.district_a, roles=["operator"])
        order = register(operator_a)
        before = snapshot(order)

        with pytest.raises(Forbidden) as refused:
            actions.do_dispatch(order=order, actor=org.leader_a, department=org.office_b1)

        assert "department" in refused.value.fields
        assert snapshot(order) == before

    def test_redispatch_after_a_return_meets_the_re_response_and_restarts_the_return_window(self, org, clock):
        order = actions.do_dispatch(order=fast_order(org), actor=org.dispatcher, department=org.fast_team)
        order = actions.do_return(order=order, actor=org.fast_handler, reason="需要食品科处理")
        clock.move_to(NOW + timedelta(hours=1), tick=False)

        order = actions.do_dispatch(order=order, actor=org.dispatcher, department=org.office_a1)

        assert deadline(order, K.RE_RESPOND).state == DS.MET
        assert running(order)[K.RETURN_WINDOW].due_at == NOW + timedelta(hours=21)
        assert order.status == "dispatched"
        assert_next_due(order)


class TestTransfer:
    def test_hands_the_order_to_an_external_department_and_stops_every_clock(self, org, clock):
        order = register(org.operator, channel="transfer_12345")

        order = actions.do_transfer(order=order, actor=org.dispatcher, department="housing", reason="属住建委职责")

        order.refresh_from_db()
        assert (order.status, order.transfer_department, order.department) == ("transferred", org.external, None)
        assert running(order) == {}
        assert set(states(order).values()) == {DS.STOPPED}
        assert order.next_due_at is None
        event = assert_one_event(order, 1, action="transfer", from_status="registered", to_status="transferred",
                                 actor=org.dispatcher)
        assert event.data == {"department": {"id": org.external.pk, "name": "住建委"}, "reason": "属住建委职责"}

    def test_a_returned_order_transferred_meets_its_re_response(self, org, clock):
        order = drive_to("returned", org)

        order = actions.do_transfer(order=order, actor=org.dispatcher, department=org.external, reason="属住建委职责")

        assert deadline(order, K.RE_RESPOND).state == DS.MET

    def test_an_internal_department_is_refused(self, org, clock):
        order = register(org.operator)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_transfer(order=order, actor=org.dispatcher, department=org.office_a1, reason="x")

        assert "department" in refused.value.fields
        assert snapshot(order) == before

    def test_a_reason_is_required(self, org, clock):
        order = register(org.operator)

        with pytest.raises(InvalidInput) as refused:
            actions.do_transfer(order=order, actor=org.dispatcher, department=org.external, reason="  ")

        assert "reason" in refused.value.fields


class TestAssign:
    def test_a_leader_names_another_handler_of_the_department(self, org, clock):
        order = drive_to("in_progress", org)

        order = actions.do_assign(order=order, actor=org.centre_leader, handler="handler_a1b")

        order.refresh_from_db()
        assert (order.status, order.handler) == ("in_progress", org.handler_a1b)
        assert_one_event(order, 3, action="assign", from_status="in_progress", to_status="in_progress",
                         actor=org.centre_leader)

    def test_a_handler_of_another_department_is_refused(self, org, clock):
        order = drive_to("dispatched", org)
        before = snapshot(order)

        with pytest.raises(InvalidInput) as refused:
            actions.do_assign(order=order, actor=org.dispatcher, handler=org.handler_b1)

        assert "handler" in refused.value.fields
        assert snapshot(order) == before
