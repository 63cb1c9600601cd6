"""Which deadline policy applies to an order, and when a deadline of that policy falls due.

Counting follows domain.md: minutes and hours are clock time; "N working days from D" ends at
23:59:59 of the N-th working day after D's date (D itself not counted); a calendar-day period whose
last day is not a working day ends on the next working day.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from jiesu.core import clock
from jiesu.deadlines.calendar import WorkCalendar
from jiesu.deadlines.choices import DeadlineUnit
from jiesu.deadlines.models import DeadlinePolicy


@dataclass(frozen=True)
class DueTime:
    due_at: datetime
    warning: str = ""


def policy_for(*, kind: str, order_type: str, channel: str, urgency: str) -> DeadlinePolicy | None:
    """The most specific active policy whose non-blank fields all match, or None."""
    best = None
    for policy in DeadlinePolicy.objects.filter(kind=kind, is_active=True):
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
