"""Early warning and the topic of the month (issue 5 item 7; seeds 003 and 004).

Seed 004 asks for 风险预警: spot a problem while it is still a 苗头, before it becomes a wave, e.g. a
prepaid gym whose refund complaints jump is likely about to abscond. Each respondent, line, goods or
services category and request is measured against its own trailing baseline, not against the others:
a big supermarket's steady 20 a week is normal, a small gym's 12 after one a week is not.

Seed 003's 每月一题 picks one problem a month to solve at the root; `topic_candidates` proposes the
ones that rose most month over month, with their counts, for the leaders to choose from.

Counting is GROUP BY over the window (key, local day), one query per dimension, never per key.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncDate
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiesu.core import clock
from jiesu.core.errors import field_error
from jiesu.deadlines.recipients import Directory
from jiesu.notifications.choices import NotificationChannel, NotificationStep
from jiesu.notifications.models import Notification
from jiesu.notifications.services import Draft, notifications_create
from jiesu.orders.models import WorkOrder
from jiesu.orders.selectors import order_scope
from jiesu.organisations.choices import DepartmentKind
from jiesu.organisations.models import Department, Staff
from jiesu.taxonomy.selectors import Kind, taxonomy_label

DIMENSIONS = ("respondent", "line", "category", "request")
DIMENSION_LABELS = {
    "respondent": gettext_lazy("被诉方"), "line": gettext_lazy("条线"),
    "category": gettext_lazy("商品服务类别"), "request": gettext_lazy("诉求"),
}
#: The chart shows the last eight weeks, ending on the day looked at.
SERIES_DAYS = 56
#: Below this many orders a week the baseline is "about nothing": the z-score of a flat, empty
#: history means little, so the rise is judged by its ratio instead.
NEAR_ZERO_PER_WEEK = 1.0
RATIO_NEAR_ZERO = 3.0
#: The columns each dimension is counted by; `_keys` turns one grouped row into its keys.
_FIELDS = {
    "respondent": ("merchant_id", "respondent_name"),
    "line": ("line",),
    "category": ("category",),
    "request": ("requests",),
}


@dataclass(frozen=True)
class Rising:
    dimension: str
    key: str
    label: str
    recent: int
    baseline_per_week: float
    ratio: float | None  # None when the baseline is empty
    z: float | None  # None when the baseline never varied
    days: list[str] = field(default_factory=list)  # the chart's x axis, YYYY-MM-DD
    counts: list[int] = field(default_factory=list)  # orders received on each of `days`
    recent_from: date | None = None
    recent_to: date | None = None


@dataclass(frozen=True)
class Topic:
    dimension: str
    key: str
    label: str
    count: int
    previous: int
    change: int


@dataclass
class WarningResult:
    warned: int = 0


def warning_day(value: str | None) -> date:
    """The day a warning list ends on, from a query string: today when empty; a bad value is a
    400 naming the field `day`."""
    if not value:
        return clock.today()
    try:
        day = parse_date(value.strip())
    except ValueError:  # well-formed but impossible, e.g. 2025-02-30
        day = None
    if day is None:
        raise field_error("day", _("日期格式应为 YYYY-MM-DD"))
    return day


def warning_dimension(value: str | None) -> str:
    if value not in DIMENSIONS:
        raise field_error("dimension", _("应为 %(values)s 之一") % {"values": "、".join(DIMENSIONS)})
    return value


def _orders(viewer: Staff | None) -> QuerySet[WorkOrder]:
    return order_scope(viewer) if viewer is not None else WorkOrder.objects.all()


def _keys(dimension: str, row: dict) -> Iterator[tuple[str, str]]:
    """(key, label) pairs of one grouped row: a respondent is its merchant when linked, else its name."""
    if dimension == "respondent":
        name = (row["respondent_name"] or "").strip()
        if row["merchant_id"]:
            yield f"m{row['merchant_id']}", name
        elif name:
            yield name, name
    elif dimension == "request":
        for request in dict.fromkeys(row["requests"] or ()):
            if request:
                yield request, request
    elif row[dimension]:
        value = row[dimension]
        yield value, taxonomy_label(Kind.LINE, value) if dimension == "line" else value


def _daily_counts(qs: QuerySet[WorkOrder], dimension: str, start: date, end: date):
    """{key: {day: n}} and {key: label} for orders received on local days [start, end]."""
    rows = (
        qs.filter(received_at__gte=clock.start_of_day(start), received_at__lt=clock.start_of_day(end + timedelta(days=1)))
        .annotate(day=TruncDate("received_at", tzinfo=clock.SHANGHAI))
        .values(*_FIELDS[dimension], "day")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
    labels: dict[str, str] = {}
    for row in rows:
        for key, label in _keys(dimension, row):
            counts[key][row["day"]] += row["n"]
            labels.setdefault(key, label)
    return counts, labels


def _assess(recent: int, baseline: list[int]) -> tuple[bool, float, float | None, float | None]:
    """Whether `recent` orders in JIESU_WARNING_RECENT_DAYS stand out from the daily `baseline`:
    the z-score of the window's sum against the baseline's daily mean and standard deviation, or,
    where the baseline is about nothing, the ratio to it."""
    window = settings.JIESU_WARNING_RECENT_DAYS
    mean = sum(baseline) / len(baseline) if baseline else 0.0
    std = math.sqrt(sum((n - mean) ** 2 for n in baseline) / len(baseline)) if baseline else 0.0
    expected = mean * window
    per_week = mean * 7
    ratio = recent / expected if expected else None
    z = (recent - expected) / (std * math.sqrt(window)) if std else None
    if recent < settings.JIESU_WARNING_MIN_ORDERS:
        return False, per_week, ratio, z
    rising = z is not None and z >= settings.JIESU_WARNING_Z
    if per_week < NEAR_ZERO_PER_WEEK or z is None:
        rising = rising or ratio is None or ratio >= RATIO_NEAR_ZERO
    return rising, per_week, ratio, z


def rising(*, day: date, dimension: str, viewer: Staff | None = None) -> list[Rising]:
    """Keys of `dimension` whose orders received in the JIESU_WARNING_RECENT_DAYS ending on `day`
    reach JIESU_WARNING_MIN_ORDERS and rise JIESU_WARNING_Z standard deviations above their daily
    mean over the JIESU_WARNING_BASELINE_DAYS before (or, from about nothing, to RATIO_NEAR_ZERO
    times it), in the viewer's scope; the steepest first."""
    warning_dimension(dimension)
    window = settings.JIESU_WARNING_RECENT_DAYS
    baseline_days = settings.JIESU_WARNING_BASELINE_DAYS
    recent_from = day - timedelta(days=window - 1)
    baseline_from = recent_from - timedelta(days=baseline_days)
    chart_from = day - timedelta(days=SERIES_DAYS - 1)
    start = min(baseline_from, chart_from)
    counts, labels = _daily_counts(_orders(viewer), dimension, start, day)
    chart_days = [chart_from + timedelta(days=i) for i in range(SERIES_DAYS)]
    found = []
    for key, by_day in counts.items():
        recent = sum(n for d, n in by_day.items() if d >= recent_from)
        if recent < settings.JIESU_WARNING_MIN_ORDERS:
            continue
        baseline = [by_day.get(baseline_from + timedelta(days=i), 0) for i in range(baseline_days)]
        flagged, per_week, ratio, z = _assess(recent, baseline)
        if not flagged:
            continue
        found.append(Rising(
            dimension=dimension, key=key, label=labels[key] or key, recent=recent,
            baseline_per_week=round(per_week, 1), ratio=None if ratio is None else round(ratio, 1),
            z=None if z is None else round(z, 1), days=[d.isoformat() for d in chart_days],
            counts=[by_day.get(d, 0) for d in chart_days], recent_from=recent_from, recent_to=day,
        ))
    return sorted(found, key=lambda r: (-(r.z if r.z is not None else math.inf), -r.recent, r.label))


def _month(value: str) -> date:
    try:
        first = parse_date(f"{value.strip()}-01") if value else None
    except ValueError:
        first = None
    if first is None:
        raise field_error("month", _("月份格式应为 YYYY-MM"))
    return first


def topic_candidates(*, month: str, viewer: Staff | None = None, limit: int = 5) -> list[Topic]:
    """每月一题 candidates (seed 003): the lines, categories and requests whose orders in `month`
    (YYYY-MM) rose most over the month before, with both counts; only rises, the largest first."""
    first = _month(month)
    previous_first = (first - timedelta(days=1)).replace(day=1)
    next_first = (first + timedelta(days=32)).replace(day=1)
    qs = _orders(viewer)
    topics = []
    for dimension in ("line", "category", "request"):
        now, labels = _month_counts(qs, dimension, first, next_first)
        before, _labels = _month_counts(qs, dimension, previous_first, first)
        for key, count in now.items():
            change = count - before.get(key, 0)
            if change > 0:
                topics.append(Topic(dimension, key, labels[key], count, before.get(key, 0), change))
    return sorted(topics, key=lambda t: (-t.change, -t.count, t.dimension, t.label))[:limit]


def _month_counts(qs: QuerySet[WorkOrder], dimension: str, start: date, end: date):
    rows = (
        qs.filter(received_at__gte=clock.start_of_day(start), received_at__lt=clock.start_of_day(end))
        .values(*_FIELDS[dimension]).annotate(n=Count("id")).order_by()
    )
    counts: dict[str, int] = defaultdict(int)
    labels: dict[str, str] = {}
    for row in rows:
        for key, label in _keys(dimension, row):
            counts[key] += row["n"]
            labels.setdefault(key, label)
    return counts, labels


def _key(item: Rising) -> str:
    """One notification per day, dimension and key; a long respondent name is hashed to fit."""
    key = f"warning:{item.recent_to.isoformat()}:{item.dimension}:{item.key}"
    if len(key) > 100:
        key = f"warning:{item.recent_to.isoformat()}:{item.dimension}:" + hashlib.sha1(item.key.encode()).hexdigest()
    return key


def _centre_leaders() -> list[int]:
    centres = list(Department.objects.filter(kind=DepartmentKind.CENTRE).values_list("pk", flat=True))
    directory = Directory(centres)
    return list(dict.fromkeys(pk for centre in centres for pk in directory.leaders(centre)))


def warning_title(item: Rising) -> str:
    days = settings.JIESU_WARNING_RECENT_DAYS
    if item.ratio is None:
        return _("【预警】%(label)s近%(days)d天投诉 %(n)d 件，以往几乎没有") % {
            "label": item.label, "days": days, "n": item.recent}
    return _("【预警】%(label)s近%(days)d天投诉 %(n)d 件，约为以往的 %(ratio)s 倍") % {
        "label": item.label, "days": days, "n": item.recent, "ratio": f"{item.ratio:g}"}


def warning_notify(item: Rising) -> bool:
    """Tell the centre's leaders about one rising item, once per day; False when already told."""
    key = _key(item)
    if Notification.objects.filter(key=f"{key}:{NotificationChannel.INBOX}").exists():
        return False
    recipients = _centre_leaders()
    if not recipients:
        return False
    notifications_create([
        Draft(
            key=key, step=NotificationStep.ALERT, title=warning_title(item),
            body=_("%(dimension)s：%(label)s\n%(start)s 至 %(end)s 共 %(n)d 件；此前每周约 %(base)s 件。\n"
                   "请关注是否有经营异常（如预付式消费经营者停业跑路），必要时提前介入。") % {
                "dimension": DIMENSION_LABELS[item.dimension], "label": item.label,
                "start": item.recent_from.isoformat(), "end": item.recent_to.isoformat(), "n": item.recent,
                "base": f"{item.baseline_per_week:g}"},
            recipients=recipients, channels=[NotificationChannel.INBOX], deliver_after=clock.now(),
        )
    ])
    return True


def warning_notify_key(*, day: date, dimension: str, key: str, viewer: Staff | None = None) -> bool:
    """The page's 通知领导 button: the same notification the daily job sends, for one item now."""
    for item in rising(day=day, dimension=dimension, viewer=viewer):
        if item.key == key:
            return warning_notify(item)
    raise field_error("key", _("该项目前未达到预警条件"))


_last_run_day: date | None = None


def warnings_daily(*, now=None) -> WarningResult:
    """Periodic job: the centre's leaders hear of each rising respondent of today once (the
    notification key is per day, dimension and key). The worker calls it every period, but it
    reads the window only once a day per process, from JIESU_WARNING_HOUR on (a morning report,
    not a query over weeks of orders every 30 seconds)."""
    global _last_run_day
    local = clock.local(now or clock.now())
    day = local.date()
    if _last_run_day == day or local.hour < settings.JIESU_WARNING_HOUR:
        return WarningResult(warned=0)
    warned = sum(warning_notify(item) for item in rising(day=day, dimension="respondent"))
    _last_run_day = day
    return WarningResult(warned=warned)