"""Server time of the order list's first page and of filtered searches, as the table grows.

Runs requests in-process through Django's test client (all middleware, auth, scope and
serialisation included; no network), 30 timed runs after 3 warm-ups, and reports the median and
95th percentile in milliseconds. Load rows first with seed_orders.py.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiesu_bench python benchmarks/list_latency.py
"""

import json
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiesu.settings")
os.environ.setdefault("JIESU_TESTING", "1")
os.environ.setdefault("JIESU_API_RATE_LIMIT_PER_MINUTE", "100000000")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from jiesu.orders.models import WorkOrder  # noqa: E402
from jiesu.organisations.models import Staff  # noqa: E402
from jiesu.organisations.services import api_token_create  # noqa: E402

RUNS, WARMUP = 30, 3


def _time(client: Client, url: str, **headers) -> dict:
    for _ in range(WARMUP):
        response = client.get(url, **headers)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url, **headers)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    samples.sort()
    return {"median_ms": round(statistics.median(samples), 1), "p95_ms": round(samples[int(RUNS * 0.95) - 1], 1)}


def main() -> int:
    setup_test_environment()
    total = WorkOrder.objects.count()
    sample = WorkOrder.objects.order_by("-id").values("complainant_phone", "respondent_name").first()
    if not total or sample is None:
        print("no orders: run benchmarks/seed_orders.py first", file=sys.stderr)
        return 2
    leader = Staff.objects.filter(roles__icontains="leader", department__kind="district_bureau").first()
    admin_token = api_token_create(username="admin", name="benchmark")
    cases = {
        "api first page (centre)": ("/api/v1/orders?limit=50", admin_token),
        "api first page (district leader)": ("/api/v1/orders?limit=50", api_token_create(username=leader.username)),
        "api filter status+type+dates": (
            "/api/v1/orders?status=in_progress&type=complaint&received_from=2020-01-01&limit=50", admin_token),
        "api filter line+channel": ("/api/v1/orders?line=prepaid&channel=hotline_12315&limit=50", admin_token),
        "api filter phone": (f"/api/v1/orders?phone={sample['complainant_phone']}&limit=50", admin_token),
        "api filter respondent": (f"/api/v1/orders?respondent={sample['respondent_name'][:4]}&limit=50", admin_token),
    }  # fmt: skip
    results = {"orders": total}
    client = Client()
    for name, (url, token) in cases.items():
        results[name] = _time(client, url, HTTP_AUTHORIZATION=f"Bearer {token}")
    ui = Client()
    ui.force_login(Staff.objects.get(username="admin"))
    results["ui order list first page (centre)"] = _time(ui, "/orders/")
    results["ui my work (district leader)"] = _time(_logged_in(leader), "/my-work/")
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


def _logged_in(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


if __name__ == "__main__":
    sys.exit(main())
