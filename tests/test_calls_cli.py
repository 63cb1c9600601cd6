"""`jiesu calls import FILE [--map ...] [--user ...]`: the shell's way into zero missed calls.

One test runs the real command in a fresh data folder as a script would; the others call `main()`
in this process against the test database, which is quicker and lets them look at the rows.
"""

import os
import subprocess
import sys

import pytest

from jiesu.calls.models import Callback, CallImport
from jiesu.calls.tests.factories import CHINESE_HEADER, csv_bytes
from jiesu.cli import main

LOG = [
    ("13800138000", "2025-03-04 09:15:00", "no", 40),
    ("12345", "2025-03-04 09:16:00", "no", 40),
    ("13900139000", "2025-03-04 09:20:00", "no", 3),
    ("13900139000", "2025-03-04 09:40:00", "yes", 3),
    ("13700137000", "2025-03-04 09:50:00", "maybe", 3),
]


def test_a_fresh_install_imports_a_log_and_reimporting_adds_nothing(tmp_path):
    test_only = ("DATABASE_URL", "SECRET_KEY", "DEBUG", "JIESU_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env["JIESU_DATA_DIR"] = str(tmp_path / "data")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "jiesu.cli", *args], env=env, capture_output=True, text=True,
                              timeout=300)

    assert run("demo", "--no-serve", "--orders", "0").returncode == 0  # the organisation, with an operator
    log = tmp_path / "log.csv"
    log.write_bytes(csv_bytes(LOG))

    first = run("calls", "import", str(log))
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0] == "imported 3, call-backs 1, errors 2"
    assert lines[1].startswith("line 3: caller: ") and "12345" in lines[1]
    assert lines[2].startswith("line 6: answered: ") and "maybe" in lines[2]

    again = run("calls", "import", str(log))
    assert again.stdout.splitlines()[0] == "imported 0, call-backs 0, errors 2"


@pytest.fixture
def cli(org, tmp_path, monkeypatch, capsys):
    """`cli(content, *args)`: write the file, run `jiesu calls import` on it, return (code, out, err)."""
    monkeypatch.setenv("JIESU_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SECRET_KEY", "test-only-secret-key-for-the-cli-in-process-0123456789")

    def run(content: bytes, *args: str, name: str = "log.csv"):
        path = tmp_path / name
        path.write_bytes(content)
        code = main(["calls", "import", str(path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_chinese_headers_in_gbk_and_the_centres_operator_as_importer(cli, org):
    code, out, _err = cli(csv_bytes([("13800138000", "2025/3/4 9:15", "否", "12")], header=CHINESE_HEADER,
                                     encoding="gbk"))

    assert (code, out) == (0, "imported 1, call-backs 1, errors 0\n")
    assert CallImport.objects.get().imported_by == org.operator
    assert Callback.objects.get().department == org.centre


def test_map_names_the_files_columns(cli):
    content = csv_bytes([("2025-03-04 09:15", "13800138000", "0", "7")], header=["开始时间", "主叫", "接通", "排队"])

    code, out, _err = cli(content, "--map", "caller=主叫,time=开始时间,answered=接通,wait=排队")

    assert (code, out) == (0, "imported 1, call-backs 1, errors 0\n")


def test_without_map_unknown_headers_fail_and_say_which(cli):
    code, out, err = cli(csv_bytes([("2025-03-04 09:15", "13800138000", "0")], header=["开始时间", "主叫", "接通"]))

    assert code == 2 and out == ""
    assert "开始时间" in err and "caller" in err


@pytest.mark.parametrize("bad_map", ["caller", "phone=主叫", "caller=没有这列,time=time,answered=answered"])
def test_a_bad_map_fails_and_imports_nothing(cli, bad_map):
    code, _out, err = cli(csv_bytes(LOG), "--map", bad_map)

    assert code == 2 and err.startswith("错误：")
    assert not CallImport.objects.exists()


def test_an_unreadable_or_missing_file_fails(cli, tmp_path, capsys):
    code, _out, err = cli(b"\xd0\xcf\x11\xe0old", name="log.xls")
    assert code == 2 and ".xls" in err

    assert main(["calls", "import", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv" in capsys.readouterr().err


def test_user_names_the_importer_and_must_be_an_operator(cli, org):
    code, _out, err = cli(csv_bytes(LOG), "--user", "handler_a1")
    assert code == 2 and "受理员" in err

    code, _out, err = cli(csv_bytes(LOG), "--user", "nobody")
    assert code == 2 and "nobody" in err

    code, out, _err = cli(csv_bytes(LOG), "--user", "admin")
    assert code == 0 and out.startswith("imported 3, call-backs 1, errors 2")
    assert CallImport.objects.get().imported_by == org.admin
