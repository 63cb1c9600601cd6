"""Wall time and peak memory of exporting 100,000 orders to Excel with every column (issue 6 item 5).

Tops the database up to --orders orders with seed_orders.py (COPY) when it holds fewer, then, in
this process, runs `GET /api/v1/exports/orders.xlsx` through Django's test client (auth, scope,
masking, the service, the workbook and the streamed response, no network) as the centre's admin,
who sees every order unmasked: first filtered to the newest tenth of the orders, then all of them.
Peak memory is the process's maximum resident set size after each run: if the export held its rows,
the full run would raise it by about ten times what the tenth did.

    createdb -h 127.0.0.1 -U postgres jiesu_export_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiesu_export_bench
    jiesu manage migrate && jiesu demo --no-serve --orders 0
    python benchmarks/export_rate.py            # --orders N (default 100000)
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiesu.settings")
os.environ.setdefault("JIESU_TESTING", "1")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from jiesu.core import clock  # noqa: E402
from jiesu.exports.columns import COLUMNS  # noqa: E402
from jiesu.exports.models import OrderExport  # noqa: E402
from jiesu.orders.models import WorkOrder  # noqa: E402
from jiesu.organisations.services import api_token_create  # noqa: E402


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _export(client: Client, token: str, **filters) -> dict:
    params = {"columns": ",".join(COLUMNS), **filters}
    started = time.perf_counter()
    response = client.get(
        "/api/v1/exports/orders.xlsx", params, HTTP_AUTHORIZATION=f"Bearer {token}", secure=True
    )
    assert response.status_code == 200, (response.status_code, response.content[:300])
    size = sum(len(chunk) for chunk in response.streaming_content)
    seconds = time.perf_counter() - started
    record = OrderExport.objects.order_by("-id").first()
    return {
        "orders": record.row_count,
        "columns": len(record.columns),
        "seconds": round(seconds, 1),
        "orders_per_second": round(record.row_count / seconds),
        "file_mib": round(size / 2**20, 1),
        "peak_rss_mib": round(_peak_mib()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    args = parser.parse_args()
    missing = args.orders - WorkOrder.objects.count()
    if missing > 0:
        seed = Path(__file__).resolve().parent / "seed_orders.py"
        if subprocess.run([sys.executable, str(seed), str(missing)], check=False).returncode:
            return 2
    setup_test_environment()
    token = api_token_create(username="admin", name="export benchmark")
    client = Client()
    total = WorkOrder.objects.count()
    tenth = WorkOrder.objects.order_by("-received_at").values_list("received_at", flat=True)[total // 10]
    results = {"orders_in_database": total, "rss_before_mib": round(_peak_mib())}
    results["newest tenth"] = _export(client, token, received_from=clock.local(tenth).date().isoformat())
    results["all orders"] = _export(client, token)
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
