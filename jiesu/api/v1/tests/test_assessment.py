"""GET /api/v1/assessment/scores over HTTP: the shape, scope and errors."""

from django.test import Client

from jiesu.analytics.tests.scenario import at
from jiesu.assessment.tests.conftest import poor_data, scored  # noqa: F401  (fixtures)
from jiesu.core import clock
from jiesu.organisations.services import api_token_create

URL = "/api/v1/assessment/scores"


def client(username: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token_create(username=username)}"})


def test_lists_the_months_scores(scored, django_assert_max_num_queries):  # noqa: F811
    with clock.travel(at(4, 2)), django_assert_max_num_queries(10):
        response = client("dispatcher").get(URL, {"month": "2025-03"}, secure=True)
    assert response.status_code == 200
    body = response.json()
    assert body["month"] == "2025-03" and body["weights"]["data_quality"] == "20.00"
    a2 = next(item for item in body["items"] if item["department"] == "office-a2")
    assert a2 == {
        "department": "office-a2", "name": "金融街所", "tier": "unit", "score": "50.50", "rank": 2, "average": "57.46",
        "measures": a2["measures"],
        "data_quality": {"orders": 2, "concluded": 1, "missing_category": 1, "missing_address": 1, "missing_reply": 1,
                         "deduction": "12.00"},
        "below_average": True, "months_below": 2, "interview_flag": False,
    }  # fmt: skip
    assert a2["measures"]["on_time_initial_review_rate"] == {"value": 0.5, "numerator": 1, "denominator": 2}
    assert a2["measures"]["odr_on_time_rate"]["value"] is None
    b1 = next(item for item in body["items"] if item["department"] == "office-b1")
    assert b1["interview_flag"] is True


def test_a_district_leader_gets_their_district_only(scored):  # noqa: F811
    with clock.travel(at(4, 2)):
        body = client("leader_b").get(URL, {"month": "2025-03"}, secure=True).json()
    assert [item["department"] for item in body["items"]] == ["dist-b", "office-b1"]


def test_a_bad_month_is_400_and_a_handler_403(org):
    response = client("dispatcher").get(URL, {"month": "2025-3"}, secure=True)
    assert response.status_code == 400 and list(response.json()["fields"]) == ["month"]
    assert client("handler_a1").get(URL, {"month": "2025-03"}, secure=True).status_code == 403
    assert Client().get(URL, secure=True).status_code == 401
