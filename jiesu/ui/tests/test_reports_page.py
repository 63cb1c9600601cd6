"""分析报告 pages through the test client: draft, edit, publish, download; who may; scope."""

import pytest
from django.urls import reverse

from jiesu.core import clock
from jiesu.reports.models import AnalysisReport
from jiesu.reports.services import DOCX
from jiesu.reports.tests.factories import at, report_month
from jiesu.reports.tests.helpers import open_docx, text_of

#: Every report draws its charts in a Chinese font.
pytestmark = pytest.mark.usefixtures("cjk_font")


@pytest.fixture(autouse=True)
def _april(org):
    report_month(org)
    with clock.travel(at(4, 2)):
        yield


@pytest.fixture
def leader(client_for, org):
    return client_for(org.centre_leader)


def test_a_leader_drafts_edits_publishes_and_downloads(leader):
    response = leader.post(reverse("ui:reports"), {"kind": "monthly", "period": "2025-03"})

    report = AnalysisReport.objects.get()
    assert response.status_code == 302 and response.url == reverse("ui:report_detail", args=[report.pk])
    page = leader.get(response.url)
    assert "共受理消费者咨询、投诉、举报 4 件" in page.content.decode()

    leader.post(response.url, {"title": report.title, "findings": "核改后的分析与建议。"})
    leader.post(reverse("ui:report_publish", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == "published" and report.findings == "核改后的分析与建议。"
    assert leader.post(response.url, {"title": "x", "findings": "再改"}).status_code == 409

    download = leader.get(reverse("ui:report_download", args=[report.pk]))
    assert download.status_code == 200 and download["Content-Type"] == DOCX
    assert "attachment" in download["Content-Disposition"]
    assert "核改后的分析与建议。" in text_of(open_docx(download.content))
    assert "分析报告" in leader.get(reverse("ui:reports")).content.decode()


def test_a_bad_period_is_shown_on_the_form(leader):
    response = leader.post(reverse("ui:reports"), {"kind": "quarterly", "period": "2025-03"})

    assert response.status_code == 200
    assert "统计期格式应如 2025-Q1" in response.content.decode()
    assert not AnalysisReport.objects.exists()


def test_handlers_may_not_and_other_districts_do_not_see_it(client_for, org, leader):
    leader.post(reverse("ui:reports"), {"kind": "monthly", "period": "2025-03"})
    report = AnalysisReport.objects.get()

    assert client_for(org.handler_a1).get(reverse("ui:reports")).status_code == 403
    district = client_for(org.leader_b)
    assert district.get(reverse("ui:report_detail", args=[report.pk])).status_code == 404
    assert district.get(reverse("ui:report_download", args=[report.pk])).status_code == 404
