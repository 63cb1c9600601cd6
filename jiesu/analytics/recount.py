"""An independent count of the measures, straight from orders and deadlines with no facts and no
roll-up (issue 6 item 9: prove the roll-ups equal a full recount). It expresses the definitions of
docs/statistics.md a second time, as GROUP BY queries, so a mistake in either path shows up as a
difference in `rollups_verify` and in the tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, DecimalField, Exists, F, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncDate

from jiesu.core import clock
from jiesu.deadlines.choices import DeadlineState
from jiesu.deadlines.models import Deadline
from jiesu.orders.choices import ExclusionState
from jiesu.orders.models import WorkOrder

from .facts import CONCLUDED_STATUSES, DEADLINE_MEASURES, MEDIATION_COLUMNS, SATISFACTION_COLUMNS
from .models import DailyMeasure
from .rollups import ROLLUP_COLUMNS

Key = tuple[date, int]


@dataclass
class Recount:
    """{(day, holder): {column: n}} over the days asked, dimension "all"."""

    cells: dict[Key, dict[str, object]] = field(default_factory=dict)

    def add(self, key: Key, values: dict) -> None:
        into = self.cells.setdefault(key, {})
        for column, n in values.items():
            if n:
                into[column] = into.get(column, 0) + n


def recount(*, date_from: date, date_to: date, now: datetime | None = None) -> Recount:
    now = now or clock.now()
    zone = ZoneInfo(settings.TIME_ZONE)
    start, end = clock.start_of_day(date_from), clock.start_of_day(date_to + timedelta(days=1))
    result = Recount()
    orders = WorkOrder.objects.exclude(exclusion_state=ExclusionState.EXCLUDED).annotate(
        holder=Coalesce(F("department_id"), F("intake_department_id"), Value(0))
    )

    received = orders.filter(received_at__gte=start, received_at__lt=end).annotate(
        day=TruncDate("received_at", tzinfo=zone)
    )
    for row in received.values("day", "holder").annotate(n=Count("id")).order_by():
        result.add((row["day"], row["holder"]), {"orders": row["n"]})

    for name, (kinds, order_type) in DEADLINE_MEASURES.items():
        for row in _deadline_counts(name, kinds, order_type, start, end, now, zone):
            result.add(
                (row["day"], row["holder"]),
                {
                    f"{name}_on_time": row["on_time"],
                    f"{name}_late": row["late"],
                    f"{name}_overdue": row["overdue"],
                },
            )

    concluded = (
        orders.filter(status__in=CONCLUDED_STATUSES, concluded_at__gte=start, concluded_at__lt=end)
        .annotate(day=TruncDate("concluded_at", tzinfo=zone))
        .values("day", "holder")
        .annotate(
            concluded=Count("id"),
            recovered=Sum("recovered_amount", output_field=DecimalField()),
            **{
                column: Count("id", filter=Q(outcome=outcome))
                for outcome, column in MEDIATION_COLUMNS.items()
            },
        )
        .order_by()
    )
    for row in concluded:
        result.add((row.pop("day"), row.pop("holder")), row)

    visited = (
        orders.filter(visited_at__gte=start, visited_at__lt=end, visit_reached=True)
        .annotate(day=TruncDate("visited_at", tzinfo=zone))
        .values("day", "holder")
        .annotate(
            visited=Count("id"),
            resolved=Count("id", filter=Q(resolved=True)),
            **{
                column: Count("id", filter=Q(satisfaction=level))
                for level, column in SATISFACTION_COLUMNS.items()
            },
        )
        .order_by()
    )
    for row in visited:
        result.add((row.pop("day"), row.pop("holder")), row)
    return result


def _deadline_counts(name, kinds, order_type, start, end, now, zone):
    """The chosen deadline of each order (the latest started of its kind, or the contact deadline
    due first) classified on time, late or overdue, by its due day (response: the receipt day)."""
    live = Deadline.objects.exclude(state=DeadlineState.STOPPED).filter(order_id=OuterRef("order_id"))
    if len(kinds) > 1:
        better = live.filter(kind__in=kinds).filter(
            Q(due_at__lt=OuterRef("due_at")) | Q(due_at=OuterRef("due_at"), id__lt=OuterRef("id"))
        )
    else:
        better = live.filter(kind=OuterRef("kind")).filter(
            Q(started_at__gt=OuterRef("started_at"))
            | Q(started_at=OuterRef("started_at"), id__gt=OuterRef("id"))
        )
    qs = (
        Deadline.objects.filter(kind__in=kinds)
        .exclude(state=DeadlineState.STOPPED)
        .exclude(order__exclusion_state=ExclusionState.EXCLUDED)
        .filter(~Exists(better))
    )
    if order_type is not None:
        qs = qs.filter(order__type=order_type)
    date_field = "order__received_at" if name == "response" else "due_at"
    met = Q(state=DeadlineState.MET)
    return (
        qs.filter(**{f"{date_field}__gte": start, f"{date_field}__lt": end})
        .annotate(
            day=TruncDate(date_field, tzinfo=zone),
            holder=Coalesce(F("order__department_id"), F("order__intake_department_id"), Value(0)),
        )
        .values("day", "holder")
        .annotate(
            on_time=Count("id", filter=met & (Q(met_at__isnull=True) | Q(met_at__lte=F("due_at")))),
            late=Count("id", filter=met & Q(met_at__gt=F("due_at"))),
            overdue=Count(
                "id", filter=Q(state=DeadlineState.RUNNING, paused_at__isnull=True, due_at__lte=now)
            ),
        )
        .order_by()
    )


def rollup_cells(*, date_from: date, date_to: date) -> Recount:
    """The roll-up's "all" rows over the same days, in the recount's shape, for comparison."""
    result = Recount()
    rows = DailyMeasure.objects.filter(dimension="all", day__range=(date_from, date_to)).values(
        "day", "holder", *ROLLUP_COLUMNS
    )
    for row in rows:
        result.add((row.pop("day"), row.pop("holder")), row)
    return result


def differences(expected: Recount, actual: Recount) -> list[str]:
    """Every (day, department, column) where the two disagree, as readable lines."""
    out = []
    for key in sorted(set(expected.cells) | set(actual.cells)):
        a, b = expected.cells.get(key, {}), actual.cells.get(key, {})
        for column in sorted(set(a) | set(b)):
            if (a.get(column) or 0) != (b.get(column) or 0):
                out.append(
                    f"{key[0]} holder={key[1]} {column}: recount {a.get(column) or 0} roll-up {b.get(column) or 0}"
                )
    return out
