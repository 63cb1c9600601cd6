"""`GET /api/v1/orders/{number}/claimant` (issue 5 item 6): the professional-claimant assessment of
an order's complainant, scope-checked, without their phone."""

import pytest

from jiesu.api.tests.conftest import ORDER_BODY
from jiesu.core import clock
from jiesu.intelligence.tests.test_claimants import SERIAL_PHONE, TEMPLATE, serial_claimant
from jiesu.orders.tests.factories import register

pytestmark = pytest.mark.django_db


def test_the_answer_carries_score_threshold_flag_and_evidence_with_numbers(org, api_as):
    orders = serial_claimant(org)

    response = api_as("operator").get(f"/orders/{orders[-1].number}/claimant")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"score", "threshold", "flagged", "evidence"}
    assert body["threshold"] == 60 and body["flagged"] is True and 60 <= body["score"] <= 100
    assert body["evidence"][0] == {
        "text": "近365天对 6 个不同经营者投诉 6 件", "orders": sorted(o.number for o in orders),
    }
    assert all(set(e) == {"text", "orders"} for e in body["evidence"])
    assert SERIAL_PHONE not in response.content.decode()


def test_an_ordinary_order_scores_low_and_an_anonymous_one_zero(org, api_as):
    api = api_as("operator")
    ordinary = api.get(f"/orders/{register(org.operator).number}/claimant").json()
    anonymous = register(org.operator, type="report", anonymous=True, complainant_name="", complainant_phone="")

    assert ordinary["flagged"] is False and ordinary["score"] < 60
    assert api.get(f"/orders/{anonymous.number}/claimant").json() == {
        "score": 0, "threshold": 60, "flagged": False, "evidence": [],
    }


def test_registration_over_the_api_answers_with_the_flag_and_the_line(org, api_as):
    serial_claimant(org, count=5)
    body = {
        **ORDER_BODY,
        "received_at": clock.local(clock.now()).isoformat(),
        "complainant": {**ORDER_BODY["complainant"], "phone": SERIAL_PHONE},
        "respondent": {**ORDER_BODY["respondent"], "name": "第六超市"},
        "description": TEMPLATE.format(shop="第六超市"),
    }

    order = api_as("operator").post("/orders", body).json()

    assert "professional_claimant" in order["flags"] and order["line"] == "professional_claim"
    assert order["status"] == "registered"


def test_outside_the_callers_scope_it_is_404(org, api_as):
    order = serial_claimant(org)[-1]  # registered at the centre, not yet dispatched

    response = api_as("handler_b1").get(f"/orders/{order.number}/claimant")

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_without_credentials_it_is_401(org, anonymous):
    order = register(org.operator)
    response = anonymous.get(f"/orders/{order.number}/claimant")
    assert response.status_code == 401 and response.json()["error"] == "unauthenticated"
