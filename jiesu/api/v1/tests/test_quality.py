"""Quality control over HTTP through Django's test Client, so auth, the error mapping and the
paging run: the inspections list and its filters, recording a verdict, drawing a sample, and scope."""

from datetime import date

import pytest
from django.test import Client

from jiesu.orders.tests.checks import NOW
from jiesu.organisations.services import api_token_create
from jiesu.organisations.tests.factories import StaffFactory
from jiesu.quality.models import Inspection
from jiesu.quality.services import inspection_record, sample_draw
from jiesu.quality.tests.factories import concluded

LIST = "/api/v1/quality/inspections"


def client(username: str | None) -> Client:
    headers = {"Authorization": f"Bearer {api_token_create(username=username)}"} if username else {}
    return Client(headers=headers)


@pytest.fixture
def sampled(org, time_machine):
    """Every March order sampled: two of office A1 (one inspected), one of office B1."""
    time_machine.move_to(NOW, tick=False)
    orders = [concluded(org), concluded(org), concluded(org, org.office_b1, org.handler_b1)]
    sample_draw(actor=org.visitor, rate="1", period_start=date(2025, 3, 1), period_end=date(2025, 3, 31))
    inspections = list(
        Inspection.objects.filter(order__in=orders).order_by("id")
    )  # A1's first: drawn by path
    inspection_record(
        inspection=inspections[0],
        actor=org.visitor,
        verdict="unqualified",
        problems=["late", "reply_inadequate"],
        comment="超期且答复未说明依据",
    )
    return inspections


def test_lists_inspections_with_their_verdicts(org, sampled, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client("visitor").get(LIST, {"from": "2025-03-01", "to": "2025-03-31"}, secure=True)

    assert response.status_code == 200
    body = response.json()
    assert body["next_cursor"] is None
    assert [i["id"] for i in body["items"]] == [i.pk for i in sampled]
    first = body["items"][0]
    assert first == {
        "id": sampled[0].pk,
        "order": sampled[0].order.number,
        "department": "office-a1",
        "department_name": "西长安街所",
        "batch": sampled[0].batch_id,
        "concluded_at": "2025-03-03T09:00:00+08:00",
        "verdict": "unqualified",
        "problems": ["late", "reply_inadequate"],
        "comment": "超期且答复未说明依据",
        "inspector": "visitor",
        "inspected_at": "2025-03-03T09:00:00+08:00",
    }
    assert body["items"][1]["verdict"] is None and body["items"][1]["inspector"] is None


def test_filters_and_pages(org, sampled):
    visitor = client("visitor")

    def ids(**params):
        return [i["id"] for i in visitor.get(LIST, params, secure=True).json()["items"]]

    assert ids(department="dist-b") == [sampled[2].pk]
    assert ids(state="done") == [sampled[0].pk]
    assert ids(**{"from": "2025-04-01"}) == []
    page = visitor.get(LIST, {"limit": 2}, secure=True).json()
    rest = visitor.get(LIST, {"limit": 2, "cursor": page["next_cursor"]}, secure=True).json()
    assert [i["id"] for i in page["items"] + rest["items"]] == [i.pk for i in sampled]
    assert rest["next_cursor"] is None


def test_a_bad_date_is_400_naming_the_field(org, sampled):
    response = client("visitor").get(LIST, {"to": "2025-02-30"}, secure=True)

    assert response.status_code == 400
    assert response.json()["error"] == "validation_error"
    assert list(response.json()["fields"]) == ["to"]


def test_records_a_verdict(org, sampled):
    url = f"{LIST}/{sampled[1].pk}/verdict"

    response = client("visitor").post(
        url,
        {"verdict": "basically_qualified", "problems": ["record_inaccurate"]},
        content_type="application/json",
        secure=True,
    )

    assert response.status_code == 200
    assert (response.json()["verdict"], response.json()["problems"]) == (
        "basically_qualified",
        ["record_inaccurate"],
    )
    assert Inspection.objects.get(pk=sampled[1].pk).verdict == "basically_qualified"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"verdict": "excellent"}, "verdict"),
        ({"verdict": "unqualified", "problems": [], "comment": "敷衍"}, "problems"),
    ],
)
def test_a_bad_verdict_is_400_naming_the_field(org, sampled, body, field):
    response = client("visitor").post(
        f"{LIST}/{sampled[1].pk}/verdict", body, content_type="application/json", secure=True
    )

    assert response.status_code == 400
    assert response.json()["error"] == "validation_error"
    assert field in response.json()["fields"]
    assert Inspection.objects.get(pk=sampled[1].pk).verdict == ""


def test_a_second_verdict_is_409(org, sampled):
    response = client("visitor").post(
        f"{LIST}/{sampled[0].pk}/verdict",
        {"verdict": "qualified"},
        content_type="application/json",
        secure=True,
    )

    assert (response.status_code, response.json()["error"]) == (409, "conflict")


def test_wrong_role_is_403_and_anonymous_401(org, sampled):
    url = f"{LIST}/{sampled[1].pk}/verdict"

    response = client("leader_a").post(
        url, {"verdict": "qualified"}, content_type="application/json", secure=True
    )
    assert (response.status_code, response.json()["error"]) == (403, "forbidden")
    assert client(None).get(LIST, secure=True).status_code == 401


def test_another_districts_inspection_is_404(org, sampled):
    StaffFactory(username="visitor_a", department=org.district_a, roles=["visitor"])
    visitor_a = client("visitor_a")

    listed = visitor_a.get(LIST, secure=True).json()["items"]
    assert [i["id"] for i in listed] == [sampled[0].pk, sampled[1].pk]
    assert visitor_a.get(f"{LIST}/{sampled[2].pk}", secure=True).status_code == 404
    response = visitor_a.post(
        f"{LIST}/{sampled[2].pk}/verdict",
        {"verdict": "qualified"},
        content_type="application/json",
        secure=True,
    )
    assert (response.status_code, response.json()["error"]) == (404, "not_found")
    assert visitor_a.get(LIST, {"department": "dist-b"}, secure=True).status_code == 400


def test_draws_a_sample(org, time_machine):
    time_machine.move_to(NOW, tick=False)
    orders = [concluded(org) for _ in range(5)]

    response = client("visitor").post(
        "/api/v1/quality/samples",
        {"from": "2025-03-01", "to": "2025-03-31", "rate": "0.5"},
        content_type="application/json",
        secure=True,
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["from"], body["to"], body["rate"], body["population"], body["sampled"]) == (
        "2025-03-01",
        "2025-03-31",
        "0.500",
        5,
        3,
    )
    assert body["strata"] == [
        {"code": "office-a1", "name": "西长安街所", "population": 5, "already": 0, "drawn": 3}
    ]
    assert Inspection.objects.filter(order__in=orders).count() == 3
    refused = client("handler_a1").post(
        "/api/v1/quality/samples",
        {"from": "2025-03-01", "to": "2025-03-31"},
        content_type="application/json",
        secure=True,
    )
    assert refused.status_code == 403
