"""The State Council holiday schedule as data: seeding it, entering a new year, loading it.

domain.md "Deadlines": working days follow the State Council schedule with its swapped working
weekends (调休). The schedule is published each November for the next year, so it lives in the
`CalendarDay` table that an agency can edit, seeded from the chinese_calendar package, rather than
in code. Every deadline computation reads it through `calendar_load`, which caches one
`WorkCalendar` per process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from itertools import chain
from time import monotonic

import chinese_calendar
from chinese_calendar.constants import Holiday
from django.db import DatabaseError, transaction
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from jiesu.core.errors import field_error
from jiesu.deadlines.calendar import WorkCalendar
from jiesu.deadlines.models import CalendarDay

# The name stored on a weekend the schedule makes a working day; data in the table, not a UI label.
SWAPPED_WORKING_DAY = "调休上班"

# How stale a process's calendar may get after an edit made by another process (a second web
# worker, the admin on another machine). Edits in this process clear the cache at once (signals.py).
FINGERPRINT_INTERVAL_SECONDS = 5.0

_UPSERT_FIELDS = ["is_working_day", "name", "source", "updated_at"]


def _days_of_years(first_year: int, last_year: int) -> list[date]:
    first = date(first_year, 1, 1).toordinal()
    last = date(last_year, 12, 31).toordinal()
    return [date.fromordinal(ordinal) for ordinal in range(first, last + 1)]


def _upsert(rows: list[CalendarDay]) -> None:
    """Insert or overwrite by day in one statement per batch (ON CONFLICT on SQLite and PostgreSQL);
    bulk_create sends no signals, so the cache is cleared here, again once the rows are committed."""
    CalendarDay.objects.bulk_create(
        rows, batch_size=1000, update_conflicts=True, unique_fields=["day"], update_fields=_UPSERT_FIELDS
    )
    calendar_cache_clear()
    transaction.on_commit(calendar_cache_clear)


def package_years() -> tuple[int, int]:
    """First and last year the installed chinese_calendar release has the schedule for: the years in
    which it lists a holiday or a swapped working day. Upgrading the package extends the range."""
    years = {
        day.year for day in chain(chinese_calendar.constants.holidays, chinese_calendar.constants.workdays)
    }
    return min(years), max(years)


@transaction.atomic
def calendar_seed_from_package() -> int:
    """Write every day of every year the package covers; return how many rows were written.

    Every day gets a row, not just the exceptions, so the table's first and last day mark the span
    the schedule is known for. Rows an agency edited (source manual) are never overwritten: its own
    entry of a year or a local correction wins over the package. Rows already equal to the package
    are left alone, so re-seeding after an upgrade writes only what changed.
    """
    Source = CalendarDay.Source
    stored = {
        day: (is_working_day, name, source)
        for day, is_working_day, name, source in CalendarDay.objects.values_list(
            "day", "is_working_day", "name", "source"
        )
    }
    rows = []
    for day in _days_of_years(*package_years()):
        is_working_day = chinese_calendar.is_workday(day)
        _on_holiday, holiday = chinese_calendar.get_holiday_detail(day)
        if holiday is None:
            name = ""
        elif is_working_day:  # a weekend the package ties to a holiday: the swapped working day
            name = SWAPPED_WORKING_DAY
        else:
            name = Holiday(holiday).chinese
        current = stored.get(day)
        if current is not None and (
            current[2] == Source.MANUAL or current == (is_working_day, name, Source.CHINESE_CALENDAR)
        ):
            continue
        rows.append(
            CalendarDay(day=day, is_working_day=is_working_day, name=name, source=Source.CHINESE_CALENDAR)
        )
    if rows:
        _upsert(rows)
    return len(rows)


def _validate_year_schedule(
    year: int, holidays: list[tuple[date, date, str]], working_weekends: list[date]
) -> None:
    if not MINYEAR <= year <= MAXYEAR:
        raise field_error("year", _("年份无效"))
    taken: dict[date, str] = {}
    for start, end, name in holidays:
        if not name.strip():
            raise field_error("holidays", _("请填写假期名称"))
        if start.year != year or end.year != year:
            raise field_error(
                "holidays", _("假期“%(name)s”的日期须在 %(year)s 年内") % {"name": name, "year": year}
            )
        if end < start:
            raise field_error("holidays", _("假期“%(name)s”的结束日期早于开始日期") % {"name": name})
        for offset in range((end - start).days + 1):
            day = start + timedelta(days=offset)
            if day in taken:
                raise field_error(
                    "holidays",
                    _("假期“%(name)s”与“%(other)s”日期重叠") % {"name": name, "other": taken[day]},
                )
            taken[day] = name
    for day in working_weekends:
        if day.year != year:
            raise field_error(
                "working_weekends",
                _("调休上班日 %(day)s 不在 %(year)s 年内") % {"day": day.isoformat(), "year": year},
            )
        if day.weekday() < 5:
            raise field_error(
                "working_weekends", _("%(day)s 不是周末，无需登记为调休上班日") % {"day": day.isoformat()}
            )
        if day in taken:
            raise field_error(
                "working_weekends",
                _("%(day)s 已登记为假期“%(name)s”") % {"day": day.isoformat(), "name": taken[day]},
            )


@transaction.atomic
def calendar_year_set(
    *, year: int, holidays: list[tuple[date, date, str]], working_weekends: list[date]
) -> int:
    """Enter a whole year of the State Council notice in one go; return the rows written.

    The notice lists only the exceptions: each holiday as a date span with its name, and the
    weekends swapped into working days (调休). Every other weekday works and every other weekend
    rests. All days of the year are written, as manual rows, so the year joins the known range
    at once and later package seeding leaves the agency's entry alone. Refused as a whole when any
    date falls outside `year`, a holiday span is reversed or overlaps another, or a listed working
    weekend is a weekday or a holiday.
    """
    _validate_year_schedule(year, holidays, working_weekends)
    holiday_names = {}
    for start, end, name in holidays:
        for offset in range((end - start).days + 1):
            holiday_names[start + timedelta(days=offset)] = name.strip()
    swapped = set(working_weekends)
    rows = []
    for day in _days_of_years(year, year):
        if day in holiday_names:
            is_working_day, name = False, holiday_names[day]
        elif day in swapped:
            is_working_day, name = True, SWAPPED_WORKING_DAY
        else:
            is_working_day, name = day.weekday() < 5, ""
        rows.append(
            CalendarDay(day=day, is_working_day=is_working_day, name=name, source=CalendarDay.Source.MANUAL)
        )
    _upsert(rows)
    return len(rows)


@dataclass
class _Cached:
    calendar: WorkCalendar
    fingerprint: tuple
    checked_at: float


_lock = threading.Lock()
_cached: _Cached | None = None
_generation = 0  # bumped by every clear, so a load racing with an edit does not store stale rows


def calendar_cache_clear() -> None:
    """Forget this process's calendar; the next `calendar_load` reads the table again."""
    global _cached, _generation
    with _lock:
        _cached = None
        _generation += 1


def _fingerprint() -> tuple:
    """Changes whenever a row is added, deleted or saved (auto_now), in any process, at the cost of
    one aggregate query instead of reading some 8,000 rows."""
    summary = CalendarDay.objects.aggregate(
        count=Count("id"), last_id=Max("id"), last_update=Max("updated_at")
    )
    return summary["count"], summary["last_id"], summary["last_update"]


def _build() -> WorkCalendar:
    overrides = dict(CalendarDay.objects.values_list("day", "is_working_day"))
    if not overrides:
        return WorkCalendar({}, None, None)
    return WorkCalendar(overrides, min(overrides), max(overrides))


def calendar_load() -> WorkCalendar:
    """The working-day calendar every deadline is computed with, cached in this process.

    Every order computes deadlines, so the table is read again only when it changed: this process's
    own edits clear the cache through signals.py and the seeding services, and edits by other
    processes are caught by comparing `_fingerprint` at most every FINGERPRINT_INTERVAL_SECONDS.
    The known range is the span of days present; outside it the calendar counts weekends only.
    """
    global _cached
    cached, generation = _cached, _generation
    now = monotonic()
    if cached is not None and now - cached.checked_at < FINGERPRINT_INTERVAL_SECONDS:
        return cached.calendar
    fingerprint = _fingerprint()  # read before the rows: a change in between only costs one more reload
    if cached is not None and cached.fingerprint == fingerprint:
        cached.checked_at = now
        return cached.calendar
    calendar = _build()
    with _lock:
        if generation == _generation:
            _cached = _Cached(calendar, fingerprint, now)
    return calendar


def package_calendar() -> WorkCalendar:
    """The schedule straight from the installed chinese_calendar package, bypassing the table (and
    so any agency edits): for tools that must answer before the database is migrated or seeded."""
    first_year, last_year = package_years()
    every_day = _days_of_years(first_year, last_year)
    overrides = {day: chinese_calendar.is_workday(day) for day in every_day}
    return WorkCalendar(overrides, every_day[0], every_day[-1])


def calendar_for_cli() -> tuple[WorkCalendar, str]:
    """The calendar `jiesu calendar` answers with, and where it came from ("database" or "package").

    The table wins, as it does for every deadline; but on a fresh install, before `migrate` or the
    seeding ran, the command still gives the package's answer instead of a bare weekends-only one,
    and the caller says so.
    """
    try:
        calendar = calendar_load()
    except DatabaseError:  # no table yet: the database has not been migrated
        calendar = None
    if calendar is not None and calendar.first_known is not None:
        return calendar, "database"
    return package_calendar(), "package"
