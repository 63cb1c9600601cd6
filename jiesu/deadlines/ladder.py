"""The reminder ladder of a running deadline (domain.md "Deadlines", seeds 001 and 002).

domain.md: a reminder (提醒) when half the time has passed; an urge (催办) 3 working days before due
by a 微信工作群 group message, 2 working days before by a platform message and on the due day by a
phone-call task for the supervisor; once overdue, supervision (督办) goes to the department's leader.
Deadlines shorter than a day (the 15/45/90-minute fast-response regime of seed 002) use the same
ladder at half time, 80 % and overdue.

Pure Python on purpose, like `calendar.py`: which rungs a deadline has and when a message may go out
are rules, unit-tested without a database; recording that a step was taken once is the services' job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from jiesu.core.clock import SHANGHAI
from jiesu.deadlines.calendar import WorkCalendar

# domain.md: "For deadlines shorter than a day" the ladder runs on fractions of the span instead.
SHORT_DEADLINE = timedelta(hours=24)
# domain.md / issue item 2: messages go out 08:30-17:30 on working days unless told otherwise; the
# window is a parameter so the admin-editable setting (style.md rule 8) can be passed in.
WORKING_HOURS = (time(8, 30), time(17, 30))


class Step(StrEnum):
    """One rung of the ladder; each happens at most once per deadline (issue item 2)."""

    REMINDER = "reminder"
    URGE_3WD = "urge_3wd"
    URGE_2WD = "urge_2wd"
    URGE_DUE_DAY = "urge_due_day"
    URGE_80 = "urge_80"
    SUPERVISE = "supervise"


class Kind(StrEnum):
    """The API's step codes: 提醒 / 催办 / 督办 of domain.md's glossary."""

    REMINDER = "reminder"
    URGE = "urge"
    SUPERVISE = "supervise"


class Channel(StrEnum):
    """How an urge reaches people (domain.md, seed 001): group message at 3 working days, platform
    message at 2, a phone-call task on the due day."""

    GROUP = "group"
    PLATFORM = "platform"
    PHONE = "phone"


KIND_OF = {
    Step.REMINDER: Kind.REMINDER,
    Step.URGE_3WD: Kind.URGE,
    Step.URGE_2WD: Kind.URGE,
    Step.URGE_DUE_DAY: Kind.URGE,
    Step.URGE_80: Kind.URGE,
    Step.SUPERVISE: Kind.SUPERVISE,
}
# domain.md names a channel only for the three day-based urges; the others leave it to the caller.
_CHANNEL = {Step.URGE_3WD: Channel.GROUP, Step.URGE_2WD: Channel.PLATFORM, Step.URGE_DUE_DAY: Channel.PHONE}


@dataclass(frozen=True)
class Rung:
    """A step of the ladder and the moment it falls due (not yet the moment a message may go out:
    see `deliver_at`)."""

    step: Step
    at: datetime
    kind: Kind
    channel: Channel | None


def _rung(step: Step, at: datetime) -> Rung:
    return Rung(step=step, at=at, kind=KIND_OF[step], channel=_CHANNEL.get(step))


def _morning(day: date, day_start: time) -> datetime:
    return datetime.combine(day, day_start, tzinfo=SHANGHAI)


def _require_aware(**moments: datetime) -> None:
    for name, moment in moments.items():
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{name} must be an aware datetime")


def ladder(
    *, started_at: datetime, due_at: datetime, calendar: WorkCalendar, day_start: time = WORKING_HOURS[0]
) -> list[Rung]:
    """Every rung of the deadline running from `started_at` to `due_at`, sorted by time, each step
    at most once.

    Day-based urges fall at `day_start` (08:30 Asia/Shanghai) of the working day that is 3 and 2
    working days before the due date, counted with the State Council schedule so a Spring Festival
    break is skipped and a swapped working weekend (调休) counts; the due-day urge falls on the due
    day, or the last working day before it when the due day is a rest day, because a phone call to a
    supervisor needs a working day. Rungs at or before `started_at` are dropped (a 2-working-day
    deadline has no 3-day urge), and so are urges at or after `due_at`, which supervision supersedes.
    Supervision is at `due_at`: the moment the deadline is overdue.
    """
    _require_aware(started_at=started_at, due_at=due_at)
    if due_at <= started_at:
        raise ValueError("due_at must be after started_at")
    span = due_at - started_at
    if span < SHORT_DEADLINE:
        rungs = [
            _rung(Step.REMINDER, started_at + span / 2),
            _rung(Step.URGE_80, started_at + span * 4 / 5),
        ]
    else:
        due_day = due_at.astimezone(SHANGHAI).date()
        urge_day = due_day if calendar.is_working_day(due_day) else calendar.add_working_days(due_day, -1).day
        rungs = [
            _rung(Step.REMINDER, started_at + span / 2),
            _rung(Step.URGE_3WD, _morning(calendar.add_working_days(due_day, -3).day, day_start)),
            _rung(Step.URGE_2WD, _morning(calendar.add_working_days(due_day, -2).day, day_start)),
            _rung(Step.URGE_DUE_DAY, _morning(urge_day, day_start)),
        ]
    rungs = [rung for rung in rungs if started_at < rung.at < due_at]
    rungs.append(_rung(Step.SUPERVISE, due_at))
    order = list(Step)
    return sorted(rungs, key=lambda rung: (rung.at, order.index(rung.step)))


def deliver_at(
    *,
    at: datetime,
    urgent: bool,
    step: Step,
    calendar: WorkCalendar,
    window: tuple[time, time] = WORKING_HOURS,
) -> datetime:
    """The moment a message for a rung due at `at` may go out.

    Issue item 2: messages to people go out in working hours (`window`, start inclusive, end
    exclusive, on working days) unless the order is fast-response (`urgent`: seed 002's 15/45/90
    minutes cannot wait for the morning) or the step is supervision of an overdue order. Outside the
    window the message waits for the next window start on a working day: a rung at Friday 20:00 goes
    out on Monday 08:30, one inside the Spring Festival break on the first working day's 08:30.
    """
    _require_aware(at=at)
    if urgent or step is Step.SUPERVISE:
        return at
    start, end = window
    local = at.astimezone(SHANGHAI)
    day = local.date()
    if calendar.is_working_day(day):
        if start <= local.time() < end:
            return at
        if local.time() < start:
            return _morning(day, start)
    return _morning(calendar.add_working_days(day, 1).day, start)
