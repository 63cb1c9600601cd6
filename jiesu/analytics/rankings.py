"""Rankings and trends (issue 6 item 2; seed 004 ranks products, services, merchants and brands):
order counts per respondent, brand, category, request, issue nature, channel and line, the top N
with their month-on-month (环比) and year-on-year (同比) change, and the time series behind them.

Counted like the `orders` measure: orders received in the period (by receipt day), excluded orders
left out, in the subtree of the department answering for them. Respondents and brands have as
many values as orders, so these count the orders themselves (indexed on `received_at`); a
request is one of several per order, so requests are counted from each order's list.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek
from django.utils.translation import gettext as _

from jiesu.core import clock
from jiesu.core.errors import field_error
from jiesu.orders.choices import Channel, ExclusionState, OrderType
from jiesu.orders.models import WorkOrder
from jiesu.orders.selectors import responsible_q
from jiesu.organisations.models import Staff
from jiesu.taxonomy.selectors import taxonomy_label

from .measures import scope_root
from .periods import Period

#: dimension → the order field it counts.
TOP_FIELDS = {
    "respondent": "respondent_name",
    "brand": "product_brand",
    "category": "category",
    "request": "requests",
    "issue": "issue",
    "line": "line",
    "channel": "channel",
    "type": "type",
}
STEPS = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}
MAX_LIMIT = 100


@dataclass
class RankItem:
    key: str
    name: str
    count: int
    previous: int
    last_year: int

    @property
    def mom(self) -> float | None:
        return _change(self.count, self.previous)

    @property
    def yoy(self) -> float | None:
        return _change(self.count, self.last_year)


@dataclass
class Ranking:
    dimension: str
    period: Period
    previous: Period
    last_year: Period
    items: list[RankItem] = field(default_factory=list)


def _change(now: int, then: int) -> float | None:
    """Relative change, None when there is nothing to compare with."""
    return round((now - then) / then, 4) if then else None


def dimension_name(dimension: str, key: str) -> str:
    if not key:
        return _("未填写")
    if dimension in ("line", "category", "request", "issue"):
        return taxonomy_label(dimension, key)
    if dimension in ("channel", "type"):
        try:
            return str((Channel if dimension == "channel" else OrderType)(key).label)
        except ValueError:
            return key
    return key


def scoped_orders(*, viewer: Staff, period: Period, department: str = "") -> QuerySet[WorkOrder]:
    """Orders received in `period` in the scope, excluded ones left out."""
    root = scope_root(viewer, department)
    qs = WorkOrder.objects.exclude(exclusion_state=ExclusionState.EXCLUDED).filter(
        received_at__gte=clock.start_of_day(period.date_from),
        received_at__lt=clock.start_of_day(period.date_to + timedelta(days=1)),
    )
    return qs.filter(responsible_q(root.path)) if root is not None else qs


def _check(dimension: str) -> str:
    if dimension not in TOP_FIELDS:
        raise field_error("dimension", _("维度应为 %(names)s 之一") % {"names": "、".join(TOP_FIELDS)})
    return TOP_FIELDS[dimension]


def _counts(qs: QuerySet[WorkOrder], dimension: str, keys: list[str] | None = None) -> Counter:
    name = TOP_FIELDS[dimension]
    if dimension == "request":
        counts: Counter = Counter()
        for requests in qs.values_list("requests", flat=True).iterator(chunk_size=5000):
            counts.update(set(requests or ()))
        return Counter({k: counts[k] for k in keys}) if keys is not None else counts
    rows = qs.exclude(**{name: ""})
    if keys is not None:
        rows = rows.filter(**{f"{name}__in": keys})
    return Counter(dict(rows.values_list(name).annotate(n=Count("id")).order_by()))


def top(*, viewer: Staff, dimension: str, period: Period, limit: int = 10, department: str = "") -> Ranking:
    """The `limit` values with most orders in `period`, with the counts of the period before and of
    the same period a year earlier."""
    _check(dimension)
    if not 1 <= limit <= MAX_LIMIT:
        raise field_error("limit", _("应在 1 到 %(max)s 之间") % {"max": MAX_LIMIT})
    ranking = Ranking(dimension, period, period.previous(), period.last_year())
    current = _counts(scoped_orders(viewer=viewer, period=period, department=department), dimension)
    leaders = sorted(current.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    keys = [key for key, _n in leaders]
    if not keys:
        return ranking
    previous = _counts(
        scoped_orders(viewer=viewer, period=ranking.previous, department=department), dimension, keys
    )
    last_year = _counts(
        scoped_orders(viewer=viewer, period=ranking.last_year, department=department), dimension, keys
    )
    ranking.items = [
        RankItem(key, dimension_name(dimension, key), n, previous.get(key, 0), last_year.get(key, 0))
        for key, n in leaders
    ]
    return ranking


@dataclass
class Series:
    step: str
    labels: list[str]
    lines: dict[str, list[int]]
    names: dict[str, str]


def series(
    *, viewer: Staff, dimension: str, keys: list[str], period: Period, step: str = "day", department: str = ""
) -> Series:
    """Orders per day, week or month of `period` for each of `keys` (the trend behind a ranking)."""
    name = _check(dimension)
    if step not in STEPS:
        raise field_error("step", _("应为 day、week 或 month"))
    zone = ZoneInfo(settings.TIME_ZONE)
    qs = scoped_orders(viewer=viewer, period=period, department=department)
    buckets = _buckets(period, step)
    lines = {key: [0] * len(buckets) for key in keys}
    index = {bucket: i for i, bucket in enumerate(buckets)}
    rows = qs.annotate(bucket=STEPS[step]("received_at", tzinfo=zone))
    if dimension == "request":
        for bucket, requests in rows.values_list("bucket", "requests").iterator(chunk_size=5000):
            for key in set(requests or ()) & set(keys):
                lines[key][index[_day(bucket)]] += 1
    else:
        grouped = (
            rows.filter(**{f"{name}__in": keys})
            .values_list("bucket", name)
            .annotate(n=Count("id"))
            .order_by()
        )
        for bucket, key, n in grouped:
            lines[key][index[_day(bucket)]] += n
    return Series(
        step, [b.isoformat() for b in buckets], lines, {k: dimension_name(dimension, k) for k in keys}
    )


def _day(value):
    return value.date() if hasattr(value, "date") else value


def _buckets(period: Period, step: str) -> list:
    """The first day of every day, ISO week (Monday) or month the period touches."""
    day = period.date_from
    if step == "week":
        day -= timedelta(days=day.weekday())
    elif step == "month":
        day = day.replace(day=1)
    out = []
    while day <= period.date_to:
        out.append(day)
        if step == "day":
            day += timedelta(days=1)
        elif step == "week":
            day += timedelta(days=7)
        else:
            day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


def top_orders(
    *, viewer: Staff, dimension: str, key: str, period: Period, department: str = ""
) -> QuerySet[WorkOrder]:
    """The orders behind one ranking count: received in `period`, in scope, with that value."""
    name = _check(dimension)
    qs = scoped_orders(viewer=viewer, period=period, department=department)
    if dimension == "request":
        ids = [
            pk
            for pk, requests in qs.values_list("pk", "requests").iterator(chunk_size=5000)
            if key in (requests or ())
        ]
        return qs.filter(pk__in=ids)
    return qs.filter(**{name: key})
