"""Deadline writes, called by workflow actions inside their transaction (the order row is already
locked). The order is passed duck-typed (pk, type, channel, urgency) because the deadlines app sits
below orders and never imports it."""

from collections.abc import Iterable
from datetime import datetime

from django.utils.translation import gettext as _

from jiesu.core import clock
from jiesu.core.errors import InvalidInput
from jiesu.deadlines.choices import DeadlineState
from jiesu.deadlines.holidays import calendar_load
from jiesu.deadlines.models import Deadline
from jiesu.deadlines.policies import due_time, policy_for
from jiesu.deadlines.reminders import (
    reminders_cancel_finished,
    reminders_plan,
    reminders_restart,
    reminders_suspend,
)


def deadline_start(*, order, kind: str, start: datetime) -> Deadline | None:
    """Start `kind` for the order if a policy applies to it; a running one of the same kind is
    replaced (re-dispatch after a return restarts the return window, for instance)."""
    policy = policy_for(kind=kind, order_type=order.type, channel=order.channel, urgency=order.urgency)
    if policy is None:
        return None
    now = clock.now()
    if Deadline.objects.filter(order_id=order.pk, kind=kind, state=DeadlineState.RUNNING).update(
        state=DeadlineState.STOPPED, stopped_at=now
    ):
        reminders_cancel_finished(order_id=order.pk)
    due = due_time(start=start, length=policy.length, unit=policy.unit, calendar=calendar_load())
    deadline = Deadline.objects.create(
        order_id=order.pk,
        kind=kind,
        started_at=start,
        due_at=due.due_at,
        length=policy.length,
        unit=policy.unit,
        warning=due.warning,
    )
    reminders_plan(order=order, deadlines=[deadline], since=now)
    return deadline


def deadline_plan(*, order, kinds: Iterable[str], start: datetime) -> list[Deadline]:
    """Unsaved deadlines of these kinds for an order not yet written, so registration can store the
    nearest due time with the order and insert all its deadlines in one statement."""
    calendar = None
    planned = []
    for kind in kinds:
        policy = policy_for(kind=kind, order_type=order.type, channel=order.channel, urgency=order.urgency)
        if policy is None:
            continue
        calendar = calendar or calendar_load()
        due = due_time(start=start, length=policy.length, unit=policy.unit, calendar=calendar)
        planned.append(
            Deadline(kind=kind, started_at=start, due_at=due.due_at, length=policy.length, unit=policy.unit,
                     warning=due.warning)
        )
    return planned


def deadline_create_planned(*, order, deadlines: list[Deadline]) -> list[Deadline]:
    for deadline in deadlines:
        deadline.order_id = order.pk
    created = Deadline.objects.bulk_create(deadlines)
    reminders_plan(order=order, deadlines=created)
    return created


def deadline_meet(*, order, kinds: Iterable[str], at: datetime | None = None) -> int:
    """Mark running deadlines of these kinds as met (the duty they measure has been done); what is
    left of their reminder ladders is cancelled."""
    count = Deadline.objects.filter(order_id=order.pk, kind__in=list(kinds), state=DeadlineState.RUNNING).update(
        state=DeadlineState.MET, met_at=at or clock.now()
    )
    if count:
        reminders_cancel_finished(order_id=order.pk)
    return count


def deadline_stop(*, order, kinds: Iterable[str] | None = None, at: datetime | None = None) -> int:
    """Stop running deadlines without meeting them (the duty fell away: withdrawn, transferred)."""
    qs = Deadline.objects.filter(order_id=order.pk, state=DeadlineState.RUNNING)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    count = qs.update(state=DeadlineState.STOPPED, stopped_at=at or clock.now())
    if count:
        reminders_cancel_finished(order_id=order.pk)
    return count


def deadline_extend(*, order, kinds: Iterable[str], working_days: int) -> Deadline:
    """Move the first running deadline among `kinds` by `working_days` (an approved 延期): the
    extra days count from the old due date, so a leader's approval never shortens the time."""
    if working_days < 1:
        raise InvalidInput(_("延期天数必须为正数"), fields={"working_days": [_("必须大于 0")]})
    deadline = (
        Deadline.objects.select_for_update()
        .filter(order_id=order.pk, kind__in=list(kinds), state=DeadlineState.RUNNING)
        .order_by("due_at")
        .first()
    )
    if deadline is None:
        raise InvalidInput(_("没有可延期的办理时限"))
    calendar = calendar_load()
    result = calendar.add_working_days(clock.local(deadline.due_at).date(), working_days)
    deadline.due_at = clock.end_of_day(result.day)
    deadline.extended_working_days += working_days
    if result.fell_back:
        deadline.warning = _("节假日安排未录入到期年份，已按仅周末休息推算，请在节假日安排中补录后核对")
    deadline.save(update_fields=["due_at", "extended_working_days", "warning"])
    reminders_restart(order=order, deadline=deadline)
    return deadline


def deadline_next_due(*, order) -> datetime | None:
    """The nearest running due time: denormalised onto the order so "my work" sorts by it."""
    return (
        Deadline.objects.filter(order_id=order.pk, state=DeadlineState.RUNNING, paused_at__isnull=True)
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )




def _running(order, kinds: Iterable[str] | None):
    qs = Deadline.objects.select_for_update().filter(order_id=order.pk, state=DeadlineState.RUNNING)
    return qs.filter(kind__in=list(kinds)) if kinds is not None else qs


def deadline_pause(*, order, kinds: Iterable[str], reason: str) -> list[Deadline]:
    """Stop the clock of the running deadlines among `kinds` while testing or appraisal (鉴定检测)
    runs (domain.md: that time does not count). Their ladders are suspended: nobody is urged
    about a deadline that is not running."""
    now = clock.now()
    paused = list(_running(order, kinds).filter(paused_at__isnull=True))
    if not paused:
        raise InvalidInput(_("没有可暂停计时的办理时限"))
    for deadline in paused:
        deadline.paused_at = now
        deadline.pause_reason = reason
        deadline.save(update_fields=["paused_at", "pause_reason"])
        reminders_suspend(deadline=deadline)
    return paused


def paused_extension(deadline: Deadline, *, resumed_at: datetime, calendar) -> datetime:
    """The new due time once the clock runs again. Clock-time units get the paused time itself;
    working-day deadlines get the working days the pause covered, counted like any period (the day
    it began is not counted), so a pause that ends the day it began adds nothing and one from
    Monday to Thursday adds three working days."""
    if deadline.unit == "working_days":
        days = calendar.working_days_between(clock.local(deadline.paused_at).date(), clock.local(resumed_at).date())
        if days <= 0:
            return deadline.due_at
        return clock.end_of_day(calendar.add_working_days(clock.local(deadline.due_at).date(), days).day)
    return deadline.due_at + (resumed_at - deadline.paused_at)


def deadline_resume(*, order) -> list[Deadline]:
    """Restart the paused clocks with the paused time added, and their ladders against the new due
    times."""
    now = clock.now()
    paused = list(_running(order, None).filter(paused_at__isnull=False))
    if not paused:
        raise InvalidInput(_("当前没有暂停计时的时限"))
    calendar = calendar_load()
    for deadline in paused:
        deadline.due_at = paused_extension(deadline, resumed_at=now, calendar=calendar)
        deadline.paused_at = None
        deadline.save(update_fields=["due_at", "paused_at"])
        reminders_restart(order=order, deadline=deadline, since=now)
    return paused


def deadline_recompute(*, order) -> list[Deadline]:
    """Re-derive every running deadline from its start after the order's type, channel or urgency
    changed (issue 4 item 2): the policy of the new classification decides the length; a kind whose
    policy no longer applies stops; a moved due time restarts the ladder, and a changed urgency
    restarts it too because fast orders are chased outside working hours."""
    now = clock.now()
    calendar = calendar_load()
    changed = []
    for deadline in _running(order, None):
        policy = policy_for(kind=deadline.kind, order_type=order.type, channel=order.channel, urgency=order.urgency)
        if policy is None:
            deadline_stop(order=order, kinds=[deadline.kind], at=now)
            continue
        due = due_time(start=deadline.started_at, length=policy.length, unit=policy.unit, calendar=calendar)
        due_at = due.due_at
        if deadline.extended_working_days:  # an approved extension survives the reclassification
            due_at = clock.end_of_day(
                calendar.add_working_days(clock.local(due_at).date(), deadline.extended_working_days).day
            )
        deadline.due_at, deadline.length, deadline.unit, deadline.warning = (
            due_at, policy.length, policy.unit, due.warning
        )
        deadline.save(update_fields=["due_at", "length", "unit", "warning"])
        reminders_restart(order=order, deadline=deadline, since=now)
        changed.append(deadline)
    return changed
