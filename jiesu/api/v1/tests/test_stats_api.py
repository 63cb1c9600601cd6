"""The statistics endpoints over HTTP on the hand-built March of jiesu/analytics/tests/scenario.py:
the contract's shape, the numbers, the orders behind them, errors naming the field, and scope."""

import pytest
from django.test import Client

from jiesu.analytics.tests.scenario import at, build_march
from jiesu.core import clock
from jiesu.organisations.services import api_token_create

MARCH = {"from": "2025-03-01", "to": "2025-03-31"}
RATES = {
    "on_time_initial_review_rate", "on_time_conclusion_rate", "on_time_verification_rate", "mediation_success_rate",
    "odr_on_time_rate", "response_rate", "resolution_rate", "satisfaction_rate",
}  # fmt: skip


@pytest.fixture
def march(org):
    return build_march(org)


@pytest.fixture
def get(march):
    def call(username, path, **params):
        client = Client(headers={"Authorization": f"Bearer {api_token_create(username=username)}"})
        with clock.travel(at(3, 20)):
            return client.get(f"/api/v1{path}", params, secure=True)

    return call


def test_measures_contract_and_numbers(get):
    response = get("dispatcher", "/stats/measures", **MARCH)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["from"], body["to"], body["group_by"]) == ("2025-03-01", "2025-03-31", "")
    [item] = body["items"]
    measures = item["measures"]
    assert RATES <= set(measures)
    assert measures["on_time_initial_review_rate"] == {"value": 0.4, "numerator": 2, "denominator": 5}
    assert measures["odr_on_time_rate"] == {"value": None, "numerator": 0, "denominator": 0}
    assert measures["recovered_loss"] == {"value": "299.00"}
    assert measures["orders"] == {"value": 5}


def test_measures_by_department_and_scope(get):
    body = get("dispatcher", "/stats/measures", group_by="department", **MARCH).json()
    orders = {item["group"]: item["measures"]["orders"]["value"] for item in body["items"]}
    assert orders["dist-a"] == 4 and orders["dist-b"] == 1
    own = get("leader_b", "/stats/measures", **MARCH).json()
    assert own["items"][0]["measures"]["orders"] == {"value": 1}
    assert get("leader_b", "/stats/measures", department="dist-a", **MARCH).status_code == 404


def test_bad_input_names_the_field(get):
    for params, field in [({"group_by": "street"}, "group_by"), ({"from": "2025-13-01"}, "from"),
                          ({"from": "2025-03-05", "to": "2025-03-01"}, "to")]:  # fmt: skip
        response = get("dispatcher", "/stats/measures", **params)
        assert response.status_code == 400, params
        assert field in response.json()["fields"], response.json()


def test_the_orders_behind_a_number(get, march):
    body = get(
        "dispatcher", "/stats/orders", measure="on_time_initial_review_rate", part="numerator", **MARCH
    ).json()
    assert {row["number"] for row in body["items"]} == {march.c1.number, march.c5.number}
    scoped = get(
        "leader_b", "/stats/orders", measure="on_time_initial_review_rate", part="denominator", **MARCH
    )
    assert {row["number"] for row in scoped.json()["items"]} == {march.c5.number}
    bad = get("dispatcher", "/stats/orders", measure="nonsense", **MARCH)
    assert bad.status_code == 400 and "measure" in bad.json()["fields"]


def test_top_and_series(get, march):
    body = get("dispatcher", "/stats/top", dimension="type", limit=5, **MARCH).json()
    assert [(i["key"], i["count"], i["previous"], i["mom"]) for i in body["items"]] == [
        ("complaint", 4, 1, 3.0), ("report", 1, 0, None)
    ]  # fmt: skip
    assert (body["previous_from"], body["previous_to"]) == ("2025-02-01", "2025-02-28")
    series = get("dispatcher", "/stats/series", dimension="type", step="week", **MARCH).json()
    complaint = next(i for i in series["items"] if i["key"] == "complaint")
    assert series["labels"][0] == "2025-02-24" and sum(complaint["counts"]) == 4
    assert complaint["counts"][1] == 4  # the week of Monday 3 March
    bad = get("dispatcher", "/stats/top", dimension="colour", **MARCH)
    assert bad.status_code == 400 and "dimension" in bad.json()["fields"]
