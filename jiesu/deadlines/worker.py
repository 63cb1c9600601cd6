"""`jiesu worker`: the Django Tasks queue (django-tasks-db) plus the periodic chase.

One process does both, so a deployment runs one kind of worker on as many machines as it likes:
every JIESU_SWEEP_INTERVAL_SECONDS it sweeps due reminder rungs (deadlines.sweep) and delivers due
notifications, and in between it drains the task queue. Everything it touches is claimed with row
locks and SKIP LOCKED or unique keys, so workers never need to know about each other.
"""

from __future__ import annotations

import logging
import time

from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from jiesu.deadlines.sweep import DEFAULT_BATCH, sweep
from jiesu.notifications.services import notifications_deliver

logger = logging.getLogger("jiesu.worker")


def chase_once(*, batch: int = DEFAULT_BATCH) -> dict:
    """One sweep (committing every `batch` reminders) and one delivery pass; what `--once` and each
    period of the loop do."""
    swept = sweep(batch=batch)
    delivered = notifications_deliver()
    summary = {
        "fired": swept.fired, "notifications": swept.notifications,
        "sent": delivered.sent, "retrying": delivered.retrying, "failed": delivered.failed,
    }
    if swept.fired or delivered.sent or delivered.retrying or delivered.failed:
        logger.info("chase %s", summary)
    for error in delivered.errors:
        logger.warning("notification delivery failed: %s", error)
    return summary


class ChaseWorker(Worker):
    """django-tasks-db's worker in batch mode (drain the queue, return) inside a loop that also
    chases deadlines on its own period."""

    def __init__(
        self, *, sweep_interval: float, poll_interval: float = 1.0, once: bool = False, batch: int = DEFAULT_BATCH
    ):
        super().__init__(
            queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
            max_tasks=None, worker_id=get_random_string(32), excluded_queue_names=[],
        )
        self.sweep_interval = sweep_interval
        self.poll_interval = poll_interval
        self.once = once
        self.batch = batch

    def run(self) -> None:
        next_sweep = 0.0
        while self.running:
            close_old_connections()
            if time.monotonic() >= next_sweep:
                chase_once(batch=self.batch)
                next_sweep = time.monotonic() + self.sweep_interval
            super().run()
            if self.once:
                return
            close_old_connections()
            time.sleep(self.poll_interval)
