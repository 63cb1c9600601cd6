"""Clients for the API tests: Django's test Client, so middleware, auth and error mapping run.

Requests go over HTTPS because production redirects plain HTTP (SECURE_SSL_REDIRECT with DEBUG off).
"""

import pytest
from django.test import Client

from jiesu.organisations.services import api_token_create

ORDER_BODY = {
    "type": "complaint",
    "channel": "hotline_12315",
    "received_at": "2025-01-24T10:00:00+08:00",
    "complainant": {"name": "张三", "phone": "13800138000", "id_number": None,
                    "address": "西城区西长安街1号", "anonymous": False},
    "respondent": {"name": "某某商场", "credit_code": None, "address": "西城区西单北大街120号"},
    "product": {"category": "服装鞋帽", "brand": None, "amount": "299.00",
                "purchased_at": "2025-01-20", "purchase_channel": "offline"},
    "requests": ["退货"],
    "description": "在商场购买的羽绒服穿了两天就开线，要求退货，商家拒绝。",
    "urgency": "normal",
    "line": None,
    "fast_response_reasons": [],
}


class ApiClient:
    """One caller of /api/v1, authenticated by a bearer token (or by nothing)."""

    def __init__(self, token: str | None = None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = Client(headers=headers)

    def get(self, path: str, params=None, **extra):
        return self.client.get(f"/api/v1{path}", params or {}, secure=True, **extra)

    def post(self, path: str, body=None, *, key: str | None = None, **extra):
        headers = {"Idempotency-Key": key} if key else {}
        return self.client.post(
            f"/api/v1{path}", body if body is not None else {}, content_type="application/json",
            headers=headers, secure=True, **extra,
        )

    def act(self, number: str, action: str, body=None, **extra):
        return self.post(f"/orders/{number}/actions/{action}", body, **extra)


@pytest.fixture
def api_as(org):
    """`api_as("dispatcher")`: a client holding a token of that user of the `org` fixture."""
    return lambda username: ApiClient(api_token_create(username=username))


@pytest.fixture
def anonymous():
    return ApiClient()
