"""The only writer of OrderEvent rows (style.md rule 5): every action calls it once, inside its
transaction, after the order row has been changed."""

from decimal import Decimal

from django.db.models import Model

from jiesu.core import clock
from jiesu.orders.models import OrderEvent, WorkOrder


def _jsonable(value):
    if isinstance(value, Model):
        return {"id": value.pk, "name": str(value)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items() if v not in (None, "", [])}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def record_event(*, order: WorkOrder, action: str, actor, from_status: str, data: dict | None = None) -> OrderEvent:
    return OrderEvent.objects.create(
        order=order,
        action=action,
        actor=actor,
        at=clock.now(),
        from_status=from_status or "",
        to_status=order.status,
        data=_jsonable(data or {}),
    )
