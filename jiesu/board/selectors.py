"""The daily board (日清单): per department and for the viewer's whole scope, what came in, what is
still open and why, what falls due and what is overdue (seed 000: the daily meeting goes over the
previous day's orders and the unresolved ones; seed 001: urge at ≤3 and ≤2 days, phone on the due
day, and nobody leaves until the day's due orders are cleared, 全部清零).

A handful of GROUP BY queries over the whole scope, rolled up the department tree in Python by the
materialised path, so the cost does not grow with the number of departments. Every number has an
`OrderFilters` (`column_filters`) that lists exactly the orders it counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from jiesu.calls.models import Callback, CallbackStatus
from jiesu.core import clock
from jiesu.core.errors import field_error
from jiesu.deadlines.holidays import calendar_load
from jiesu.orders.choices import OPEN_STATUSES, Status
from jiesu.orders.models import WorkOrder
from jiesu.orders.selectors import EXTENSION_PENDING, OrderFilters, due_band_exists, responsible_q
from jiesu.organisations.choices import DepartmentKind
from jiesu.organisations.models import Department, Staff
from jiesu.organisations.scope import scope_path

#: Kinds that answer for orders and so get a row: the centre holds what is not dispatched yet, the
#: others handle. The municipal bureau is the top of the tree: its figure is the total row.
BOARD_KINDS = (
    DepartmentKind.CENTRE,
    DepartmentKind.DISTRICT_BUREAU,
    DepartmentKind.OFFICE,
    DepartmentKind.SECTION,
    DepartmentKind.FAST_RESPONSE_TEAM,
)

#: Why an order is still open: one column per open status, which add up to `unresolved`.
WHY_STATUSES = (Status.REGISTERED, Status.ODR, Status.DISPATCHED, Status.IN_PROGRESS, Status.RETURNED)
#: The board's due columns and the `OrderFilters.due` band each one counts.
DUE_COLUMNS = {"due_today": "day", "due_2wd": "2wd", "due_3wd": "3wd", "overdue": "overdue"}
#: Dates the board answers for: far wider than any order's life, and clear of the ends of the
#: calendar, where "the day before" or "3 working days after" would not exist.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)


@dataclass(frozen=True)
class Counts:
    """The numbers of one row. `registered` … `returned` break `unresolved` down by status;
    `pending_extension` is the part of `in_progress` waiting for a leader's extension decision."""

    received: int = 0
    unresolved: int = 0
    registered: int = 0
    dispatched: int = 0
    in_progress: int = 0
    pending_extension: int = 0
    returned: int = 0
    odr: int = 0
    due_today: int = 0
    due_2wd: int = 0
    due_3wd: int = 0
    overdue: int = 0
    callbacks_pending: int = 0


#: The columns in the order the page, the printed sheet and the export show them.
COLUMNS = tuple(f.name for f in fields(Counts))
COLUMN_LABELS = {
    "received": _lazy("前一日新收"),
    "unresolved": _lazy("未办结"),
    "registered": _lazy("待派单"),
    "dispatched": _lazy("已派单未受理"),
    "in_progress": _lazy("办理中"),
    "pending_extension": _lazy("其中延期审批中"),
    "returned": _lazy("已退单"),
    "odr": _lazy("企业处理中"),
    "due_today": _lazy("当日到期"),
    "due_2wd": _lazy("2个工作日内到期"),
    "due_3wd": _lazy("3个工作日内到期"),
    "overdue": _lazy("已超期"),
    "callbacks_pending": _lazy("待回拨"),
}


@dataclass(frozen=True)
class BoardRow:
    """One department's subtree (or, with `department` None, the viewer's whole scope)."""

    department: Department | None
    depth: int
    counts: Counts
    cleared: bool

    @property
    def code(self) -> str | None:
        return self.department.code if self.department else None


@dataclass(frozen=True)
class Board:
    """`scope` is the viewer's department when they see a subtree, None when they see everything.
    `due_2wd_until` / `due_3wd_until` are the last days of the cumulative 2- and 3-working-day bands."""

    day: date
    received_on: date
    due_2wd_until: date
    due_3wd_until: date
    scope: Department | None
    rows: list[BoardRow]
    total: BoardRow


def board_day(value: str | None) -> date:
    """The board's day from a query string: today (Asia/Shanghai) when empty; a bad value is a
    400 naming the field `date`, for the UI and the API alike."""
    if not value:
        return clock.today()
    try:
        day = parse_date(value.strip())
    except ValueError:  # well-formed but impossible, e.g. 2025-02-30
        day = None
    if day is None:
        raise field_error("date", _("日期格式应为 YYYY-MM-DD"))
    if not FIRST_DAY <= day <= LAST_DAY:
        raise field_error("date", _("日期超出范围"))
    return day


def board_for(*, viewer: Staff, day: date) -> Board:
    """The daily board of `day` for `viewer`: one row per department of their scope that answers
    for orders (BOARD_KINDS), each rolled up over its subtree, plus the total of the scope. A leader
    sees their own subtree; the centre and the municipal bureau see all.

    What each number counts (orders, never deadlines; an order counts at most once per column):
    - An order belongs to the department answering for it now: its handling department, or while
      none is set (registered, returned, with an ODR enterprise) the department that took it in
      (首接负责制). `responsible_q` is that rule.
    - received: orders whose `received_at` fell on the calendar day before `day` ("yesterday" is
      the previous calendar day, weekend or not, as seed 000's daily meeting reviews the day before).
    - unresolved: orders open now (OPEN_STATUSES), broken down by status as the reason why.
    - due_today / due_2wd / due_3wd / overdue: open orders with a running deadline in the band of
      `orders.selectors.due_window` seen from `day` (2wd and 3wd are cumulative, so 3wd includes
      2wd; none includes the day itself; overdue is due before the day began).
    - callbacks_pending: call-backs waiting for a first try (status pending) of callers the hotline
      missed (来电零遗漏, seed 004), by the department that owes them; the same rule as
      `calls.selectors.callbacks_pending_count`, grouped instead of one count per department.
    - cleared (已清零): nothing due on the day is left and, unless `day` is already past, nothing
      overdue either (seed 001: every due order cleared, none allowed to run overdue).

    The board is the state of the orders now, measured against `day`'s calendar: it is not a
    replay of history, so the board of a past day shows what is still left of it.
    """
    calendar = calendar_load()
    prefix = scope_path(viewer)
    by_department = _order_counts(prefix, day, calendar)
    for department_id, n in _received_counts(prefix, day).items():
        by_department[department_id]["received"] = n
    for department_id, n in _callback_counts(prefix).items():
        by_department[department_id]["callbacks_pending"] = n
    rows = _roll_up(_departments(prefix), by_department, day)
    total_counts = _sum(by_department.values())
    scope = viewer.department if prefix is not None and viewer.department_id else None
    return Board(
        day=day,
        received_on=day - timedelta(days=1),
        due_2wd_until=calendar.add_working_days(day, 2).day,
        due_3wd_until=calendar.add_working_days(day, 3).day,
        scope=scope,
        rows=rows,
        total=BoardRow(department=scope, depth=0, counts=total_counts, cleared=_cleared(total_counts, day)),
    )


def _responsible(prefix: str | None) -> QuerySet[WorkOrder]:
    """Orders of the viewer's scope, annotated with the department answering for them."""
    qs = WorkOrder.objects.all()
    if prefix is not None:
        qs = qs.filter(responsible_q(prefix))
    return qs.annotate(holder=Coalesce(F("department_id"), F("intake_department_id"))).values("holder")


def _order_counts(prefix: str | None, day: date, calendar) -> defaultdict[int | None, dict]:
    """Every open-order column in one GROUP BY: conditional counts per responsible department."""
    aggregates = {"unresolved": Count("id")}
    for status in WHY_STATUSES:
        aggregates[status.value] = Count("id", filter=Q(status=status))
    aggregates["pending_extension"] = Count(
        "id", filter=Q(status=Status.IN_PROGRESS, pending_extension_days__gt=0)
    )
    for column, band in DUE_COLUMNS.items():
        aggregates[column] = Count("id", filter=Q(due_band_exists(band, day, calendar)))
    rows = _responsible(prefix).filter(status__in=OPEN_STATUSES).annotate(**aggregates).order_by()
    counts: defaultdict[int | None, dict] = defaultdict(dict)
    for row in rows:
        counts[row.pop("holder")].update(row)
    return counts


def _received_counts(prefix: str | None, day: date) -> dict[int | None, int]:
    start = clock.start_of_day(day - timedelta(days=1))
    rows = _responsible(prefix).filter(received_at__gte=start, received_at__lt=clock.start_of_day(day))
    return {row["holder"]: row["n"] for row in rows.annotate(n=Count("id")).order_by()}


def _callback_counts(prefix: str | None) -> dict[int | None, int]:
    qs = Callback.objects.filter(status=CallbackStatus.PENDING)
    if prefix is not None:
        qs = qs.filter(department__path__startswith=prefix)
    return dict(qs.values_list("department_id").annotate(n=Count("id")).order_by())


def _departments(prefix: str | None) -> list[Department]:
    """Every department of the scope, of any kind: rows are drawn for some, but a count held by
    any of them (an order taken in at the municipal bureau, say) still rolls up its path."""
    qs = Department.objects.all()
    if prefix is not None:
        qs = qs.filter(path__startswith=prefix)
    return list(qs.order_by("path"))


def _roll_up(departments: list[Department], by_department: dict, day: date) -> list[BoardRow]:
    """Each row sums its own department and every one below it. A counted department adds to each
    ancestor named in its path ("/1/4/9/"), so the work is (departments × depth), not a square.
    Rows are drawn for active departments of BOARD_KINDS."""
    paths = {d.pk: d.path for d in departments}
    sums: defaultdict[int, list[dict]] = defaultdict(list)
    for department_id, counts in by_department.items():
        for ancestor in _path_ids(paths.get(department_id, "")):
            sums[ancestor].append(counts)
    shown = [d for d in departments if d.is_active and d.kind in BOARD_KINDS]
    top = min((d.depth for d in shown), default=0)
    rows = []
    for department in shown:
        counts = _sum(sums.get(department.pk, ()))
        rows.append(BoardRow(department, department.depth - top, counts, _cleared(counts, day)))
    return rows


def _path_ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def _sum(groups) -> Counts:
    totals = dict.fromkeys(COLUMNS, 0)
    for group in groups:
        for column, n in group.items():
            totals[column] += n
    return Counts(**totals)


def _cleared(counts: Counts, day: date) -> bool:
    """Seed 001's 清零: the day's due list is empty; on the current day (or one still ahead) an
    order left overdue also keeps the mark off. A past day is judged by its own list only."""
    return counts.due_today == 0 and (day < clock.today() or counts.overdue == 0)


def column_filters(*, board: Board, row: BoardRow, column: str) -> OrderFilters | None:
    """The order-list filters that list exactly the orders behind `row`'s number in `column`, so
    every figure on the board, the sheet and the export links to its orders. None for the
    call-backs, which are no orders."""
    if column == "callbacks_pending":
        return None
    base = {"responsible": row.code or ""}
    if column == "received":
        day = board.received_on.isoformat()
        return OrderFilters(**base, received_from=day, received_to=day)
    if column in DUE_COLUMNS:
        return OrderFilters(
            **base, status=_open_statuses(), due=DUE_COLUMNS[column], due_on=board.day.isoformat()
        )
    if column == "unresolved":
        return OrderFilters(**base, status=_open_statuses())
    if column == "pending_extension":
        return OrderFilters(**base, status=Status.IN_PROGRESS, extension=EXTENSION_PENDING)
    if column in Status.values:
        return OrderFilters(**base, status=column)
    raise ValueError(column)


def _open_statuses() -> str:
    return ",".join(s.value for s in Status if s in OPEN_STATUSES)
