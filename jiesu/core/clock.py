"""The one place that asks what time it is, so tests move time with time-machine and every
deadline is computed in Asia/Shanghai whatever the server's own zone."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    return timezone.now()


def local(moment: datetime) -> datetime:
    return moment.astimezone(SHANGHAI)


def today() -> date:
    return local(now()).date()


def end_of_day(day: date) -> datetime:
    """Legal periods end at 23:59:59 local time of their last day."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=SHANGHAI)


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=SHANGHAI)
