"""Working-day arithmetic under the State Council holiday schedule (domain.md "Deadlines").

Pure Python on purpose: the rules are unit-tested without a database, and `holidays.calendar_load`
is the only code that turns `CalendarDay` rows into a `WorkCalendar`.

Every question is answered through one counting function, `_rank(day)`: the number of working days
up to and including `day`, measured from a fixed epoch. Counting between two days is a subtraction and
finding the N-th working day is the inverse of `_rank`, so each call costs a binary search inside the
known schedule and plain arithmetic outside it, however long the period.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class WorkingDayResult:
    """A computed day plus whether it rests on the weekends-only fallback.

    `fell_back` is True when any day the answer depends on (between the start and the result) lies
    outside the known schedule: such a day was assumed to follow the Monday-to-Friday rule, but the
    State Council may yet declare it a holiday or a swapped working weekend (调休), so a deadline
    built on it is provisional and the calendar for that year needs entering.
    """

    day: date
    fell_back: bool


def _weekday_rank(day: date) -> int:
    """Monday-to-Friday days from 0001-01-01 (a Monday) up to and including `day`."""
    weeks, rest = divmod(day.toordinal(), 7)
    return 5 * weeks + min(rest, 5)


def _weekday_with_rank(rank: int) -> date:
    """The Monday-to-Friday day whose `_weekday_rank` is `rank`: the inverse of `_weekday_rank`."""
    weeks, rest = divmod(rank - 1, 5)
    return date.fromordinal(7 * weeks + rest + 1)


class WorkCalendar:
    """Which days are working days, for the deadline rules of domain.md.

    Inside the known range [`first_known`, `last_known`] a day is a working day if `overrides` says
    so, otherwise if it falls Monday to Friday; `overrides` may list only the exceptions (holidays on
    weekdays, swapped working weekends) or every day of the range. Outside that range nothing has been
    published yet, so weekends are the only rest days and results say they `fell_back`.
    """

    def __init__(self, overrides: Mapping[date, bool], first_known: date | None, last_known: date | None):
        if (first_known is None) != (last_known is None):
            raise ValueError("first_known and last_known are both set or both None")
        if first_known is not None and last_known is not None and first_known > last_known:
            raise ValueError("first_known is after last_known")
        self.first_known = first_known
        self.last_known = last_known
        self._overrides = dict(overrides)
        # Every working day of the known range, ascending: the known part of `_rank` is a bisection.
        self._working: list[date] = []
        self._rank_before_known = 0
        self._rank_shift_after_known = 0
        if first_known is not None and last_known is not None:
            day = first_known
            while day <= last_known:
                if self.is_working_day(day):
                    self._working.append(day)
                day += ONE_DAY
            self._rank_before_known = _weekday_rank(first_known - ONE_DAY)
            last_rank = self._rank_before_known + len(self._working)
            self._rank_shift_after_known = last_rank - _weekday_rank(last_known)

    def knows(self, day: date) -> bool:
        """Whether `day` is inside the published schedule the calendar was built from."""
        return self.first_known is not None and self.first_known <= day <= self.last_known

    def is_working_day(self, day: date) -> bool:
        if self.knows(day) and day in self._overrides:
            return self._overrides[day]
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> WorkingDayResult:
        """The `days`-th working day after `start` (domain.md: "N working days from D" ends on the
        N-th working day after the day of D; D itself is not counted, even when it is a working day).

        A weekend swapped into a working day (调休) counts; a weekday inside the Spring Festival break
        does not. `days == 0` is `start` itself. A negative `days` counts back: the |days|-th working
        day before `start`, which the reminder ladder needs for "3 working days before due".
        """
        if days == 0:
            return WorkingDayResult(start, fell_back=False)
        if days > 0:
            end = self._with_rank(self._rank(start) + days)
            return WorkingDayResult(end, fell_back=not self._covers(start + ONE_DAY, end))
        end = self._with_rank(self._rank(start - ONE_DAY) + days + 1)
        return WorkingDayResult(end, fell_back=not self._covers(end, start - ONE_DAY))

    def roll_to_working_day(self, day: date) -> WorkingDayResult:
        """`day` if it is a working day, else the next working day: domain.md's "a period of calendar
        days whose last day is a holiday ends on the next working day" (e.g. 接诉即办's 5 calendar
        days landing in the National Day break)."""
        end = day if self.is_working_day(day) else self._with_rank(self._rank(day) + 1)
        return WorkingDayResult(end, fell_back=not self._covers(day, end))

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (`start`, `end`], the same counting as `add_working_days`, so that
        `working_days_between(d, add_working_days(d, n).day) == n`. Negative when `end` is before
        `start` (minus the working days in (`end`, `start`]): an overdue deadline reads as owing
        negative time rather than zero."""
        return self._rank(end) - self._rank(start)

    def _covers(self, first: date, last: date) -> bool:
        return self.knows(first) and self.knows(last)

    def _rank(self, day: date) -> int:
        """Working days from the epoch up to and including `day`; rises by one on each working day."""
        if self.first_known is None or day < self.first_known:
            return _weekday_rank(day)
        if day <= self.last_known:
            return self._rank_before_known + bisect_right(self._working, day)
        return _weekday_rank(day) + self._rank_shift_after_known

    def _with_rank(self, rank: int) -> date:
        """The first day whose `_rank` is `rank`: necessarily a working day."""
        if self.first_known is None or rank <= self._rank_before_known:
            return _weekday_with_rank(rank)
        if rank <= self._rank_before_known + len(self._working):
            return self._working[rank - self._rank_before_known - 1]
        return _weekday_with_rank(rank - self._rank_shift_after_known)
