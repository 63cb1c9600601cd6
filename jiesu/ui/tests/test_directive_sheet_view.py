"""The directive sheet in the staff UI: a PDF behind the same scope as the order page, and a
"打印指令书" link only where there is a sheet to print."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from jiesu.orders.tests.factories import register, walk


@pytest.fixture
def fast(org):
    return walk(register(org.operator, fast_response_reasons=["on_site"]), org, "dispatch")


@pytest.fixture
def normal(org):
    return walk(register(org.operator), org, "dispatch")


def sheet_url(order) -> str:
    return reverse("ui:directive_sheet", kwargs={"number": order.number})


def page(client, order) -> str:
    return client.get(reverse("ui:order_detail", kwargs={"number": order.number})).content.decode()


def test_a_fast_order_in_scope_is_served_as_a_pdf(client_for, org, fast):
    response = client_for(org.handler_a1).get(sheet_url(fast))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"inline; filename*=utf-8''{quote(f'快速响应指令书-{fast.number}.pdf')}"
    assert response.content.startswith(b"%PDF")


def test_an_order_outside_the_scope_is_not_found(client_for, org, fast):
    assert client_for(org.handler_b1).get(sheet_url(fast)).status_code == 404


def test_an_order_that_is_not_fast_response_has_no_sheet(client_for, org, normal):
    assert client_for(org.handler_a1).get(sheet_url(normal)).status_code == 404


def test_signing_in_comes_first(client, fast):
    response = client.get(sheet_url(fast))

    assert response.status_code == 302 and reverse("ui:login") in response["Location"]


def test_the_print_link_shows_on_fast_orders_only(client_for, org, fast, normal):
    client = client_for(org.handler_a1)

    assert f'href="{sheet_url(fast)}"' in page(client, fast) and "打印指令书" in page(client, fast)
    assert "打印指令书" not in page(client, normal) and 'data-document="directive-sheet"' not in page(client, normal)
