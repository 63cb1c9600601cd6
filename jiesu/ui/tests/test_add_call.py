"""At intake, the caller's earlier order is offered: the new call goes onto it instead of a duplicate."""

import pytest

from jiesu.orders.models import OrderEvent, WorkOrder
from jiesu.orders.tests.factories import register

pytestmark = pytest.mark.django_db


def test_the_caller_panel_offers_to_add_the_call_to_an_open_order(client_for, org):
    order = register(org.operator)
    html = client_for(org.operator).get("/intake/caller/", {"phone": "13800138000"}).content.decode()
    assert f'formaction="/orders/{order.number}/actions/add_call/"' in html
    assert 'form="intake-form"' in html


def test_submitting_the_intake_form_to_it_records_the_call_and_opens_the_order(client_for, org):
    order = register(org.operator)
    before = WorkOrder.objects.count()
    response = client_for(org.operator).post(f"/orders/{order.number}/actions/add_call/", {
        "complainant_phone": "13800138000", "type": "complaint", "description": "再次来电：商家仍未处理",
    })
    assert response.status_code == 302 and response["Location"] == f"/orders/{order.number}/"
    assert WorkOrder.objects.count() == before
    assert OrderEvent.objects.filter(order=order).latest("id").data["description"] == "再次来电：商家仍未处理"


def test_an_empty_description_is_refused_with_the_field_named(client_for, org):
    order = register(org.operator)
    response = client_for(org.operator).post(f"/orders/{order.number}/actions/add_call/", {"description": " "})
    assert response.status_code == 200
    assert 'id="id_description_error"' in response.content.decode()
    assert not OrderEvent.objects.filter(order=order, action="add_call").exists()
