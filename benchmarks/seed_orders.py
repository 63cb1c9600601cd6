"""Bulk-load N synthetic work orders into the configured database for benchmarks.

Benchmarks need hundreds of thousands of rows in minutes, so this writes rows directly (PostgreSQL
COPY, or bulk_create elsewhere) instead of replaying the workflow like the demo does. Rows follow the
demo's proportions (72 % consultations, 22 % complaints, 6 % reports) over the last 12 months and
point at the demo organisation, which must be loaded first (`jiesu demo --no-serve --orders 0`).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiesu_bench python benchmarks/seed_orders.py 1000000
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiesu.settings")
os.environ.setdefault("JIESU_TESTING", "1")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from jiesu.core import clock  # noqa: E402
from jiesu.orders.choices import Line  # noqa: E402
from jiesu.orders.models import DailySequence, WorkOrder  # noqa: E402
from jiesu.organisations.models import Department  # noqa: E402
from jiesu.taxonomy.selectors import Kind, taxonomy_codes  # noqa: E402

COLUMNS = [
    "number", "type", "channel", "status", "outcome", "urgency", "fast_response_reasons", "line", "category",
    "issue", "flags", "received_at", "created_at", "updated_at", "complainant_name", "complainant_phone",
    "complainant_id_number", "complainant_address", "anonymous", "respondent_name", "respondent_credit_code",
    "respondent_address", "product_name", "product_brand", "product_amount", "purchase_channel", "requests",
    "description", "pending_extension_reason", "mediation_result", "mediation_agreement", "mediation_ground",
    "recovered_amount", "case_number", "not_accept_ground", "reply", "review_state", "visit_attempts",
    "satisfaction", "visit_comment", "exclusion_state", "exclusion_reason_code", "exclusion_reason",
    "department_id", "intake_department_id", "concluded_at", "next_due_at", "handler_id",
]  # fmt: skip

SHOPS = ["西单大悦城", "君太百货", "汉光百货", "华威大厦", "老佛爷百货", "某某健身会所", "某某美容美发店", "某某4S店",
         "某某超市", "某某家装公司", "某某药房", "某某餐饮店", "某某手机专营店", "某某教育培训学校", "某某电器商城"]  # fmt: skip
LINES = list(Line)
PROBLEMS = ["退货被拒", "质量问题", "预付卡退费", "价格欺诈", "食品变质", "电梯故障", "虚假宣传", "维修不到位"]


def _categories() -> list[str]:
    """Read once, before any COPY starts: a query on the connection in the middle of a COPY would
    wait for the COPY forever."""
    if not _CATEGORIES:
        _CATEGORIES.extend(taxonomy_codes(Kind.CATEGORY))
    return _CATEGORIES


_CATEGORIES: list[str] = []


def order_row(
    rng: random.Random, *, received, order_type: str, status: str, department: int | None, centre: int,
    start_seq: dict, handler: int | None = None,
) -> list:
    """One row in COLUMNS order: an order received at `received`, numbered from `start_seq` (the
    daily sequence, updated in place). Also used by sweep.py, which picks its own times and handlers."""
    day = clock.local(received).date()
    start_seq[day] = start_seq.get(day, 0) + 1
    shop = rng.choice(SHOPS)
    problem = rng.choice(PROBLEMS)
    return [
        f"{day:%Y%m%d}{start_seq[day]:06d}", order_type,
        rng.choice(["hotline_12315", "hotline_12315", "transfer_12345", "web", "qr"]), status,
        "answered" if status in ("concluded", "visited", "closed") and order_type == "consultation" else "",
        "normal", "[]", rng.choice(LINES), rng.choice(_categories()), "", "[]",
        received, received, received, "消费者", f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}", "",
        "", False, shop, "", "北京市西城区西单北大街" + str(rng.randint(1, 300)) + "号", "", "",
        f"{rng.randint(10, 20000)}.00", "offline", json.dumps(["退货"], ensure_ascii=False),
        f"消费者反映在{shop}消费遇到{problem}，要求商家处理。", "", "", "", "", "0.00", "", "", "", "", 0, "", "",
        "", "", "", department, centre,
        received + timedelta(days=3) if status in ("concluded", "visited", "closed") else None,
        received + timedelta(days=7) if status in ("dispatched", "in_progress") else None,
        handler,
    ]


def _rows(n: int, rng: random.Random, departments: list[int], centre: int, start_seq: dict, days: int = 365):
    now = clock.now()
    for _ in range(n):
        received = now - timedelta(seconds=rng.randint(0, days * 86400))
        r = rng.random()
        order_type = "consultation" if r < 0.72 else ("complaint" if r < 0.94 else "report")
        age_days = (now - received).days
        if age_days > 30:
            status = rng.choice(["concluded", "visited", "closed", "closed"])
        else:
            status = rng.choice(["registered", "dispatched", "in_progress", "in_progress", "concluded", "returned"])
        department = None if status in ("registered", "returned") else rng.choice(departments)
        yield order_row(rng, received=received, order_type=order_type, status=status, department=department,
                        centre=centre, start_seq=start_seq)


def copy_rows(table: str, columns: list[str], rows) -> None:
    """PostgreSQL COPY of `rows` (lists in `columns` order) into `table`, inside the current transaction."""
    raw = connection.connection
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _copy(rows) -> None:
    copy_rows(WorkOrder._meta.db_table, COLUMNS, rows)


def _bulk_create(rows) -> None:
    batch = []
    for row in rows:
        values = dict(zip(COLUMNS, row, strict=True))
        values["fast_response_reasons"] = json.loads(values["fast_response_reasons"])
        values["flags"] = json.loads(values["flags"])
        values["requests"] = json.loads(values["requests"])
        batch.append(WorkOrder(**values))
        if len(batch) >= 2000:
            WorkOrder.objects.bulk_create(batch)
            batch = []
    if batch:
        WorkOrder.objects.bulk_create(batch)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--days", type=int, default=365, help="spread the orders over the last DAYS days")
    args = parser.parse_args()
    if args.count < 1:
        parser.error("count must be positive")
    centre = Department.objects.filter(kind="centre").values_list("pk", flat=True).first()
    departments = list(Department.objects.filter(kind__in=["office", "section"]).values_list("pk", flat=True))
    if centre is None or not departments:
        print("load the demo organisation first: jiesu demo --no-serve --orders 0", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    _categories()
    sequences = dict(DailySequence.objects.values_list("day", "last"))
    started = time.perf_counter()
    chunk = 100_000
    done = 0
    while done < args.count:
        size = min(chunk, args.count - done)
        with transaction.atomic():
            rows = _rows(size, rng, departments, centre, sequences, args.days)
            if connection.vendor == "postgresql":
                _copy(rows)
            else:
                _bulk_create(rows)
        done += size
        print(f"{done} orders ({time.perf_counter() - started:.0f} s)", flush=True)
    with transaction.atomic():
        for day, last in sequences.items():
            DailySequence.objects.update_or_create(day=day, defaults={"last": last})
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {WorkOrder._meta.db_table}")
    print(f"loaded {args.count} orders in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
