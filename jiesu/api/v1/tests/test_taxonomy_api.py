"""`GET /api/v1/taxonomy` over HTTP: the active codes other systems may send, with their names, and
an admin's change showing at once."""

import pytest
from django.test import Client

from jiesu.api.tests.conftest import ORDER_BODY
from jiesu.organisations.services import api_token_create
from jiesu.taxonomy.models import Line, Request

pytestmark = pytest.mark.django_db


def get(username: str | None):
    headers = {"Authorization": f"Bearer {api_token_create(username=username)}"} if username else {}
    return Client(headers=headers).get("/api/v1/taxonomy", secure=True)


def test_the_active_taxonomy_with_codes_and_names(org):
    response = get("operator")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"lines", "categories", "requests", "issues", "fast_response_reasons"}
    assert body["lines"][0] == {
        "code": "food",
        "name": "食品",
        "description": body["lines"][0]["description"],
    }
    phones = next(c for c in body["categories"] if c["code"] == "手机及电子产品")
    assert {"code": "手机", "name": "手机", "description": ""} in phones["children"]
    assert body["requests"][0] == {"code": "退货", "name": "退货", "description": "", "alias": "return"}
    assert {"code": "售后服务", "name": "售后服务", "description": "", "alias": "after_sales"} in body[
        "issues"
    ]
    assert [r["code"] for r in body["fast_response_reasons"]] == [
        "on_site", "evidence", "visitor", "safety", "group", "leader"]  # fmt: skip


def test_added_and_retired_entries_show_at_once(org):
    Line.objects.create(code="education", name="教育培训", sort_order=999)
    refund = Request.objects.get(code="退款")
    refund.is_active = False
    refund.save()

    body = get("handler_a1").json()

    assert body["lines"][-1]["code"] == "education"
    assert "退款" not in [r["code"] for r in body["requests"]]


def test_anonymous_callers_are_refused(org):
    response = get(None)
    assert response.status_code == 401
    assert response.json()["error"] == "unauthenticated"


def test_a_line_added_in_the_admin_is_accepted_when_registering_through_the_api(org):
    Line.objects.create(code="education", name="教育培训")
    token = api_token_create(username="operator")
    client = Client(headers={"Authorization": f"Bearer {token}"})

    created = client.post("/api/v1/orders", {**ORDER_BODY, "line": "education"}, content_type="application/json",
                          secure=True)  # fmt: skip
    refused = client.post("/api/v1/orders", {**ORDER_BODY, "line": "toys"}, content_type="application/json",
                          secure=True)  # fmt: skip

    assert created.status_code == 201 and created.json()["line"] == "education"
    assert refused.status_code == 400 and list(refused.json()["fields"]) == ["line"]
