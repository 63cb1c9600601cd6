"""Wall time of one full deadline sweep over 1,000,000 open orders when 10,000 reminder rungs are due.

Seeds (once; again with --reseed) open orders, each with a running conclude deadline and its reminder
ladder (half time, due - 3 days, due - 2 days, due - 12 hours, due: five rungs, the ones already past
marked fired). Exactly --due rungs, spread over random orders of every department, are pending with
`fire_at` in the hour before the benchmark's fixed "now"; every other pending rung lies in the coming
weeks. Most orders have a handler; a few are still at the centre without one (the duty staff stand
in), and supervision climbs the department tree to the nearest leader, so recipient resolution does
real work. Rows are written with PostgreSQL COPY (seed_orders.py's loader), then VACUUM ANALYZE.

Then, in this process, it times `jiesu.deadlines.sweep.sweep(now=...)` with a tenth of the rungs due
and with all of them, checks the counts (every due rung fired once, a second sweep fires nothing),
puts the rungs back to pending and deletes the notifications so it can run again, and prints
EXPLAIN (ANALYZE, BUFFERS) of the sweep's claim query.

    createdb -h 127.0.0.1 -U postgres jiesu_sweep_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiesu_sweep_bench
    jiesu manage migrate && jiesu demo --no-serve --orders 0
    python benchmarks/sweep.py            # --queries: time per statement kind; --profile: cProfile
"""

import argparse
import cProfile
import os
import pstats
import random
import re
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiesu.settings")
os.environ.setdefault("JIESU_TESTING", "1")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from benchmarks.seed_orders import COLUMNS, copy_rows, order_row  # noqa: E402
from jiesu.core.clock import SHANGHAI  # noqa: E402
from jiesu.deadlines.models import Deadline, Reminder  # noqa: E402
from jiesu.deadlines.sweep import DEFAULT_BATCH, claim_query, sweep  # noqa: E402
from jiesu.notifications.models import Notification, NotificationRecipient  # noqa: E402
from jiesu.orders.models import DailySequence, WorkOrder  # noqa: E402
from jiesu.organisations.models import Department, Staff  # noqa: E402

NOW = datetime(2026, 6, 1, 10, 0, tzinfo=SHANGHAI)  # the benchmark's "now": every run sweeps at it
SPAN = timedelta(days=63)  # 45 working days, about nine weeks
AGE = timedelta(days=40)  # open orders were received in the last 40 days
DUE_WINDOW = timedelta(hours=1)  # the due rungs fell in the last hour (a sweep every minute is late)
STEPS = ["reminder", "urge_3wd", "urge_2wd", "urge_due_day", "supervise"]
DUE_STEPS = ["reminder"] * 4 + ["urge_3wd", "urge_2wd", "urge_due_day"] + ["supervise"] * 2  # weights
CHUNK = 100_000

ORDER = WorkOrder._meta.db_table
DEADLINE = Deadline._meta.db_table
REMINDER = Reminder._meta.db_table
NOTIFICATION = Notification._meta.db_table
RECIPIENT = NotificationRecipient._meta.db_table
DEADLINE_COLUMNS = ["id", "order_id", "kind", "state", "started_at", "due_at", "length", "unit",
                    "extended_working_days", "warning", "ladder_round", "pause_reason"]  # fmt: skip
REMINDER_COLUMNS = ["id", "deadline_id", "round", "step", "at", "fire_at", "state", "fired_at"]


def _rung_times(started: datetime) -> list[datetime]:
    due = started + SPAN
    return [started + SPAN / 2, due - timedelta(days=3), due - timedelta(days=2), due - timedelta(hours=12), due]


def _offset(step: str) -> timedelta:
    """How long after the start `step` falls (the inverse of _rung_times)."""
    return _rung_times(NOW)[STEPS.index(step)] - NOW


def _sql(statement: str, params=()) -> list:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def pending_due(now: datetime) -> int:
    return Reminder.objects.filter(state="pending", fire_at__lte=now).count()


def seed(orders: int, due: int, rng_seed: int) -> None:
    centre = Department.objects.filter(kind="centre").values_list("pk", flat=True).first()
    departments = list(Department.objects.filter(kind__in=["office", "section"]).values_list("pk", flat=True))
    if centre is None or not departments:
        sys.exit("load the demo organisation first: jiesu demo --no-serve --orders 0")
    handlers: dict[int, list[int]] = {}
    for staff in Staff.objects.filter(department_id__in=departments, is_active=True):
        if "handler" in (staff.roles or ()):
            handlers.setdefault(staff.department_id, []).append(staff.pk)
    rng = random.Random(rng_seed)
    # Rung k of the due ones fires (k + 1) * DUE_WINDOW / due before NOW: distinct times, so sweeping
    # at the k-th one's fire_at fires exactly k + 1 rungs.
    targets = {index: k for k, index in enumerate(rng.sample(range(orders), due))}
    sequences = dict(DailySequence.objects.values_list("day", "last"))
    order_id = (WorkOrder.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    deadline_id = (Deadline.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    reminder_id = (Reminder.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    next_due = COLUMNS.index("next_due_at")
    started_clock = time.perf_counter()
    for first in range(0, orders, CHUNK):
        order_rows, deadline_rows, reminder_rows = [], [], []
        for index in range(first, min(first + CHUNK, orders)):
            k = targets.get(index)
            if k is None:
                started = NOW - timedelta(seconds=rng.randint(60, int(AGE.total_seconds())))
                target = None
            else:  # one rung of this ladder falls exactly at `target`, in the hour before NOW
                target = NOW - (k + 1) * DUE_WINDOW / due
                started = target - _offset(rng.choice(DUE_STEPS))
            r = rng.random()
            order_type = "consultation" if r < 0.72 else ("complaint" if r < 0.94 else "report")
            if rng.random() < 0.05:  # registered, still at the centre: no department, no handler
                status, department, handler = "registered", None, None
            else:
                status = rng.choice(["dispatched", "in_progress", "in_progress"])
                department = rng.choice(departments)
                handler = rng.choice(handlers[department]) if department in handlers and rng.random() < 0.85 else None
            row = order_row(rng, received=started, order_type=order_type, status=status, department=department,
                            centre=centre, start_seq=sequences, handler=handler)
            row[next_due] = started + SPAN
            order_rows.append([order_id, *row])
            deadline_rows.append([deadline_id, order_id, "conclude", "running", started, started + SPAN, 45,
                                  "working_days", 0, "", 0, ""])
            for step, at in zip(STEPS, _rung_times(started), strict=True):
                fired = at <= NOW and at != target
                reminder_rows.append([reminder_id, deadline_id, 0, step, at, at, "fired" if fired else "pending",
                                      at if fired else None])
                reminder_id += 1
            order_id += 1
            deadline_id += 1
        with transaction.atomic():
            # The rows are consistent by construction: skip the per-row foreign-key triggers.
            _sql("SET LOCAL session_replication_role = replica")
            copy_rows(ORDER, ["id", *COLUMNS], order_rows)
            copy_rows(DEADLINE, DEADLINE_COLUMNS, deadline_rows)
            copy_rows(REMINDER, REMINDER_COLUMNS, reminder_rows)
        print(f"  {first + len(order_rows):>9,} orders, {reminder_id - 1:>10,} reminders "
              f"({time.perf_counter() - started_clock:.0f} s)", flush=True)
    with transaction.atomic():
        for day, last in sequences.items():
            DailySequence.objects.update_or_create(day=day, defaults={"last": last})
        for table in (ORDER, DEADLINE, REMINDER):
            _sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    vacuum(ORDER, DEADLINE, REMINDER, NOTIFICATION, RECIPIENT)
    print(f"seeded in {time.perf_counter() - started_clock:.0f} s (VACUUM ANALYZE included)", flush=True)


def reseed_tables() -> None:
    # CASCADE empties what refers to orders (deadlines, their reminders, notifications, events...).
    _sql(f"TRUNCATE {ORDER}, {DailySequence._meta.db_table} RESTART IDENTITY CASCADE")


def vacuum(*tables: str) -> None:
    """VACUUM ANALYZE, then a CHECKPOINT so the next timed sweep does not share the disk with one."""
    for table in tables:
        _sql(f"VACUUM ANALYZE {table}")
    _sql("CHECKPOINT")


def restore() -> int:
    """Put the rungs a benchmark sweep fired back to pending and delete its notifications, then
    VACUUM so the next run starts from the same state. A sweep fires rungs at its `now` (NOW or
    earlier in the due window); seeded rungs were fired at their own `at`, never at that moment."""
    swept = f"SELECT {{}} FROM {NOTIFICATION} WHERE key LIKE 'reminder:%%' AND created_at BETWEEN %s AND %s"
    window = (NOW - 2 * DUE_WINDOW, NOW)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {REMINDER} r SET state = 'pending', fired_at = NULL "
                f"FROM ({swept.format('DISTINCT deadline_id, created_at')}) n "
                f"WHERE r.deadline_id = n.deadline_id AND r.state = 'fired' AND r.fired_at = n.created_at",
                window,
            )
            restored = cursor.rowcount
            cursor.execute(f"DELETE FROM {RECIPIENT} WHERE notification_id IN ({swept.format('id')})", window)
            cursor.execute(f"DELETE FROM {NOTIFICATION} WHERE id IN ({swept.format('id')})", window)
            deleted = cursor.rowcount
    if restored or deleted:
        vacuum(REMINDER, NOTIFICATION, RECIPIENT)
    return restored


def timed_sweep(now: datetime, expected: int, *, profile: bool = False, queries: bool = False) -> float:
    profiler = cProfile.Profile() if profile else None
    captured = CaptureQueriesContext(connection) if queries else None
    cpu, started = time.process_time(), time.perf_counter()
    if captured is not None:
        captured.__enter__()
    if profiler is not None:
        profiler.enable()
    result = sweep(now=now)
    if profiler is not None:
        profiler.disable()
    if captured is not None:
        captured.__exit__(None, None, None)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    notifications = Notification.objects.filter(created_at=now).count()
    recipients = NotificationRecipient.objects.filter(notification__created_at=now).count()
    print(f"  {elapsed:6.2f} s wall, {cpu:5.2f} s CPU in this process: fired {result.fired:,}, "
          f"cancelled {result.cancelled:,}, notifications {result.notifications:,} "
          f"({notifications:,} rows, {recipients:,} recipients)", flush=True)
    assert result.fired == expected and result.cancelled == 0, result
    assert result.notifications == notifications > 0
    again = sweep(now=now)
    assert again.fired == again.cancelled == again.notifications == 0, again
    assert pending_due(now) == 0
    if profiler is not None:
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(30)
    if captured is not None:
        _query_summary(captured.captured_queries, elapsed)
    return elapsed


def _query_summary(queries: list[dict], elapsed: float) -> None:
    """Time per kind of statement, as Django's debug cursor measured it (client-side parameter
    binding, round trip and server time; COMMIT, where the deferred foreign keys are checked, is
    not a query and falls into the rest)."""
    kinds: dict[str, list[float]] = {}
    for query in queries:
        sql = query["sql"]
        match = re.search(r'\b(FROM|INTO|UPDATE)\s+"(\w+)"', sql)
        verb = sql.split(None, 1)[0].upper()
        kinds.setdefault(f"{verb} {match.group(2) if match else ''}".strip(), []).append(float(query["time"]))
    total = 0.0
    for kind, times in sorted(kinds.items(), key=lambda item: -sum(item[1])):
        total += sum(times)
        print(f"    {sum(times):6.2f} s  {len(times):4} x  {kind}")
    print(f"    {elapsed - total:6.2f} s  the rest (Python: drafts, model instances, SQL compilation; COMMIT)")


def explain(now: datetime, batch: int) -> None:
    with transaction.atomic():
        sql, params = claim_query(now, batch).query.sql_with_params()
        print(connection.ops.compose_sql(sql, params))
        for (line,) in _sql("EXPLAIN (ANALYZE, BUFFERS) " + sql, params):
            print("   ", line)
        transaction.set_rollback(True)  # EXPLAIN ANALYZE really took the row locks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="timed sweeps of each size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reseed", action="store_true", help="empty the order tables and seed again")
    parser.add_argument("--profile", action="store_true", help="cProfile the last full sweep")
    parser.add_argument("--queries", action="store_true", help="time the last full sweep's statements by kind")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        parser.error("needs PostgreSQL (DATABASE_URL=postgres://...)")
    if args.due < 10 or args.due > args.orders:
        parser.error("--due must be between 10 and --orders")

    if restore():
        print("put back the rungs fired by an earlier interrupted run")
    if args.reseed:
        reseed_tables()
    open_orders = WorkOrder.objects.count()
    if open_orders != args.orders or pending_due(NOW) != args.due:
        if open_orders:
            sys.exit(f"database holds {open_orders:,} orders and {pending_due(NOW):,} due rungs: run with --reseed")
        print(f"seeding {args.orders:,} open orders, {args.due:,} rungs due", flush=True)
        seed(args.orders, args.due, args.seed)
    print(f"{WorkOrder.objects.count():,} orders, {Deadline.objects.filter(state='running').count():,} running "
          f"deadlines, {Reminder.objects.filter(state='pending').count():,} pending rungs "
          f"({Reminder.objects.count():,} in all), {pending_due(NOW):,} due at {NOW:%Y-%m-%d %H:%M %Z}")

    # The tenth of the due rungs that fell first: sweeping at the last of them fires exactly those.
    tenth = args.due // 10
    now_tenth = (Reminder.objects.filter(state="pending", fire_at__lte=NOW).order_by("fire_at")
                 .values_list("fire_at", flat=True)[tenth - 1])
    idle = NOW - 2 * DUE_WINDOW
    started = time.perf_counter()
    assert sweep(now=idle).fired == 0
    print(f"sweep with nothing due: {(time.perf_counter() - started) * 1000:.1f} ms")
    timings: dict[int, list[float]] = {tenth: [], args.due: []}
    for run in range(args.runs):
        for now, expected in ((now_tenth, tenth), (NOW, args.due)):
            print(f"sweep {run + 1}/{args.runs}, {expected:,} due (batch {DEFAULT_BATCH}):", flush=True)
            last = run == args.runs - 1 and expected == args.due
            timings[expected].append(
                timed_sweep(now, expected, profile=args.profile and last, queries=args.queries and last)
            )
            assert restore() == expected
    for expected, samples in timings.items():
        print(f"{expected:>7,} due: median {statistics.median(samples):.2f} s  "
              f"(runs: {', '.join(f'{s:.2f}' for s in samples)})")

    for now, expected in ((NOW, args.due), (now_tenth, tenth)):
        print(f"\nclaim query, first batch, {expected:,} due:")
        explain(now, DEFAULT_BATCH)
    return 0


if __name__ == "__main__":
    sys.exit(main())
