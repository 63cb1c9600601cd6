"""The repeat and group lookups a registration runs, against a large table (issue 5 item 8: under
50 ms per new order on PostgreSQL with 1,000,000 orders of the last 90 days).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiesu_similar python benchmarks/similar_lookup.py --samples 200

Run on a database seeded with `benchmarks/seed_orders.py N --days 90`. For each sample, a new
order is drafted like a fresh registration (a random seeded order's respondent and a description of
its own, the phone of an earlier caller half of the time) and the two lookups of registration are
timed without writing: `repeats.earlier_order_for` (same caller, same respondent, open or recently
concluded) and `groups.group_of` (other callers against the same respondent about the same problem
in the window, compared by MinHash, concepts and TF-IDF).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiesu.settings")
os.environ.setdefault("JIESU_TESTING", "1")

import django  # noqa: E402

django.setup()

from jiesu.core import clock  # noqa: E402
from jiesu.intelligence.groups import group_of  # noqa: E402
from jiesu.intelligence.repeats import earlier_order_for  # noqa: E402
from jiesu.orders.models import WorkOrder  # noqa: E402

PROBLEMS = ["办的健身卡店铺关门了，要求退还剩余会费", "买的手机屏幕有坏点，商家拒绝换货", "预付的美容卡无法使用要求退款",
            "超市标价和结账价格不一致，多收了钱", "买的熟食有异味，吃了拉肚子"]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    last_id = WorkOrder.objects.order_by("-id").values_list("id", flat=True).first()
    if not last_id:
        print("seed orders first: benchmarks/seed_orders.py N --days 90", file=sys.stderr)
        return 2
    now = clock.now()
    repeat_ms, group_ms, found_repeats, found_groups = [], [], 0, 0
    for _ in range(args.samples):
        model = WorkOrder.objects.filter(id__gte=rng.randint(1, last_id)).order_by("id").first()
        caller = model.complainant_phone if rng.random() < 0.5 else f"139{rng.randint(0, 99999999):08d}"
        draft = WorkOrder(
            number="", type="complaint", channel="hotline_12315", received_at=now, complainant_phone=caller,
            respondent_name=model.respondent_name, merchant_id=model.merchant_id, line=model.line,
            requests=["refund"], description=f"{model.respondent_name}{rng.choice(PROBLEMS)}",
        )  # fmt: skip
        started = time.perf_counter()
        found_repeats += earlier_order_for(draft) is not None
        repeat_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        found_groups += group_of(draft) is not None
        group_ms.append((time.perf_counter() - started) * 1000)
    total = [a + b for a, b in zip(repeat_ms, group_ms, strict=True)]
    in_window = WorkOrder.objects.filter(received_at__gte=now - timedelta(days=90)).count()
    print(f"orders {WorkOrder.objects.count():,} ({in_window:,} received in the last 90 days)")
    for name, values in (("repeat", repeat_ms), ("group", group_ms), ("both", total)):
        values = sorted(values)
        print(f"{name:>6}: median {statistics.median(values):.1f} ms, p95 {values[int(len(values) * 0.95) - 1]:.1f} ms, "
              f"worst {values[-1]:.1f} ms")  # fmt: skip
    print(f"samples {args.samples}: {found_repeats} repeats found, {found_groups} groups found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
