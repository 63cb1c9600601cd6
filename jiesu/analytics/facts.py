"""From an order and its deadlines to the facts the measures count, and from facts to the daily
roll-up (domain.md "Measures"; the formulas and the date each one counts by are in
docs/statistics.md).

Both steps are plain functions of rows so that the incremental refresh of one order, the rebuild
of every order and the tests use the very same definitions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from jiesu.core import clock
from jiesu.deadlines.choices import DeadlineKind, DeadlineState
from jiesu.deadlines.models import Deadline
from jiesu.orders.choices import ExclusionState, OrderType, Outcome, Satisfaction, Status
from jiesu.orders.models import WorkOrder

from .models import DeadlineOutcome

#: Which deadline each on-time measure reads, and for which order type (domain.md "Measures").
#: The response rate reads the order's contact deadline: 24 hours for 12315/12345 orders, the
#: 45-minute response of a fast order; the tighter one when an order has both.
DEADLINE_MEASURES = {
    "review": ((DeadlineKind.ACCEPT_DECISION,), OrderType.COMPLAINT),
    "conclusion": ((DeadlineKind.CONCLUDE,), OrderType.COMPLAINT),
    "verification": ((DeadlineKind.VERIFY,), OrderType.REPORT),
    "odr": ((DeadlineKind.ODR,), None),
    "response": ((DeadlineKind.ACKNOWLEDGE, DeadlineKind.RESPOND_FAST), None),
}
FACT_KINDS = sorted({kind for kinds, _ in DEADLINE_MEASURES.values() for kind in kinds})
COUNTED = (DeadlineOutcome.ON_TIME, DeadlineOutcome.LATE, DeadlineOutcome.OVERDUE)
CONCLUDED_STATUSES = (Status.CONCLUDED, Status.VISITED, Status.CLOSED)
MEDIATION_COLUMNS = {
    Outcome.MEDIATED: "mediated",
    Outcome.MEDIATION_FAILED: "mediation_failed",
    Outcome.MEDIATION_TERMINATED: "mediation_terminated",
}
SATISFACTION_COLUMNS = {
    Satisfaction.SATISFIED: "satisfied",
    Satisfaction.BASICALLY_SATISFIED: "basically_satisfied",
    Satisfaction.UNSATISFIED: "unsatisfied",
}
#: The roll-up's dimensions: every order once under "all", and once under its line, channel, type.
DIMENSIONS = ("all", "line", "channel", "type")
ORDER_FIELDS = (
    "id", "department_id", "intake_department_id", "type", "channel", "line", "status", "exclusion_state",
    "received_at", "concluded_at", "outcome", "recovered_amount", "visited_at", "visit_reached", "resolved",
    "satisfaction",
)  # fmt: skip
DEADLINE_FIELDS = ("order_id", "kind", "state", "due_at", "met_at", "paused_at", "started_at", "id")


def deadline_outcome(deadline: dict, now: datetime) -> DeadlineOutcome:
    """Met by its due time, met after it, running past it, or not due yet. A paused clock
    (鉴定检测) is not running against the office, so it stays pending."""
    if deadline["state"] == DeadlineState.MET:
        met_at = deadline["met_at"] or deadline["due_at"]
        return DeadlineOutcome.ON_TIME if met_at <= deadline["due_at"] else DeadlineOutcome.LATE
    if deadline["paused_at"] is None and deadline["due_at"] <= now:
        return DeadlineOutcome.OVERDUE
    return DeadlineOutcome.PENDING


def _chosen(deadlines: list[dict], kinds: tuple[str, ...]) -> dict | None:
    """The deadline a measure judges. Of one kind, the latest started: a reopened complaint is
    judged by its new conclusion deadline, a reclassified one by the deadline that replaced the old.
    Of the two contact deadlines, the one due first. Stopped deadlines never fell due and are not
    in `deadlines`."""
    candidates = [d for d in deadlines if d["kind"] in kinds]
    if not candidates:
        return None
    if len(kinds) > 1:
        return min(candidates, key=lambda d: (d["due_at"], d["id"]))
    return max(candidates, key=lambda d: (d["started_at"], d["id"]))


def fact_of(order: dict, deadlines: list[dict], now: datetime) -> dict:
    """The OrderFact fields of one order (`order` has ORDER_FIELDS, `deadlines` its non-stopped
    deadlines of FACT_KINDS with DEADLINE_FIELDS)."""
    fact = {
        "order_id": order["id"],
        "holder": order["department_id"] or order["intake_department_id"] or 0,
        "type": order["type"],
        "channel": order["channel"],
        "line": order["line"] or "",
        "excluded": order["exclusion_state"] == ExclusionState.EXCLUDED,
        "received_on": clock.local(order["received_at"]).date(),
        "response": DeadlineOutcome.NONE,
        "flips_at": None,
    }
    flips = []
    for name, (kinds, order_type) in DEADLINE_MEASURES.items():
        chosen = None if order_type not in (None, order["type"]) else _chosen(deadlines, kinds)
        outcome = deadline_outcome(chosen, now) if chosen else DeadlineOutcome.NONE
        fact[name] = outcome.value
        if name != "response":
            fact[f"{name}_due_on"] = clock.local(chosen["due_at"]).date() if chosen else None
        if outcome == DeadlineOutcome.PENDING and chosen["paused_at"] is None:
            flips.append(chosen["due_at"])
    fact["flips_at"] = min(flips) if flips else None
    concluded = order["status"] in CONCLUDED_STATUSES and order["concluded_at"] is not None
    fact["concluded_on"] = clock.local(order["concluded_at"]).date() if concluded else None
    fact["outcome"] = order["outcome"] if concluded else ""
    fact["recovered_amount"] = (order["recovered_amount"] or Decimal("0")) if concluded else Decimal("0")
    visited = order["visited_at"] is not None and order["visit_reached"] is True
    fact["visited_on"] = clock.local(order["visited_at"]).date() if visited else None
    fact["resolved"] = order["resolved"] if visited else None
    fact["satisfaction"] = order["satisfaction"] if visited else ""
    return fact


def facts_for(order_ids: Iterable[int], *, now: datetime | None = None) -> dict[int, dict]:
    """The current facts of these orders, read in two queries. Orders that no longer exist are
    absent from the result."""
    now = now or clock.now()
    ids = list(order_ids)
    orders = WorkOrder.objects.filter(pk__in=ids).values(*ORDER_FIELDS)
    deadlines: defaultdict[int, list[dict]] = defaultdict(list)
    rows = (
        Deadline.objects.filter(order_id__in=ids, kind__in=FACT_KINDS)
        .exclude(state=DeadlineState.STOPPED)
        .values(*DEADLINE_FIELDS)
    )
    for row in rows:
        deadlines[row["order_id"]].append(row)
    return {order["id"]: fact_of(order, deadlines[order["id"]], now) for order in orders}


def contributions(fact: dict | None) -> dict[tuple, dict[str, int | Decimal]]:
    """What one order adds to the daily roll-up: {(dimension, day, holder, value): {column: n}}.
    Each column goes to the day of its own date: orders and response to the receipt day, each
    on-time pair to its deadline's due day, outcomes and recovered loss to the conclusion day,
    the visit's answers to the visit day. Excluded orders add nothing."""
    if fact is None or fact["excluded"]:
        return {}
    by_day: defaultdict[object, dict[str, int | Decimal]] = defaultdict(dict)
    received = by_day[fact["received_on"]]
    received["orders"] = 1
    if fact["response"] in COUNTED:
        received[f"response_{fact['response']}"] = 1
    for name in ("review", "conclusion", "verification", "odr"):
        if fact[name] in COUNTED:
            by_day[fact[f"{name}_due_on"]][f"{name}_{fact[name]}"] = 1
    if fact["concluded_on"] is not None:
        concluded = by_day[fact["concluded_on"]]
        concluded["concluded"] = 1
        if fact["outcome"] in MEDIATION_COLUMNS:
            concluded[MEDIATION_COLUMNS[fact["outcome"]]] = 1
        if fact["recovered_amount"]:
            concluded["recovered"] = Decimal(fact["recovered_amount"])
    if fact["visited_on"] is not None:
        visited = by_day[fact["visited_on"]]
        visited["visited"] = 1
        if fact["resolved"]:
            visited["resolved"] = 1
        if fact["satisfaction"] in SATISFACTION_COLUMNS:
            visited[SATISFACTION_COLUMNS[fact["satisfaction"]]] = 1
    values = {"all": "", "line": fact["line"], "channel": fact["channel"], "type": fact["type"]}
    return {
        (dimension, day, fact["holder"], values[dimension]): columns
        for day, columns in by_day.items()
        for dimension in DIMENSIONS
    }


def add_into(total: dict, part: dict, sign: int = 1) -> None:
    """total += sign × part, for two contribution maps."""
    for key, columns in part.items():
        into = total.setdefault(key, {})
        for column, n in columns.items():
            into[column] = into.get(column, 0) + sign * n
