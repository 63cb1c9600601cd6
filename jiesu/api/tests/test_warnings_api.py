"""`GET /api/v1/warnings` (issue 5 item 7): the day's unusual rises of one dimension, in the
caller's scope; a bad day or dimension is a 400 naming the field."""

from datetime import timedelta

import pytest

from jiesu.orders.tests.checks import NOW
from jiesu.orders.tests.factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def gym(org, time_machine):
    """Five refund complaints against a gym in the last five days, none before."""
    for i in range(5):
        time_machine.move_to(NOW - timedelta(days=i), tick=False)
        register(org.operator, respondent_name="XX健身", line="prepaid", requests=["退款"],
                 complainant_phone=f"1390000000{i}")
    time_machine.move_to(NOW, tick=False)


def test_the_rising_respondent_is_listed_with_its_series(gym, api_as):
    response = api_as("centre_leader").get("/warnings", {"day": "2025-03-03", "dimension": "respondent"})

    assert response.status_code == 200
    body = response.json()
    assert body["day"] == "2025-03-03"
    [item] = body["items"]
    assert (item["key"], item["label"], item["recent"], item["ratio"], item["z"]) == ("XX健身", "XX健身", 5, None, None)
    assert len(item["days"]) == len(item["counts"]) == 56 and sum(item["counts"]) == 5


def test_scope_applies_and_the_default_is_today_by_respondent(gym, api_as):
    assert api_as("leader_b").get("/warnings").json() == {"day": "2025-03-03", "items": []}
    assert [i["key"] for i in api_as("dispatcher").get("/warnings", {"dimension": "line"}).json()["items"]] == ["prepaid"]


@pytest.mark.parametrize(("params", "field"), [
    ({"day": "2025-02-30"}, "day"), ({"day": "yesterday"}, "day"), ({"dimension": "street"}, "dimension"),
])
def test_a_bad_day_or_dimension_is_a_400_naming_the_field(org, api_as, params, field):
    response = api_as("centre_leader").get("/warnings", params)

    assert response.status_code == 400
    assert field in response.json()["fields"]
