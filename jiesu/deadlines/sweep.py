"""The sweep: turn every reminder rung whose time has come into notifications, once.

Each batch is one transaction that claims pending Reminder rows with `FOR UPDATE SKIP LOCKED`
(PostgreSQL; SQLite serialises writers anyway), writes their notifications and marks them fired. A
second worker skips the claimed rows instead of waiting; a worker killed mid-batch rolls the whole
batch back, so the next sweep does it again from scratch and nothing is lost or doubled. The claim
reads the partial index of pending rows by `fire_at`, so the cost follows the number of rungs due,
not the number of open orders (docs/benchmarks.md shows the plan).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiesu.core import clock
from jiesu.deadlines.choices import DeadlineKind, DeadlineState, ReminderState
from jiesu.deadlines.ladder import KIND_OF, Step
from jiesu.deadlines.models import Reminder, ReminderRule
from jiesu.deadlines.recipients import Directory
from jiesu.notifications.services import Draft, notifications_create

DEFAULT_BATCH = 1000


@dataclass
class SweepResult:
    fired: int = 0
    cancelled: int = 0
    notifications: int = 0

    def add(self, other: SweepResult) -> None:
        self.fired += other.fired
        self.cancelled += other.cancelled
        self.notifications += other.notifications


def active_rules() -> dict[str, ReminderRule]:
    return {rule.step: rule for rule in ReminderRule.objects.filter(is_active=True)}


_TITLES = {
    Step.REMINDER: gettext_lazy("【提醒】工单%(number)s“%(kind)s”已过半，%(due)s到期"),
    Step.URGE_3WD: gettext_lazy("【催办】工单%(number)s“%(kind)s”将于3个工作日后（%(due)s）到期"),
    Step.URGE_2WD: gettext_lazy("【催办】工单%(number)s“%(kind)s”将于2个工作日后（%(due)s）到期"),
    Step.URGE_DUE_DAY: gettext_lazy("【催办】工单%(number)s“%(kind)s”今日（%(due)s）到期，请电话督促"),
    Step.URGE_80: gettext_lazy("【催办】工单%(number)s“%(kind)s”时限已过80%%，%(due)s到期"),
    Step.SUPERVISE: gettext_lazy("【督办】工单%(number)s“%(kind)s”已于%(due)s超期"),
}


def _draft(reminder: Reminder, rule: ReminderRule, directory: Directory) -> Draft:
    deadline = reminder.deadline
    order = deadline.order
    department_id = order.department_id or order.intake_department_id
    step = Step(reminder.step)
    values = {
        "number": order.number,
        "kind": DeadlineKind(deadline.kind).label,
        "due": clock.local(deadline.due_at).strftime("%Y-%m-%d %H:%M"),  # date_format "Y-m-d H:i", 10x cheaper
    }
    return Draft(
        key=f"reminder:{reminder.deadline_id}:{reminder.round}:{reminder.step}",
        step=KIND_OF[step].value,
        title=str(_TITLES[step]) % values,
        body=_("被投诉（举报）方：%(respondent)s\n诉求：%(summary)s")
        % {"respondent": order.respondent_name or "-", "summary": (order.description or "")[:120]},
        recipients=directory.resolve(rule.recipients, department_id=department_id, handler_id=order.handler_id),
        channels=rule.channels,
        deliver_after=reminder.fire_at,
        order_id=order.pk,
        deadline_id=deadline.pk,
        deadline_kind=deadline.kind,
        due_at=deadline.due_at,
    )


# What _sweep_batch and _draft read: the order's other 60-odd columns (JSON ones among them) would
# only be fetched and decoded for nothing. A field read that is not listed costs a query per rung.
_CLAIMED_FIELDS = (
    "deadline", "round", "step", "at", "fire_at", "state", "fired_at",
    "deadline__order", "deadline__kind", "deadline__state", "deadline__due_at", "deadline__paused_at",
    "deadline__order__number", "deadline__order__department", "deadline__order__intake_department",
    "deadline__order__handler", "deadline__order__respondent_name", "deadline__order__description",
)  # fmt: skip


def claim_query(now: datetime, batch: int):
    """The next `batch` pending rungs due by `now`, locked for this worker (the SQL that
    benchmarks/sweep.py explains). Must run inside a transaction."""
    return (
        Reminder.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(state=ReminderState.PENDING, fire_at__lte=now)
        .select_related("deadline__order")
        .only(*_CLAIMED_FIELDS)
        .order_by("fire_at", "id")[:batch]
    )


def _latest_rung_only(rungs: list[Reminder], now: datetime) -> tuple[list[Reminder], list[int]]:
    """When several rungs of one ladder are due at once (the workers were down over a weekend, or a
    late-registered letter), only the most advanced one goes out: a handler needs today's urge,
    not the reminder and the two urges they missed. The earlier ones are cancelled, not lost.

    A later due rung may sit outside this batch (a later batch, or another worker's claim): one
    indexed read of the ladders' other due rungs finds it, so the rule holds across batches."""
    latest: dict[tuple[int, int], tuple] = {}
    for rung in rungs:
        key = (rung.deadline_id, rung.round)
        latest[key] = max(latest.get(key, (rung.at, rung.pk)), (rung.at, rung.pk))
    claimed = {rung.pk for rung in rungs}
    elsewhere = (
        Reminder.objects.filter(
            deadline_id__in={deadline for deadline, _round in latest}, state=ReminderState.PENDING, fire_at__lte=now
        )
        .exclude(pk__in=claimed)
        .values_list("deadline_id", "round", "at", "pk")
    )
    for deadline, round_, at, pk in elsewhere:
        if (deadline, round_) in latest:
            latest[(deadline, round_)] = max(latest[(deadline, round_)], (at, pk))
    keep = {pk for _at, pk in latest.values()}
    return [r for r in rungs if r.pk in keep], [r.pk for r in rungs if r.pk not in keep]


def _sweep_batch(now: datetime, batch: int) -> SweepResult | None:
    with transaction.atomic():
        claimed = list(claim_query(now, batch))
        if not claimed:
            return None
        rules = active_rules()
        live, dead = [], []  # one pass: `r not in live` compared model instances n² times
        for r in claimed:
            if r.deadline.state == DeadlineState.RUNNING and r.deadline.paused_at is None:
                live.append(r)
            else:
                dead.append(r.pk)
        live, superseded = _latest_rung_only(live, now)
        dead += superseded
        wanted = [r for r in live if r.step in rules]
        directory = Directory(r.deadline.order.department_id or r.deadline.order.intake_department_id for r in wanted)
        drafts = [_draft(r, rules[r.step], directory) for r in wanted]
        created = notifications_create(drafts, now=now)
        Reminder.objects.filter(pk__in=[r.pk for r in live]).update(state=ReminderState.FIRED, fired_at=now)
        if dead:
            Reminder.objects.filter(pk__in=dead).update(state=ReminderState.CANCELLED)
        return SweepResult(fired=len(live), cancelled=len(dead), notifications=len(created))


def sweep(*, now: datetime | None = None, batch: int = DEFAULT_BATCH) -> SweepResult:
    """Fire every rung due by `now`, batch by batch, until none is left (or every one left is held
    by another worker)."""
    now = now or clock.now()
    total = SweepResult()
    while (result := _sweep_batch(now, batch)) is not None:
        total.add(result)
        if result.fired + result.cancelled < batch:
            break
    return total

