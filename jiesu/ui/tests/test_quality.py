"""The 质量检查 and 回头看 pages: draw, inspect (with and without htmx), create a campaign, preview,
confirm, see the results; roles and department scope on every page."""

from datetime import timedelta

import pytest

from jiesu.orders.models import WorkOrder
from jiesu.orders.tests.checks import NOW
from jiesu.organisations.tests.factories import StaffFactory
from jiesu.quality.models import Inspection, ReviewCampaign, ReviewCampaignOrder, SampleBatch
from jiesu.quality.tests.factories import concluded, visited
from jiesu.ui.tests.conftest import htmx


@pytest.fixture
def march(org, time_machine):
    time_machine.move_to(NOW, tick=False)
    return {
        "a1": [concluded(org) for _ in range(3)],
        "b1": [concluded(org, org.office_b1, org.handler_b1)],
    }


def draw(client, **values):
    data = {
        "period_start": "2025-03-01",
        "period_end": "2025-03-31",
        "rate_percent": "100",
        "department": "",
        **values,
    }
    return client.post("/quality/", data)


def test_an_inspector_draws_a_sample_and_sees_it(org, march, client_for):
    visitor = client_for(org.visitor)

    page = visitor.get("/quality/")
    assert page.status_code == 200
    assert 'value="10.0"' in page.content.decode()  # JIESU_QUALITY_SAMPLE_RATE as the default
    response = draw(visitor)

    batch = SampleBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/quality/batches/{batch.pk}/"
    body = visitor.get(response["Location"]).content.decode()
    for order in march["a1"] + march["b1"]:
        assert order.number in body
    assert "东华门所" in body
    listing = visitor.get("/quality/").content.decode()
    assert f'href="/quality/batches/{batch.pk}/"' in listing and "100%" in listing


def test_a_bad_rate_comes_back_on_the_form(org, march, client_for):
    response = draw(client_for(org.visitor), rate_percent="0")

    assert response.status_code == 200
    assert "抽样比例应大于 0" in response.content.decode()
    assert not SampleBatch.objects.exists()


def test_a_district_inspector_sees_only_their_districts_sample(org, march, client_for):
    draw(client_for(org.visitor))
    inspector = client_for(StaffFactory(username="visitor_a", department=org.district_a, roles=["visitor"]))
    batch = SampleBatch.objects.get()
    b1 = Inspection.objects.get(order=march["b1"][0])

    body = inspector.get(f"/quality/batches/{batch.pk}/").content.decode()

    assert march["a1"][0].number in body and march["b1"][0].number not in body
    assert inspector.get(f"/quality/inspections/{b1.pk}/").status_code == 404
    assert inspector.post(f"/quality/inspections/{b1.pk}/", {"verdict": "qualified"}).status_code == 404
    assert Inspection.objects.get(pk=b1.pk).verdict == ""


def test_records_a_verdict_with_htmx(org, march, client_for):
    visitor = client_for(org.visitor)
    draw(visitor)
    inspection = Inspection.objects.get(order=march["a1"][0])
    url = f"/quality/inspections/{inspection.pk}/"

    assert "提交质检结论" in visitor.get(url).content.decode()
    refused = visitor.post(url, {"verdict": "unqualified", "comment": "敷衍"}, **htmx("verdict"))
    assert refused.status_code == 200 and "请至少选择一项发现的问题" in refused.content.decode()
    response = visitor.post(
        url,
        {"verdict": "unqualified", "problems": ["late", "attitude"], "comment": "超期，态度生硬"},
        **htmx("verdict"),
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "不合格" in body and "服务态度问题" in body and "<form" not in body
    inspection.refresh_from_db()
    assert (inspection.verdict, inspection.problems, inspection.inspector) == (
        "unqualified",
        ["late", "attitude"],
        org.visitor,
    )


def test_records_a_verdict_without_javascript(org, march, client_for):
    visitor = client_for(org.visitor)
    draw(visitor)
    inspection = Inspection.objects.get(order=march["a1"][0])

    response = visitor.post(f"/quality/inspections/{inspection.pk}/", {"verdict": "qualified"})

    assert response.status_code == 302 and response["Location"] == f"/quality/batches/{inspection.batch_id}/"
    assert Inspection.objects.get(pk=inspection.pk).verdict == "qualified"


def test_a_leader_may_look_but_not_inspect(org, march, client_for):
    draw(client_for(org.visitor))
    inspection = Inspection.objects.get(order=march["a1"][0])
    leader = client_for(org.centre_leader)

    assert "提交质检结论" not in leader.get(f"/quality/inspections/{inspection.pk}/").content.decode()
    assert leader.post(f"/quality/inspections/{inspection.pk}/", {"verdict": "qualified"}).status_code == 403
    assert Inspection.objects.get(pk=inspection.pk).verdict == ""


def test_handlers_have_no_quality_pages(org, client_for):
    handler = client_for(org.handler_a1)

    assert handler.get("/quality/").status_code == 403
    assert handler.get("/quality/campaigns/").status_code == 403
    assert "回头看" not in handler.get("/my-work/").content.decode()


@pytest.fixture
def unsatisfied(org, time_machine):
    time_machine.move_to(NOW, tick=False)
    return {
        "a1": visited(org, satisfaction="unsatisfied"),
        "a1_unresolved": visited(org, resolved=False, satisfaction="basically_satisfied"),
        "b1": visited(org, org.office_b1, org.handler_b1, satisfaction="unsatisfied"),
        "satisfied": visited(org),
    }


def create_campaign(client, **values):
    data = {
        "name": "三月回头看",
        "period_start": "2025-03-01",
        "period_end": "2025-03-31",
        "unsatisfied": "on",
        "unresolved": "on",
        "department": "",
        "line": "",
        "reason": "回头看：请重新办理",
        **values,
    }
    return client.post("/quality/campaigns/", data)


def test_a_leader_creates_previews_and_confirms_a_campaign(org, unsatisfied, client_for, time_machine):
    leader = client_for(org.centre_leader)

    response = create_campaign(leader)

    campaign = ReviewCampaign.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/quality/campaigns/{campaign.pk}/"
    preview = leader.get(response["Location"]).content.decode()
    for key in ("a1", "a1_unresolved", "b1"):
        assert f'value="{unsatisfied[key].number}"' in preview
    assert unsatisfied["satisfied"].number not in preview

    time_machine.move_to(NOW + timedelta(hours=1), tick=False)
    confirmed = [unsatisfied["a1"].number, unsatisfied["b1"].number]
    response = leader.post(f"/quality/campaigns/{campaign.pk}/run/", {"numbers": confirmed})

    assert response.status_code == 302
    assert {o.number: o.status for o in WorkOrder.objects.filter(number__in=confirmed)} == dict.fromkeys(
        confirmed, "in_progress"
    )
    assert WorkOrder.objects.get(pk=unsatisfied["a1_unresolved"].pk).status == "visited"
    page = leader.get(f"/quality/campaigns/{campaign.pk}/").content.decode()
    assert "已重新办理 2 件工单" in page
    assert f'value="{unsatisfied["a1_unresolved"].number}"' in page  # still to confirm
    assert ReviewCampaignOrder.objects.filter(campaign=campaign, result="reopened").count() == 2


def test_a_district_leaders_campaign_stays_in_the_district(org, unsatisfied, client_for):
    leader_a = client_for(org.leader_a)
    create_campaign(leader_a)
    campaign = ReviewCampaign.objects.get()

    preview = leader_a.get(f"/quality/campaigns/{campaign.pk}/").content.decode()
    assert unsatisfied["a1"].number in preview and unsatisfied["b1"].number not in preview
    response = leader_a.post(
        f"/quality/campaigns/{campaign.pk}/run/", {"numbers": [unsatisfied["b1"].number]}
    )
    assert response.status_code == 302
    assert WorkOrder.objects.get(pk=unsatisfied["b1"].pk).status == "visited"
    assert "工单不存在" in leader_a.get(f"/quality/campaigns/{campaign.pk}/").content.decode()

    leader_b = client_for(org.leader_b)
    assert leader_b.get(f"/quality/campaigns/{campaign.pk}/").status_code == 404
    assert (
        leader_b.post(
            f"/quality/campaigns/{campaign.pk}/run/", {"numbers": [unsatisfied["a1"].number]}
        ).status_code
        == 404
    )
    assert WorkOrder.objects.get(pk=unsatisfied["a1"].pk).status == "visited"
    assert create_campaign(leader_a, department="office-b1").status_code == 200
    assert ReviewCampaign.objects.count() == 1


def test_a_visitor_may_not_run_campaigns(org, client_for):
    visitor = client_for(org.visitor)

    assert visitor.get("/quality/campaigns/").status_code == 403
    assert create_campaign(visitor).status_code == 403
    assert not ReviewCampaign.objects.exists()
