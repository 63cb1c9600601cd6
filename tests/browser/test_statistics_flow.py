"""What issue 6 calls done, in a real browser: a leader opens the statistics, clicks a rate, sees
exactly the orders behind it, then downloads the month's analysis report and the department
ranking, and the numbers agree with each other."""

import re
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from jiesu.analytics.tests.scenario import build_march
from jiesu.assessment.services import assessment_score
from jiesu.organisations.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("cjk_font")]


def test_a_leader_audits_a_rate_then_downloads_the_report_and_the_ranking(org, page_for, live_server, tmp_path):
    march = build_march(org)
    assessment_score(month=date(2025, 3, 1))
    leader = page_for("centre_leader", PASSWORD)

    leader.goto(f"{live_server.url}/stats/?from=2025-03-01&to=2025-03-31")
    card = leader.locator(".measure-card[data-measure=on_time_initial_review_rate]")
    assert "40.0%" in card.inner_text() and "2 / 5" in card.inner_text()
    card.locator("a.value").click()
    leader.wait_for_url(re.compile(r"/stats/orders/"))
    listed = set(leader.locator("#order-results td.mono a").all_inner_texts())
    assert listed == {o.number for o in (march.feb, march.c1, march.c2, march.c3, march.c5)}

    leader.goto(f"{live_server.url}/reports/")
    leader.select_option("select[name=kind]", "monthly")
    leader.fill("input[name=period]", "2025-03")
    leader.click("button:has-text('生成草稿')")
    leader.wait_for_url(re.compile(r"/reports/\d+/$"))
    with leader.expect_download() as report:
        leader.click("#report-download")
    document = Document(report.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "一、总体情况" in text and "五、分析与建议" in text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any("投诉按时初查率" in cell for cell in cells) and any("2/5" in cell.replace(" ", "") for cell in cells)

    leader.goto(f"{live_server.url}/assessment/?month=2025-03")
    with leader.expect_download() as ranking:
        leader.click("text=下载 Excel")
    ranking.value.save_as(tmp_path / "ranking.xlsx")
    sheet = load_workbook(tmp_path / "ranking.xlsx").active
    names = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value}
    assert {"西长安街所", "东华门所"} <= names
