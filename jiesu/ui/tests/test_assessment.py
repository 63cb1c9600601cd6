"""部门考核 and 约谈 pages: the ranking with drill-down links, the Excel download, scope, and an
interview from proposal to follow-up done."""

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from jiesu.analytics.tests.scenario import at
from jiesu.assessment.models import Interview
from jiesu.assessment.tests.conftest import poor_data, scored  # noqa: F401  (fixtures)
from jiesu.core import clock
from jiesu.merchants.services import merchant_create


def test_the_ranking_page_links_each_number_to_its_orders(scored, client_for):  # noqa: F811
    with clock.travel(at(4, 2)):
        page = client_for(scored.org.dispatcher).get("/assessment/", {"month": "2025-03"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "金融街所" in html and "50.50" in html and "连续3个月低于平均" in html
    assert ("/stats/orders/?measure=on_time_initial_review_rate&amp;part=denominator&amp;from=2025-03-01"
            "&amp;to=2025-03-31&amp;department=office-a2") in html


def test_a_district_leader_sees_their_district_only(scored, client_for):  # noqa: F811
    with clock.travel(at(4, 2)):
        html = client_for(scored.org.leader_b).get("/assessment/", {"month": "2025-03"}).content.decode()
        sheet = client_for(scored.org.leader_b).get("/assessment/export.xlsx", {"month": "2025-03"})
    assert "东华门所" in html and "西长安街所" not in html
    codes = [row[3] for row in list(load_workbook(BytesIO(sheet.content)).active.iter_rows(values_only=True))[2:]]
    assert codes == ["dist-b", "office-b1"]


def test_handlers_have_no_assessment_pages(org, client_for):
    assert client_for(org.handler_a1).get("/assessment/").status_code == 403


def test_a_merchant_with_many_complaints_is_proposed_and_interviewed(org, client_for, settings):
    from jiesu.orders.tests.factories import register

    settings.JIESU_INTERVIEW_MERCHANT_MIN_COMPLAINTS = 2
    merchant = merchant_create(name="某某健身会所", credit_code="91110000802100433B")
    leader = client_for(org.centre_leader)
    with clock.travel(at(3, 3)):
        for phone in ("13800138001", "13800138002"):
            register(org.operator, respondent_credit_code=merchant.credit_code, complainant_phone=phone)
    with clock.travel(at(3, 20)):
        page = leader.get("/assessment/", {"month": "2025-03"})
        assert "某某健身会所" in page.content.decode()
        response = leader.post("/assessment/merchants/propose/", {"merchant": merchant.pk, "month": "2025-03"})
        interview = Interview.objects.get(merchant=merchant)
        assert response.status_code == 302 and interview.status == "proposed"
        assert "2025-03 被投诉 2 件" in interview.problems
        held = leader.post(f"/assessment/interviews/{interview.pk}/hold/", {
            "held_on": "2025-03-20", "participants": "店长", "problems": interview.problems, "result": "承诺退费",
            "follow_up": "十日内退费", "follow_up_due": "2025-03-31"})  # fmt: skip
        assert held.status_code == 302
        done = leader.post(f"/assessment/interviews/{interview.pk}/done/", {"follow_up_result": "已全部退费"})
    interview.refresh_from_db()
    assert done.status_code == 302 and interview.status == "done" and interview.follow_up_due == date(2025, 3, 31)


def test_a_past_follow_up_due_date_comes_back_on_the_form(org, client_for):
    with clock.travel(at(3, 20)):
        leader = client_for(org.centre_leader)
        created = leader.post("/assessment/interviews/", {"department": "office-a1", "problems": "回访满意率低"})
        interview = Interview.objects.get(department=org.office_a1)
        assert created.status_code == 302
        page = leader.post(f"/assessment/interviews/{interview.pk}/hold/", {
            "held_on": "2025-03-20", "participants": "所长", "problems": "回访满意率低", "result": "说明",
            "follow_up": "整改", "follow_up_due": "2025-03-01"})  # fmt: skip
    assert page.status_code == 200 and "整改期限不能早于今天" in page.content.decode()
    interview.refresh_from_db()
    assert interview.status == "proposed"
