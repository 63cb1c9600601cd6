"""Repeat orders (issue 5 item 4; seeds 001 and 004): the same complainant against the same
respondent while an earlier order is still open, or was concluded within
JIESU_REPEAT_WINDOW_DAYS, is flagged `repeat` and linked to that earlier order, whichever way it
came in (intake, API, transfers)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from jiesu.core import clock
from jiesu.orders.choices import OPEN_STATUSES, Flag
from jiesu.orders.models import WorkOrder
from jiesu.orders.services import flag_add


def _same_respondent(order: WorkOrder) -> Q | None:
    """The registry entry when both orders are linked to one, else the respondent's name as
    written (trimmed): a different spelling is a different respondent until the registry says so."""
    if order.merchant_id:
        return Q(merchant_id=order.merchant_id)
    name = (order.respondent_name or "").strip()
    return Q(respondent_name=name) if name else None


def earlier_order_for(order: WorkOrder) -> WorkOrder | None:
    """The most recent earlier order this one repeats, or None. Anonymous reports have no
    complainant to repeat."""
    if not order.complainant_phone:
        return None
    respondent = _same_respondent(order)
    if respondent is None:
        return None
    since = clock.now() - timedelta(days=settings.JIESU_REPEAT_WINDOW_DAYS)
    return (
        WorkOrder.objects.filter(complainant_phone=order.complainant_phone)
        .filter(respondent)
        .filter(Q(status__in=OPEN_STATUSES) | Q(concluded_at__gte=since))
        .exclude(pk=order.pk)
        .order_by("-received_at", "-id")
        .first()
    )


def repeat_flag(*, order: WorkOrder) -> WorkOrder | None:
    """Flag and link a freshly registered order (its row is locked by the registration)."""
    earlier = earlier_order_for(order)
    if earlier is None:
        return None
    flag_add(order=order, flag=Flag.REPEAT)
    order.repeat_of = earlier
    WorkOrder.objects.filter(pk=order.pk).update(flags=order.flags, repeat_of=earlier)
    return earlier
