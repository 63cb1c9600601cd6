"""Delivering notifications (issue 4, item 3): the inbox in bulk, every other channel once per row,
failures kept in `attempt_log` and retried with exponential back-off, failed rows still listed and
sent again from the admin, nothing before its working-hours `deliver_after`; and the inbox reads."""

from __future__ import annotations

import logging
import socket
from datetime import timedelta

import pytest
from django.urls import reverse

from jiesu.deadlines.choices import DeadlineKind
from jiesu.deadlines.models import Deadline, ReminderRule
from jiesu.deadlines.sweep import sweep
from jiesu.notifications import channels as channels_module
from jiesu.notifications.channels import DeliveryFailed
from jiesu.notifications.models import Notification, NotificationRecipient
from jiesu.notifications.selectors import inbox_items, inbox_unread_count, notifications_of_order
from jiesu.notifications.services import (
    Draft,
    inbox_mark_read,
    notifications_create,
    notifications_deliver,
    notifications_retry,
)
from jiesu.orders.tests.checks import NOW, sh
from jiesu.orders.tests.factories import in_progress, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def duty(org):
    org.operator.is_duty = True
    org.operator.save(update_fields=["is_duty"])
    return org


@pytest.fixture
def channels(settings):
    """Inbox, log and email switched on; email through the locmem backend, 60 s back-off base."""
    settings.JIESU_NOTIFICATION_CHANNELS = ["inbox", "log", "email"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.JIESU_NOTIFICATION_RETRY_SECONDS = 60
    settings.JIESU_NOTIFICATION_MAX_ATTEMPTS = 8
    return settings


@pytest.fixture
def smtp_down(settings):
    """Switch email to an SMTP server nothing listens on; call the result to fix the gateway."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2

    def fix():
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    return fix


def create(key: str, recipients, *, channels=("inbox", "log"), deliver_after=NOW, now=NOW, order=None, title=None):
    ids = notifications_create(
        [Draft(key=key, step="reminder", title=title or f"提醒 {key}", body="正文", recipients=[s.pk for s in recipients],
               channels=channels, deliver_after=deliver_after, order_id=order.pk if order else None)],
        now=now,
    )
    return {n.channel: n for n in Notification.objects.filter(pk__in=ids)}


def fresh(notification: Notification) -> Notification:
    notification.refresh_from_db()
    return notification


# --- delivering once ---------------------------------------------------------------------------


def test_sweep_then_deliver_sends_each_log_message_once(duty, clock, channels, caplog):
    caplog.set_level(logging.INFO, logger="jiesu.notifications")
    ReminderRule.objects.update(channels=["log"])  # the log as a channel of its own, without the inbox
    order = register(duty.operator)
    clock.move_to(sh(2025, 3, 4, 8, 31), tick=False)
    swept = sweep()
    logs = Notification.objects.filter(order=order, channel="log")
    assert swept.fired >= 1 and logs.count() == swept.fired  # one log message per fired rung
    assert set(logs.values_list("status", flat=True)) == {"pending"}
    assert not Notification.objects.filter(order=order, channel="inbox").exists()

    first = notifications_deliver()
    assert (first.sent, first.retrying, first.failed) == (swept.fired, 0, 0)
    assert {(n.status, n.attempts, n.sent_at) for n in logs} == {("sent", 1, sh(2025, 3, 4, 8, 31))}
    lines = [r.getMessage() for r in caplog.records if r.name == "jiesu.notifications"]
    assert sorted(lines) == sorted(f"notification {n.pk} to {duty.operator.display_name}: {n.title}" for n in logs)

    again = notifications_deliver()
    assert (again.sent, again.retrying, again.failed) == (0, 0, 0)
    assert len([r for r in caplog.records if r.name == "jiesu.notifications"]) == swept.fired


def test_overdue_supervision_is_emailed_to_the_leader_and_handler_once(duty, clock, channels, mailoutbox):
    org = duty
    org.leader_a1.email, org.handler_a1.email = "leader_a1@example.gov.cn", "handler_a1@example.gov.cn"
    org.leader_a1.save(update_fields=["email"])
    org.handler_a1.save(update_fields=["email"])
    order = in_progress(org)
    due = Deadline.objects.get(order=order, kind=DeadlineKind.CONCLUDE).due_at
    clock.move_to(due + timedelta(minutes=1), tick=False)
    sweep()
    email = Notification.objects.get(order=order, step="supervise", channel="email", deadline_kind="conclude")
    assert email.status == "pending"

    notifications_deliver()
    sent = [m for m in mailoutbox if m.subject == email.title]
    assert len(sent) == 1
    assert sorted(sent[0].to) == ["handler_a1@example.gov.cn", "leader_a1@example.gov.cn"]
    assert fresh(email).status == "sent" and email.attempts == 1

    notifications_deliver()
    assert len([m for m in mailoutbox if m.subject == email.title]) == 1


def test_the_inbox_waiting_for_working_hours_is_delivered_in_one_statement(
    duty, clock, channels, django_assert_max_num_queries
):
    """Twenty inbox rows due at 08:30: one UPDATE delivers them all, however many there are (with
    the claim, the recipients and names for the log lines, and one empty claim for other channels)."""
    morning = sh(2025, 3, 4, 8, 30)
    rows = [create(f"k{i}", [duty.operator], channels=["inbox"], deliver_after=morning)["inbox"] for i in range(20)]
    assert notifications_deliver(now=morning - timedelta(minutes=1)).sent == 0
    assert inbox_unread_count(staff=duty.operator) == 0
    with django_assert_max_num_queries(10):
        result = notifications_deliver(now=morning)
    assert result.sent == 20
    assert {(fresh(n).status, n.sent_at, n.attempts) for n in rows} == {("sent", morning, 1)}
    assert inbox_unread_count(staff=duty.operator) == 20


def test_nothing_goes_out_before_deliver_after(duty, clock, channels, caplog):
    """A message to people outside working hours waits for 08:30 on every channel."""
    caplog.set_level(logging.INFO, logger="jiesu.notifications")
    evening, morning = sh(2025, 3, 3, 21, 0), sh(2025, 3, 4, 8, 30)
    rows = create("evening", [duty.operator], deliver_after=morning, now=evening)
    assert rows["inbox"].status == "pending"  # not sent on creation: its time has not come

    assert notifications_deliver(now=evening).sent == 0
    assert notifications_deliver(now=morning - timedelta(seconds=1)).sent == 0
    assert {fresh(n).status for n in rows.values()} == {"pending"}
    assert not inbox_items(staff=duty.operator).exists()
    assert not [r for r in caplog.records if r.name == "jiesu.notifications"]

    assert notifications_deliver(now=morning).sent == 2
    assert {fresh(n).status for n in rows.values()} == {"sent"}
    assert [i.notification_id for i in inbox_items(staff=duty.operator)] == [rows["inbox"].pk]


def test_cancelled_messages_are_never_delivered(duty, clock, channels, caplog):
    from jiesu.notifications.services import notifications_cancel

    caplog.set_level(logging.INFO, logger="jiesu.notifications")
    order = in_progress(duty)
    deadline = Deadline.objects.get(order=order, kind=DeadlineKind.CONCLUDE)
    rows = Notification.objects.filter(pk__in=notifications_create(
        [Draft(key="c", step="urge", title="催办", body="", recipients=[duty.handler_a1.pk], channels=["log", "inbox"],
               deliver_after=NOW + timedelta(hours=1), deadline_id=deadline.pk, order_id=order.pk)]
    ))
    assert notifications_cancel(deadline_ids=[deadline.pk]) == 2
    assert notifications_deliver(now=NOW + timedelta(hours=2)).sent == 0
    assert {fresh(n).status for n in rows} == {"cancelled"}
    assert not [r for r in caplog.records if r.name == "jiesu.notifications"]


# --- failures, back-off, retry -----------------------------------------------------------------


def test_failed_attempts_are_logged_and_retried_with_exponential_back_off(duty, clock, channels, smtp_down, mailoutbox):
    duty.operator.email = "operator@example.gov.cn"
    duty.operator.save(update_fields=["email"])
    email = create("mail", [duty.operator], channels=["email"])["email"]
    t0 = NOW

    result = notifications_deliver(now=t0)
    assert (result.sent, result.retrying, result.failed) == (0, 1, 0)
    assert result.errors and result.errors[0].startswith(f"{email.pk}: ConnectionRefusedError")
    fresh(email)
    assert (email.status, email.attempts, email.sent_at) == ("pending", 1, None)
    assert email.next_attempt_at == t0 + timedelta(seconds=60)  # 60 × 2**0
    assert len(email.attempt_log) == 1
    assert email.attempt_log[0]["at"] == t0.isoformat()
    assert "ConnectionRefusedError" in email.attempt_log[0]["error"]

    # Not retried before its time, even by a pass that runs often.
    early = notifications_deliver(now=t0 + timedelta(seconds=59))
    assert (early.sent, early.retrying, early.failed) == (0, 0, 0)
    assert fresh(email).attempts == 1

    t1 = t0 + timedelta(seconds=60)
    assert notifications_deliver(now=t1).retrying == 1
    fresh(email)
    assert email.attempts == 2 and email.next_attempt_at == t1 + timedelta(seconds=120)  # 60 × 2**1
    t2 = email.next_attempt_at
    assert notifications_deliver(now=t2 - timedelta(seconds=1)).retrying == 0
    assert notifications_deliver(now=t2).retrying == 1
    fresh(email)
    assert email.attempts == 3 and email.next_attempt_at == t2 + timedelta(seconds=240)  # 60 × 2**2
    assert [entry["at"] for entry in email.attempt_log] == [t0.isoformat(), t1.isoformat(), t2.isoformat()]
    assert mailoutbox == []

    smtp_down()  # the administrator fixes the mail server
    t3 = email.next_attempt_at
    result = notifications_deliver(now=t3)
    assert (result.sent, result.retrying, result.failed) == (1, 0, 0)
    fresh(email)
    assert (email.status, email.attempts, email.sent_at, email.next_attempt_at) == ("sent", 4, t3, None)
    assert len(email.attempt_log) == 3  # the failures stay on record
    assert [m.to for m in mailoutbox] == [["operator@example.gov.cn"]]


def test_after_the_last_attempt_the_message_is_failed_listed_and_can_be_retried(
    duty, clock, channels, smtp_down, mailoutbox
):
    channels.JIESU_NOTIFICATION_MAX_ATTEMPTS = 3
    order = register(duty.operator)
    duty.operator.email = "operator@example.gov.cn"
    duty.operator.save(update_fields=["email"])
    email = create("mail", [duty.operator], channels=["email"], order=order)["email"]

    moment = NOW
    outcomes = []
    for _ in range(3):
        result = notifications_deliver(now=moment)
        outcomes.append((result.retrying, result.failed))
        fresh(email)
        moment = email.next_attempt_at or moment + timedelta(days=1)
    assert outcomes == [(1, 0), (1, 0), (0, 1)]
    assert (email.status, email.attempts, email.next_attempt_at) == ("failed", 3, None)
    assert len(email.attempt_log) == 3

    # Failed is final for the delivery pass: never tried again on its own ...
    later = notifications_deliver(now=moment + timedelta(days=30))
    assert (later.sent, later.retrying, later.failed) == (0, 0, 0)
    assert fresh(email).attempts == 3
    # ... but still on the order's record.
    assert [(n.pk, n.status) for n in notifications_of_order(order_id=order.pk).filter(channel="email")] == [
        (email.pk, "failed")
    ]

    smtp_down()
    assert notifications_retry(ids=[email.pk]) == 1
    fresh(email)
    assert (email.status, email.attempts, email.next_attempt_at) == ("pending", 0, None)
    assert len(email.attempt_log) == 3
    assert notifications_deliver(now=moment + timedelta(days=30)).sent == 1
    assert fresh(email).status == "sent"
    assert len(mailoutbox) == 1


def test_retry_touches_only_failed_messages(duty, clock, channels):
    rows = create("r", [duty.operator])
    Notification.objects.filter(pk=rows["log"].pk).update(status="failed", attempts=8)
    assert notifications_retry(ids=[rows["inbox"].pk, rows["log"].pk]) == 1
    assert (fresh(rows["inbox"]).status, rows["inbox"].attempts) == ("sent", 1)
    assert (fresh(rows["log"]).status, rows["log"].attempts) == ("pending", 0)


def test_email_to_staff_without_an_address_is_a_recorded_failure(duty, clock, channels, mailoutbox):
    email = create("noaddr", [duty.operator], channels=["email"])["email"]
    result = notifications_deliver(now=NOW)
    assert result.retrying == 1
    assert "电子邮箱" in fresh(email).attempt_log[0]["error"]
    assert mailoutbox == []


class Broken:
    code = "log"

    def send(self, message):
        raise RuntimeError("bug in a channel adapter")


def test_a_channel_that_crashes_does_not_block_the_queue(duty, clock, channels, monkeypatch, mailoutbox):
    """A channel raising something other than DeliveryFailed is a failed attempt like any other:
    the row is retried later and the rows behind it are still delivered in the same pass."""
    duty.operator.email = "operator@example.gov.cn"
    duty.operator.save(update_fields=["email"])
    monkeypatch.setitem(channels_module.CHANNELS, "log", Broken())
    log = create("first", [duty.operator], channels=["log"], deliver_after=NOW - timedelta(minutes=5))["log"]
    email = create("second", [duty.operator], channels=["email"])["email"]

    result = notifications_deliver(now=NOW)
    assert (result.sent, result.retrying) == (1, 1)
    assert fresh(email).status == "sent" and len(mailoutbox) == 1
    fresh(log)
    assert (log.status, log.attempts) == ("pending", 1)
    assert "RuntimeError: bug in a channel adapter" in log.attempt_log[0]["error"]
    assert log.next_attempt_at == NOW + timedelta(seconds=60)


def test_delivery_failed_from_a_patched_channel_is_retried(duty, clock, channels, monkeypatch):
    calls = []

    class Flaky:
        code = "log"

        def send(self, message):
            calls.append(message.id)
            if len(calls) == 1:
                raise DeliveryFailed("gateway busy")

    monkeypatch.setitem(channels_module.CHANNELS, "log", Flaky())
    log = create("flaky", [duty.operator], channels=["log"])["log"]
    assert notifications_deliver(now=NOW).retrying == 1
    assert notifications_deliver(now=NOW + timedelta(seconds=60)).sent == 1
    assert calls == [log.pk, log.pk]
    assert fresh(log).attempt_log == [{"at": NOW.isoformat(), "error": "gateway busy"}]


# --- the inbox ---------------------------------------------------------------------------------


def test_inbox_lists_only_the_viewers_delivered_inbox_messages_newest_first(duty, clock, channels):
    me, other = duty.operator, duty.dispatcher
    old = create("old", [me, other], now=NOW - timedelta(hours=2), deliver_after=NOW - timedelta(hours=2))
    new = create("new", [me])
    create("theirs", [other])
    create("later", [me], deliver_after=NOW + timedelta(hours=1))  # not delivered yet

    items = list(inbox_items(staff=me))
    assert [i.notification_id for i in items] == [new["inbox"].pk, old["inbox"].pk]  # log rows are not the inbox
    assert inbox_unread_count(staff=me) == 2
    assert inbox_unread_count(staff=other) == 2


def test_marking_read_only_touches_the_callers_own_rows(duty, clock, channels):
    me, other = duty.operator, duty.dispatcher
    shared = create("shared", [me, other])["inbox"]
    mine = create("mine", [me])["inbox"]
    theirs = create("theirs", [other])["inbox"]

    assert inbox_mark_read(staff=me, ids=[shared.pk, theirs.pk]) == 1  # theirs is not mine to mark
    assert NotificationRecipient.objects.get(notification=shared, staff=me).read_at == NOW
    assert NotificationRecipient.objects.get(notification=shared, staff=other).read_at is None
    assert NotificationRecipient.objects.get(notification=theirs, staff=other).read_at is None
    assert inbox_unread_count(staff=me) == 1 and inbox_unread_count(staff=other) == 2
    assert [i.notification_id for i in inbox_items(staff=me, unread_only=True)] == [mine.pk]

    assert inbox_mark_read(staff=me) == 1  # all of mine: only `mine` is left
    assert inbox_mark_read(staff=me) == 0
    assert inbox_unread_count(staff=me) == 0 and inbox_unread_count(staff=other) == 2


def test_marking_everything_read_spares_what_has_not_arrived_yet(duty, clock, channels):
    """"Mark all read" at 21:00 must not swallow the reminder that reaches the inbox at 08:30."""
    me = duty.operator
    evening, morning = sh(2025, 3, 3, 21, 0), sh(2025, 3, 4, 8, 30)
    create("today", [me], now=evening, deliver_after=evening)
    tomorrow = create("tomorrow", [me], now=evening, deliver_after=morning)["inbox"]
    assert inbox_mark_read(staff=me) == 1
    assert inbox_mark_read(staff=me, ids=[tomorrow.pk]) == 0

    notifications_deliver(now=morning)
    assert [i.notification_id for i in inbox_items(staff=me, unread_only=True)] == [tomorrow.pk]
    assert inbox_unread_count(staff=me) == 1


# --- the admin and the task --------------------------------------------------------------------


def test_admin_lists_failed_messages_and_its_action_sends_them_again(duty, clock, channels, client):
    rows = create("admin", [duty.operator], title="督办 失败的短信")
    Notification.objects.filter(pk=rows["log"].pk).update(
        status="failed", attempts=8, attempt_log=[{"at": NOW.isoformat(), "error": "timeout"}]
    )
    client.force_login(duty.admin)
    url = reverse("admin:notifications_notification_changelist")

    listing = client.get(url, {"status__exact": "failed"})
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 1
    assert "督办 失败的短信" in listing.content.decode()
    assert client.get(reverse("admin:notifications_notification_change", args=[rows["log"].pk])).status_code == 200

    response = client.post(url, {"action": "retry", "_selected_action": [rows["log"].pk, rows["inbox"].pk]}, follow=True)
    assert response.status_code == 200
    assert "1 条消息将重新发送" in response.content.decode()
    assert (fresh(rows["log"]).status, rows["log"].attempts) == ("pending", 0)
    assert fresh(rows["inbox"]).status == "sent"


def test_deliver_task_runs_the_delivery_pass(duty, clock, channels):
    from jiesu.notifications.tasks import deliver_notifications

    log = create("task", [duty.operator], channels=["log"])["log"]
    assert deliver_notifications.call() == {"sent": 1, "failed": 0, "retrying": 0}
    assert fresh(log).status == "sent"
