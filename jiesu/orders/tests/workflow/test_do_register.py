"""Registration (登记): the order, its first event and the deadlines that start at receipt
(domain.md "Deadlines": acknowledge 24 h, accept_decision 7 working days, verify 15 working days,
conclude_12345 5 calendar days, dispatch_fast 15 minutes)."""

from datetime import timedelta

import pytest

from jiesu.core.errors import InvalidInput
from jiesu.deadlines.choices import DeadlineKind as K
from jiesu.merchants.models import Merchant
from jiesu.orders.models import DailySequence, OrderEvent, WorkOrder
from jiesu.orders.tests.checks import (
    assert_next_due,
    end_of,
    events,
    running,
    sh,
    working_day_after,
)
from jiesu.orders.tests.factories import register

NOW = sh(2025, 3, 3, 9, 0)  # a Monday with no holiday near


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def test_a_complaint_is_registered_with_one_event_and_the_intake_department(org, now):
    order = register(org.operator)

    order.refresh_from_db()
    assert (order.status, order.type, order.received_at) == ("registered", "complaint", NOW)
    assert order.intake_department == org.centre
    assert order.registered_by == org.operator
    [event] = events(order)
    assert (event.action, event.from_status, event.to_status, event.actor) == ("register", "", "registered", org.operator)
    assert event.at == NOW
    assert event.data == {"type": "complaint", "channel": "hotline_12315", "urgency": "normal"}


def test_a_complaint_owes_an_acknowledgement_in_24_hours_and_a_decision_in_7_working_days(org, now):
    order = register(org.operator)

    deadlines = running(order)
    assert set(deadlines) == {K.ACKNOWLEDGE, K.ACCEPT_DECISION}
    assert deadlines[K.ACKNOWLEDGE].due_at == NOW + timedelta(hours=24)
    assert deadlines[K.ACCEPT_DECISION].due_at == end_of(2025, 3, 12)
    assert end_of(2025, 3, 12).date() == working_day_after(NOW.date(), 7)
    assert all(d.started_at == NOW and not d.warning for d in deadlines.values())
    assert_next_due(order)
    order.refresh_from_db()
    assert order.next_due_at == NOW + timedelta(hours=24)


def test_a_report_owes_a_case_decision_in_15_working_days_and_no_acceptance_decision(org, now):
    order = register(org.operator, type="report", respondent_name="")

    deadlines = running(order)
    assert set(deadlines) == {K.ACKNOWLEDGE, K.VERIFY}
    assert deadlines[K.VERIFY].due_at.date() == working_day_after(NOW.date(), 15)
    assert deadlines[K.VERIFY].due_at == end_of(2025, 3, 24)
    assert_next_due(order)


def test_a_consultation_owes_only_the_acknowledgement(org, now):
    order = register(org.operator, type="consultation")

    assert set(running(order)) == {K.ACKNOWLEDGE}


def test_an_order_transferred_from_12345_must_be_concluded_in_5_calendar_days_rolled_to_a_working_day(org, now):
    """Monday + 5 calendar days is Saturday 2025-03-08; the period ends on Monday 2025-03-10."""
    order = register(org.operator, channel="transfer_12345")

    deadlines = running(order)
    assert set(deadlines) == {K.ACKNOWLEDGE, K.ACCEPT_DECISION, K.CONCLUDE_12345}
    assert deadlines[K.CONCLUDE_12345].due_at == end_of(2025, 3, 10)
    assert_next_due(order)


def test_a_12345_hotline_order_has_the_same_5_day_period(org, now):
    order = register(org.operator, channel="hotline_12345", received_at=sh(2025, 3, 2, 20, 0))

    # Sunday + 5 = Friday 2025-03-07, already a working day.
    assert running(order)[K.CONCLUDE_12345].due_at == end_of(2025, 3, 7)


def test_a_fast_response_order_must_be_directed_within_15_minutes(org, now):
    order = register(org.operator, fast_response_reasons=["on_site"])

    order.refresh_from_db()
    assert order.urgency == "fast"
    assert order.flags == ["fast_response"]
    deadlines = running(order)
    assert deadlines[K.DISPATCH_FAST].due_at == NOW + timedelta(minutes=15)
    assert order.next_due_at == NOW + timedelta(minutes=15)


def test_deadlines_run_from_the_time_received_not_the_time_typed_in(org, now):
    received = NOW - timedelta(hours=30)  # Saturday night's call registered on Monday morning
    order = register(org.operator, received_at=received)

    deadlines = running(order)
    assert deadlines[K.ACKNOWLEDGE].due_at == received + timedelta(hours=24)
    assert deadlines[K.ACCEPT_DECISION].due_at.date() == working_day_after(received.date(), 7)
    # Already overdue: next_due_at still shows it, the nearest running due time.
    order.refresh_from_db()
    assert order.next_due_at == received + timedelta(hours=24)


def test_a_deactivated_policy_starts_no_deadline(org, now):
    from jiesu.deadlines.models import DeadlinePolicy

    for policy in DeadlinePolicy.objects.filter(kind=K.ACCEPT_DECISION):  # as the admin saves it
        policy.is_active = False
        policy.save()
    order = register(org.operator)

    assert set(running(order)) == {K.ACKNOWLEDGE}


def test_an_edited_policy_length_is_what_counts(org, now):
    """Numbers are admin-editable data (style.md rule 8), never constants."""
    from jiesu.deadlines.models import DeadlinePolicy

    register(org.operator)  # the policies are now cached in this process
    policy = DeadlinePolicy.objects.get(kind=K.ACKNOWLEDGE)
    policy.length = 12
    policy.save()  # as the admin saves it
    order = register(org.operator)

    assert running(order)[K.ACKNOWLEDGE].due_at == NOW + timedelta(hours=12)


def test_the_respondent_is_linked_to_the_registry_by_credit_code(org, now):
    order = register(org.operator, respondent_credit_code="91440300708461136t")

    order.refresh_from_db()
    assert order.respondent_credit_code == "91440300708461136T"
    assert order.merchant == Merchant.objects.get(credit_code="91440300708461136T")


def test_invalid_input_writes_nothing(org, now):
    with pytest.raises(InvalidInput):
        register(org.operator, complainant_phone="12345", respondent_credit_code="91440300708461136X")

    assert not WorkOrder.objects.exists()
    assert not OrderEvent.objects.exists()
    assert not Merchant.objects.exists()
    assert not DailySequence.objects.exists()  # no number was used up


class TestEventsAreImmutable:
    def test_saving_an_existing_event_raises(self, org, now):
        order = register(org.operator)
        [event] = events(order)
        event.data = {"type": "report"}

        with pytest.raises(RuntimeError, match="immutable"):
            event.save()

        assert OrderEvent.objects.get(pk=event.pk).data["type"] == "complaint"

    def test_deleting_an_event_raises(self, org, now):
        order = register(org.operator)
        [event] = events(order)

        with pytest.raises(RuntimeError, match="immutable"):
            event.delete()

        assert OrderEvent.objects.filter(pk=event.pk).exists()
