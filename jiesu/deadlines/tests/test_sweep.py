"""The reminder ladder stored per deadline, and the sweep that turns due rungs into notifications
exactly once (issue 4, items 1-3)."""

from datetime import timedelta

import pytest

from jiesu.core.clock import local
from jiesu.deadlines.choices import DeadlineKind, ReminderState
from jiesu.deadlines.models import Deadline, ReminderRule
from jiesu.deadlines.sweep import sweep
from jiesu.notifications.models import Notification, NotificationRecipient
from jiesu.orders.tests.checks import NOW, end_of, sh
from jiesu.orders.tests.factories import in_progress, register
from jiesu.orders.workflow import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def duty(org):
    org.operator.is_duty = True
    org.operator.save(update_fields=["is_duty"])
    org.handler_a1b.is_duty = True
    org.handler_a1b.save(update_fields=["is_duty"])
    return org


def rungs(order, kind):
    deadline = Deadline.objects.get(order=order, kind=kind, state="running")
    return [(r.step, r.at, r.fire_at, r.state) for r in deadline.reminders.order_by("round", "at")]


def test_registration_stores_the_ladder_of_the_24_hour_acknowledgement(org, clock):
    order = register(org.operator)
    ladder = rungs(order, DeadlineKind.ACKNOWLEDGE)
    assert [step for step, *_ in ladder] == ["reminder", "urge_due_day", "supervise"]
    (_, reminder_at, reminder_fire, _), (_, urge_at, _, _), (_, supervise_at, supervise_fire, _) = ladder
    assert reminder_at == NOW + timedelta(hours=12)
    assert urge_at == sh(2025, 3, 4, 8, 30)
    assert supervise_at == NOW + timedelta(hours=24)
    # 21:00 is outside working hours: the reminder waits for 08:30 next working day; supervision does not.
    assert reminder_fire == sh(2025, 3, 4, 8, 30)
    assert supervise_fire == supervise_at


def test_a_fast_order_is_chased_around_the_clock(org, clock):
    clock.move_to(sh(2025, 3, 3, 20, 0), tick=False)
    order = register(org.operator, urgency="fast", fast_response_reasons=["safety"])
    ladder = rungs(order, DeadlineKind.DISPATCH_FAST)
    assert [(step, fire) for step, _, fire, _ in ladder] == [
        ("reminder", sh(2025, 3, 3, 20, 7, 30)),
        ("urge_80", sh(2025, 3, 3, 20, 12)),
        ("supervise", sh(2025, 3, 3, 20, 15)),
    ]


def test_the_working_day_ladder_of_a_concluding_complaint(org, clock):
    order = in_progress(org)
    ladder = rungs(order, DeadlineKind.CONCLUDE)
    due = Deadline.objects.get(order=order, kind=DeadlineKind.CONCLUDE).due_at
    steps = {step: at for step, at, *_ in ladder}
    assert list(steps) == ["reminder", "urge_3wd", "urge_2wd", "urge_due_day", "supervise"]
    assert steps["supervise"] == due
    assert local(steps["urge_due_day"]).date() == local(due).date()
    assert local(steps["urge_3wd"]).strftime("%H:%M") == "08:30"


def test_sweep_turns_due_rungs_into_notifications_once(duty, clock):
    org = duty
    order = register(org.operator)
    clock.move_to(sh(2025, 3, 4, 8, 31), tick=False)
    first = sweep()
    # The acknowledgement's half-time reminder (21:00, held for working hours) and its due-day urge
    # (08:30) are both due: only the urge goes out, the reminder it supersedes is cancelled.
    assert (first.fired, first.cancelled) == (1, 1)
    assert not Notification.objects.filter(order=order, step="reminder").exists()
    notes = Notification.objects.filter(order=order, step="urge")
    assert {n.channel for n in notes} == {"inbox"}  # the default rules: the inbox, which logs what it delivers
    inbox = notes.get(channel="inbox", deadline_kind="acknowledge")
    assert inbox.status == "sent" and inbox.sent_at is not None
    # Not dispatched yet, no handler: the intake department's duty staff hear of it.
    assert list(inbox.recipients.values_list("username", flat=True)) == ["operator"]
    count = Notification.objects.count()
    again = sweep()
    assert again.fired == 0 and Notification.objects.count() == count


def test_overdue_deadline_is_supervised_by_the_department_leader(duty, clock):
    org = duty
    order = in_progress(org)
    due = Deadline.objects.get(order=order, kind=DeadlineKind.CONCLUDE).due_at
    clock.move_to(due + timedelta(minutes=1), tick=False)
    sweep()
    supervise = Notification.objects.get(order=order, step="supervise", channel="inbox", deadline_kind="conclude")
    assert set(supervise.recipients.values_list("username", flat=True)) == {"leader_a1", "handler_a1"}
    # Supervision ignores working hours: it was sent at once.
    assert supervise.status == "sent"


def test_leader_is_found_up_the_tree_when_the_office_has_none(duty, clock):
    org = duty
    org.leader_a1.delete()
    order = in_progress(org)
    due = Deadline.objects.get(order=order, kind=DeadlineKind.CONCLUDE).due_at
    clock.move_to(due + timedelta(minutes=1), tick=False)
    sweep()
    supervise = Notification.objects.get(order=order, step="supervise", channel="inbox", deadline_kind="conclude")
    assert "leader_a" in set(supervise.recipients.values_list("username", flat=True))


def test_meeting_a_deadline_cancels_the_rest_of_its_ladder(duty, clock):
    org = duty
    order = register(org.operator)
    order = actions.do_dispatch(order=order, actor=org.dispatcher, department=org.office_a1, handler=org.handler_a1)
    order = actions.do_accept(order=order, actor=org.handler_a1)
    acknowledge = Deadline.objects.get(order=order, kind=DeadlineKind.ACKNOWLEDGE)
    assert acknowledge.reminders.filter(state=ReminderState.PENDING).exists()
    actions.do_contact(order=order, actor=org.handler_a1, method="phone", summary="已电话联系消费者")
    acknowledge.refresh_from_db()
    assert acknowledge.state == "met"
    assert not acknowledge.reminders.filter(state=ReminderState.PENDING).exists()
    assert acknowledge.reminders.filter(state=ReminderState.CANCELLED).count() == 3


def test_undelivered_messages_are_cancelled_with_the_deadline(duty, clock, settings):
    org = duty
    settings.JIESU_NOTIFICATION_CHANNELS = ["inbox", "email"]
    ReminderRule.objects.filter(step="urge_due_day").update(channels=["inbox", "email"])
    order = in_progress(org)
    clock.move_to(sh(2025, 3, 4, 8, 31), tick=False)
    sweep()
    log = Notification.objects.get(order=order, deadline_kind="acknowledge", step="urge", channel="email")
    assert log.status == "pending"  # email goes out in the delivery pass, not yet run
    actions.do_contact(order=order, actor=org.handler_a1, method="phone", summary="已联系")
    log.refresh_from_db()
    assert log.status == "cancelled"
    sent = Notification.objects.get(order=order, deadline_kind="acknowledge", step="urge", channel="inbox")
    assert sent.status == "sent"  # what already reached people stays on record


def test_an_approved_extension_restarts_the_ladder_against_the_new_due_time(duty, clock):
    org = duty
    order = in_progress(org)
    order = actions.do_extend(order=order, actor=org.handler_a1, working_days=10, reason="需要检测")
    order = actions.do_approve_extension(order=order, actor=org.leader_a1)
    deadline = Deadline.objects.get(order=order, kind=DeadlineKind.CONCLUDE)
    assert deadline.ladder_round == 1
    old = deadline.reminders.filter(round=0)
    assert not old.filter(state=ReminderState.PENDING).exists()
    new = deadline.reminders.filter(round=1, state=ReminderState.PENDING)
    assert new.get(step="supervise").at == deadline.due_at


def test_a_switched_off_step_fires_without_messages(duty, clock):
    org = duty
    ReminderRule.objects.filter(step="reminder").update(is_active=False)
    order = register(org.operator)
    clock.move_to(sh(2025, 3, 4, 9, 0), tick=False)
    result = sweep()
    assert result.fired >= 1
    assert not Notification.objects.filter(order=order, step="reminder").exists()


def test_channel_not_switched_on_is_skipped(duty, clock, settings):
    org = duty
    ReminderRule.objects.update(channels=["inbox", "log", "sms"])
    settings.JIESU_NOTIFICATION_CHANNELS = ["inbox"]
    order = register(org.operator)
    clock.move_to(sh(2025, 3, 4, 9, 0), tick=False)
    sweep()
    assert set(Notification.objects.filter(order=order).values_list("channel", flat=True)) == {"inbox"}


def test_inbox_item_reaches_each_recipient_once(duty, clock):
    org = duty
    order = in_progress(org)
    clock.move_to(end_of(2025, 3, 3) + timedelta(hours=9), tick=False)
    sweep()
    rows = NotificationRecipient.objects.filter(notification__order=order)
    assert rows.count() == len({(r.notification_id, r.staff_id) for r in rows})


def test_only_the_most_advanced_due_rung_goes_out_even_across_batches(duty, clock):
    org = duty
    order = in_progress(org)
    due = Deadline.objects.get(order=order, kind=DeadlineKind.CONCLUDE).due_at
    clock.move_to(due + timedelta(hours=1), tick=False)  # the workers were down for the whole span
    result = sweep(batch=1)
    conclude = Deadline.objects.get(order=order, kind=DeadlineKind.CONCLUDE)
    states = dict(conclude.reminders.values_list("step", "state"))
    assert states == {"reminder": "cancelled", "urge_3wd": "cancelled", "urge_2wd": "cancelled",
                      "urge_due_day": "cancelled", "supervise": "fired"}
    assert set(Notification.objects.filter(deadline=conclude).values_list("step", flat=True)) == {"supervise"}
    assert result.fired == 2  # one supervision per running deadline: the acknowledgement and the conclusion
