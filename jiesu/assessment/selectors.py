"""Reads of department assessment: the month asked for, data-quality counts, the ranking a viewer
may see, merchants worth an interview, and interviews. Scope is organisations.scope's one rule: a
district leader sees the departments and interviews of their subtree, the centre sees all."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from jiesu.analytics.measures import measures
from jiesu.analytics.models import OrderFact
from jiesu.analytics.periods import Period, report_period
from jiesu.assessment.choices import ASSESSED_KINDS, OPEN_STATUSES, VIEW_ROLES, Tier
from jiesu.assessment.models import AssessmentRun, DepartmentScore, Interview
from jiesu.core import clock
from jiesu.core.errors import Forbidden, InvalidInput, NotFound, field_error
from jiesu.merchants.models import Merchant
from jiesu.orders.choices import ExclusionState, OrderType
from jiesu.orders.selectors import order_scope
from jiesu.organisations.models import Department, Staff
from jiesu.organisations.scope import department_in_scope, department_scope_q, scope_path

#: Data quality looks at the orders a handling department works: complaints and reports (a
#: consultation is answered at intake and often has no respondent at all).
CHECKED_TYPES = (OrderType.COMPLAINT, OrderType.REPORT)
#: The drill-down list of the statistics pages (issue 6 item 1): the orders behind a number.
DRILL_URL = "/stats/orders/"


def month_parse(value: str | None) -> date:
    """The first day of YYYY-MM; empty means last month, the one the worker scores early each month."""
    if not value:
        return (clock.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    try:
        return report_period("monthly", value.strip()).date_from
    except InvalidInput:
        raise field_error("month", _("月份格式应为 YYYY-MM，如 2025-03")) from None


def month_period(month: date) -> Period:
    return report_period("monthly", f"{month:%Y-%m}")


def assessed_departments() -> list[Department]:
    return list(Department.objects.filter(is_active=True, kind__in=list(ASSESSED_KINDS)).order_by("path"))


@dataclass
class Quality:
    orders: int = 0
    concluded: int = 0
    missing_category: int = 0
    missing_address: int = 0
    missing_reply: int = 0

    @property
    def defects(self) -> int:
        return self.missing_category + self.missing_address + self.missing_reply

    @property
    def checks(self) -> int:
        """Fields examined: category and respondent address of each order received, the reply of
        each order concluded."""
        return 2 * self.orders + self.concluded


def data_quality(*, period: Period, departments: list[Department]) -> dict[int, Quality]:
    """Seed 004 (考核系统数据质量): per department with its subtree, the complaints and reports
    received in the period without a goods/services category or a respondent address, and those
    concluded in it without a reply. Orders are held where the measures hold them (the fact's
    responsible department) and excluded orders are left out, as in every measure."""
    facts = OrderFact.objects.filter(excluded=False, type__in=CHECKED_TYPES)
    received = (
        facts.filter(received_on__range=(period.date_from, period.date_to))
        .values("holder")
        .annotate(
            n=Count("pk"),
            category=Count("pk", filter=Q(order__category="")),
            address=Count("pk", filter=Q(order__respondent_address="")),
        )
        .order_by()
    )
    concluded = (
        facts.filter(concluded_on__range=(period.date_from, period.date_to))
        .values("holder")
        .annotate(n=Count("pk"), reply=Count("pk", filter=Q(order__reply="")))
        .order_by()
    )
    paths = dict(Department.objects.values_list("pk", "path"))
    out = {d.pk: Quality() for d in departments}
    for rows, fill in ((received, _fill_received), (concluded, _fill_concluded)):
        for row in rows:
            path = paths.get(row["holder"])
            if path is None:
                continue
            for department in departments:
                if path.startswith(department.path):
                    fill(out[department.pk], row)
    return out


def _fill_received(quality: Quality, row: dict) -> None:
    quality.orders += row["n"]
    quality.missing_category += row["category"]
    quality.missing_address += row["address"]


def _fill_concluded(quality: Quality, row: dict) -> None:
    quality.concluded += row["n"]
    quality.missing_reply += row["reply"]


def require_viewer(viewer: Staff) -> None:
    if not viewer.has_role(*VIEW_ROLES):
        raise Forbidden(_("只有领导或派单员可以查看部门考核"))


@dataclass(frozen=True)
class MeasureCell:
    key: str
    value: object
    numerator: object
    denominator: int | None
    #: The statistics drill-down (issue 6 item 1): the orders the numerator / denominator counted.
    numerator_url: str
    denominator_url: str

    @property
    def text(self) -> str:
        """A rate as a percentage with one decimal, a sum of money as is; "—" with nothing to measure."""
        if self.value is None:
            return "—"
        if self.denominator is None:
            return str(self.value)
        return f"{float(self.value) * 100:.1f}%"


@dataclass
class ScoreRow:
    score: DepartmentScore
    cells: list[MeasureCell]


@dataclass
class ScoreTable:
    month: date
    period: Period
    run: AssessmentRun | None
    tiers: list[tuple[str, str, list[ScoreRow]]] = field(default_factory=list)

    @property
    def rows(self) -> list[ScoreRow]:
        return [row for _tier, _label, rows in self.tiers for row in rows]


def rate_keys() -> list[str]:
    return [m.key for m in measures() if m.is_rate]


def measure_labels() -> dict[str, str]:
    return {m.key: str(m.label) for m in measures()}


def drill_link(*, key: str, part: str, period: Period, department: str) -> str:
    query = {"measure": key, "part": part, "from": period.date_from.isoformat(), "to": period.date_to.isoformat(),
             "department": department}  # fmt: skip
    return f"{DRILL_URL}?{urlencode(query)}"


def cell_keys() -> list[str]:
    """The measures the ranking shows: every rate, then recovered loss."""
    return [*rate_keys(), "recovered_loss"]


def _cell(score: DepartmentScore, key: str, period: Period) -> MeasureCell:
    value = score.measures.get(key) or {}
    code = score.department.code
    return MeasureCell(
        key,
        value.get("value"),
        value.get("numerator"),
        value.get("denominator"),
        drill_link(key=key, part="numerator", period=period, department=code),
        drill_link(key=key, part="denominator", period=period, department=code),
    )


def score_table(*, viewer: Staff, month: date) -> ScoreTable:
    """The month's ranking as the viewer may see it: each tier in rank order, unscored departments
    last. Ranks and averages stay those of the whole tier: a district leader sees where their
    offices stand among all offices, not a re-ranking of their own."""
    require_viewer(viewer)
    period = month_period(month)
    scores = (
        DepartmentScore.objects.filter(month=month)
        .filter(department_scope_q(viewer, "department"))
        .select_related("department", "interview")
    )
    keys = cell_keys()
    by_tier: dict[str, list[ScoreRow]] = {tier: [] for tier in Tier.values}
    for score in sorted(scores, key=lambda s: (s.rank is None, s.rank or 0, s.department.path)):
        by_tier[score.tier].append(ScoreRow(score, [_cell(score, key, period) for key in keys]))
    table = ScoreTable(month, period, AssessmentRun.objects.filter(month=month).first())
    table.tiers = [(tier, str(label), by_tier[tier]) for tier, label in Tier.choices if by_tier[tier]]
    return table


@dataclass
class MerchantCandidate:
    merchant: Merchant
    complaints: int
    open_interview: bool


def merchant_candidates(*, viewer: Staff, month: date, limit: int = 10) -> list[MerchantCandidate]:
    """Seed 004: the merchants most complained about in the month, from
    JIESU_INTERVIEW_MERCHANT_MIN_COMPLAINTS complaints up, in the viewer's scope, most first, with
    whether an interview of them is already open."""
    require_viewer(viewer)
    period = month_period(month)
    rows = (
        order_scope(viewer)
        .filter(
            type=OrderType.COMPLAINT, merchant__isnull=False,
            received_at__gte=clock.start_of_day(period.date_from),
            received_at__lt=clock.start_of_day(period.date_to + timedelta(days=1)),
        )
        .exclude(exclusion_state=ExclusionState.EXCLUDED)
        .values("merchant")
        .annotate(n=Count("pk"))
        .filter(n__gte=settings.JIESU_INTERVIEW_MERCHANT_MIN_COMPLAINTS)
        .order_by("-n", "merchant")[:limit]
    )  # fmt: skip
    counts = {row["merchant"]: row["n"] for row in rows}
    open_q = Interview.objects.filter(merchant=OuterRef("pk"), status__in=OPEN_STATUSES)
    merchants = Merchant.objects.filter(pk__in=counts).annotate(open=Exists(open_q))
    found = [MerchantCandidate(m, counts[m.pk], m.open) for m in merchants]
    return sorted(found, key=lambda c: (-c.complaints, c.merchant.name))


def merchant_complaints(*, merchant: Merchant, month: date) -> int:
    period = month_period(month)
    return (
        merchant.orders.filter(
            type=OrderType.COMPLAINT,
            received_at__gte=clock.start_of_day(period.date_from),
            received_at__lt=clock.start_of_day(period.date_to + timedelta(days=1)),
        )
        .exclude(exclusion_state=ExclusionState.EXCLUDED)
        .count()
    )


def interview_scope(viewer: Staff) -> QuerySet[Interview]:
    """Interviews of departments in the viewer's subtree, and those their subtree organised (a
    merchant interview belongs to the department that holds it)."""
    qs = Interview.objects.select_related(
        "department", "merchant", "organiser", "follow_up_owner", "created_by"
    )
    if scope_path(viewer) is None:
        return qs
    return qs.filter(department_scope_q(viewer, "department") | department_scope_q(viewer, "organiser"))


def interview_list(*, viewer: Staff, status: str = "") -> QuerySet[Interview]:
    require_viewer(viewer)
    qs = interview_scope(viewer)
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def interview_get(*, viewer: Staff, pk: int) -> Interview:
    """One interview in scope; out of scope it is "not found", like an order (style.md rule 7)."""
    require_viewer(viewer)
    found = interview_scope(viewer).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("约谈记录不存在"))
    return found


def department_by_code(code: str, *, viewer: Staff) -> Department:
    found = Department.objects.filter(code=code, is_active=True).first()
    if found is None or not department_in_scope(viewer, found) or found.kind not in ASSESSED_KINDS:
        raise field_error("department", _("部门不存在：%(code)s") % {"code": code})
    return found
