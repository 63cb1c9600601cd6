"""The classifier on a small fixture corpus (fixture_corpus.tsv, written for these tests): rules and
model combined, the output schema, evaluation and the stored model's life cycle. No database."""

import shutil
from pathlib import Path

import pytest

from jiesu.intelligence import classifier as module
from jiesu.intelligence.classifier import (
    Classifier,
    classifier_forget,
    classifier_get,
    evaluate,
    labelled_rows_read,
)
from jiesu.intelligence.rules import rules_build
from jiesu.taxonomy.selectors import taxonomy_defaults

FIXTURE = Path(__file__).with_name("fixture_corpus.tsv")
#: The shipped keyword rules, read without a database (the tables hold the same after migrating).
SHIPPED = rules_build(taxonomy_defaults())


@pytest.fixture(scope="module")
def rows():
    return list(labelled_rows_read(FIXTURE.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def trained(rows) -> Classifier:
    return Classifier(SHIPPED).fit(rows)


@pytest.mark.parametrize(("text", "line"), [
    ("买的面包里吃出了塑料片，要求赔偿。", "food"),
    ("药店卖给我的药已经过期了，要求退款。", "drug"),
    ("买的血压计测量不准，要求退货。", "medical_device"),
    ("在超市买的保温杯坏了，超市让我找厂家。", "supermarket"),
    ("4S店修车后发动机还是异响。", "auto"),
    ("装修公司工期拖延三个月，墙面开裂。", "real_estate"),
    ("出租车司机绕路多收钱，不打表。", "price"),
    ("新买的洗衣机不能脱水，售后维修了三次还是坏。", "quality"),
    ("旅行社临时取消行程，不退团费。", "general"),
])  # fmt: skip
def test_top_three_holds_the_true_line(trained, text, line):
    result = trained.classify(text)
    assert line in [code for code, _p in result.line_candidates]
    assert result.line.reason


def test_a_boundary_rule_overrides_the_model_and_keeps_its_candidates(trained):
    result = trained.classify("超市卖的饼干没有中文标签，要求十倍赔偿。")
    assert result.line.code == "professional_claim"
    assert result.line.confidence >= 0.95
    assert result.line.reason.startswith("命中规则：惩罚性赔偿（十倍赔偿）")
    assert len(result.line_candidates) == 3
    assert result.line_candidates[0] == ("professional_claim", result.line.confidence)
    assert sum(p for _code, p in result.line_candidates) <= 1.0 + 1e-9


def test_a_model_decision_names_its_keywords(trained):
    result = trained.classify("出租车司机绕路多收钱，不打表。")
    assert "关键词：" in result.line.reason


def test_danger_words_make_the_order_fast_whatever_the_model_says(trained):
    result = trained.classify("商场的扶梯突然倒转，好几个人摔伤了，现在还有人被困。")
    assert result.urgency == "fast"
    assert set(result.fast_response_reasons) >= {"safety"}
    assert result.line.code == "special_equipment"


def test_an_ordinary_text_is_not_fast(trained):
    result = trained.classify("网上买的衬衫掉色，要求退货。")
    assert result.urgency != "fast"
    assert result.fast_response_reasons == []


def test_output_has_the_cli_shape(trained):
    out = trained.classify("健身房老板卷款跑路了，要求退还剩余年卡费用。").as_dict()
    assert list(out) == ["line", "line_candidates", "category", "requests", "issue", "urgency",
                         "fast_response_reasons"]  # fmt: skip
    assert set(out["line"]) == {"code", "confidence", "reason"}
    assert out["line"]["code"] == "prepaid" and out["line"]["code"] in SHIPPED.line_codes
    assert all(set(c) == {"code", "confidence"} for c in out["line_candidates"])
    assert all(isinstance(c["confidence"], float) for c in out["line_candidates"])
    assert isinstance(out["category"], str) and isinstance(out["issue"], str)
    assert "退款" in out["requests"]
    assert out["urgency"] in {"normal", "urgent", "fast"}


def test_a_batch_answers_each_text_in_order(trained):
    texts = ["要求十倍赔偿", "电梯困人了", "药店卖假药"]
    assert [r.line.code for r in trained.classify_many(texts)] == [trained.classify(t).line.code for t in texts]
    assert trained.classify_many([]) == []


def test_evaluation_reports_accuracy_top3_macro_f1_and_confusion(trained, rows):
    result = evaluate(trained, rows)
    assert result.rows == len(rows)
    assert 0.9 <= result.accuracy <= result.top3_accuracy <= 1.0
    assert 0 < result.macro_f1 <= 1
    assert sum(map(sum, result.confusion)) == len(rows)
    assert len(result.confusion) == len(result.labels)


def test_evaluation_files_may_be_csv_with_only_text_and_line():
    rows = list(labelled_rows_read("text,line\n要求十倍赔偿,professional_claim\n,food\n"))
    assert [(text, labels.line) for text, labels in rows] == [("要求十倍赔偿", "professional_claim")]


@pytest.fixture
def corpus_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(module, "rules_current", lambda: SHIPPED)
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "train_a.tsv")
    classifier_forget()
    yield folder
    classifier_forget()


def test_first_use_trains_and_stores_then_a_fresh_process_loads_the_stored_model(corpus_dir, tmp_path, monkeypatch):
    path = tmp_path / "classifier" / "model.joblib"
    first = classifier_get(path=path, corpus_dir=corpus_dir)
    assert path.exists()
    assert classifier_get(path=path, corpus_dir=corpus_dir) is first

    classifier_forget()
    monkeypatch.setattr(module.Classifier, "fit", lambda *a: pytest.fail("retrained a current model"))
    loaded = classifier_get(path=path, corpus_dir=corpus_dir)
    assert loaded.fingerprint == first.fingerprint


def test_a_changed_corpus_retrains(corpus_dir, tmp_path):
    path = tmp_path / "model.joblib"
    before = classifier_get(path=path, corpus_dir=corpus_dir).fingerprint
    classifier_forget()
    with (corpus_dir / "train_a.tsv").open("a", encoding="utf-8") as corpus:
        corpus.write("price\tnormal\t\t交通出行\t退款\t价格\t加油站多收了油钱。\n")
    assert classifier_get(path=path, corpus_dir=corpus_dir).fingerprint != before


def test_a_damaged_model_file_is_replaced(corpus_dir, tmp_path):
    path = tmp_path / "model.joblib"
    path.write_bytes(b"not a model")
    assert classifier_get(path=path, corpus_dir=corpus_dir).classify("要求十倍赔偿").line.code == "professional_claim"
