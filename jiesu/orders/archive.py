"""Archiving visited orders automatically (domain.md "close: automatic after a visit"), run by the
worker as one of its periodic jobs."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from jiesu.core import clock
from jiesu.orders.choices import Status
from jiesu.orders.models import WorkOrder
from jiesu.orders.workflow.actions import close_by_rule


@dataclass
class ArchiveResult:
    closed: int = 0


def orders_close_visited(*, now: datetime | None = None, batch: int = 200) -> ArchiveResult:
    """Close every order visited at least JIESU_CLOSE_AFTER_VISIT_HOURS ago. Rows are claimed with
    SKIP LOCKED, one transaction per batch, so several workers share the work and a dispatcher
    reopening an order at the same moment simply wins or waits."""
    now = now or clock.now()
    cutoff = now - timedelta(hours=settings.JIESU_CLOSE_AFTER_VISIT_HOURS)
    result = ArchiveResult()
    while True:
        with transaction.atomic():
            ids = list(
                WorkOrder.objects.select_for_update(skip_locked=True)
                .filter(status=Status.VISITED, visited_at__lte=cutoff)
                .order_by("visited_at").values_list("pk", flat=True)[:batch]
            )
            for pk in ids:
                close_by_rule(order_id=pk)
        result.closed += len(ids)
        if len(ids) < batch:
            return result
