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


def deadline_start(*, order, kind: str, start: datetime) -> Deadline | None:
    """Start `kind` for the order if a policy applies to it; a running one of the same kind is
    replaced (re-dispatch after a return restarts the return window, for instance)."""
    policy = policy_for(kind=kind, order_type=order.type, channel=order.channel, urgency=order.urgency)
    if policy is None:
        return None
    now = clock.now()
    Deadline.objects.filter(order_id=order.pk, kind=kind, state=DeadlineState.RUNNING).update(
        state=DeadlineState.STOPPED, stopped_at=now
    )
    due = due_time(start=start, length=policy.length, unit=policy.unit, calendar=calendar_load())
    return Deadline.objects.create(
        order_id=order.pk,
        kind=kind,
        started_at=start,
        due_at=due.due_at,
        length=policy.length,
        unit=policy.unit,
        warning=due.warning,
    )


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
    return Deadline.objects.bulk_create(deadlines)


def deadline_meet(*, order, kinds: Iterable[str], at: datetime | None = None) -> int:
    """Mark running deadlines of these kinds as met (the duty they measure has been done)."""
    return Deadline.objects.filter(order_id=order.pk, kind__in=list(kinds), state=DeadlineState.RUNNING).update(
        state=DeadlineState.MET, met_at=at or clock.now()
    )


def deadline_stop(*, order, kinds: Iterable[str] | None = None, at: datetime | None = None) -> int:
    """Stop running deadlines without meeting them (the duty fell away: withdrawn, transferred)."""
    qs = Deadline.objects.filter(order_id=order.pk, state=DeadlineState.RUNNING)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    return qs.update(state=DeadlineState.STOPPED, stopped_at=at or clock.now())


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
    return deadline


def deadline_next_due(*, order) -> datetime | None:
    """The nearest running due time: denormalised onto the order so "my work" sorts by it."""
    return (
        Deadline.objects.filter(order_id=order.pk, state=DeadlineState.RUNNING)
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )


