"""The measures of domain.md ("Measures") for a period and a scope, read from the daily roll-up,
and the orders behind every number (issue 6 item 1). Formulas and the date each measure counts by
are written out in docs/statistics.md; `facts.contributions` is where they are applied.

Every rate is value, numerator and denominator, so it can be audited; `measure_orders` lists
exactly the orders a numerator or denominator counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from jiesu.core.errors import NotFound, field_error
from jiesu.orders.choices import Channel, OrderType
from jiesu.orders.models import WorkOrder
from jiesu.organisations.choices import DepartmentKind
from jiesu.organisations.models import Department, Staff
from jiesu.organisations.scope import department_in_scope, scope_path
from jiesu.taxonomy.selectors import taxonomy_codes, taxonomy_label

from .facts import COUNTED, MEDIATION_COLUMNS, SATISFACTION_COLUMNS
from .models import DailyMeasure, DeadlineOutcome, OrderFact
from .periods import Period
from .rollups import ROLLUP_COLUMNS

GROUP_BYS = ("department", "line", "channel", "type")
DIMENSIONS = ("line", "channel", "type")
PARTS = ("numerator", "denominator")


@dataclass(frozen=True)
class Measure:
    """One measure: the roll-up columns of its numerator (with weights) and denominator, the fact
    date it counts by, and the fact conditions that list its orders. A measure without a
    denominator is a plain value (a count or a sum)."""

    key: str
    label: str
    basis: str
    numerator: dict[str, float]
    denominator: tuple[str, ...] = ()
    numerator_q: Q = field(default_factory=Q)
    denominator_q: Q = field(default_factory=Q)
    money: bool = False

    @property
    def is_rate(self) -> bool:
        return bool(self.denominator)


def _on_time(key: str, label, name: str) -> Measure:
    return Measure(
        key=key, label=label, basis="received_on" if name == "response" else f"{name}_due_on",
        numerator={f"{name}_on_time": 1},
        denominator=tuple(f"{name}_{outcome}" for outcome in COUNTED),
        numerator_q=Q(**{name: DeadlineOutcome.ON_TIME}),
        denominator_q=Q(**{f"{name}__in": COUNTED}),
    )  # fmt: skip


def satisfaction_weights() -> dict[str, float]:
    """JIESU_SATISFACTION_WEIGHTS: what each answer counts for in the satisfaction rate (domain.md:
    "with the weighting the deployment sets"); by default satisfied and basically satisfied 1."""
    return {level: float(settings.JIESU_SATISFACTION_WEIGHTS.get(level, 0)) for level in SATISFACTION_COLUMNS}


def measures() -> list[Measure]:
    weights = satisfaction_weights()
    return [
        _on_time("on_time_initial_review_rate", _lazy("投诉按时初查率"), "review"),
        _on_time("on_time_conclusion_rate", _lazy("投诉按时办结率"), "conclusion"),
        _on_time("on_time_verification_rate", _lazy("举报按时核查率"), "verification"),
        Measure(
            key="mediation_success_rate", label=_lazy("投诉调解成功率"), basis="concluded_on",
            numerator={"mediated": 1}, denominator=tuple(MEDIATION_COLUMNS.values()),
            numerator_q=Q(outcome="mediated"), denominator_q=Q(outcome__in=list(MEDIATION_COLUMNS)),
        ),
        _on_time("odr_on_time_rate", _lazy("ODR 单位按时办结率"), "odr"),
        _on_time("response_rate", _lazy("响应率"), "response"),
        Measure(
            key="resolution_rate", label=_lazy("解决率"), basis="visited_on",
            numerator={"resolved": 1}, denominator=("visited",),
            numerator_q=Q(resolved=True), denominator_q=Q(),
        ),
        Measure(
            key="satisfaction_rate", label=_lazy("满意率"), basis="visited_on",
            numerator={SATISFACTION_COLUMNS[level]: w for level, w in weights.items() if w},
            denominator=tuple(SATISFACTION_COLUMNS.values()),
            numerator_q=Q(satisfaction__in=[level for level, w in weights.items() if w]),
            denominator_q=Q(satisfaction__in=list(SATISFACTION_COLUMNS)),
        ),
        Measure(
            key="recovered_loss", label=_lazy("挽回经济损失"), basis="concluded_on",
            numerator={"recovered": 1}, numerator_q=Q(recovered_amount__gt=0), money=True,
        ),
        Measure(key="orders", label=_lazy("工单量"), basis="received_on", numerator={"orders": 1}),
        Measure(key="concluded", label=_lazy("办结量"), basis="concluded_on", numerator={"concluded": 1}),
    ]  # fmt: skip


def measure(key: str) -> Measure:
    for item in measures():
        if item.key == key:
            return item
    raise field_error("measure", _("未知的统计指标：%(key)s") % {"key": key})


@dataclass(frozen=True)
class MeasureValue:
    value: float | Decimal | int | None
    numerator: float | int | Decimal | None = None
    denominator: int | None = None


@dataclass
class MeasureItem:
    group: str
    name: str
    measures: dict[str, MeasureValue]
    #: The department the item is (department grouping), to drill into its subtree.
    department: Department | None = None
    #: True for the department's own orders beside its children (本级).
    own: bool = False


@dataclass
class MeasureTable:
    period: Period
    group_by: str
    root: Department | None
    filters: dict[str, str]
    items: list[MeasureItem]
    total: MeasureItem


def evaluate(sums: dict[str, object]) -> dict[str, MeasureValue]:
    """Measure values from summed roll-up columns. A rate with no denominator has value None."""
    out = {}
    for item in measures():
        numerator = sum(float(w) * float(sums.get(c) or 0) if w != 1 else (sums.get(c) or 0)
                        for c, w in item.numerator.items())  # fmt: skip
        if item.money:
            out[item.key] = MeasureValue(Decimal(numerator or 0).quantize(Decimal("0.01")))
        elif not item.is_rate:
            out[item.key] = MeasureValue(int(numerator or 0))
        else:
            denominator = int(sum(sums.get(c) or 0 for c in item.denominator))
            if isinstance(numerator, float) and numerator.is_integer():
                numerator = int(numerator)
            value = round(numerator / denominator, 4) if denominator else None
            out[item.key] = MeasureValue(value, numerator, denominator)
    return out


def scope_root(viewer: Staff, department: str) -> Department | None:
    """The department whose subtree is measured: the one named (within the viewer's scope), else
    the viewer's own when their view is limited, else everything (None)."""
    if department:
        found = Department.objects.filter(code=department).first()
        if found is None or not department_in_scope(viewer, found):
            raise NotFound(_("没有这个单位：%(code)s") % {"code": department})
        return found
    if scope_path(viewer) is not None:
        return viewer.department
    return None


def _subtree_ids(root: Department | None) -> list[int] | None:
    if root is None:
        return None
    return list(Department.objects.filter(path__startswith=root.path).values_list("pk", flat=True))


def _dimension_filter(line: str, channel: str, type: str) -> tuple[str, str]:
    given = [(name, value) for name, value in (("line", line), ("channel", channel), ("type", type)) if value]
    if len(given) > 1:
        raise field_error(given[1][0], _("条线、渠道、类型一次只能筛选一项"))
    if given:
        name, value = given[0]
        if value not in dimension_codes(name):
            raise field_error(name, _("未知的代码：%(code)s") % {"code": value})
        return given[0]
    return "", ""


def dimension_codes(dimension: str) -> list[str]:
    if dimension == "line":
        return taxonomy_codes("line", active=False)
    return list((Channel if dimension == "channel" else OrderType).values)


def dimension_label(dimension: str, value: str) -> str:
    if not value:
        return _("未分类")
    if dimension == "line":
        return taxonomy_label("line", value)
    try:
        return str((Channel if dimension == "channel" else OrderType)(value).label)
    except ValueError:
        return value


def measure_table(
    *, viewer: Staff, period: Period, group_by: str = "", department: str = "",
    line: str = "", channel: str = "", type: str = "",
) -> MeasureTable:  # fmt: skip
    """The measures of `period` over the scope, in one item or grouped. Grouped by department, the
    items are the departments one level below the root, each with its subtree, plus the root's own
    orders (本级) when it holds any; grouped by line, channel or type, one item per value."""
    if group_by and group_by not in GROUP_BYS:
        raise field_error("group_by", _("分组应为 department、line、channel 或 type"))
    filter_name, filter_value = _dimension_filter(line, channel, type)
    if group_by in DIMENSIONS and filter_name and filter_name != group_by:
        raise field_error("group_by", _("按条线、渠道或类型分组时，只能筛选同一维度"))
    root = scope_root(viewer, department)
    dimension = group_by if group_by in DIMENSIONS else (filter_name or "all")
    rows = DailyMeasure.objects.filter(dimension=dimension, day__range=(period.date_from, period.date_to))
    if filter_value:
        rows = rows.filter(value=filter_value)
    holders = _subtree_ids(root)
    if holders is not None:
        rows = rows.filter(holder__in=holders)
    key = "value" if group_by in DIMENSIONS else "holder"
    sums = {row.pop(key): row for row in rows.values(key).annotate(**_sums()).order_by()}
    total = MeasureItem(root.code if root else "", root.name if root else _("全部单位"), evaluate(_add(sums.values())),
                        department=root)  # fmt: skip
    if group_by == "department":
        items = _department_items(root, sums)
    elif group_by:
        items = [
            MeasureItem(value, dimension_label(group_by, value), evaluate(columns))
            for value, columns in sorted(sums.items(), key=lambda kv: -(kv[1].get("orders") or 0))
        ]
    else:
        items = [total]
    filters = {"line": line, "channel": channel, "type": type}
    return MeasureTable(period, group_by, root, {k: v for k, v in filters.items() if v}, items, total)


def _sums() -> dict:
    return {column: Sum(column) for column in ROLLUP_COLUMNS}


def _add(groups) -> dict:
    total: dict = {}
    for columns in groups:
        for column, n in columns.items():
            total[column] = (total.get(column) or 0) + (n or 0)
    return total


def _grouping_root(root: Department | None) -> Department | None:
    """With no root (the centre's view of everything), the top of the tree when there is one."""
    if root is not None:
        return root
    tops = list(Department.objects.filter(parent__isnull=True).exclude(kind=DepartmentKind.EXTERNAL)[:2])
    return tops[0] if len(tops) == 1 else None


def _department_items(root: Department | None, sums: dict[int, dict]) -> list[MeasureItem]:
    """Each child of the root with everything below it, in tree order, and the root's own orders.
    With no root (the centre's view of everything), the top of the tree is the root."""
    departments = list(
        Department.objects.filter(path__startswith=root.path) if root else Department.objects.all()
    )
    root = _grouping_root(root)
    children = [d for d in departments if (d.parent_id == root.pk if root else d.parent_id is None)]
    children = [
        d
        for d in children
        if d.is_active or any(p.pk in sums for p in departments if p.path.startswith(d.path))
    ]
    paths = {d.pk: d.path for d in departments}
    items = []
    if root is not None and root.pk in sums:
        items.append(MeasureItem(root.code, _("%(name)s（本级）") % {"name": root.name}, evaluate(sums[root.pk]),
                                 department=root, own=True))  # fmt: skip
    for child in sorted(children, key=lambda d: d.path):
        inside = [columns for holder, columns in sums.items() if paths.get(holder, "").startswith(child.path)]
        items.append(MeasureItem(child.code, child.name, evaluate(_add(inside)), department=child))
    if 0 in sums:
        items.append(MeasureItem("", _("未指定单位"), evaluate(sums[0])))
    return items


def measure_orders(
    *, viewer: Staff, period: Period, key: str, part: str = "denominator", department: str = "",
    group_by: str = "", group: str = "", line: str = "", channel: str = "", type: str = "",
) -> QuerySet[WorkOrder]:  # fmt: skip
    """The orders a number counted: for `key`'s numerator or denominator (a value measure has only
    one list), over the same period, scope, group and filter as `measure_table`."""
    item = measure(key)
    if part not in PARTS:
        raise field_error("part", _("应为 numerator 或 denominator"))
    filter_name, filter_value = _dimension_filter(line, channel, type)
    root = scope_root(viewer, department)
    facts = OrderFact.objects.filter(
        excluded=False, **{f"{item.basis}__range": (period.date_from, period.date_to)}
    ).filter(item.numerator_q if part == "numerator" or not item.is_rate else item.denominator_q)
    if filter_value:
        facts = facts.filter(**{filter_name: filter_value})
    holders = _subtree_ids(root)
    if group_by == "department":
        top = _grouping_root(root)
        if not group:
            holders = [0]
        elif top is not None and group == top.code:
            holders = [top.pk]
        else:
            child = Department.objects.filter(code=group).first()
            if child is None or not (top is None or child.path.startswith(top.path)):
                raise NotFound(_("没有这个单位：%(code)s") % {"code": group})
            holders = _subtree_ids(child)
    elif group_by in DIMENSIONS:
        facts = facts.filter(**{group_by: group})
    if holders is not None:
        facts = facts.filter(holder__in=holders)
    return WorkOrder.objects.filter(pk__in=facts.values("order_id"))


def department_measures(
    *, period: Period, departments: list[Department]
) -> dict[int, dict[str, MeasureValue]]:
    """The measures of each department with its subtree, from one GROUP BY over the roll-up: what
    the monthly assessment scores. No viewer: callers decide which departments may be seen."""
    rows = DailyMeasure.objects.filter(dimension="all", day__range=(period.date_from, period.date_to))
    sums = {row.pop("holder"): row for row in rows.values("holder").annotate(**_sums()).order_by()}
    paths = dict(Department.objects.values_list("pk", "path"))
    out = {}
    for department in departments:
        inside = [
            columns for holder, columns in sums.items() if paths.get(holder, "").startswith(department.path)
        ]
        out[department.pk] = evaluate(_add(inside))
    return out
