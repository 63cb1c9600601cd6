"""POST /api/v1/orders: the body of api-v1.md, its validation errors and the 201 answer."""

import re

import pytest

from jiesu.api.tests.conftest import ORDER_BODY
from jiesu.orders.models import WorkOrder


def body(**changes):
    """ORDER_BODY with nested changes: body(complainant={"phone": "123"}) keeps the other fields."""
    result = {**ORDER_BODY}
    for name, value in changes.items():
        result[name] = {**result[name], **value} if isinstance(value, dict) else value
    return result


def test_register_answers_201_with_the_full_order(api_as):
    response = api_as("operator").post("/orders", ORDER_BODY)

    assert response.status_code == 201
    order = response.json()
    assert re.fullmatch(r"20250124\d{6}", order["number"])
    assert order["status"] == "registered"
    assert order["type"] == "complaint" and order["channel"] == "hotline_12315"
    assert order["received_at"] == "2025-01-24T10:00:00+08:00"
    assert order["product"] == {
        "name": None, "category": "服装鞋帽", "brand": None, "amount": "299.00",
        "purchased_at": "2025-01-20", "purchase_channel": "offline",
    }
    assert order["complainant"]["phone"] == "13800138000"
    assert order["requests"] == ["退货"]
    kinds = {d["kind"] for d in order["deadlines"]}
    assert {"acknowledge", "accept_decision"} <= kinds
    assert all(d["due_at"].endswith("+08:00") for d in order["deadlines"])
    assert [e["action"] for e in order["events"]] == ["register"]
    assert order["events"][0]["actor"] == "operator"
    assert WorkOrder.objects.get(number=order["number"]).product_amount == 299


def test_received_at_defaults_to_now_and_a_naive_time_is_beijing_time(api_as):
    api = api_as("operator")
    without = {k: v for k, v in ORDER_BODY.items() if k != "received_at"}
    assert api.post("/orders", without).json()["received_at"].endswith("+08:00")

    naive = api.post("/orders", body(received_at="2025-01-24T10:00:00")).json()
    assert naive["received_at"] == "2025-01-24T10:00:00+08:00"


def test_a_wrong_type_in_a_nested_field_is_422_naming_its_path(api_as):
    response = api_as("operator").post("/orders", body(complainant={"phone": 13800138000}))

    assert response.status_code == 422
    assert response.json() == {
        "error": "validation_error",
        "detail": "complainant.phone: 应为文本",
        "fields": {"complainant.phone": ["应为文本"]},
    }


def test_unknown_codes_and_missing_fields_are_422(api_as):
    bad = {k: v for k, v in ORDER_BODY.items() if k != "description"}
    bad["type"] = "praise"
    bad["product"] = {**ORDER_BODY["product"], "purchased_at": "20/01/2025"}

    response = api_as("operator").post("/orders", bad)

    assert response.status_code == 422
    fields = response.json()["fields"]
    assert set(fields) == {"type", "description", "product.purchased_at"}
    assert fields["description"] == ["必填"]
    assert WorkOrder.objects.count() == 0


def test_a_malformed_phone_is_refused_by_the_domain_with_its_field(api_as):
    response = api_as("operator").post("/orders", body(complainant={"phone": "12345"}))

    assert response.status_code == 400
    payload = response.json()
    assert payload["error"] == "validation_error"
    assert list(payload["fields"]) == ["complainant.phone"]
    assert payload["detail"].startswith("complainant.phone: ")


def test_only_reports_may_be_anonymous(api_as):
    api = api_as("operator")
    anonymous = {"name": None, "phone": None, "address": None, "anonymous": True}

    refused = api.post("/orders", body(complainant=anonymous))
    assert refused.status_code == 400
    assert "complainant.anonymous" in refused.json()["fields"]

    report = api.post("/orders", body(type="report", complainant=anonymous))
    assert report.status_code == 201
    assert report.json()["complainant"]["anonymous"] is True


def test_a_credit_code_with_a_wrong_check_digit_is_refused(api_as):
    response = api_as("operator").post("/orders", body(respondent={"credit_code": "91110000802100433X"}))

    assert response.status_code == 400
    assert response.json()["fields"] == {"respondent.credit_code": ["统一社会信用代码格式或校验位不正确"]}


def test_a_body_that_is_not_json_is_400(api_as):
    api = api_as("operator")
    response = api.client.post("/api/v1/orders", "{not json", content_type="application/json", secure=True)

    assert response.status_code == 400
    assert response.json()["error"] == "validation_error"


@pytest.mark.parametrize("username", ["dispatcher", "handler_a1"])
def test_only_intake_operators_register(api_as, username):
    response = api_as(username).post("/orders", ORDER_BODY)

    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"
    assert WorkOrder.objects.count() == 0
