"""The rules of zero missed calls (来电零遗漏, seed 004), pure so they are unit-tested without a database.

Seed 004: every day the calls that could not get through because the lines were busy are gone
through and each caller is called back (逐一回复). A caller who got through later the same day has
been heard already and is owed nothing; one who did not is called back on the next working day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.conf import settings

from jiesu.core.clock import SHANGHAI
from jiesu.deadlines.calendar import WorkCalendar
from jiesu.deadlines.reminders import working_hours
from jiesu.organisations.choices import Role

#: Who imports the log and calls back: intake operators (受理员), as the order a call-back may become
#: is theirs to register. Administrators may too (Staff.has_role).
CALLBACK_ROLES = (Role.OPERATOR,)


def owed_missed_calls(calls: Iterable[tuple[datetime, bool]]) -> list[datetime]:
    """The unanswered calls of one caller's day that no answered call followed, oldest first.

    `calls` are (called_at, answered) of one caller on one local day, in any order. An answered call
    settles every miss before it, not the misses after it: a caller who got through at ten and was
    cut off again at three is still owed a call-back for three o'clock.
    """
    ordered = sorted(calls)
    last_answered = max((at for at, answered in ordered if answered), default=None)
    return [at for at, answered in ordered if not answered and (last_answered is None or at > last_answered)]


def working_day_window() -> tuple[time, time, timedelta]:
    """The working day (JIESU_WORKING_HOURS, the same hours reminders go out in) and the call-back
    span (JIESU_CALLBACK_HOURS): policy numbers a deployment sets, never constants in code."""
    start, end = working_hours()
    return start, end, timedelta(hours=settings.JIESU_CALLBACK_HOURS)


def callback_due_at(
    *, call_date: date, calendar: WorkCalendar, span: timedelta, day_start: time, day_end: time
) -> datetime:
    """When the call-back of a call missed on `call_date` falls due: `span` of working time counted
    from the start of the next working day (State Council schedule, so a Spring Festival break is
    skipped and a swapped working weekend counts). A span longer than a working day carries over
    to the next working day's start, as office hours do."""
    if day_end <= day_start:
        raise ValueError("the working day must end after it starts")
    if span < timedelta(0):
        raise ValueError("span must not be negative")
    day = calendar.add_working_days(call_date, 1).day
    remaining = span
    while True:
        opens = datetime.combine(day, day_start, tzinfo=SHANGHAI)
        closes = datetime.combine(day, day_end, tzinfo=SHANGHAI)
        if remaining <= closes - opens:
            return opens + remaining
        remaining -= closes - opens
        day = calendar.add_working_days(day, 1).day
