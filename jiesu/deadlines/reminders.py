"""Writing and cancelling the rungs of the reminder ladder (issue 4, item 2).

`ladder.py` says when the rungs fall; this module stores them as Reminder rows when a deadline
starts, cancels what is left when it is met or stopped, and starts a new round when the due time
moves. Called by deadlines.services inside the workflow action's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time

from django.conf import settings
from django.db.models import F

from jiesu.core import clock
from jiesu.deadlines.choices import DeadlineState, ReminderState
from jiesu.deadlines.holidays import calendar_load
from jiesu.deadlines.ladder import Step, deliver_at, ladder
from jiesu.deadlines.models import Deadline, Reminder
from jiesu.notifications.services import notifications_cancel


def working_hours() -> tuple[time, time]:
    """JIESU_WORKING_HOURS ("08:30-17:30"): when messages to people may go out."""
    start, end = settings.JIESU_WORKING_HOURS.split("-")
    window = (time.fromisoformat(start.strip()), time.fromisoformat(end.strip()))
    if window[0] >= window[1]:
        raise ValueError("JIESU_WORKING_HOURS must be START-END with START before END")
    return window


def _is_urgent(order) -> bool:
    return getattr(order, "urgency", "") == "fast"


def reminders_build(deadline: Deadline, *, urgent: bool, since: datetime) -> list[Reminder]:
    """Unsaved rungs of `deadline` still ahead of `since`. A restarted ladder (round > 0) runs from
    `since`, so rungs of the old span are not repeated. Supervision is kept even when the deadline
    is already overdue: a letter registered after its due time is supervised at once."""
    calendar = calendar_load()
    window = working_hours()
    start = max(deadline.started_at, since) if deadline.ladder_round else deadline.started_at
    if deadline.due_at > start:
        rungs = [(r.step, r.at) for r in ladder(started_at=start, due_at=deadline.due_at, calendar=calendar,
                                                day_start=window[0])]
    else:
        rungs = [(Step.SUPERVISE, deadline.due_at)]
    return [
        Reminder(
            deadline_id=deadline.pk, round=deadline.ladder_round, step=step, at=at,
            fire_at=deliver_at(at=at, urgent=urgent, step=step, calendar=calendar, window=window),
        )
        for step, at in rungs
        if at > since or step is Step.SUPERVISE
    ]


def reminders_plan(*, order, deadlines: Iterable[Deadline], since: datetime | None = None) -> list[Reminder]:
    """Store the ladders of freshly started deadlines in one INSERT."""
    since = since or clock.now()
    urgent = _is_urgent(order)
    rows = [row for deadline in deadlines for row in reminders_build(deadline, urgent=urgent, since=since)]
    return Reminder.objects.bulk_create(rows)


def reminders_cancel_finished(*, order_id: int) -> int:
    """What is left of the ladders of the order's met or stopped deadlines is cancelled, with the
    messages still waiting for working hours."""
    finished = Deadline.objects.filter(order_id=order_id).exclude(state=DeadlineState.RUNNING).values("pk")
    count = Reminder.objects.filter(deadline__in=finished, state=ReminderState.PENDING).update(
        state=ReminderState.CANCELLED
    )
    notifications_cancel(deadline_ids=finished)
    return count


def reminders_restart(*, order, deadline: Deadline, since: datetime | None = None) -> list[Reminder]:
    """The due time moved (extension, resumed clock, reclassification): cancel the old round and
    write a new one running from now to the new due time."""
    since = since or clock.now()
    reminders_suspend(deadline=deadline)
    Deadline.objects.filter(pk=deadline.pk).update(ladder_round=F("ladder_round") + 1)
    deadline.ladder_round += 1
    return reminders_plan(order=order, deadlines=[deadline], since=since)


def reminders_suspend(*, deadline: Deadline) -> int:
    """No messages while the clock is paused or the round is being replaced."""
    count = Reminder.objects.filter(deadline=deadline, state=ReminderState.PENDING).update(
        state=ReminderState.CANCELLED
    )
    notifications_cancel(deadline_ids=[deadline.pk])
    return count
