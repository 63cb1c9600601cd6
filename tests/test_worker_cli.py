"""`jiesu worker --once` as an operator runs it: a real process on the embedded SQLite database of a
fresh data folder, firing a due reminder rung and delivering its messages exactly once."""

import ast
import os
import re
import sqlite3
import subprocess
import sys

import pytest

CREATE_DUE_RUNG = """
from datetime import timedelta
from jiesu.core import clock
from jiesu.deadlines.models import Reminder
from jiesu.orders.tests.factories import register
from jiesu.organisations.models import Staff

order = register(Staff.objects.get(username="operator"))
rung = Reminder.objects.filter(deadline__order=order, state="pending").order_by("at", "pk").first()
Reminder.objects.filter(pk=rung.pk).update(fire_at=clock.now() - timedelta(minutes=1))
print(order.pk, rung.pk, order.number)
"""


@pytest.fixture
def run(tmp_path):
    test_only = ("DATABASE_URL", "SECRET_KEY", "DEBUG", "JIESU_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in test_only and not k.startswith("JIESU_")}
    env["JIESU_DATA_DIR"] = str(tmp_path / "data")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "jiesu.cli", *args], env=env, capture_output=True, text=True, timeout=120
        )

    run.database = tmp_path / "data" / "jiesu.sqlite3"
    return run


def test_worker_once_fires_a_due_rung_and_delivers_its_messages_once(run):
    demo = run("demo", "--no-serve", "--orders", "0")
    assert demo.returncode == 0, demo.stderr
    made = run("manage", "shell", "-c", CREATE_DUE_RUNG)
    assert made.returncode == 0, made.stderr
    order_id, rung_id, number = made.stdout.split()[-3:]

    first = run("worker", "--once")
    assert first.returncode == 0, first.stderr
    # Each periodic job adds its own counts to the summary line; these are the chase's.
    summary = ast.literal_eval(re.search(r"chase (\{.*\})", first.stderr).group(1))
    assert {k: summary[k] for k in ("fired", "cancelled", "notifications", "failed")} == {
        "fired": 1, "cancelled": 0, "notifications": 1, "failed": 0
    }  # fmt: skip
    # The inbox's log line: the intake department's duty staff hear of the order.
    assert re.search(rf"INFO jiesu.notifications inbox delivered 1:\n  notification \d+ to 王晓燕\S*: 【\w+】工单{number}",
                     first.stderr)

    with sqlite3.connect(run.database) as db:
        assert db.execute("SELECT state FROM deadlines_reminder WHERE id = ?", (rung_id,)).fetchone() == ("fired",)
        notes = db.execute(
            "SELECT channel, status, attempts FROM notifications_notification WHERE order_id = ? ORDER BY channel",
            (order_id,),
        ).fetchall()
    assert notes == [("inbox", "sent", 1)]

    again = run("worker", "--once")
    assert again.returncode == 0, again.stderr
    assert "chase {" not in again.stderr  # nothing due, nothing said
    with sqlite3.connect(run.database) as db:
        count = db.execute("SELECT count(*) FROM notifications_notification WHERE order_id = ?", (order_id,))
        assert count.fetchone() == (1,)


def test_chase_worker_refuses_a_batch_below_one(run):
    result = run("manage", "chase_worker", "--once", "--batch", "0")
    assert result.returncode != 0
    assert "--batch" in result.stderr
