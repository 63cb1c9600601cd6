"""Periods of statistics: a date range, and the periods it is compared with (环比 / 同比)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from jiesu.core import clock
from jiesu.core.errors import field_error

#: The longest range one request may ask for; years of daily roll-ups are still a few MB.
MAX_DAYS = 366 * 10


@dataclass(frozen=True)
class Period:
    date_from: date
    date_to: date

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def _whole_months(self) -> int | None:
        """How many calendar months the period spans exactly, or None if it is not whole months."""
        last = calendar.monthrange(self.date_to.year, self.date_to.month)[1]
        if self.date_from.day != 1 or self.date_to.day != last:
            return None
        return (self.date_to.year - self.date_from.year) * 12 + self.date_to.month - self.date_from.month + 1

    def previous(self) -> Period:
        """The period just before (环比): the previous month for a month, the previous quarter for a
        quarter, otherwise the same number of days ending the day before."""
        months = self._whole_months()
        if months:
            start = _add_months(self.date_from, -months)
            return Period(start, self.date_from - timedelta(days=1))
        return Period(self.date_from - timedelta(days=self.days), self.date_from - timedelta(days=1))

    def last_year(self) -> Period:
        """The same dates a year earlier (同比); 29 February becomes the 28th."""
        months = self._whole_months()
        start = _add_months(self.date_from, -12)
        if months:
            return Period(start, _add_months(self.date_from, months - 12) - timedelta(days=1))
        return Period(start, _same_day_last_year(self.date_to))


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _same_day_last_year(day: date) -> date:
    return _add_months(day, -12)


def period_parse(date_from: str | None, date_to: str | None, *, default: Period | None = None) -> Period:
    """`from` and `to` (YYYY-MM-DD, both days included) from a query string; a missing pair means
    `default`, or this month so far. Errors name the parameter."""
    if not date_from and not date_to and default is not None:
        return default
    start = _day(date_from, "from")
    end = _day(date_to, "to")
    if start is None or end is None:
        today = clock.today()
        start = start or today.replace(day=1)
        end = end or max(today, start)
    if end < start:
        raise field_error("to", _("结束日期不能早于开始日期"))
    if (end - start).days >= MAX_DAYS:
        raise field_error("to", _("统计区间最长十年"))
    return Period(start, end)


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        day = parse_date(value)
    except ValueError:
        day = None
    if day is None:
        raise field_error(name, _("日期格式应为 YYYY-MM-DD"))
    return day


_PERIOD_PATTERNS = {
    "monthly": re.compile(r"^(\d{4})-(\d{2})$"),
    "quarterly": re.compile(r"^(\d{4})-Q([1-4])$"),
    "half": re.compile(r"^(\d{4})-H([12])$"),
    "annual": re.compile(r"^(\d{4})$"),
    "holiday": re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$"),
}


def report_period(kind: str, text: str) -> Period:
    """The period of an analysis report: 2025-03, 2025-Q1, 2025-H1, 2025, or
    2025-01-28..2025-02-04 for a holiday (issue 6 item 4)."""
    pattern = _PERIOD_PATTERNS.get(kind)
    if pattern is None:
        raise field_error("kind", _("报告类型应为 monthly、quarterly、half、annual 或 holiday"))
    match = pattern.match(text or "")
    if match is None:
        examples = {"monthly": "2025-03", "quarterly": "2025-Q1", "half": "2025-H1", "annual": "2025",
                    "holiday": "2025-01-28..2025-02-04"}  # fmt: skip
        raise field_error("period", _("统计期格式应如 %(example)s") % {"example": examples[kind]})
    if kind == "holiday":
        return period_parse(match.group(1), match.group(2))
    year = int(match.group(1))
    if kind == "monthly":
        month = int(match.group(2))
        if not 1 <= month <= 12:
            raise field_error("period", _("月份应在 01 到 12 之间"))
        first, months = month, 1
    elif kind == "quarterly":
        first, months = (int(match.group(2)) - 1) * 3 + 1, 3
    elif kind == "half":
        first, months = (int(match.group(2)) - 1) * 6 + 1, 6
    else:
        first, months = 1, 12
    start = date(year, first, 1)
    return Period(start, _add_months(start, months) - timedelta(days=1))
