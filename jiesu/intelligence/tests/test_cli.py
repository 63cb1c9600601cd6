"""`jiesu classify` and `jiesu classifier evaluate` as scripts use them: a real process, an empty
data folder and no database (the model trains from the shipped corpus on first use)."""

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One data folder for the module: the first command trains and stores, the next one loads."""
    test_only = ("DATABASE_URL", "SECRET_KEY", "DEBUG", "JIESU_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env["JIESU_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "jiesu.cli", *args], env=env, input=stdin,
                              capture_output=True, text=True, timeout=300)  # fmt: skip

    return run


def test_classify_answers_each_line_and_reports_a_bad_one(run):
    lines = [
        {"id": 1, "description": "小区电梯突然停了，我和孩子被困在电梯里，快来人", "respondent": "某某物业"},
        "{not json",
        {"id": "b", "respondent": "某某超市"},
        {"id": 3, "description": "健身房老板卷款跑路了，年卡还剩八个月，要求退钱"},
    ]
    stdin = "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines)

    result = run("classify", stdin=stdin + "\n")

    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["id"] for a in answers] == [1, None, "b", 3]
    assert "error" in answers[1] and "description" in answers[2]["error"]
    lift = answers[0]
    assert list(lift) == ["id", "line", "line_candidates", "category", "requests", "issue", "urgency",
                          "fast_response_reasons"]  # fmt: skip
    assert lift["line"]["code"] == "special_equipment" and lift["line"]["reason"]
    assert lift["urgency"] == "fast" and "safety" in lift["fast_response_reasons"]
    assert len(lift["line_candidates"]) == 3
    assert all(round(c["confidence"], 3) == c["confidence"] for c in lift["line_candidates"])
    assert answers[3]["line"]["code"] == "prepaid"
    assert "电梯" in result.stdout  # ensure_ascii off: Chinese as Chinese


def test_evaluate_prints_the_four_metrics_for_a_tsv(run, tmp_path):
    sample = tmp_path / "sample.tsv"
    sample.write_text(
        "text\tline\n"
        "要求商家支付价款十倍的惩罚性赔偿\tprofessional_claim\n"
        "健身房老板卷款跑路，会员卡不能用了\tprepaid\n"
        "商场扶梯突然倒转，有人摔倒\tspecial_equipment\n"
        "饭店没有明码标价，结账多收了一百元\tprice\n",
        encoding="utf-8",
    )

    result = run("classifier", "evaluate", str(sample))

    assert result.returncode == 0, result.stderr
    for metric in ("accuracy", "top-3 accuracy", "macro-F1", "confusion matrix"):
        assert metric in result.stdout
    assert "professional_claim" in result.stdout and "4 条" in result.stdout


def test_evaluate_without_a_line_column_says_what_is_missing(run, tmp_path):
    sample = tmp_path / "no_line.csv"
    sample.write_text("text,other\n退钱,1\n", encoding="utf-8")
    result = run("classifier", "evaluate", str(sample))
    assert result.returncode == 2
    assert "line" in result.stderr
