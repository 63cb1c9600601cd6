"""Writes of department assessment: scoring a month (and the 约谈 rule of seed 001), and interviews
from proposal to follow-up done, with the follow-up chased like any deadline.

Seed 001: "定期考核通报……形成考核排名表，对连续三个月工作开展不力、数据持续低于全市平均水平的部门进行约谈".
Seed 004: "将连续数月排名位居前列的经营者……约请单位负责人面谈，指出存在问题，提出整改建议", and its
monthly 质量通报 scores the data each department records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiesu.analytics.measures import department_measures
from jiesu.assessment import scoring
from jiesu.assessment.choices import (
    ASSESSED_KINDS,
    DATA_QUALITY,
    INTERVIEW_ROLES,
    OPEN_STATUSES,
    InterviewOrigin,
    InterviewStatus,
)
from jiesu.assessment.models import AssessmentRun, AssessmentWeight, DepartmentScore, Interview
from jiesu.assessment.selectors import (
    assessed_departments,
    data_quality,
    interview_scope,
    merchant_complaints,
    month_period,
    rate_keys,
)
from jiesu.core import clock
from jiesu.core.errors import Conflict, Forbidden, InvalidInput, InvalidTransition, NotFound, field_error
from jiesu.deadlines.holidays import calendar_load
from jiesu.deadlines.ladder import KIND_OF, Step, deliver_at, ladder
from jiesu.deadlines.recipients import Directory
from jiesu.deadlines.reminders import working_hours
from jiesu.deadlines.sweep import active_rules
from jiesu.merchants.models import Merchant
from jiesu.notifications.choices import NotificationChannel, NotificationStep
from jiesu.notifications.services import Draft, notifications_create
from jiesu.organisations.choices import DepartmentKind
from jiesu.organisations.models import Department, Staff
from jiesu.organisations.scope import department_in_scope

MAX_TEXT = 5000


def weights_current() -> dict[str, Decimal]:
    return dict(AssessmentWeight.objects.values_list("key", "weight"))


def _jsonable(values) -> dict:
    return {
        key: {"value": None if v.value is None else (str(v.value) if isinstance(v.value, Decimal) else v.value),
              "numerator": v.numerator, "denominator": v.denominator}
        for key, v in values.items()
    }  # fmt: skip


def _previous_month(month: date) -> date:
    return (month - timedelta(days=1)).replace(day=1)


def _lock_run(month: date) -> AssessmentRun:
    """The month's run row, created if need be and locked: two scorers of one month queue here."""
    run, _created = AssessmentRun.objects.select_for_update().get_or_create(month=month)
    return run


@transaction.atomic
def assessment_score(*, month: date) -> AssessmentRun:
    """Score every assessed department for `month` from the roll-up as it stands, rank each tier,
    and apply seed 001's rule. Re-running a month updates its rows in place (unique department and
    month); the streak reads the previous month's stored row, so months are scored in order."""
    run = _lock_run(month)
    _score(run)
    return run


def _score(run: AssessmentRun) -> None:
    month, period = run.month, month_period(run.month)
    weights = weights_current()
    quality_weight = weights.pop(DATA_QUALITY, Decimal(0))
    rate_weights = {key: weights.get(key, Decimal(0)) for key in rate_keys()}
    departments = assessed_departments()
    values = department_measures(period=period, departments=departments)
    quality = data_quality(period=period, departments=departments)
    computed = {}
    for department in departments:
        rates = {
            key: scoring.Rate(v.numerator or 0, v.denominator or 0)
            for key, v in values[department.pk].items() if key in rate_weights
        }  # fmt: skip
        q = quality[department.pk]
        computed[department.pk] = scoring.department_score(
            rates, rate_weights, defects=q.defects, checks=q.checks, quality_weight=quality_weight
        )
    previous = dict(
        DepartmentScore.objects.filter(month=_previous_month(month)).values_list(
            "department_id", "months_below"
        )
    )
    streak_needed = settings.JIESU_ASSESSMENT_MONTHS_BELOW
    for tier in set(ASSESSED_KINDS.values()):
        members = [d for d in departments if ASSESSED_KINDS[d.kind] == tier]
        standings, average = scoring.ranking({d.pk: computed[d.pk].score for d in members})
        for department in members:
            result, standing, q = computed[department.pk], standings[department.pk], quality[department.pk]
            months_below = previous.get(department.pk, 0) + 1 if standing.below_average else 0
            flagged = months_below >= streak_needed
            score, _created = DepartmentScore.objects.update_or_create(
                department=department, month=month,
                defaults={
                    "run": run, "tier": tier, "measures": _jsonable(values[department.pk]),
                    "measure_part": result.measure_part, "orders": q.orders, "concluded": q.concluded,
                    "missing_category": q.missing_category, "missing_address": q.missing_address,
                    "missing_reply": q.missing_reply, "quality_deduction": result.quality_deduction,
                    "score": result.score, "rank": standing.rank, "average": average,
                    "below_average": standing.below_average, "months_below": months_below,
                    "interview_flag": flagged,
                },
            )  # fmt: skip
            interview = _propose_department(score) if flagged else None
            if score.interview_id != (interview.pk if interview else None):
                score.interview = interview
                score.save(update_fields=["interview"])
    run.scored_at = clock.now()
    run.weights = {key: str(w) for key, w in {**rate_weights, DATA_QUALITY: quality_weight}.items()}
    run.save(update_fields=["scored_at", "weights"])


def _centre() -> Department | None:
    return Department.objects.filter(kind=DepartmentKind.CENTRE, is_active=True).order_by("path").first()


def _propose_department(score: DepartmentScore) -> Interview | None:
    """The interview of a flagged department: the month's proposal if it exists (a re-run), the
    department's open interview if one is under way (it is being dealt with: no second summons),
    else a new proposal, with its leader and the centre's leaders told in their inbox."""
    existing = (
        Interview.objects.filter(department=score.department)
        .filter(Q(origin=InterviewOrigin.ASSESSMENT, month=score.month) | Q(status__in=OPEN_STATUSES))
        .order_by("-created_at", "-pk")
        .first()
    )
    if existing is not None:
        return existing
    months = score.months_below
    centre = _centre()
    interview = Interview.objects.create(
        department=score.department, organiser=centre, origin=InterviewOrigin.ASSESSMENT, month=score.month,
        status=InterviewStatus.PROPOSED, created_by=None, created_at=clock.now(),
        problems=_("连续 %(n)d 个月考核得分低于平均分；%(month)s 得分 %(score)s，平均分 %(average)s，排名第 %(rank)s") % {
            "n": months, "month": f"{score.month:%Y-%m}", "score": score.score, "average": score.average,
            "rank": score.rank},
    )  # fmt: skip
    directory = Directory([score.department_id, centre.pk if centre else None])
    recipients = directory.leaders(score.department_id) + (directory.leaders(centre.pk) if centre else [])
    if recipients:
        notifications_create([Draft(
            key=f"assessment-flag:{score.month:%Y-%m}:{score.department_id}", step=NotificationStep.ALERT,
            title=_("【约谈】%(name)s连续 %(n)d 个月考核低于平均分，建议约谈") % {
                "name": score.department.name, "n": months},
            body=interview.problems, recipients=list(dict.fromkeys(recipients)),
            channels=[NotificationChannel.INBOX], deliver_after=clock.now(),
        )])  # fmt: skip
    return interview


@dataclass
class MonthlyScore:
    scored: int = 0


def assessment_monthly(*, now: datetime | None = None) -> MonthlyScore:
    """Periodic job (JIESU_PERIODIC_JOBS): score last month once, from JIESU_ASSESSMENT_HOUR on the
    1st (the roll-up job before it in the list has caught up with the month's last events). Every
    worker runs it every period; one indexed look-up finds the month done, and two workers at once
    queue on the month's run row, the second finding it scored."""
    local = clock.local(now or clock.now())
    if local.day == 1 and local.hour < settings.JIESU_ASSESSMENT_HOUR:
        return MonthlyScore()
    first = local.date().replace(day=1)
    month = _previous_month(first)
    month_over = clock.start_of_day(first)
    if AssessmentRun.objects.filter(month=month, scored_at__gte=month_over).exists():
        return MonthlyScore()
    with transaction.atomic():
        run = _lock_run(month)
        if run.scored_at is not None and run.scored_at >= month_over:
            return MonthlyScore()
        _score(run)
    return MonthlyScore(scored=run.scores.count())


# Interviews ---------------------------------------------------------------------------------------


def _text(value: str | None, name: str, required: str | None = None) -> str:
    text = (value or "").strip()
    if required and not text:
        raise field_error(name, required)
    if len(text) > MAX_TEXT:
        raise field_error(name, _("不能超过 %(n)d 字") % {"n": MAX_TEXT})
    return text


def _require_role(actor: Staff) -> None:
    if not actor.has_role(*INTERVIEW_ROLES):
        raise Forbidden(_("只有领导可以安排和登记约谈"))


def _lock(actor: Staff, interview: Interview) -> Interview:
    """Lock, re-read, check scope (outside it: not found) and role."""
    found = interview_scope(actor).select_for_update(of=("self",)).filter(pk=interview.pk).first()
    if found is None:
        raise NotFound(_("约谈记录不存在"))
    _require_role(actor)
    return found


def _require_status(interview: Interview, *allowed: str) -> None:
    if interview.status not in allowed:
        raise InvalidTransition(
            _("约谈当前状态为“%(status)s”，不能执行此操作") % {"status": interview.get_status_display()}
        )


@transaction.atomic
def interview_create(
    *, actor: Staff, department: Department | None = None, merchant: Merchant | None = None,
    problems: str, planned_on: date | None = None, participants: str = "",
    origin: str = InterviewOrigin.MANUAL, month: date | None = None,
) -> Interview:  # fmt: skip
    """A leader summons a department of their subtree or a merchant; with a date it is planned,
    without one a proposal. The organiser is the leader's department, which chases the follow-up."""
    _require_role(actor)
    if (department is None) == (merchant is None):
        raise field_error("department", _("请选择被约谈的部门或经营者（二选一）"))
    if department is not None and (
        not department_in_scope(actor, department) or department.kind not in ASSESSED_KINDS
    ):
        raise field_error("department", _("部门不存在：%(code)s") % {"code": department.code})
    if origin not in InterviewOrigin.values:
        raise field_error("origin", _("无效的约谈原因：%(v)s") % {"v": origin})
    problems = _text(problems, "problems", _("请填写存在的问题"))
    participants = _text(participants, "participants")
    if planned_on is not None and planned_on < clock.today():
        raise field_error("planned_on", _("约谈日期不能早于今天"))
    return Interview.objects.create(
        department=department, merchant=merchant, organiser=actor.department, origin=origin, month=month,
        status=InterviewStatus.PLANNED if planned_on else InterviewStatus.PROPOSED, planned_on=planned_on,
        participants=participants, problems=problems, created_by=actor, created_at=clock.now(),
    )  # fmt: skip


@transaction.atomic
def interview_propose_merchant(*, actor: Staff, merchant: Merchant, month: date) -> Interview:
    """From the ranking page: a merchant with at least JIESU_INTERVIEW_MERCHANT_MIN_COMPLAINTS
    complaints in the month is proposed for an interview, with the count as its problem. One open
    interview per merchant: a second proposal is 409."""
    _require_role(actor)
    # Two leaders proposing the same merchant at once queue on its row; the second sees the first's.
    Merchant.objects.select_for_update().filter(pk=merchant.pk).first()
    if Interview.objects.filter(merchant=merchant, status__in=OPEN_STATUSES).exists():
        raise Conflict(_("该经营者已有未完成的约谈"))
    complaints = merchant_complaints(merchant=merchant, month=month)
    threshold = settings.JIESU_INTERVIEW_MERCHANT_MIN_COMPLAINTS
    if complaints < threshold:
        raise InvalidInput(_("%(month)s 投诉 %(n)d 件，未达到约谈建议的 %(t)d 件") % {
            "month": f"{month:%Y-%m}", "n": complaints, "t": threshold})  # fmt: skip
    return interview_create(
        actor=actor, merchant=merchant, origin=InterviewOrigin.COMPLAINTS, month=month,
        problems=_("%(month)s 被投诉 %(n)d 件，投诉集中") % {"month": f"{month:%Y-%m}", "n": complaints},
    )  # fmt: skip


@transaction.atomic
def interview_plan(
    *, actor: Staff, interview: Interview, planned_on: date | None, participants: str = ""
) -> Interview:
    interview = _lock(actor, interview)
    _require_status(interview, InterviewStatus.PROPOSED, InterviewStatus.PLANNED)
    if planned_on is None:
        raise field_error("planned_on", _("请填写约谈日期"))
    if planned_on < clock.today():
        raise field_error("planned_on", _("约谈日期不能早于今天"))
    interview.planned_on = planned_on
    interview.participants = _text(participants, "participants") or interview.participants
    interview.status = InterviewStatus.PLANNED
    interview.save(update_fields=["planned_on", "participants", "status"])
    return interview


@transaction.atomic
def interview_hold(
    *, actor: Staff, interview: Interview, held_on: date | None, participants: str, problems: str, result: str,
    follow_up: str, follow_up_due: date | None,
) -> Interview:  # fmt: skip
    """Record the interview as held, with the correction required and its due date. From now the
    follow-up runs the reminder ladder of any deadline, to the actor (who tracks it) and, for a
    department, its leaders; supervision once overdue also reaches the organiser's leaders."""
    interview = _lock(actor, interview)
    _require_status(interview, InterviewStatus.PROPOSED, InterviewStatus.PLANNED)
    today = clock.today()
    errors = {}
    if held_on is None:
        errors["held_on"] = [_("请填写约谈日期")]
    elif held_on > today:
        errors["held_on"] = [_("约谈日期不能晚于今天")]
    if follow_up_due is None:
        errors["follow_up_due"] = [_("请填写整改期限")]
    elif follow_up_due < today:
        errors["follow_up_due"] = [_("整改期限不能早于今天")]
    if errors:
        raise InvalidInput(_("约谈登记信息有误"), fields=errors)
    interview.held_on, interview.follow_up_due = held_on, follow_up_due
    interview.participants = _text(participants, "participants", _("请填写参加人员"))
    interview.problems = _text(problems, "problems", _("请填写存在的问题"))
    interview.result = _text(result, "result", _("请填写约谈情况"))
    interview.follow_up = _text(follow_up, "follow_up", _("请填写整改要求"))
    interview.status = InterviewStatus.HELD
    interview.follow_up_owner = actor
    interview.held_recorded_at = clock.now()
    interview.chased_until = None
    rungs = follow_up_rungs(interview)
    interview.chase_next_at = rungs[0].fire_at if rungs else None
    interview.save()
    return interview


@transaction.atomic
def interview_follow_up_done(*, actor: Staff, interview: Interview, follow_up_result: str) -> Interview:
    """The correction is done: the ladder stops, like a met deadline's."""
    interview = _lock(actor, interview)
    _require_status(interview, InterviewStatus.HELD)
    interview.follow_up_result = _text(follow_up_result, "follow_up_result", _("请填写整改结果"))
    interview.status = InterviewStatus.DONE
    interview.done_at = clock.now()
    interview.chase_next_at = None
    interview.save(update_fields=["follow_up_result", "status", "done_at", "chase_next_at"])
    return interview


# Chasing the follow-up ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpRung:
    step: Step
    at: datetime
    fire_at: datetime


def follow_up_rungs(interview: Interview) -> list[FollowUpRung]:
    """The ladder of domain.md "Deadlines" over the follow-up, from when the interview was recorded
    to the end of the due day: reminder at half time, urges 3 and 2 working days before and on the
    due day, supervision once overdue; messages wait for working hours except supervision."""
    calendar = calendar_load()
    window = working_hours()
    due_at = clock.end_of_day(interview.follow_up_due)
    start = interview.held_recorded_at
    rungs = (
        [(r.step, r.at) for r in ladder(started_at=start, due_at=due_at, calendar=calendar, day_start=window[0])]
        if due_at > start else [(Step.SUPERVISE, due_at)]
    )  # fmt: skip
    return [
        FollowUpRung(step, at, deliver_at(at=at, urgent=False, step=step, calendar=calendar, window=window))
        for step, at in rungs
    ]


_TITLES = {
    Step.REMINDER: gettext_lazy("【提醒】约谈整改：%(subject)s，%(due)s到期，时间已过半"),
    Step.URGE_3WD: gettext_lazy("【催办】约谈整改：%(subject)s，将于3个工作日后（%(due)s）到期"),
    Step.URGE_2WD: gettext_lazy("【催办】约谈整改：%(subject)s，将于2个工作日后（%(due)s）到期"),
    Step.URGE_DUE_DAY: gettext_lazy("【催办】约谈整改：%(subject)s，今日（%(due)s）到期"),
    Step.URGE_80: gettext_lazy("【催办】约谈整改：%(subject)s，%(due)s到期"),
    Step.SUPERVISE: gettext_lazy("【督办】约谈整改：%(subject)s，已于%(due)s超期"),
}


@dataclass
class ChaseResult:
    fired: int = 0
    notifications: int = 0


def _recipients(interview: Interview, step: Step, directory: Directory) -> list[int]:
    found = [interview.follow_up_owner_id] if interview.follow_up_owner_id else []
    if interview.department_id:
        found += directory.leaders(interview.department_id)
    if step is Step.SUPERVISE and interview.organiser_id:
        found += directory.leaders(interview.organiser_id)
    return list(dict.fromkeys(found))


def interviews_chase(*, now: datetime | None = None, batch: int = 100) -> ChaseResult:
    """Periodic job: send the follow-up rungs that are due, once. Each batch claims held interviews
    whose next rung may go out (`FOR UPDATE SKIP LOCKED`), sends only the most advanced rung due
    (as the order sweep does after a weekend), records it on the row and moves `chase_next_at` on,
    in one transaction; the notification key per interview, due date and step is unique, so two
    workers never send one twice and a killed worker's batch is redone from scratch."""
    now = now or clock.now()
    total = ChaseResult()
    while True:
        with transaction.atomic():
            claimed = list(
                Interview.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(status=InterviewStatus.HELD, chase_next_at__lte=now)
                .select_related("department", "merchant")
                .order_by("chase_next_at", "pk")[:batch]
            )
            if not claimed:
                return total
            rules = active_rules()
            directory = Directory(
                pk for interview in claimed for pk in (interview.department_id, interview.organiser_id)
            )
            drafts = [draft for interview in claimed if (draft := _advance(interview, now, rules, directory))]
            total.fired += len(drafts)
            total.notifications += len(notifications_create(drafts, now=now))
        if len(claimed) < batch:
            return total


def _advance(interview: Interview, now: datetime, rules, directory: Directory) -> Draft | None:
    rungs = follow_up_rungs(interview)
    due = [
        r
        for r in rungs
        if r.fire_at <= now and (interview.chased_until is None or r.at > interview.chased_until)
    ]
    draft = None
    if due:
        rung = due[-1]
        interview.chased_until = rung.at
        rule = rules.get(rung.step)
        recipients = _recipients(interview, rung.step, directory)
        if rule is not None and recipients:
            values = {"subject": interview.subject_name, "due": f"{interview.follow_up_due:%Y-%m-%d}"}
            draft = Draft(
                key=f"interview:{interview.pk}:{interview.follow_up_due:%Y%m%d}:{rung.step}",
                step=KIND_OF[rung.step].value, title=str(_TITLES[rung.step]) % values,
                body=_("整改要求：%(follow_up)s") % {"follow_up": interview.follow_up[:500]},
                recipients=recipients, channels=rule.channels, deliver_after=rung.fire_at,
                due_at=clock.end_of_day(interview.follow_up_due),
            )  # fmt: skip
    later = [r.fire_at for r in rungs if interview.chased_until is None or r.at > interview.chased_until]
    interview.chase_next_at = min(later) if later else None
    interview.save(update_fields=["chased_until", "chase_next_at"])
    return draft
