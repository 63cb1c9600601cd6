"""Writes of quality control: drawing a sample, recording an inspector's verdict, creating and
running a 回头看 campaign.

Seed 004 has a designated person draw a share of the concluded complaints at random each month and
judge how they were handled (回访考核制度, 质量通报); seed 001 reopens the unsatisfied and the
unresolved orders of a period (回头看). Reopening goes through the workflow's own `do_reopen`, one
order per transaction, so each reopened order carries its event and its new conclusion deadline,
and one refusal leaves the others done.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jiesu.core import clock
from jiesu.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound, field_error
from jiesu.orders.models import WorkOrder
from jiesu.orders.workflow.actions import do_reopen
from jiesu.orders.workflow.rules import lock_order
from jiesu.organisations.models import Department, Staff
from jiesu.organisations.scope import department_in_scope, sees_everything
from jiesu.quality import sampling
from jiesu.quality.choices import (
    CAMPAIGN_ROLES,
    INSPECT_ROLES,
    SAMPLE_ROLES,
    CampaignResult,
    Problem,
    Verdict,
)
from jiesu.quality.models import Inspection, ReviewCampaign, ReviewCampaignOrder, SampleBatch
from jiesu.quality.selectors import (
    campaign_candidates,
    campaign_scope,
    concluded_orders,
    period_check,
    reopen_scope_q,
)
from jiesu.taxonomy.selectors import Kind, taxonomy_entries

MAX_COMMENT = 2000


def _rate(value) -> Decimal:
    try:
        rate = Decimal(str(value)).quantize(Decimal("0.001"))
    except (InvalidOperation, ValueError):
        raise field_error("rate", _("抽样比例应为 0 到 1 之间的小数，如 0.1")) from None
    if not Decimal(0) < rate <= Decimal(1):
        raise field_error("rate", _("抽样比例应大于 0 且不超过 1（100%）"))
    return rate


def _draw_department(actor: Staff | None, department: Department | None) -> Department | None:
    """The subtree drawn: the one asked for, if the actor sees it; else the actor's own department
    unless they see everything (then every department)."""
    if actor is None:
        return department
    if department is not None:
        if not department_in_scope(actor, department):
            raise field_error("department", _("部门不存在：%(code)s") % {"code": department.code})
        return department
    if sees_everything(actor):
        return None
    if actor.department_id is None:
        raise Forbidden(_("您不属于任何部门，不能抽样"))
    return actor.department


def sample_draw(
    *,
    actor: Staff | None,
    period_start: date | None,
    period_end: date | None,
    rate=None,
    department: Department | None = None,
    scheduled: bool = False,
) -> SampleBatch:
    """Draw round(rate × concluded orders) of each handling department's orders concluded in the
    period, never an order sampled before. The rate is a share of the period's concluded orders, so
    drawing the same period again tops a department up to it rather than doubling it, and a
    department that already has its share gets nothing new. `actor` is None only for the monthly job.

    Two draws over the same orders at once: the unique order of Inspection lets one win; the other
    changes nothing and is told to try again (409)."""
    if actor is not None and not actor.has_role(*SAMPLE_ROLES):
        raise Forbidden(_("只有回访/质检员或领导可以抽样"))
    period_start, period_end = period_check(
        period_start, period_end, start_field="period_start", end_field="period_end"
    )
    rate = _rate(settings.JIESU_QUALITY_SAMPLE_RATE if rate in (None, "") else rate)
    department = _draw_department(actor, department)
    try:
        with transaction.atomic():
            return _draw(
                actor=actor,
                period_start=period_start,
                period_end=period_end,
                rate=rate,
                department=department,
                scheduled=scheduled,
            )
    except IntegrityError:
        raise Conflict(_("另一次抽样正在进行或刚刚完成，请刷新后重试")) from None


def _draw(*, actor, period_start, period_end, rate, department, scheduled) -> SampleBatch:
    batch = SampleBatch.objects.create(
        period_start=period_start,
        period_end=period_end,
        department=department,
        rate=rate,
        seed=sampling.new_seed(),
        scheduled=scheduled,
        drawn_by=actor,
        drawn_at=clock.now(),
    )
    rows = concluded_orders(
        period_start=period_start, period_end=period_end, department=department
    ).values_list("pk", "number", "department_id", "concluded_at", "quality_inspection__id")
    by_department: dict[int, list[tuple]] = {}
    for row in rows:
        by_department.setdefault(row[2], []).append(row)
    departments = Department.objects.in_bulk(list(by_department))
    strata, drawn = [], []
    for department_id in sorted(by_department, key=lambda pk: departments[pk].path):
        orders = by_department[department_id]
        already = sum(1 for row in orders if row[4] is not None)
        pool = {row[1]: row for row in orders if row[4] is None}
        k = max(0, sampling.sample_size(rate, len(orders)) - already)
        picked = sampling.pick(batch.seed, pool, k)
        drawn.extend(
            Inspection(
                batch=batch,
                order_id=pool[number][0],
                department_id=department_id,
                order_concluded_at=pool[number][3],
                rank=value,
            )
            for number, value in picked
        )
        dept = departments[department_id]
        strata.append(
            {
                "code": dept.code,
                "name": dept.name,
                "population": len(orders),
                "already": already,
                "drawn": len(picked),
            }
        )
    Inspection.objects.bulk_create(drawn)
    batch.population = sum(s["population"] for s in strata)
    batch.strata = strata
    batch.save(update_fields=["population", "strata"])
    return batch


@dataclass
class MonthlyDraw:
    sampled: int = 0


def quality_sample_monthly(*, now=None) -> MonthlyDraw:
    """Periodic job (JIESU_PERIODIC_JOBS): once a month, last month's sample for every department at
    JIESU_QUALITY_SAMPLE_RATE. Every worker runs it every period; one indexed look-up finds the month
    drawn, and when two workers draw at once the unique scheduled-period key lets exactly one batch
    in (the other's transaction changes nothing and it finds the batch next period)."""
    first = clock.local(now or clock.now()).date().replace(day=1)
    end = first - timedelta(days=1)
    start = end.replace(day=1)
    if SampleBatch.objects.filter(scheduled=True, period_start=start, period_end=end).exists():
        return MonthlyDraw()
    try:
        batch = sample_draw(actor=None, period_start=start, period_end=end, scheduled=True)
    except Conflict:
        return MonthlyDraw()
    return MonthlyDraw(sampled=batch.inspections.count())


def _problems(value, verdict: str) -> list[str]:
    codes = list(dict.fromkeys(value or ()))
    bad = [c for c in codes if c not in Problem.values]
    if bad:
        raise field_error("problems", _("无效的问题代码：%(v)s") % {"v": ",".join(map(str, bad))})
    if verdict == Verdict.QUALIFIED and codes:
        raise field_error("problems", _("结论为合格时不应列出问题；有问题请选“基本合格”或“不合格”"))
    if verdict != Verdict.QUALIFIED and not codes:
        raise field_error(
            "problems", _("结论为“%(v)s”时请至少选择一项发现的问题") % {"v": Verdict(verdict).label}
        )
    return codes


@transaction.atomic
def inspection_record(
    *, inspection: Inspection, actor: Staff, verdict: str, problems=(), comment: str = ""
) -> Inspection:
    """Record the inspector's verdict once. A non-qualified verdict names what was wrong (the codes
    the 质量通报 counts), and "other" or "unqualified" needs the inspector's words. A verdict is final
    here: a second one is 409, so the report a department was shown does not change behind it."""
    try:
        inspection = (
            Inspection.objects.select_for_update().select_related("department", "order").get(pk=inspection.pk)
        )
    except Inspection.DoesNotExist:
        raise NotFound(_("抽检记录不存在")) from None
    if not department_in_scope(actor, inspection.department):
        raise NotFound(_("抽检记录不存在"))
    if not actor.has_role(*INSPECT_ROLES):
        raise Forbidden(_("只有回访/质检员可以登记质检结论"))
    if inspection.verdict:
        raise Conflict(_("该工单已有质检结论"))
    if verdict not in Verdict.values:
        raise field_error(
            "verdict",
            _("请选择质检结论：合格、基本合格或不合格")
            if not verdict
            else _("无效的质检结论：%(v)s") % {"v": verdict},
        )
    codes = _problems(problems, verdict)
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise field_error("comment", _("质检意见不能超过 %(n)d 字") % {"n": MAX_COMMENT})
    if not comment and (verdict == Verdict.UNQUALIFIED or Problem.OTHER in codes):
        raise field_error("comment", _("不合格或选择“其他”问题时请填写质检意见"))
    inspection.verdict, inspection.problems, inspection.comment = verdict, codes, comment
    inspection.inspector, inspection.inspected_at = actor, clock.now()
    inspection.save(update_fields=["verdict", "problems", "comment", "inspector", "inspected_at"])
    return inspection


def _require_campaign_role(actor: Staff) -> None:
    if not actor.has_role(*CAMPAIGN_ROLES):
        raise Forbidden(_("只有派单员或领导可以开展回头看"))


@transaction.atomic
def campaign_create(
    *,
    actor: Staff,
    name: str,
    period_start: date | None,
    period_end: date | None,
    unsatisfied: bool,
    unresolved: bool,
    reason: str,
    department: Department | None = None,
    line: str = "",
) -> ReviewCampaign:
    """A campaign for a subtree the actor sees: the one asked for, else their own department (or
    every department for the centre and the municipal bureau), so it is seen by the same people."""
    _require_campaign_role(actor)
    errors = {}
    name = (name or "").strip()
    reason = (reason or "").strip()
    if not name:
        errors["name"] = [_("请填写活动名称")]
    elif len(name) > 100:
        errors["name"] = [_("活动名称不能超过 100 字")]
    if not reason:
        errors["reason"] = [_("请填写重新办理的理由，它将记入每张工单的办理过程")]
    elif len(reason) > MAX_COMMENT:
        errors["reason"] = [_("理由不能超过 %(n)d 字") % {"n": MAX_COMMENT}]
    if not (unsatisfied or unresolved):
        errors["unsatisfied"] = [_("请至少选择“不满意”或“未解决”之一")]
    if line and line not in {entry.code for entry in taxonomy_entries(Kind.LINE, active=False)}:
        errors["line"] = [_("无效的取值：%(v)s") % {"v": line}]
    if errors:
        raise InvalidInput(_("回头看活动信息有误"), fields=errors)
    period_start, period_end = period_check(
        period_start, period_end, start_field="period_start", end_field="period_end"
    )
    if department is not None and not department_in_scope(actor, department):
        raise field_error("department", _("部门不存在：%(code)s") % {"code": department.code})
    if department is None and not sees_everything(actor):
        if actor.department_id is None:
            raise Forbidden(_("您不属于任何部门，不能开展回头看"))
        department = actor.department
    return ReviewCampaign.objects.create(
        name=name,
        period_start=period_start,
        period_end=period_end,
        unsatisfied=bool(unsatisfied),
        unresolved=bool(unresolved),
        department=department,
        line=line or "",
        reason=reason,
        created_by=actor,
        created_at=clock.now(),
    )


@dataclass
class Refusal:
    number: str
    detail: str


@dataclass
class LaunchResult:
    reopened: list[WorkOrder] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


def campaign_launch(
    *, campaign: ReviewCampaign, actor: Staff, numbers: list[str] | None = None
) -> LaunchResult:
    """Reopen the campaign's orders: those it selects now, or of them only the `numbers` the actor
    confirmed from the preview. Each through `do_reopen` in its own transaction with the campaign's
    record of it, so a refusal (the status moved meanwhile, the order left the scope) is reported
    and recorded while the others stay reopened. Confirmed orders that no longer match are reported
    too; orders outside the actor's scope are reported as not found and leave no record."""
    _require_campaign_role(actor)
    if not campaign_scope(actor).filter(pk=campaign.pk).exists():
        raise NotFound(_("回头看活动不存在"))
    candidates = {o.number: o for o in campaign_candidates(campaign=campaign, viewer=actor)}
    result = LaunchResult()
    if numbers is None:
        targets = list(candidates.values())
    else:
        wanted = list(dict.fromkeys(n.strip() for n in numbers if n and n.strip()))
        known = {o.number: o for o in WorkOrder.objects.filter(reopen_scope_q(actor), number__in=wanted)}
        targets = []
        for number in wanted:
            if number in candidates:
                targets.append(candidates[number])
            elif number in known:
                _record_refusal(
                    campaign,
                    known[number],
                    actor,
                    _("已不符合本次回头看的条件（可能已被重新办理或状态已变化）"),
                    result,
                )
            else:
                result.refused.append(Refusal(number, _("工单不存在")))
    for order in targets:
        try:
            result.reopened.append(_reopen_one(campaign, order, actor))
        except DomainError as exc:
            _record_refusal(campaign, order, actor, exc.detail, result)
    ReviewCampaign.objects.filter(pk=campaign.pk).update(last_run_at=clock.now())
    return result


@transaction.atomic
def _reopen_one(campaign: ReviewCampaign, order: WorkOrder, actor: Staff) -> WorkOrder:
    """Lock first so the visit's answers kept on the record are the ones `do_reopen` then clears."""
    locked = lock_order(order.pk)
    before = {
        "status_before": locked.status,
        "satisfaction": locked.satisfaction,
        "resolved": locked.resolved,
        "visited_at": locked.visited_at,
    }
    reopened = do_reopen(order=locked, actor=actor, reason=campaign.reason)
    ReviewCampaignOrder.objects.update_or_create(
        campaign=campaign,
        order=reopened,
        defaults={
            **before,
            "result": CampaignResult.REOPENED,
            "detail": "",
            "actor": actor,
            "at": clock.now(),
        },
    )
    return reopened


def _record_refusal(campaign, order: WorkOrder, actor: Staff, detail: str, result: LaunchResult) -> None:
    """Report a refusal and keep it on the campaign's record, unless this campaign has reopened the
    order already (a double submit, or a colleague's run of the same campaign): that one is done."""
    with transaction.atomic():
        order = WorkOrder.objects.get(pk=order.pk)
        item = ReviewCampaignOrder.objects.select_for_update().filter(campaign=campaign, order=order).first()
        if item is not None and item.result == CampaignResult.REOPENED:
            return
        values = {
            "result": CampaignResult.FAILED,
            "detail": detail[:500],
            "status_before": order.status,
            "satisfaction": order.satisfaction,
            "resolved": order.resolved,
            "visited_at": order.visited_at,
            "actor": actor,
            "at": clock.now(),
        }
        if item is None:
            ReviewCampaignOrder.objects.create(campaign=campaign, order=order, **values)
        else:
            ReviewCampaignOrder.objects.filter(pk=item.pk).update(**values)
    result.refused.append(Refusal(order.number, detail))
