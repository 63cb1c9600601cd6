"""A year of measures grouped by department from the daily roll-up, against a full recount
(issue 6 item 9): the roll-up's time must not grow with the orders.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiesu_stats_1m python benchmarks/stats_measures.py --prepare --rebuild

Run on a database seeded with benchmarks/seed_orders.py (which writes orders only). `--prepare`
gives the orders seeded since its last run what the measures read, set-based in SQL: a contact deadline for every
order, the acceptance-decision deadline of complaints and the verification deadline of reports
(met on time, met late or still running), outcomes and recovered amounts of concluded complaints,
and return-visit answers of visited orders. `--rebuild` then computes facts and roll-ups from every
order (`rollups_rebuild`, timed). The benchmark times `measure_table` for the last 365 days grouped
by department as the centre sees it (median and worst of `--runs` warm runs), the full recount of
the same year straight from orders and deadlines, and checks the two agree.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiesu.settings")
os.environ.setdefault("JIESU_TESTING", "1")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from jiesu.analytics.measures import measure_table  # noqa: E402
from jiesu.analytics.models import DailyMeasure, OrderFact  # noqa: E402
from jiesu.analytics.periods import Period  # noqa: E402
from jiesu.analytics.recount import differences, recount, rollup_cells  # noqa: E402
from jiesu.analytics.rollups import rollups_rebuild, rollups_refresh  # noqa: E402
from jiesu.core import clock  # noqa: E402
from jiesu.orders.models import WorkOrder  # noqa: E402
from jiesu.organisations.models import Staff  # noqa: E402

PREPARE = [
    # The contact deadline of every order: 24 hours; most met within it, some late, recent ones running.
    """
    INSERT INTO deadlines_deadline (order_id, kind, state, started_at, due_at, met_at, length, unit,
                                    extended_working_days, warning, ladder_round, pause_reason)
    SELECT o.id, 'acknowledge', CASE WHEN o.received_at > now() - interval '1 day' THEN 'running' ELSE 'met' END,
           o.received_at, o.received_at + interval '24 hours',
           CASE WHEN o.received_at > now() - interval '1 day' THEN NULL
                ELSE o.received_at + (random() * 30) * interval '1 hour' END,
           24, 'hours', 0, '', 0, ''
    FROM orders_workorder o WHERE o.id > %(after)s
    """,
    # Complaints: the acceptance decision, 7 working days (about 9 calendar days); reports: 15 (21).
    """
    INSERT INTO deadlines_deadline (order_id, kind, state, started_at, due_at, met_at, length, unit,
                                    extended_working_days, warning, ladder_round, pause_reason)
    SELECT o.id, k.kind, CASE WHEN o.status IN ('registered', 'dispatched', 'returned') THEN 'running' ELSE 'met' END,
           o.received_at, o.received_at + k.days * interval '1 day',
           CASE WHEN o.status IN ('registered', 'dispatched', 'returned') THEN NULL
                ELSE o.received_at + (random() * k.days * 1.15) * interval '1 day' END,
           k.length, 'working_days', 0, '', 0, ''
    FROM orders_workorder o
    JOIN (VALUES ('complaint', 'accept_decision', 9, 7), ('report', 'verify', 21, 15)) AS k(type, kind, days, length)
      ON k.type = o.type
    WHERE o.id > %(after)s
    """,
    # Concluded complaints: an outcome and what mediation recovered.
    """
    UPDATE orders_workorder SET
        outcome = CASE WHEN r < 0.7 THEN 'mediated' WHEN r < 0.85 THEN 'mediation_failed' ELSE 'mediation_terminated' END,
        recovered_amount = CASE WHEN r < 0.7 THEN round((random() * 2000)::numeric, 2) ELSE 0 END
    FROM (SELECT id, random() AS r FROM orders_workorder
          WHERE type = 'complaint' AND status IN ('concluded', 'visited', 'closed') AND id > %(after)s) AS pick
    WHERE orders_workorder.id = pick.id
    """,
    # Visited and closed orders: a return visit a day after conclusion.
    """
    UPDATE orders_workorder SET
        visited_at = concluded_at + interval '1 day', visit_reached = true, resolved = random() < 0.85,
        satisfaction = CASE WHEN r < 0.7 THEN 'satisfied' WHEN r < 0.9 THEN 'basically_satisfied' ELSE 'unsatisfied' END
    FROM (SELECT id, random() AS r FROM orders_workorder WHERE status IN ('visited', 'closed') AND id > %(after)s) AS pick
    WHERE orders_workorder.id = pick.id AND orders_workorder.concluded_at IS NOT NULL
    """,
]


def prepare() -> None:
    if connection.vendor != "postgresql":
        sys.exit("--prepare writes PostgreSQL SQL; run it on the benchmark database")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        # Only the orders seeded since the last --prepare: the ids above the last one with deadlines.
        cursor.execute("SELECT coalesce(max(order_id), 0) FROM deadlines_deadline")
        after = cursor.fetchone()[0]
        for sql in PREPARE:
            cursor.execute(sql, {"after": after})
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE orders_workorder; ANALYZE deadlines_deadline")
    print(f"prepared in {time.perf_counter() - started:.0f} s")


def timed(fn, runs: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--prepare", action="store_true", help="give seeded orders deadlines, outcomes, visits"
    )
    parser.add_argument("--rebuild", action="store_true", help="recompute facts and roll-ups (timed)")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--recount-runs", type=int, default=3)
    args = parser.parse_args()
    if args.prepare:
        prepare()
    if args.rebuild:
        started = time.perf_counter()
        count = rollups_rebuild()
        print(f"rebuild: {count} orders in {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE analytics_dailymeasure; ANALYZE analytics_orderfact")
    # What every worker does each period: deadlines that fell due since the facts were computed turn
    # overdue (and any queued order is refreshed), so the roll-up is current before it is compared.
    started = time.perf_counter()
    refreshed = rollups_refresh().orders
    print(f"refresh: {refreshed} orders brought up to date in {time.perf_counter() - started:.1f} s")
    viewer = Staff.objects.get(username="admin")
    today = clock.today()
    year = Period(today - timedelta(days=364), today)

    def grouped():
        return measure_table(viewer=viewer, period=year, group_by="department")

    grouped()  # warm the caches of the process (taxonomy, departments)
    median, worst, table = timed(grouped, args.runs)
    total = table.total.measures
    recount_median, recount_worst, counted = timed(
        lambda: recount(date_from=year.date_from, date_to=year.date_to), args.recount_runs
    )
    problems = differences(counted, rollup_cells(date_from=year.date_from, date_to=year.date_to))
    rows = DailyMeasure.objects.filter(day__range=(year.date_from, year.date_to), dimension="all").count()
    print(f"orders {WorkOrder.objects.count():,}  facts {OrderFact.objects.count():,}  "
          f"roll-up rows (all, year) {rows:,}  total rows {DailyMeasure.objects.count():,}")  # fmt: skip
    print(f"year grouped by department ({len(table.items)} items): median {median:.1f} ms, worst {worst:.1f} ms "
          f"over {args.runs} runs")  # fmt: skip
    print(f"full recount of the year: median {recount_median:.0f} ms, worst {recount_worst:.0f} ms")
    print(f"orders in the year {total['orders'].value:,}; initial review {total['on_time_initial_review_rate']}; "
          f"satisfaction {total['satisfaction_rate']}")  # fmt: skip
    print(f"differences between roll-up and recount: {len(problems)}")
    for line in problems[:20]:
        print("  " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
