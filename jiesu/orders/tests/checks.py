"""Assertions the workflow tests share: what an action wrote, and proof that a refusal wrote nothing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from jiesu.deadlines.choices import DeadlineState
from jiesu.deadlines.models import Deadline
from jiesu.orders.models import OrderEvent, WorkOrder

SHANGHAI = ZoneInfo("Asia/Shanghai")


def sh(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    """An aware Asia/Shanghai datetime: every legal period is counted in that zone."""
    return datetime(year, month, day, hour, minute, second, tzinfo=SHANGHAI)


#: The workflow tests' "now" (the `clock` fixture): a Monday with no holiday near.
NOW = sh(2025, 3, 3, 9, 0)


def end_of(year: int, month: int, day: int) -> datetime:
    """23:59:59 local, where a day-counted deadline ends."""
    return sh(year, month, day, 23, 59, 59)


def snapshot(order: WorkOrder) -> tuple:
    """Everything an action may write about one order: the row (updated_at included, so even a
    no-op save shows), its co-handlers, its events and every deadline row with all its fields."""
    row = WorkOrder.objects.filter(pk=order.pk).values().get()
    cohandlers = sorted(WorkOrder.objects.get(pk=order.pk).cohandlers.values_list("pk", flat=True))
    events = list(OrderEvent.objects.filter(order_id=order.pk).order_by("pk").values())
    deadlines = list(Deadline.objects.filter(order_id=order.pk).order_by("pk").values())
    return row, cohandlers, events, deadlines


def events(order: WorkOrder) -> list[OrderEvent]:
    return list(OrderEvent.objects.filter(order_id=order.pk).order_by("at", "pk"))


def last_event(order: WorkOrder) -> OrderEvent:
    return OrderEvent.objects.filter(order_id=order.pk).order_by("-at", "-pk").first()


def running(order: WorkOrder) -> dict[str, Deadline]:
    """Running deadlines by kind (at most one per kind: a unique constraint says so)."""
    return {d.kind: d for d in Deadline.objects.filter(order_id=order.pk, state=DeadlineState.RUNNING)}


def deadline(order: WorkOrder, kind: str) -> Deadline:
    """The latest deadline of `kind`, whatever its state."""
    found = Deadline.objects.filter(order_id=order.pk, kind=kind).order_by("-pk").first()
    assert found is not None, f"no {kind} deadline on {order.number}"
    return found


def states(order: WorkOrder) -> dict[str, str]:
    """The state of the latest deadline of each kind."""
    result = {}
    for d in Deadline.objects.filter(order_id=order.pk).order_by("pk"):
        result[d.kind] = d.state
    return result


def assert_next_due(order: WorkOrder) -> None:
    """`next_due_at` mirrors the nearest running deadline (None when nothing runs), in the database."""
    stored = WorkOrder.objects.values_list("next_due_at", flat=True).get(pk=order.pk)
    nearest = min((d.due_at for d in running(order).values()), default=None)
    assert stored == nearest, (stored, nearest)


def assert_one_event(order: WorkOrder, before: int, *, action: str, from_status: str, to_status: str, actor):
    """Exactly one new event, recording who moved the order from where to where."""
    new = list(OrderEvent.objects.filter(order_id=order.pk).order_by("pk"))[before:]
    assert len(new) == 1, [e.action for e in new]
    event = new[0]
    assert (event.action, event.from_status, event.to_status, event.actor_id) == (
        action, from_status, to_status, actor.pk,
    )
    return event


def working_day_after(day, n: int):
    """The n-th working day after `day` by the chinese_calendar package itself: an oracle that
    shares no code with deadlines.calendar (day itself not counted, 调休 weekends count)."""
    import chinese_calendar

    counted = 0
    while counted < n:
        day += timedelta(days=1)
        counted += chinese_calendar.is_workday(day)
    return day
