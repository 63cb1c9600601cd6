"""Reads of quality control for the UI and the API alike (style.md rule 7): one scope rule per
thing. A sample's inspections are seen by the department they were drawn in (the handling
department's subtree); a batch or a campaign made for a subtree by whoever can see it; one made for
every department only by those who see everything. Anything outside is "not found"."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from jiesu.core import clock
from jiesu.core.errors import InvalidInput, NotFound, field_error
from jiesu.core.paging import DEFAULT_LIMIT, cursor_decode, cursor_encode, cursor_invalid, page_limit
from jiesu.orders.choices import Satisfaction
from jiesu.orders.models import WorkOrder
from jiesu.organisations.models import Department, Staff
from jiesu.organisations.scope import department_in_scope, department_scope_q, scope_path
from jiesu.quality.choices import CONCLUDED_STATUSES, VISITED_STATUSES, CampaignResult, Verdict
from jiesu.quality.models import Inspection, ReviewCampaign, ReviewCampaignOrder, SampleBatch

INSPECTION_STATES = ("pending", "done")


@dataclass
class Page:
    items: list
    next_cursor: str | None


def day_parse(value, name: str) -> date | None:
    """A YYYY-MM-DD from a form or a query string; a bad one names its field."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        day = parse_date(str(value).strip())
    except ValueError:
        day = None
    if day is None:
        raise field_error(name, _("日期格式应为 YYYY-MM-DD"))
    return day


def period_check(
    start: date | None, end: date | None, *, start_field: str, end_field: str
) -> tuple[date, date]:
    """Both ends of a period are required and in order; the errors name the fields the caller used."""
    errors = {}
    if start is None:
        errors[start_field] = [_("必填")]
    if end is None:
        errors[end_field] = [_("必填")]
    if not errors and end < start:
        errors[end_field] = [_("结束日期不能早于开始日期")]
    if errors:
        raise InvalidInput(_("期间有误"), fields=errors)
    return start, end


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00) in Asia/Shanghai: the dates are local days."""
    return clock.start_of_day(start), clock.start_of_day(end + timedelta(days=1))


def department_by_code(code: str, *, viewer: Staff, name: str = "department") -> Department | None:
    """A department the viewer may look at, by code; one outside their scope does not exist for them."""
    if not code:
        return None
    department = Department.objects.filter(code=code).first()
    if department is None or not department_in_scope(viewer, department):
        raise field_error(name, _("部门不存在：%(code)s") % {"code": code})
    return department


def concluded_orders(
    *, period_start: date, period_end: date, department: Department | None
) -> QuerySet[WorkOrder]:
    """The population of a draw: orders a handling department concluded in the period and that are
    still concluded, visited or archived (one reopened meanwhile is being handled again)."""
    start, end = period_bounds(period_start, period_end)
    qs = WorkOrder.objects.filter(
        status__in=CONCLUDED_STATUSES,
        department__isnull=False,
        concluded_at__gte=start,
        concluded_at__lt=end,
    )
    if department is not None:
        qs = qs.filter(department__path__startswith=department.path)
    return qs


# Sampling and inspections -------------------------------------------------------------------


def inspection_scope(viewer: Staff) -> QuerySet[Inspection]:
    return Inspection.objects.filter(department_scope_q(viewer, "department"))


def _owned_q(viewer: Staff) -> Q:
    """Batches and campaigns made for a subtree the viewer sees; those for every department (no
    department) only for viewers who see everything."""
    prefix = scope_path(viewer)
    if prefix is None:
        return Q()
    return Q(department__path__startswith=prefix)


def batch_scope(viewer: Staff) -> QuerySet[SampleBatch]:
    """Batches drawn for the viewer's subtree, and citywide ones holding inspections of it: a
    district's inspector works through their part of the centre's monthly draw."""
    prefix = scope_path(viewer)
    if prefix is None:
        return SampleBatch.objects.all()
    mine = Inspection.objects.filter(batch_id=OuterRef("pk"), department__path__startswith=prefix)
    return SampleBatch.objects.filter(_owned_q(viewer) | Exists(mine))


def batch_list(*, viewer: Staff, limit: int = 50) -> list[SampleBatch]:
    """The latest batches, each with its sampled and inspected counts within the viewer's scope."""
    mine = department_scope_q(viewer, "inspections__department")
    qs = (
        batch_scope(viewer)
        .select_related("department", "drawn_by")
        .annotate(
            sampled=Count("inspections", filter=mine),
            inspected=Count("inspections", filter=mine & ~Q(inspections__verdict="")),
        )
    )
    return list(qs.order_by("-drawn_at", "-id")[:limit])


def batch_get(*, viewer: Staff, pk) -> SampleBatch:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound(_("抽样批次不存在")) from None
    batch = batch_scope(viewer).select_related("department", "drawn_by").filter(pk=pk).first()
    if batch is None:
        raise NotFound(_("抽样批次不存在"))
    return batch


@dataclass
class DepartmentProgress:
    code: str
    name: str
    sampled: int
    inspected: int
    verdicts: dict[str, int]


def batch_progress(*, batch: SampleBatch, viewer: Staff) -> list[DepartmentProgress]:
    """Per handling department of the viewer's scope: drawn, inspected and each verdict's count."""
    rows = (
        inspection_scope(viewer)
        .filter(batch=batch)
        .values("department__code", "department__name", "department__path", "verdict")
        .annotate(n=Count("id"))
        .order_by("department__path")
    )
    result: dict[str, DepartmentProgress] = {}
    for row in rows:
        item = result.setdefault(
            row["department__code"],
            DepartmentProgress(
                row["department__code"], row["department__name"], 0, 0, {v: 0 for v in Verdict.values}
            ),
        )
        item.sampled += row["n"]
        if row["verdict"]:
            item.inspected += row["n"]
            item.verdicts[row["verdict"]] += row["n"]
    return list(result.values())


@dataclass
class InspectionFilters:
    #: The days the sampled orders were concluded (a month's 质量通报 covers that month's orders).
    date_from: str = ""
    date_to: str = ""
    department: str = ""
    batch: str = ""
    state: str = ""
    verdict: str = ""


def _cursor_id(cursor: str) -> int:
    parts = cursor_decode(cursor)
    if len(parts) != 1 or not parts[0].isdigit():
        raise cursor_invalid()
    return int(parts[0])


def inspection_filter(
    qs: QuerySet[Inspection], filters: InspectionFilters, *, viewer: Staff
) -> QuerySet[Inspection]:
    """The one filter definition behind the sample page and `GET /api/v1/quality/inspections`."""
    f = filters
    start = day_parse(f.date_from, "from")
    end = day_parse(f.date_to, "to")
    if start and end and end < start:
        raise field_error("to", _("结束日期不能早于开始日期"))
    if start:
        qs = qs.filter(order_concluded_at__gte=clock.start_of_day(start))
    if end:
        qs = qs.filter(order_concluded_at__lt=clock.start_of_day(end + timedelta(days=1)))
    department = department_by_code(f.department, viewer=viewer)
    if department is not None:
        qs = qs.filter(department__path__startswith=department.path)
    if f.batch:
        if not str(f.batch).isdigit():
            raise field_error("batch", _("无效的取值：%(v)s") % {"v": f.batch})
        qs = qs.filter(batch_id=int(f.batch))
    if f.state:
        if f.state not in INSPECTION_STATES:
            raise field_error("state", _("无效的取值：%(v)s") % {"v": f.state})
        qs = qs.exclude(verdict="") if f.state == "done" else qs.filter(verdict="")
    if f.verdict:
        if f.verdict not in Verdict.values:
            raise field_error("verdict", _("无效的取值：%(v)s") % {"v": f.verdict})
        qs = qs.filter(verdict=f.verdict)
    return qs


def inspection_list(
    *, viewer: Staff, filters: InspectionFilters, cursor: str = "", limit=DEFAULT_LIMIT
) -> Page:
    """In draw order (id), keyset-paged: a page costs the same however far down it is."""
    limit = page_limit(limit)
    qs = inspection_filter(inspection_scope(viewer), filters, viewer=viewer)
    if cursor:
        qs = qs.filter(id__gt=_cursor_id(cursor))
    qs = qs.select_related("order", "department", "inspector", "batch")
    rows = list(qs.order_by("id")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, cursor_encode(rows[-1].pk) if more else None)


def inspection_get(*, viewer: Staff, pk) -> Inspection:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound(_("抽检记录不存在")) from None
    qs = inspection_scope(viewer).select_related(
        "order", "order__handler", "department", "inspector", "batch"
    )
    inspection = qs.filter(pk=pk).first()
    if inspection is None:
        raise NotFound(_("抽检记录不存在"))
    return inspection


# 回头看 campaigns ----------------------------------------------------------------------------


def campaign_scope(viewer: Staff) -> QuerySet[ReviewCampaign]:
    return ReviewCampaign.objects.filter(_owned_q(viewer))


def campaign_list(*, viewer: Staff, limit: int = 50) -> list[ReviewCampaign]:
    qs = (
        campaign_scope(viewer)
        .select_related("department", "created_by")
        .annotate(
            reopened=Count("items", filter=Q(items__result=CampaignResult.REOPENED)),
            failed=Count("items", filter=Q(items__result=CampaignResult.FAILED)),
        )
    )
    return list(qs.order_by("-created_at", "-id")[:limit])


def campaign_get(*, viewer: Staff, pk) -> ReviewCampaign:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound(_("回头看活动不存在")) from None
    campaign = campaign_scope(viewer).select_related("department", "created_by").filter(pk=pk).first()
    if campaign is None:
        raise NotFound(_("回头看活动不存在"))
    return campaign


def reopen_scope_q(viewer: Staff) -> Q:
    """The orders a reopening may touch, as `order_in_actor_scope` of the workflow judges them: the
    handling department in the viewer's subtree, or the intake department when none handled it."""
    prefix = scope_path(viewer)
    if prefix is None:
        return Q()
    return Q(department__path__startswith=prefix) | Q(
        department__isnull=True, intake_department__path__startswith=prefix
    )


def campaign_candidates(*, campaign: ReviewCampaign, viewer: Staff) -> QuerySet[WorkOrder]:
    """The orders the campaign would reopen now: visited or archived, visited in the period, the
    complainant unsatisfied and/or the problem unresolved (as the campaign asks), inside the
    campaign's department and line and the viewer's scope, and not reopened by this campaign yet.
    Resolution and satisfaction count by visit date, as the rates do (issue 6 item 1)."""
    start, end = period_bounds(campaign.period_start, campaign.period_end)
    wanted = Q(pk__in=[])
    if campaign.unsatisfied:
        wanted |= Q(satisfaction=Satisfaction.UNSATISFIED)
    if campaign.unresolved:
        wanted |= Q(resolved=False)
    qs = WorkOrder.objects.filter(
        status__in=VISITED_STATUSES, visited_at__gte=start, visited_at__lt=end
    ).filter(wanted)
    qs = qs.filter(reopen_scope_q(viewer))
    if campaign.department_id is not None:
        qs = qs.filter(department__path__startswith=campaign.department.path)
    if campaign.line:
        qs = qs.filter(line=campaign.line)
    done = ReviewCampaignOrder.objects.filter(
        campaign=campaign, order_id=OuterRef("pk"), result=CampaignResult.REOPENED
    )
    return qs.exclude(Exists(done)).select_related("department", "handler").order_by("visited_at", "id")


def campaign_items(*, campaign: ReviewCampaign, viewer: Staff) -> list[ReviewCampaignOrder]:
    """What the campaign did, for the orders within the viewer's scope."""
    qs = ReviewCampaignOrder.objects.filter(campaign=campaign).filter(
        Exists(WorkOrder.objects.filter(reopen_scope_q(viewer), pk=OuterRef("order_id")))
    )
    return list(qs.select_related("order", "order__department", "actor").order_by("result", "id"))
