"""`jiesu report` against the test database: it writes the file and prints its path, and a bad
kind, period or user is an error naming the field, a non-zero exit and no file.

The command runs in this process as `python -m jiesu.cli` runs it (runpy), so it sees the test's
orders; a domain app's tests never import the CLI module itself (import-linter's layers)."""

import runpy
import sys

import pytest

from jiesu.core import clock
from jiesu.reports.tests.factories import GYM, at
from jiesu.reports.tests.helpers import open_docx, text_of


@pytest.fixture(autouse=True)
def _environment(monkeypatch, tmp_path):
    """The CLI prepares its data folder and secret key: keep both out of the developer's folder."""
    monkeypatch.setenv("JIESU_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SECRET_KEY", "test-only")


def jiesu(*argv: str, monkeypatch) -> int:
    monkeypatch.setattr(sys, "argv", ["jiesu", *argv])
    with pytest.raises(SystemExit) as exit_:
        runpy.run_module("jiesu.cli", run_name="__main__", alter_sys=False)
    return exit_.value.code


def test_the_report_is_written_and_its_path_printed(month, tmp_path, capsys, monkeypatch):
    out = tmp_path / "2025-03.docx"
    with clock.travel(at(4, 2)):
        code = jiesu("report", "monthly", "--period", "2025-03", "--out", str(out), monkeypatch=monkeypatch)

    assert code == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = text_of(open_docx(out.read_bytes()))
    assert "2025年3月消费者咨询投诉举报分析报告" in text and GYM in text


@pytest.mark.parametrize(("argv", "field"), [
    (["weekly", "--period", "2025-03"], "kind"),
    (["monthly", "--period", "2025-3"], "period"),
    (["holiday", "--period", "2025-01-28"], "period"),
    (["monthly", "--period", "2025-03", "--user", "nobody"], "user"),
])  # fmt: skip
def test_bad_input_names_the_field_and_writes_nothing(org, tmp_path, capsys, monkeypatch, argv, field):
    out = tmp_path / "report.docx"

    code = jiesu("report", *argv, "--out", str(out), monkeypatch=monkeypatch)

    assert code == 2
    assert field in capsys.readouterr().err
    assert not out.exists()
