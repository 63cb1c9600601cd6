"""The chase under concurrency (issue 4, items 1 and 3): two workers sweeping the same due rungs,
a worker killed with SIGKILL in the middle of a sweep, two workers delivering the same queue. Each
rung must become its notifications exactly once and each message go out exactly once.

PostgreSQL with real connections (threads, and a real `chase_worker` process for the kill); SQLite
serialises writers, so there is no race there to test."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, transaction

from jiesu.core import clock
from jiesu.deadlines.choices import DeadlineState, ReminderState
from jiesu.deadlines.ladder import Step
from jiesu.deadlines.models import Deadline, Reminder, ReminderRule
from jiesu.deadlines.sweep import sweep
from jiesu.notifications import channels as channels_module
from jiesu.notifications.models import Notification
from jiesu.notifications.services import Draft, notifications_create, notifications_deliver
from jiesu.orders.tests.factories import register
from jiesu.organisations.models import Staff

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent connections"),
    pytest.mark.django_db(transaction=True),
]

TIMEOUT = 60
CHANNELS = ("inbox", "log")
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def chase(org, settings):
    org.operator.is_duty = True
    org.operator.save(update_fields=["is_duty"])
    settings.JIESU_NOTIFICATION_CHANNELS = list(CHANNELS)
    ReminderRule.objects.update(channels=list(CHANNELS))  # two rows per rung: the inbox and the log
    return org


def due_reminders(org, count: int) -> list[Reminder]:
    """`count` pending rungs that fell due an hour ago, on the running deadlines of a few real orders.
    Each is the only rung of its (deadline, round), so the sweep's "only the most advanced due rung
    of a ladder goes out" cancels none of them and every one must fire: each deadline carries many
    rounds. Written in bulk: registering thousands of orders through the workflow takes minutes."""
    for _ in range(2):
        register(org.operator)
    deadlines = list(Deadline.objects.filter(state=DeadlineState.RUNNING).order_by("pk"))
    assert len(deadlines) >= 4
    steps = [step.value for step in Step]
    past = clock.now() - timedelta(hours=1)
    rows = []
    for i in range(count):
        ladder_round, deadline = divmod(i, len(deadlines))
        rows.append(
            Reminder(
                deadline=deadlines[deadline], round=1 + ladder_round, step=steps[ladder_round % len(steps)],
                at=past, fire_at=past + timedelta(milliseconds=i),
            )
        )
    created = Reminder.objects.bulk_create(rows, batch_size=2000)
    assert Reminder.objects.filter(state=ReminderState.PENDING, fire_at__lte=clock.now()).count() == count
    return created


def keys_of(reminders) -> set[str]:
    """The notification keys exactly one sweep of these rungs must have created."""
    return {f"reminder:{r.deadline_id}:{r.round}:{r.step}:{channel}" for r in reminders for channel in CHANNELS}


def reminder_keys() -> Counter:
    return Counter(Notification.objects.filter(key__startswith="reminder:").values_list("key", flat=True))


def run_together(*targets):
    """Start the targets at one barrier, each on its own connection; return their results/errors."""
    barrier = threading.Barrier(len(targets))
    results: list = [None] * len(targets)

    def wrap(index, target):
        try:
            barrier.wait(timeout=TIMEOUT)
            results[index] = target()
        except BaseException as exc:  # reported by the caller
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=wrap, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a racing worker hung"
    errors = [r for r in results if isinstance(r, BaseException)]
    assert errors == [], errors
    return results


def other_backends() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_two_workers_sweeping_the_same_due_rungs_fire_each_once(chase):
    reminders = due_reminders(chase, 1200)
    now = clock.now()

    first, second = run_together(lambda: sweep(now=now, batch=40), lambda: sweep(now=now, batch=40))

    assert first.fired + second.fired == 1200  # nobody fired a rung the other had fired
    assert first.notifications + second.notifications == 2 * 1200
    assert first.fired and second.fired, "the two workers did not share the work"
    states = Counter(Reminder.objects.filter(pk__in=[r.pk for r in reminders]).values_list("state", flat=True))
    assert states == {ReminderState.FIRED: 1200}
    keys = reminder_keys()
    assert set(keys) == keys_of(reminders)
    assert set(keys.values()) == {1}
    assert sweep(now=now).fired == 0


def database_url() -> str:
    s = connection.settings_dict
    auth = urllib.parse.quote(s["USER"] or "")
    if s["PASSWORD"]:
        auth += ":" + urllib.parse.quote(s["PASSWORD"])
    host = s["HOST"] or "localhost"
    port = f":{s['PORT']}" if s["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{urllib.parse.quote(s['NAME'])}"


def waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return bool(cursor.fetchone()[0])


def test_a_worker_killed_mid_sweep_loses_and_doubles_nothing(chase, tmp_path):
    """`chase_worker --once --batch 20` against the test database, SIGKILLed in the middle of a
    batch once its first batches committed: each committed batch is complete, the batch in flight
    left no trace, and the next sweep fires exactly the rest.

    To kill it inside a batch rather than between two, the test holds a lock on the one recipient's
    staff row: a batch's notification recipients reference that row, so its commit (the deferred
    foreign-key check) waits for the lock, after every statement of the batch has run."""
    total = 4000
    reminders = due_reminders(chase, total)
    ids = [r.pk for r in reminders]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DATABASE_URL=database_url(), JIESU_TESTING="1", JIESU_DATA_DIR=str(tmp_path), LOG_LEVEL="WARNING",
        JIESU_NOTIFICATION_CHANNELS=",".join(CHANNELS), DJANGO_SETTINGS_MODULE="jiesu.settings", CONN_MAX_AGE="0",
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "django", "chase_worker", "--once", "--batch", "20"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    fired = Reminder.objects.filter(pk__in=ids, state=ReminderState.FIRED)
    blocked = False
    try:
        deadline = time.monotonic() + TIMEOUT
        while not fired.exists() and worker.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        with transaction.atomic():
            Staff.objects.select_for_update().get(pk=chase.operator.pk)
            while not (blocked := waiting_for_a_lock()) and worker.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            if worker.poll() is None:
                os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=TIMEOUT)
    finally:
        if worker.poll() is None:
            os.kill(worker.pid, signal.SIGKILL)
        _, stderr = worker.communicate(timeout=TIMEOUT)
    assert worker.returncode == -signal.SIGKILL, stderr.decode()
    assert blocked, "the worker never reached a batch's commit while the test held the lock"

    # The server notices the dead client and rolls its open transaction back.
    deadline = time.monotonic() + TIMEOUT
    while other_backends() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert other_backends() == 0

    before = {r.pk: r.fired_at for r in fired}
    assert 0 < len(before) < total, f"the kill did not land mid-sweep ({len(before)} of {total} fired)"
    assert len(before) % 20 == 0  # whole batches only
    done = [r for r in reminders if r.pk in before]
    assert set(reminder_keys()) == keys_of(done)  # no notification of a rung left pending

    result = sweep()
    assert result.fired == total - len(before)
    assert result.notifications == 2 * (total - len(before))
    states = Counter(Reminder.objects.filter(pk__in=ids).values_list("state", flat=True))
    assert states == {ReminderState.FIRED: total}
    assert {r.pk: r.fired_at for r in Reminder.objects.filter(pk__in=before)} == before  # not fired again
    keys = reminder_keys()
    assert set(keys) == keys_of(reminders)
    assert set(keys.values()) == {1}
    assert Notification.objects.filter(key__startswith="reminder:").count() == 2 * total


class Counting:
    """A log channel that records every send and takes a moment, like a real gateway."""

    code = "log"

    def __init__(self):
        self.sent: list[int] = []
        self.threads: set[int] = set()
        self.lock = threading.Lock()

    def send(self, message):
        time.sleep(0.002)
        with self.lock:
            self.sent.append(message.id)
            self.threads.add(threading.get_ident())


def test_two_workers_delivering_at_once_send_each_message_once(chase, settings, monkeypatch, mailoutbox):
    settings.JIESU_NOTIFICATION_CHANNELS = ["inbox", "log", "email"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    chase.operator.email = "operator@example.gov.cn"
    chase.operator.save(update_fields=["email"])
    counting = Counting()
    monkeypatch.setitem(channels_module.CHANNELS, "log", counting)
    now = clock.now()
    count = 150
    ids = notifications_create(
        [
            Draft(key=f"race:{i}", step="reminder", title=f"提醒 {i}", body="", recipients=[chase.operator.pk],
                  channels=["inbox", "log", "email"], deliver_after=now + timedelta(seconds=1))
            for i in range(count)
        ],
        now=now,
    )
    rows = list(Notification.objects.filter(pk__in=ids))
    assert len(rows) == 3 * count and {n.status for n in rows} == {"pending"}
    later = now + timedelta(seconds=1)

    first, second = run_together(lambda: notifications_deliver(now=later), lambda: notifications_deliver(now=later))

    assert first.sent + second.sent == 3 * count
    assert (first.retrying, first.failed, second.retrying, second.failed) == (0, 0, 0, 0)
    assert len(counting.threads) == 2, "the two workers did not share the queue"
    logs = {n.pk for n in rows if n.channel == "log"}
    assert sorted(counting.sent) == sorted(logs)  # every log message once, none twice
    subjects = Counter(mail.subject for mail in mailoutbox)
    assert subjects == Counter(f"提醒 {i}" for i in range(count))
    stored = Counter(Notification.objects.filter(key__startswith="race:").values_list("status", "attempts"))
    assert stored == {("sent", 1): 3 * count}
