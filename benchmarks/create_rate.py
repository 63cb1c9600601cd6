"""Orders created per second through POST /api/v1/orders under gunicorn (2 workers), beside two
references measured in the same run on the same PostgreSQL database:

* raw: one psycopg connection inserting a similar row per transaction (the database's ceiling);
* minimal: a Django Ninja endpoint that only inserts that row (the framework's ceiling).

jiesu's rate is reported as a ratio of the minimal endpoint's (target: at least 0.5).
Load comes from wrk (Debian package `wrk`) on loopback, 8 connections for --duration seconds.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiesu_bench python benchmarks/create_rate.py
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODY = {
    "type": "complaint", "channel": "hotline_12315",
    "complainant": {"name": "张三", "phone": "13800138000", "address": "西城区西长安街1号", "anonymous": False},
    "respondent": {"name": "某某商场", "address": "西城区西单北大街120号"},
    "product": {"category": "服装鞋帽", "amount": "299.00", "purchase_channel": "offline"},
    "requests": ["退货"], "description": "在商场购买的羽绒服穿了两天就开线，要求退货，商家拒绝。",
    "urgency": "normal", "line": "supermarket", "fast_response_reasons": [],
}  # fmt: skip
MINIMAL_BODY = {"type": "complaint", "channel": "hotline_12315", "description": BODY["description"],
                "phone": "13800138000", "respondent": "某某商场"}  # fmt: skip


def _env(settings: str) -> dict:
    env = os.environ.copy()
    env.update({
        "DJANGO_SETTINGS_MODULE": settings, "SECRET_KEY": "benchmark-" + "x" * 50, "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "0",
        "JIESU_API_RATE_LIMIT_PER_MINUTE": "100000000", "PYTHONPATH": str(ROOT), "LOG_LEVEL": "WARNING",
    })  # fmt: skip
    return env


def _django(env: dict, code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout


def _wait_up(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not start")


def _wrk(url: str, body: dict, headers: dict, duration: int, connections: int) -> float:
    lua = "wrk.method = 'POST'\nwrk.body = [[" + json.dumps(body, ensure_ascii=False) + "]]\n"
    for name, value in headers.items():
        lua += f"wrk.headers['{name}'] = '{value}'\n"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s", script.name, url],
        check=True, capture_output=True, text=True,
    ).stdout
    os.unlink(script.name)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise RuntimeError(f"{url}: {non2xx.group(1)} failed responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def _serve(settings: str, wsgi: str, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", wsgi, "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--env", f"DJANGO_SETTINGS_MODULE={settings}"],
        env=_env(settings), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return proc


def _raw_insert_rate(duration: int) -> float:
    import psycopg

    url = os.environ["DATABASE_URL"]
    with psycopg.connect(url, autocommit=True) as conn:
        sql = (
            "INSERT INTO orders_workorder (number, type, channel, status, outcome, urgency, fast_response_reasons,"
            " line, category, issue, flags, received_at, created_at, updated_at, complainant_name, complainant_phone,"
            " complainant_id_number, complainant_address, anonymous, respondent_name, respondent_credit_code,"
            " respondent_address, product_name, product_brand, product_amount, purchase_channel, requests, description,"
            " pending_extension_reason, mediation_result, mediation_agreement, mediation_ground, recovered_amount,"
            " case_number, not_accept_ground, reply, review_state, visit_attempts, satisfaction, visit_comment,"
            " exclusion_state, exclusion_reason_code, exclusion_reason)"
            " VALUES (%s, 'complaint', 'hotline_12315', 'registered', '', 'normal', '[]', 'supermarket', '服装鞋帽', '',"
            " '[]', now(), now(), now(), '张三', '13800138000', '', '西城区西长安街1号', false, '某某商场', '',"
            " '西城区西单北大街120号', '', '', 299.00, 'offline', '[\"退货\"]', %s, '', '', '', '', 0, '', '', '', '', 0,"
            " '', '', '', '', '')"
        )
        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < duration:
            conn.execute(sql, (f"2998{count:010d}", BODY["description"]), prepare=True)
            count += 1
        rate = count / (time.perf_counter() - started)
        conn.execute("DELETE FROM orders_workorder WHERE number LIKE '2998%%' OR number LIKE '2999%%'")
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description="orders created per second")
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("set DATABASE_URL to a PostgreSQL database (it will be migrated and written to)", file=sys.stderr)
        return 2
    if shutil.which("wrk") is None:
        print("install wrk: apt-get install wrk", file=sys.stderr)
        return 2
    env = _env("jiesu.settings")
    subprocess.run([sys.executable, "-m", "django", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    token = _django(env, (
        "from jiesu.demo.load import demo_is_loaded, demo_load\n"
        "if not demo_is_loaded(): demo_load(orders=0, progress=lambda m: None)\n"
        "from jiesu.organisations.services import api_token_create\n"
        "print(api_token_create(username='operator', name='benchmark'))\n"
    )).strip().splitlines()[-1]

    raw = _raw_insert_rate(args.duration)
    results = {"raw_insert_per_s": round(raw, 1)}
    for name, settings, wsgi, port, path, body, headers in (
        ("minimal_ninja_per_s", "benchmarks.minimal_ninja.settings", "jiesu.wsgi:application", 8101,
         "/bench/orders", MINIMAL_BODY, {"Content-Type": "application/json"}),
        ("jiesu_per_s", "jiesu.settings", "jiesu.wsgi:application", 8102, "/api/v1/orders", BODY,
         {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}),
    ):  # fmt: skip
        server = _serve(settings, wsgi, port)
        try:
            _wait_up(f"http://127.0.0.1:{port}/")
            _wrk(f"http://127.0.0.1:{port}{path}", body, headers, 3, args.connections)  # warm-up
            results[name] = round(_wrk(f"http://127.0.0.1:{port}{path}", body, headers, args.duration, args.connections), 1)
        finally:
            server.terminate()
            server.wait(timeout=30)
    results["ratio_jiesu_to_minimal"] = round(results["jiesu_per_s"] / results["minimal_ninja_per_s"], 2)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
