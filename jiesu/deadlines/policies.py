"""Which deadline policy applies to an order, and when a deadline of that policy falls due.

Counting follows domain.md: minutes and hours are clock time; "N working days from D" ends at
23:59:59 of the N-th working day after D's date (D itself not counted); a calendar-day period whose
last day is not a working day ends on the next working day.
"""

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from time import monotonic

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from jiesu.core import clock
from jiesu.deadlines.calendar import WorkCalendar
from jiesu.deadlines.choices import DeadlineUnit
from jiesu.deadlines.models import DeadlinePolicy


@dataclass(frozen=True)
class DueTime:
    due_at: datetime
    warning: str = ""


#: How stale a process's policies may get after an admin edit made in another process; edits in this
#: process clear the cache at once (signals.py).
FINGERPRINT_INTERVAL_SECONDS = 5.0

_lock = threading.Lock()
_cache: dict = {"policies": None, "fingerprint": None, "checked_at": 0.0}


def policy_cache_clear() -> None:
    with _lock:
        _cache.update(policies=None, fingerprint=None, checked_at=0.0)


def _fingerprint() -> tuple:
    summary = DeadlinePolicy.objects.aggregate(count=Count("id"), last_id=Max("id"), last_update=Max("updated_at"))
    return summary["count"], summary["last_id"], summary["last_update"]


def _active_policies() -> dict[str, list[DeadlinePolicy]]:
    """Every active policy grouped by kind, cached per process: each registration looks up about
    six kinds, and reading the table for each was a fifth of the cost of creating an order."""
    now = monotonic()
    if _cache["policies"] is not None and now - _cache["checked_at"] < FINGERPRINT_INTERVAL_SECONDS:
        return _cache["policies"]
    fingerprint = _fingerprint()
    if _cache["policies"] is not None and _cache["fingerprint"] == fingerprint:
        _cache["checked_at"] = now
        return _cache["policies"]
    grouped: dict[str, list[DeadlinePolicy]] = {}
    for policy in DeadlinePolicy.objects.filter(is_active=True):
        grouped.setdefault(policy.kind, []).append(policy)
    with _lock:
        _cache.update(policies=grouped, fingerprint=fingerprint, checked_at=now)
    return grouped


def policy_for(*, kind: str, order_type: str, channel: str, urgency: str) -> DeadlinePolicy | None:
    """The most specific active policy whose non-blank fields all match, or None."""
    best = None
    for policy in _active_policies().get(kind, ()):
        if policy.order_type and policy.order_type != order_type:
            continue
        if policy.channel and policy.channel != channel:
            continue
        if policy.urgency and policy.urgency != urgency:
            continue
        if best is None or policy.specificity > best.specificity:
            best = policy
    return best


def due_time(*, start: datetime, length: int, unit: str, calendar: WorkCalendar) -> DueTime:
    if unit == DeadlineUnit.MINUTES:
        return DueTime(start + timedelta(minutes=length))
    if unit == DeadlineUnit.HOURS:
        return DueTime(start + timedelta(hours=length))
    start_day = clock.local(start).date()
    if unit == DeadlineUnit.CALENDAR_DAYS:
        result = calendar.roll_to_working_day(start_day + timedelta(days=length))
    elif unit == DeadlineUnit.WORKING_DAYS:
        result = calendar.add_working_days(start_day, length)
    else:
        raise ValueError(f"unknown deadline unit {unit!r}")
    warning = ""
    if result.fell_back:
        warning = _("节假日安排未录入到期年份，已按仅周末休息推算，请在节假日安排中补录后核对")
    return DueTime(clock.end_of_day(result.day), warning)
