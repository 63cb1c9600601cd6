import json
import re

import pytest
from django.urls import reverse

from jiesu.merchants.services import merchant_create
from jiesu.orders.models import WorkOrder
from jiesu.orders.tests.factories import register, walk

VALID = {
    "type": "complaint",
    "channel": "hotline_12315",
    "urgency": "normal",
    "complainant_phone": "138 0013 8000",
    "complainant_name": "张三",
    "complainant_address": "西城区西长安街1号院3号楼",
    "respondent_name": "某某商场",
    "respondent_address": "西城区西单北大街120号",
    "product_category": "服装鞋帽",
    "product_amount": "299.00",
    "requests": ["退货"],
    "description": "在商场购买的羽绒服穿了两天就开线，要求退货，商家拒绝。",
}


def test_intake_form_renders_with_phone_focused_and_complaint_chosen(client_for, org):
    response = client_for(org.operator).get(reverse("ui:intake"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="complainant_phone"' in html and "autofocus" in html
    assert re.search(r'<input type="radio" name="type" value="complaint"[^>]*checked', html)
    assert 'data-autocomplete-url="/intake/respondents/"' in html
    assert 'hx-get="/intake/caller/"' in html


def test_intake_post_registers_the_order_and_opens_it(client_for, org):
    response = client_for(org.operator).post(reverse("ui:intake"), VALID)
    order = WorkOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ui:order_detail", kwargs={"number": order.number})
    assert order.complainant_phone == "13800138000"
    assert order.requests == ["退货"]
    assert order.intake_department == org.centre
    assert order.events.get().actor == org.operator


def test_intake_with_bad_phone_shows_the_error_under_the_phone_and_creates_nothing(client_for, org):
    response = client_for(org.operator).post(reverse("ui:intake"), {**VALID, "complainant_phone": "12345"})
    html = response.content.decode()
    assert response.status_code == 200
    assert not WorkOrder.objects.exists()
    assert 'id="id_complainant_phone_error"' in html
    error = html.split('id="id_complainant_phone_error"')[1][:200]
    assert "电话号码格式不正确" in error
    assert 'value="12345"' in html  # what the operator typed stays


def test_intake_reports_every_service_error_at_once(client_for, org):
    data = {**VALID, "complainant_phone": "", "respondent_name": "", "description": ""}
    html = client_for(org.operator).post(reverse("ui:intake"), data).content.decode()
    for field in ("complainant_phone", "respondent_name", "description"):
        assert f'id="id_{field}_error"' in html
    assert not WorkOrder.objects.exists()


def test_anonymous_error_lands_on_the_anonymous_box(client_for, org):
    data = {**VALID, "anonymous": "on"}
    html = client_for(org.operator).post(reverse("ui:intake"), data).content.decode()
    assert "只有举报可以匿名" in html.split('id="id_anonymous_error"')[1][:100]


def test_a_handler_cannot_register(client_for, org):
    response = client_for(org.handler_a1).post(reverse("ui:intake"), VALID)
    assert response.status_code == 403
    assert "不能登记" in response.content.decode()
    assert not WorkOrder.objects.exists()


def test_respondent_autocomplete_returns_registry_entries(client_for, org):
    merchant_create(name="某某商场西单店", credit_code=None, address="西城区西单北大街120号")
    merchant_create(name="另一家店", credit_code=None, address="")
    response = client_for(org.operator).get(reverse("ui:intake_respondents"), {"q": "某某"})
    items = json.loads(response.content)
    assert response.status_code == 200
    assert len(items) == 1
    item = items[0]
    assert item["label"] == "某某商场西单店（西城区西单北大街120号）"
    assert isinstance(item["value"], int)
    assert item["fields"] == {
        "respondent_name": "某某商场西单店",
        "respondent_credit_code": "",
        "respondent_address": "西城区西单北大街120号",
    }


def test_respondent_autocomplete_with_empty_query_is_empty(client_for, org):
    response = client_for(org.operator).get(reverse("ui:intake_respondents"), {"q": ""})
    assert json.loads(response.content) == []


@pytest.mark.parametrize("param", ["phone", "complainant_phone"])
def test_caller_panel_lists_the_callers_open_orders(client_for, org, param):
    mine = register(org.operator)
    other = register(org.operator, complainant_phone="13900139000")
    response = client_for(org.operator).get(reverse("ui:intake_caller"), {param: "138-0013-8000"})
    html = response.content.decode()
    assert response.status_code == 200
    assert mine.number in html
    assert other.number not in html
    assert "<html" not in html  # a fragment for htmx, not a page


def test_caller_panel_for_a_new_number_says_so(client_for, org):
    register(org.operator)
    html = (
        client_for(org.operator).get(reverse("ui:intake_caller"), {"phone": "13700137000"}).content.decode()
    )
    assert "没有在办" in html


def test_caller_panel_shows_a_concluded_order_of_the_last_90_days(client_for, org):
    order = walk(register(org.operator), org, "dispatch", "accept", "mediate", "conclude")
    html = (
        client_for(org.operator).get(reverse("ui:intake_caller"), {"phone": "13800138000"}).content.decode()
    )
    assert order.number in html and "已办结" in html
