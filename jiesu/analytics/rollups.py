"""Keeping the daily roll-up equal to the orders (issue 6 item 9).

Every workflow event queues its order (`orders_enqueue`, called from the event's transaction). The
worker's periodic job `rollups_refresh` takes queued orders with SKIP LOCKED, and also the orders
whose pending deadline has just fallen due (`OrderFact.flips_at`: that turns a fact `overdue`
without any event), recomputes their facts and adds the difference between the new and the stored
contributions to `DailyMeasure`. Per order, the work is serialised by a transaction-scoped advisory
lock taken in id order, so two workers on two machines never count an order twice and never
deadlock; a worker killed mid-batch rolls the batch back and its queue rows are taken again.

`rollups_rebuild` recomputes everything from the orders (after an import, or to repair), and
`recount.py` checks the result against an independent count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction

from jiesu.core import clock
from jiesu.orders.models import WorkOrder

from .facts import add_into, contributions, facts_for
from .models import DailyMeasure, OrderFact, RollupQueue

DEFAULT_BATCH = 500
KEY_FIELDS = ("dimension", "day", "holder", "value")
ROLLUP_COLUMNS = tuple(
    f.column for f in DailyMeasure._meta.concrete_fields if f.name not in ("id", *KEY_FIELDS)
)
FACT_FIELDS = tuple(f.attname for f in OrderFact._meta.concrete_fields)
#: First key of the advisory locks: "jiesu roll-up", so no other lock of the database collides.
_LOCK_CLASS = 0x6A52


@dataclass
class RollupResult:
    orders: int = 0
    errors: list[str] = field(default_factory=list)


def orders_enqueue(order_ids: Iterable[int]) -> None:
    RollupQueue.objects.bulk_create([RollupQueue(order_pk=pk) for pk in order_ids])


def rollups_refresh(*, batch: int = DEFAULT_BATCH, now: datetime | None = None) -> RollupResult:
    """The worker's periodic job: drain the queue and the facts that fell due, a batch per
    transaction, until nothing is left."""
    result = RollupResult()
    while True:
        done = _refresh_batch(batch, now or clock.now())
        if done == 0:
            return result
        result.orders += done


@transaction.atomic
def _refresh_batch(batch: int, now: datetime) -> int:
    queued = list(
        RollupQueue.objects.select_for_update(skip_locked=True)
        .order_by("id")
        .values_list("id", "order_pk")[:batch]
    )
    due = list(
        OrderFact.objects.filter(flips_at__lte=now)
        .order_by("flips_at")
        .values_list("order_id", flat=True)[:batch]
    )
    order_ids = sorted({pk for _, pk in queued} | set(due))
    if not order_ids:
        return 0
    refresh_orders(order_ids, now=now)
    RollupQueue.objects.filter(id__in=[queue_id for queue_id, _ in queued]).delete()
    return len(order_ids)


def refresh_orders(order_ids: list[int], *, now: datetime | None = None) -> None:
    """Recompute these orders' facts and move the roll-up by the difference. Runs inside the
    caller's transaction."""
    _lock(order_ids)
    old = {
        row["order_id"]: row for row in OrderFact.objects.filter(order_id__in=order_ids).values(*FACT_FIELDS)
    }
    new = facts_for(order_ids, now=now)
    delta: dict = {}
    for pk in order_ids:
        add_into(delta, contributions(old.get(pk)), -1)
        add_into(delta, contributions(new.get(pk)), +1)
    _apply(delta)
    OrderFact.objects.filter(order_id__in=order_ids).delete()
    OrderFact.objects.bulk_create([OrderFact(**fact) for fact in new.values()])


def _lock(order_ids: list[int]) -> None:
    """One advisory lock per order, in ascending id order. SQLite runs one writer at a time."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, x) FROM (SELECT unnest(%s::int[]) AS x ORDER BY 1) AS ids",
            [_LOCK_CLASS, list(order_ids)],
        )


def _apply(delta: dict) -> None:
    """Add `delta` to the roll-up rows in one statement per row, keys in a fixed order so that two
    workers touching the same rows wait for each other instead of deadlocking."""
    rows = [
        (*key, *(columns.get(column, 0) for column in ROLLUP_COLUMNS))
        for key, columns in sorted(
            delta.items(), key=lambda item: (item[0][0], item[0][1], item[0][2], item[0][3])
        )
        if any(columns.values())
    ]
    if not rows:
        return
    table = DailyMeasure._meta.db_table
    columns = ", ".join((*KEY_FIELDS, *ROLLUP_COLUMNS))
    placeholders = ", ".join(["%s"] * (len(KEY_FIELDS) + len(ROLLUP_COLUMNS)))
    updates = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in ROLLUP_COLUMNS)
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "
        f"ON CONFLICT ({', '.join(KEY_FIELDS)}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def rollups_rebuild(*, chunk: int = 5000, now: datetime | None = None) -> int:
    """Throw the facts and roll-ups away and compute them again from every order, a chunk of orders
    at a time (memory stays flat in the orders; the roll-up is held whole, a few hundred thousand
    keys at most). Returns the number of orders. Workers wait for it: the tables are locked."""
    now = now or clock.now()
    total: dict = {}
    count = 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                tables = ", ".join(m._meta.db_table for m in (OrderFact, DailyMeasure, RollupQueue))
                cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
        RollupQueue.objects.all().delete()
        DailyMeasure.objects.all().delete()
        OrderFact.objects.all().delete()
        last = 0
        while True:
            ids = list(
                WorkOrder.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:chunk]
            )
            if not ids:
                break
            facts = facts_for(ids, now=now)
            OrderFact.objects.bulk_create([OrderFact(**fact) for fact in facts.values()], batch_size=2000)
            for fact in facts.values():
                add_into(total, contributions(fact))
            count += len(facts)
            last = ids[-1]
        _apply(total)
    return count
