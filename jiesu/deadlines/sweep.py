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
from typing import NamedTuple

from django.db import transaction
from django.db.models import Count, Max
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


class Claimed(NamedTuple):
    """A claimed rung with what the message needs of its deadline and order: read as plain tuples,
    because building three model instances per rung was most of a large sweep's CPU time."""

    pk: int
    deadline_id: int
    round: int
    step: str
    at: datetime
    fire_at: datetime
    deadline_kind: str
    deadline_state: str
    due_at: datetime
    paused_at: datetime | None
    order_id: int
    number: str
    respondent_name: str
    description: str
    department_id: int | None
    intake_department_id: int | None
    handler_id: int | None

    @property
    def is_live(self) -> bool:
        return self.deadline_state == DeadlineState.RUNNING and self.paused_at is None

    @property
    def responsible_department_id(self) -> int | None:
        return self.department_id or self.intake_department_id


_CLAIMED_COLUMNS = (
    "pk", "deadline_id", "round", "step", "at", "fire_at",
    "deadline__kind", "deadline__state", "deadline__due_at", "deadline__paused_at",
    "deadline__order_id", "deadline__order__number", "deadline__order__respondent_name",
    "deadline__order__description", "deadline__order__department_id", "deadline__order__intake_department_id",
    "deadline__order__handler_id",
)  # fmt: skip


def claim_query(now: datetime, batch: int):
    """The next `batch` pending rungs due by `now`, locked for this worker (the SQL that
    benchmarks/sweep.py explains). Must run inside a transaction."""
    return (
        Reminder.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(state=ReminderState.PENDING, fire_at__lte=now)
        .order_by("fire_at", "id")
        .values_list(*_CLAIMED_COLUMNS)[:batch]
    )


def _draft(rung: Claimed, rule: ReminderRule, directory: Directory, body: str) -> Draft:
    step = Step(rung.step)
    values = {
        "number": rung.number,
        "kind": DeadlineKind(rung.deadline_kind).label,
        "due": clock.local(rung.due_at).strftime("%Y-%m-%d %H:%M"),  # date_format "Y-m-d H:i", 10x cheaper
    }
    return Draft(
        key=f"reminder:{rung.deadline_id}:{rung.round}:{rung.step}",
        step=KIND_OF[step].value,
        title=str(_TITLES[step]) % values,
        body=body % {"respondent": rung.respondent_name or "-", "summary": (rung.description or "")[:120]},
        recipients=directory.resolve(
            rule.recipients, department_id=rung.responsible_department_id, handler_id=rung.handler_id
        ),
        channels=rule.channels,
        deliver_after=rung.fire_at,
        order_id=rung.order_id,
        deadline_id=rung.deadline_id,
        deadline_kind=rung.deadline_kind,
        due_at=rung.due_at,
    )


Ladder = tuple[int, int]  # (deadline id, round)


def _crowded_ladders(now: datetime) -> dict[Ladder, tuple[datetime, int]]:
    """The most advanced due rung of every ladder with more than one rung due, in one aggregate
    over the due rows (the partial index again): rows another worker holds or a later batch will
    claim count too, so the rule below holds across batches and workers."""
    rows = (
        Reminder.objects.filter(state=ReminderState.PENDING, fire_at__lte=now)
        .values("deadline_id", "round")
        .annotate(rungs=Count("id"), last_at=Max("at"))
        .filter(rungs__gt=1)
        .values_list("deadline_id", "round", "last_at")
    )
    crowded = {(deadline, round_): (last_at, 0) for deadline, round_, last_at in rows}
    if crowded:  # the tie-break on id, for two rungs at the same moment (a rare, cheap second read)
        for deadline, round_, at, pk in Reminder.objects.filter(
            state=ReminderState.PENDING, fire_at__lte=now, deadline_id__in={d for d, _r in crowded}
        ).values_list("deadline_id", "round", "at", "pk"):
            if (deadline, round_) in crowded:
                crowded[(deadline, round_)] = max(crowded[(deadline, round_)], (at, pk))
    return crowded


def _latest_rung_only(rungs: list[Claimed], crowded: dict[Ladder, tuple[datetime, int]]) -> tuple[list[Claimed], list[int]]:
    """When several rungs of one ladder are due at once (the workers were down over a weekend, or a
    late-registered letter), only the most advanced one goes out: a handler needs today's urge,
    not the reminder and the two urges they missed. The earlier ones are cancelled, not lost."""
    keep, drop = [], []
    for rung in rungs:
        last = crowded.get((rung.deadline_id, rung.round))
        if last is None or (rung.at, rung.pk) >= last:
            keep.append(rung)
        else:
            drop.append(rung.pk)
    return keep, drop


def _sweep_batch(now: datetime, batch: int, crowded: dict[Ladder, tuple[datetime, int]]) -> SweepResult | None:
    with transaction.atomic():
        claimed = [Claimed(*row) for row in claim_query(now, batch)]
        if not claimed:
            return None
        rules = active_rules()
        live = [r for r in claimed if r.is_live]
        dead = [r.pk for r in claimed if not r.is_live]
        live, superseded = _latest_rung_only(live, crowded)
        dead += superseded
        wanted = [r for r in live if r.step in rules]
        directory = Directory(r.responsible_department_id for r in wanted)
        body = _("被投诉（举报）方：%(respondent)s\n诉求：%(summary)s")
        created = notifications_create([_draft(r, rules[r.step], directory, body) for r in wanted], now=now)
        Reminder.objects.filter(pk__in=[r.pk for r in live]).update(state=ReminderState.FIRED, fired_at=now)
        if dead:
            Reminder.objects.filter(pk__in=dead).update(state=ReminderState.CANCELLED)
        return SweepResult(fired=len(live), cancelled=len(dead), notifications=len(created))


def sweep(*, now: datetime | None = None, batch: int = DEFAULT_BATCH) -> SweepResult:
    """Fire every rung due by `now`, batch by batch, until none is left (or every one left is held
    by another worker)."""
    now = now or clock.now()
    total = SweepResult()
    crowded = _crowded_ladders(now)
    while (result := _sweep_batch(now, batch, crowded)) is not None:
        total.add(result)
        if result.fired + result.cancelled < batch:
            break
    return total

