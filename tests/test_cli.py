"""The `jiesu` command as a newcomer and a script use it: a real process, an empty data folder."""

import os
import subprocess
import sys

import pytest


@pytest.fixture
def run(tmp_path):
    test_only = ("DATABASE_URL", "SECRET_KEY", "DEBUG", "JIESU_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env["JIESU_DATA_DIR"] = str(tmp_path / "data")

    def run(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "jiesu.cli", *args], env={**env, **extra_env}, capture_output=True, text=True,
            timeout=300,
        )

    return run


def test_working_days_across_the_2025_spring_festival_before_and_after_migrating(run):
    fresh = run("calendar", "add-working-days", "2025-01-24", "7")
    assert fresh.returncode == 0, fresh.stderr
    assert fresh.stdout.strip().splitlines()[-1] == "2025-02-10"
    assert "chinese-calendar" in fresh.stderr  # said where the answer came from

    assert run("manage", "migrate", "-v0").returncode == 0
    migrated = run("calendar", "add-working-days", "2025-01-24", "7")
    assert migrated.stdout.strip() == "2025-02-10"
    assert migrated.stderr == ""


def test_bad_calendar_input_names_the_argument(run):
    result = run("calendar", "add-working-days", "2025-13-01", "3")
    assert result.returncode == 2
    assert "date" in result.stderr and "2025-13-01" in result.stderr


def test_demo_without_serving_then_a_token_for_admin(run):
    demo = run("demo", "--no-serve", "--orders", "0")
    assert demo.returncode == 0, demo.stderr
    assert "admin" in demo.stdout and "jiesu-demo-2025" in demo.stdout

    token = run("token", "create", "admin")
    assert token.returncode == 0, token.stderr
    assert token.stdout.strip().splitlines()[-1].startswith("jsu_")

    missing = run("token", "create", "nobody")
    assert missing.returncode == 2
    assert "nobody" in missing.stderr

    again = run("demo", "--no-serve", "--orders", "0")
    assert "演示数据已存在" in again.stdout


def test_deploy_check_is_clean_with_production_settings(run):
    production = {"SECRET_KEY": "k" * 20 + "production-secret-with-enough-entropy-0123456789",
                  "ALLOWED_HOSTS": "jiesu.example.gov.cn"}  # fmt: skip
    result = run("manage", "check", "--deploy", "--fail-level", "WARNING", **production)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_warns_when_allowed_hosts_are_missing(run):
    result = run("manage", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
