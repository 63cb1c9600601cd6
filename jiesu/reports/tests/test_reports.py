"""Analysis reports against the database: the document's sections, its numbers against the
analytics selectors, the findings written from the data and edited by staff, scope and roles."""

import pytest

from jiesu.analytics.measures import measure_table, measures
from jiesu.analytics.periods import report_period
from jiesu.core import clock
from jiesu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiesu.reports import charts
from jiesu.reports.choices import ReportStatus
from jiesu.reports.document import section_headings
from jiesu.reports.formats import fraction_text, value_text
from jiesu.reports.selectors import report_get
from jiesu.reports.services import (
    report_create,
    report_document,
    report_publish,
    report_render,
    report_update,
)
from jiesu.reports.tests.factories import GYM, ID_NUMBER, MALL, NAME, PHONE, at
from jiesu.reports.tests.helpers import open_docx, rows, table_after, text_of


@pytest.fixture(autouse=True)
def _april():
    with clock.travel(at(4, 2)):
        yield


@pytest.fixture
def draft(month):
    return report_create(actor=month.org.centre_leader, kind="monthly", period="2025-03")


def test_the_document_has_every_section_and_its_charts(month, draft):
    document = open_docx(report_render(report=draft, viewer=month.org.centre_leader).content)

    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == section_headings()
    assert document.paragraphs[0].text == "2025年3月消费者咨询投诉举报分析报告"
    assert len(document.inline_shapes) == 3  # trend, rates, top categories


def test_the_measures_table_shows_what_measure_table_counts(month, draft):
    document = open_docx(report_render(report=draft, viewer=month.org.centre_leader).content)
    period = report_period("monthly", "2025-03")
    expected = measure_table(viewer=month.org.centre_leader, period=period).total.measures
    previous = measure_table(viewer=month.org.centre_leader, period=period.previous()).total.measures

    table = rows(table_after(document, "一、总体情况"))
    assert table[0][:4] == ["指标", "本期", "分子/分母", "上期"]
    by_label = {row[0]: row for row in table[1:]}
    for measure in measures():
        row = by_label[str(measure.label)]
        assert row[1] == value_text(measure, expected[measure.key])
        assert row[2] == (fraction_text(measure, expected[measure.key]) or "—")
        assert row[3] == value_text(measure, previous[measure.key])
    assert by_label["工单量"][1:5] == ["4", "—", "1", "+300.0%"]
    assert by_label["满意率"][1:3] == ["100.0%", "1/1"]
    assert by_label["挽回经济损失"][1] == "1,200.00"


def test_the_rankings_list_the_merchants_with_their_change(month, draft):
    document = open_docx(report_render(report=draft, viewer=month.org.centre_leader).content)

    merchants = rows(table_after(document, "（二）被诉经营者"))
    assert merchants[1][:4] == ["1", GYM, "2", "0"]
    assert [MALL, "1", "1", "0.0%"] in [row[1:5] for row in merchants]
    brands = rows(table_after(document, "（三）品牌"))
    assert brands[1][1:3] == ["海澜之家", "1"]


def test_hot_issues_quote_example_orders_without_personal_data(month, draft):
    text = text_of(open_docx(report_render(report=draft, viewer=month.org.centre_leader).content))

    assert "合同：2 件" in text
    assert month.gym1.number in text and month.gym2.number in text
    assert "健身房突然停业不退费" in text
    for personal in (NAME, PHONE, ID_NUMBER):
        assert personal not in text


def test_the_findings_are_written_from_the_data(draft):
    findings = draft.findings

    assert draft.status == ReportStatus.DRAFT
    assert "共受理消费者咨询、投诉、举报 4 件（其中投诉 3 件、举报 1 件）" in findings
    assert "较上期增加 3 件（+300.0%）" in findings
    assert "预付式消费 2 件（上期 0 件）" in findings
    assert f"{GYM} 2 件（占 50.0%，上期 0 件）" in findings
    assert "满意率 100.0%（1/1）" in findings
    assert "挽回经济损失 1,200.00 元" in findings


def test_edited_findings_are_what_the_document_and_later_copies_say(month, draft):
    leader = month.org.centre_leader
    report_update(report=draft, actor=leader, findings="人工核改：健身行业预付卡风险突出。", title="三月分析")
    published = report_publish(report=draft, actor=leader)

    text = text_of(open_docx(report_render(report=published, viewer=leader).content))
    assert (
        "人工核改：健身行业预付卡风险突出。" in text
        and "共受理消费者咨询" not in text.split("五、分析与建议")[1]
    )
    assert published.published_by == leader and published.published_at is not None
    with pytest.raises(Conflict):
        report_update(report=published, actor=leader, findings="再改")
    # `jiesu report` and the API give the published text for the same period and scope.
    again = text_of(
        open_docx(report_document(viewer=month.org.admin, kind="monthly", period="2025-03").content)
    )
    assert "人工核改：健身行业预付卡风险突出。" in again and "三月分析" in again


def test_a_district_report_covers_the_district_only(month, draft):
    mine = report_create(actor=month.org.leader_a, kind="monthly", period="2025-03")

    assert mine.department == month.org.district_a
    assert mine.title.startswith("西城区局")
    assert "共受理消费者咨询、投诉、举报 1 件" in mine.findings  # gym1, handled by 西长安街所
    with pytest.raises(NotFound):
        report_get(viewer=month.org.leader_a, pk=draft.pk)
    with pytest.raises(NotFound):
        report_create(actor=month.org.leader_a, kind="monthly", period="2025-03", department="dist-b")


def test_only_leaders_dispatchers_and_administrators_write_reports(month):
    with pytest.raises(Forbidden):
        report_create(actor=month.org.handler_a1, kind="monthly", period="2025-03")


@pytest.mark.parametrize(("kind", "period", "field"), [
    ("weekly", "2025-03", "kind"), ("monthly", "2025-13", "period"), ("quarterly", "2025-03", "period"),
    ("holiday", "2025-02-04..2025-01-28", "to"),
])  # fmt: skip
def test_a_bad_kind_or_period_names_the_field(org, kind, period, field):
    with pytest.raises(InvalidInput) as error:
        report_create(actor=org.centre_leader, kind=kind, period=period)
    assert field in error.value.fields


def test_a_holiday_report_is_named(month):
    report = report_create(
        actor=month.org.admin, kind="holiday", period="2025-03-01..2025-03-07", name="春节"
    )

    assert report.title == "2025年春节期间（3月1日至3月7日）消费者咨询投诉举报分析报告"
    assert (report.date_from.isoformat(), report.date_to.isoformat()) == ("2025-03-01", "2025-03-07")


def test_without_a_cjk_font_the_report_names_the_package(month, draft, monkeypatch):
    monkeypatch.setattr(charts, "CJK_FAMILIES", ("No Such Font",))
    monkeypatch.setattr(charts, "CJK_FILES", ("no-such-font",))
    charts.cjk_font.cache_clear()
    try:
        with pytest.raises(charts.ChartFontMissing) as error:
            report_render(report=draft, viewer=month.org.centre_leader)
    finally:
        charts.cjk_font.cache_clear()
    assert "fonts-noto-cjk" in error.value.detail
