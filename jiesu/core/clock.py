"""The one place that asks what time it is, so tests move time with time-machine and every
deadline is computed in Asia/Shanghai whatever the server's own zone."""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")

_travelled_to: ContextVar[datetime | None] = ContextVar("jiesu_clock_travelled_to", default=None)


def now() -> datetime:
    return _travelled_to.get() or timezone.now()


@contextmanager
def travel(moment: datetime):
    """Run services as if it were `moment`: the demo replays a year of handling through the real
    actions, so its events and deadlines are real history rather than rows written by hand."""
    if moment.tzinfo is None:
        raise ValueError("travel() needs an aware datetime")
    token = _travelled_to.set(moment)
    try:
        yield
    finally:
        _travelled_to.reset(token)


def local(moment: datetime) -> datetime:
    return moment.astimezone(SHANGHAI)


def today() -> date:
    return local(now()).date()


def end_of_day(day: date) -> datetime:
    """Legal periods end at 23:59:59 local time of their last day."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=SHANGHAI)


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=SHANGHAI)
