"""What an analysis report says, read from the live data for a period and a scope (seed 004: "对统计
期间内位居前列的被诉商品、服务、商家、品牌一一罗列 … 与上年、上月等同一时段的有关数据进行对比").

Every number comes from the analytics selectors the dashboard and the API use (`measure_table`,
`rankings.top`, `rankings.series`), for the same viewer and department, so the report agrees with
them to the order. Example orders carry their number and a short excerpt of the description with
personal data taken out: a report is passed around and published, a complainant is never in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiesu.analytics.measures import Measure, MeasureItem, MeasureValue, measure_table, measures, scope_root
from jiesu.analytics.periods import Period, report_period
from jiesu.analytics.rankings import Ranking, RankItem, scoped_orders, series, top
from jiesu.core import clock
from jiesu.core.errors import field_error
from jiesu.intelligence.warnings import Rising, rising
from jiesu.orders.choices import Channel
from jiesu.orders.models import WorkOrder
from jiesu.organisations.models import Department, Staff
from jiesu.reports.choices import ReportKind

#: The rankings of section 二, in order: seed 004's products and services, merchants and brands,
#: and the lines, which group the services by trade.
RANKINGS = (
    ("category", gettext_lazy("商品和服务类别")),
    ("respondent", gettext_lazy("被诉经营者")),
    ("brand", gettext_lazy("品牌")),
    ("line", gettext_lazy("行业条线")),
)
RANK_LIMIT = 10
HOT_ISSUES = 5
EXAMPLES_PER_ISSUE = 3
EXCERPT_CHARS = 60
#: The early-warning dimensions quoted in the findings (intelligence.warnings).
RISING_DIMENSIONS = ("respondent", "line", "category")
#: The trend's step: days for a month or a holiday, weeks for a quarter or half-year, months for a year.
TREND_STEPS = {
    ReportKind.MONTHLY: "day", ReportKind.HOLIDAY: "day", ReportKind.QUARTERLY: "week",
    ReportKind.HALF: "week", ReportKind.ANNUAL: "month",
}  # fmt: skip


@dataclass
class MeasureRow:
    measure: Measure
    current: MeasureValue
    previous: MeasureValue
    last_year: MeasureValue


@dataclass
class Example:
    number: str
    received_on: date
    excerpt: str


@dataclass
class HotIssue:
    item: RankItem
    examples: list[Example]


@dataclass
class Trend:
    step: str
    labels: list[str]
    counts: list[int]


@dataclass
class ReportContent:
    kind: str
    period_text: str
    name: str
    period: Period
    previous: Period
    last_year: Period
    department: Department | None
    title: str
    measures: list[MeasureRow]
    types: list[MeasureItem]
    rankings: list[tuple[str, Ranking]]
    hot_issues: list[HotIssue]
    trend: Trend
    rising: list[Rising] = field(default_factory=list)

    def ranking(self, dimension: str) -> Ranking:
        return next(ranking for key, ranking in self.rankings if key == dimension)

    def row(self, key: str) -> MeasureRow:
        return next(row for row in self.measures if row.measure.key == key)


_NUMERALS = "一二三四"


def period_label(kind: str, period: Period, name: str = "") -> str:
    """2025年3月 / 2025年第一季度 / 2025年上半年 / 2025年 / 2025年春节期间（1月28日至2月4日）."""
    start, end = period.date_from, period.date_to
    if kind == ReportKind.MONTHLY:
        return _("%(y)d年%(m)d月") % {"y": start.year, "m": start.month}
    if kind == ReportKind.QUARTERLY:
        return _("%(y)d年第%(q)s季度") % {"y": start.year, "q": _NUMERALS[(start.month - 1) // 3]}
    if kind == ReportKind.HALF:
        return (
            _("%(y)d年上半年") % {"y": start.year}
            if start.month == 1
            else _("%(y)d年下半年") % {"y": start.year}
        )
    if kind == ReportKind.ANNUAL:
        return _("%(y)d年") % {"y": start.year}
    return _("%(y)d年%(name)s期间（%(from)s至%(to)s）") % {
        "y": start.year, "name": name or _("节假日"),
        "from": f"{start.month}月{start.day}日", "to": f"{end.month}月{end.day}日",
    }  # fmt: skip


def report_title(kind: str, period: Period, department: Department | None, name: str = "") -> str:
    return _("%(scope)s%(period)s消费者咨询投诉举报分析报告") % {
        "scope": department.name if department else "",
        "period": period_label(kind, period, name),
    }


def parse(kind: str, period_text: str, name: str = "") -> tuple[Period, str]:
    """The period of `kind`, with errors naming `kind`, `period` or `name`; the holiday's name trimmed."""
    period = report_period(kind, (period_text or "").strip())
    name = (name or "").strip()
    if len(name) > 50:
        raise field_error("name", _("节假日名称最多 50 个字"))
    return period, name if kind == ReportKind.HOLIDAY else ""


def report_content(
    *, viewer: Staff, kind: str, period_text: str, department: str = "", name: str = ""
) -> ReportContent:
    """Everything the document shows for `period_text` over the viewer's scope, or the subtree of
    `department` inside it."""
    period, name = parse(kind, period_text, name)
    root = scope_root(viewer, department)
    code = root.code if root else ""
    previous, last_year = period.previous(), period.last_year()
    tables = [measure_table(viewer=viewer, period=p, department=code).total.measures
              for p in (period, previous, last_year)]  # fmt: skip
    rows = [MeasureRow(m, tables[0][m.key], tables[1][m.key], tables[2][m.key]) for m in measures()]
    types = measure_table(viewer=viewer, period=period, group_by="type", department=code).items
    rankings = [(d, top(viewer=viewer, dimension=d, period=period, limit=RANK_LIMIT, department=code))
                for d, _label in RANKINGS]  # fmt: skip
    return ReportContent(
        kind=kind, period_text=period_text.strip(), name=name, period=period, previous=previous,
        last_year=last_year, department=root, title=report_title(kind, period, root, name), measures=rows,
        types=types, rankings=rankings, hot_issues=_hot_issues(viewer, period, code),
        trend=_trend(viewer, period, code, TREND_STEPS[kind]), rising=_rising(viewer, period, root),
    )  # fmt: skip


def _hot_issues(viewer: Staff, period: Period, code: str) -> list[HotIssue]:
    ranking = top(viewer=viewer, dimension="issue", period=period, limit=HOT_ISSUES, department=code)
    orders = scoped_orders(viewer=viewer, period=period, department=code)
    issues = []
    for item in ranking.items:
        examples = orders.filter(issue=item.key).order_by("-received_at", "-id")[:EXAMPLES_PER_ISSUE]
        issues.append(HotIssue(item, [_example(order) for order in examples]))
    return issues


def _trend(viewer: Staff, period: Period, code: str, step: str) -> Trend:
    """Orders received per step: every order has a channel, so the channels' lines add up to all."""
    found = series(viewer=viewer, dimension="channel", keys=list(Channel.values), period=period, step=step,
                   department=code)  # fmt: skip
    counts = [sum(line[i] for line in found.lines.values()) for i in range(len(found.labels))]
    return Trend(step, found.labels, counts)


def _rising(viewer: Staff, period: Period, root: Department | None) -> list[Rising]:
    """Early warnings at the period's last day. `rising` counts over the viewer's whole scope, so
    they are quoted only when the report covers exactly that scope, never a wider or narrower one."""
    if root != scope_root(viewer, ""):
        return []
    return [
        item for d in RISING_DIMENSIONS for item in rising(day=period.date_to, dimension=d, viewer=viewer)
    ]


_DIGITS = re.compile(r"\d[\d\s\-－]{5,}[\dXx]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_MASK = "＊＊＊"


def redact(text: str, order: WorkOrder) -> str:
    """The description without the complainant: their name, phone, ID number and address as
    recorded, any run of seven or more digits (phones, ID and card numbers) and e-mail addresses."""
    for value in (order.complainant_address, order.complainant_id_number, order.complainant_phone,
                  order.complainant_name):  # fmt: skip
        if value and len(value.strip()) > 1:
            text = text.replace(value.strip(), _MASK)
    text = _EMAIL.sub(_MASK, text)
    return _DIGITS.sub(_MASK, text)


def excerpt(order: WorkOrder) -> str:
    text = " ".join(redact(order.description or "", order).split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


def _example(order: WorkOrder) -> Example:
    return Example(order.number, clock.local(order.received_at).date(), excerpt(order))
