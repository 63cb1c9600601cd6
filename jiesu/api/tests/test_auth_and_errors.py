"""Who may call the API and the one error shape (api-v1.md "Conventions")."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.crypto import get_random_string

from jiesu.api.tests.conftest import ORDER_BODY, ApiClient
from jiesu.orders.models import WorkOrder
from jiesu.orders.tests.factories import register
from jiesu.orders.workflow.actions import do_dispatch

UNAUTHENTICATED = {
    "error": "unauthenticated",
    "detail": "未登录或令牌无效：请使用 Authorization: Bearer <令牌>，或先登录系统",
    "fields": {},
}


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/orders"), ("get", "/departments"), ("post", "/orders"),
    ("get", "/orders/20250124000001"), ("post", "/orders/20250124000001/actions/accept"),
])
def test_without_credentials_every_endpoint_is_401(db, anonymous, method, path):
    response = getattr(anonymous, method)(path)

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED
    assert response["WWW-Authenticate"] == "Bearer"


def test_an_unknown_or_revoked_token_is_401(org, api_as):
    assert ApiClient("jsu_not-a-token").get("/orders").status_code == 401

    api = api_as("operator")
    org.operator.api_tokens.update(is_active=False)
    assert api.get("/orders").json() == UNAUTHENTICATED


def test_a_bad_token_is_401_even_with_a_logged_in_session(org):
    client = Client(headers={"Authorization": "Bearer jsu_wrong"})
    client.force_login(org.dispatcher)

    assert client.get("/api/v1/orders", secure=True).status_code == 401


def test_a_token_acts_with_its_users_role(org, api_as):
    assert api_as("operator").post("/orders", ORDER_BODY).status_code == 201
    assert api_as("visitor").post("/orders", ORDER_BODY).status_code == 403


def test_the_staff_session_reads_and_writes_with_the_csrf_token(org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.operator)
    assert client.get("/api/v1/orders", secure=True).status_code == 200

    refused = client.post("/api/v1/orders", ORDER_BODY, content_type="application/json", secure=True)
    assert refused.status_code == 403
    assert refused.json()["error"] == "forbidden"
    assert WorkOrder.objects.count() == 0

    token = get_random_string(32)
    client.cookies["csrftoken"] = token
    accepted = client.post(
        "/api/v1/orders", ORDER_BODY, content_type="application/json", secure=True,
        headers={"X-CSRFToken": token, "Origin": "https://testserver"},
    )
    assert accepted.status_code == 201


def test_an_unknown_path_is_404_json(org, api_as):
    response = api_as("operator").get("/no-such-thing")

    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "detail": "接口不存在：/api/v1/no-such-thing", "fields": {}}


def test_an_unknown_order_is_404_json(org, api_as):
    response = api_as("operator").get("/orders/20250124999999")

    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "detail": "工单不存在", "fields": {}}


def test_an_unexpected_error_is_a_logged_500_json(org, api_as, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr("jiesu.api.v1.routers.orders.order_list", broken)

    response = api_as("operator").get("/orders")

    assert response.status_code == 500
    assert response.json() == {"error": "server_error", "detail": "服务器内部错误，已记录，请稍后重试", "fields": {}}
    assert "database on fire" not in response.content.decode()
    assert any("database on fire" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)


def test_too_many_requests_in_a_minute_is_429(org, api_as, settings):
    settings.JIESU_API_RATE_LIMIT_PER_MINUTE = 2
    cache.clear()
    api = api_as("operator")

    assert [api.get("/departments").status_code for _ in range(2)] == [200, 200]
    response = api.get("/departments")

    assert response.status_code == 429
    assert response.json() == {"error": "rate_limited", "detail": "请求过于频繁，请稍后再试", "fields": {}}
    assert 1 <= int(response["Retry-After"]) <= 60
    assert api_as("dispatcher").get("/departments").status_code == 200  # per user
    cache.clear()


def test_a_body_over_the_upload_limit_is_413(org, api_as, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    big = {**ORDER_BODY, "description": "很长" * 1000}

    response = api_as("operator").post("/orders", big)

    assert response.status_code == 413
    assert response.json() == {"error": "too_large", "detail": "请求体过大", "fields": {}}


def test_an_order_outside_the_callers_scope_is_404_not_403(org, api_as):
    order = register(org.operator)
    do_dispatch(order=order, actor=org.dispatcher, department=org.office_a1, handler=org.handler_a1)
    other = api_as("handler_b1")

    for response in (other.get(f"/orders/{order.number}"), other.act(order.number, "accept", {})):
        assert response.status_code == 404
        assert response.json() == {"error": "not_found", "detail": "工单不存在", "fields": {}}
    assert api_as("handler_a1").get(f"/orders/{order.number}").status_code == 200
