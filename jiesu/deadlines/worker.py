"""`jiesu worker`: the Django Tasks queue (django-tasks-db) plus the periodic chase.

One process does both, so a deployment runs one kind of worker on as many machines as it likes:
every JIESU_SWEEP_INTERVAL_SECONDS it runs the periodic jobs (sweep due reminder rungs, deliver due
notifications, archive visited orders), and in between it drains the task queue. Everything it touches is claimed with row
locks and SKIP LOCKED or unique keys, so workers never need to know about each other.
"""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import Callable
from dataclasses import asdict

from django.conf import settings
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks_db.management.commands.db_worker import Worker

from jiesu.deadlines.sweep import DEFAULT_BATCH

logger = logging.getLogger("jiesu.worker")


def periodic_jobs() -> list[Callable]:
    """JIESU_PERIODIC_JOBS, by dotted path: the sweep, the delivery pass and what the apps above
    contribute (archiving visited orders), without this module importing them."""
    return [import_string(path) for path in settings.JIESU_PERIODIC_JOBS]


def chase_once(*, batch: int = DEFAULT_BATCH) -> dict:
    """Run every periodic job once; what `--once` and each period of the loop do. Each job returns
    a dataclass of counts; a job that takes `batch` commits that many rows per transaction."""
    summary: dict[str, int] = {}
    for job in periodic_jobs():
        takes_batch = "batch" in inspect.signature(job).parameters
        result = job(batch=batch) if takes_batch else job()
        for name, value in asdict(result).items():
            if isinstance(value, int):
                summary[name] = summary.get(name, 0) + value
            else:
                for error in value:
                    logger.warning("%s: %s", job.__name__, error)
    if any(summary.values()):
        logger.info("chase %s", summary)
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
        logger.info("worker %s: periodic jobs every %s s, task queue polled every %s s",
                    self.worker_id[:8], self.sweep_interval, self.poll_interval)
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
