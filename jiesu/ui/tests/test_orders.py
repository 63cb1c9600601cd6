import re

import pytest
from django.urls import reverse

from jiesu.orders.models import OrderEvent, WorkOrder
from jiesu.orders.tests.factories import register, walk
from jiesu.organisations.models import PersonalDataAccess

from .conftest import htmx


def action_url(order, action: str) -> str:
    return reverse("ui:order_action", kwargs={"number": order.number, "action": action})


def page_url(order) -> str:
    return reverse("ui:order_detail", kwargs={"number": order.number})


def action_buttons(html: str) -> set[str]:
    return set(re.findall(r'data-action="(\w+)"', html))


# ---- the order page -------------------------------------------------------------------------


def test_order_page_shows_details_timeline_deadlines(client_for, org):
    order = walk(register(org.operator), org, "dispatch")
    response = client_for(org.handler_a1).get(page_url(order))
    html = response.content.decode()
    assert response.status_code == 200
    assert order.number in html
    assert "羽绒服" in html and "某某商场" in html
    assert "13800138000" in html  # a handler may see the phone; the read is logged
    assert PersonalDataAccess.objects.filter(staff=org.handler_a1, subject=order.number, via="ui").exists()
    # Timeline: both events, with actor, status change and the recorded data in words.
    assert html.count("<li>", html.index('class="timeline"')) >= 2
    assert "登记" in html and "派单" in html and "已登记 → 已派单" in html
    assert "西长安街所" in html  # the dispatch event's department, by name
    # Deadlines table with names and countdowns.
    assert "回应受理情况" in html and "受理决定（初查）" in html
    assert "data-due-at=" in html


def test_handler_sees_accept_on_a_dispatched_order_and_the_operator_does_not(client_for, org):
    order = walk(register(org.operator), org, "dispatch")
    handler_buttons = action_buttons(client_for(org.handler_a1).get(page_url(order)).content.decode())
    operator_buttons = action_buttons(client_for(org.operator).get(page_url(order)).content.decode())
    assert {"accept", "return", "not_accept"} <= handler_buttons
    assert "dispatch" not in handler_buttons
    assert "accept" not in operator_buttons
    assert operator_buttons == {"withdraw", "add_call"}  # a repeat call may be recorded on it


def test_buttons_are_exactly_the_available_actions(client_for, org):
    from jiesu.orders.selectors import order_available_actions

    order = walk(register(org.operator), org, "dispatch", "accept")
    html = client_for(org.handler_a1).get(page_url(order)).content.decode()
    expected = {str(a) for a in order_available_actions(viewer=org.handler_a1, order=order)}
    assert action_buttons(html) == expected


def test_masked_for_a_leader_without_the_right(client_for, org):
    order = walk(register(org.operator), org, "dispatch")
    html = client_for(org.leader_a).get(page_url(order)).content.decode()
    assert "138****8000" in html and "13800138000" not in html


def test_other_department_gets_404_on_the_order_page(client_for, org):
    order = walk(register(org.operator), org, "dispatch")
    response = client_for(org.handler_b1).get(page_url(order))
    assert response.status_code == 404
    assert "不存在" in response.content.decode()


def test_unknown_order_is_404(client_for, org):
    assert (
        client_for(org.admin).get(reverse("ui:order_detail", kwargs={"number": "20990101000001"})).status_code
        == 404
    )


# ---- the generic action view ------------------------------------------------------------------


def test_action_form_loads_as_a_fragment_for_htmx(client_for, org):
    order = walk(register(org.operator), org, "dispatch")
    response = client_for(org.handler_a1, **htmx("action-panel")).get(action_url(order, "return"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'name="reason"' in html and "autofocus" in html
    assert f'hx-post="{action_url(order, "return")}"' in html


def test_action_form_without_javascript_is_a_page(client_for, org):
    order = walk(register(org.operator), org, "dispatch")
    response = client_for(org.handler_a1).get(action_url(order, "accept"))
    assert response.status_code == 200
    assert "<html" in response.content.decode()


def test_accept_through_htmx_refreshes_the_order_fragment(client_for, org):
    order = walk(register(org.operator), org, "dispatch")
    client = client_for(org.handler_a1, **htmx("action-form"))
    response = client.post(action_url(order, "accept"), {"note": "已受理"})
    order.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 200
    assert order.status == "in_progress"
    assert response["HX-Retarget"] == "#order-body"
    assert response["HX-Reswap"] == "outerHTML"
    assert html.startswith('<div id="order-body"') or 'id="order-body"' in html[:300]
    assert "已受理" in html  # the note, in the refreshed timeline
    assert "conclude" in action_buttons(html) and "accept" not in action_buttons(html)
    assert "受理已完成" in html  # the toast, swapped out of band


def test_action_without_htmx_redirects_to_the_order(client_for, org):
    order = walk(register(org.operator), org, "dispatch")
    response = client_for(org.dispatcher).post(
        action_url(register(org.operator, complainant_phone="13900139000"), "dispatch"),
        {"department": "office-a2"},
    )
    assert response.status_code == 302
    response = client_for(org.handler_a1).post(action_url(order, "accept"), {})
    assert response.status_code == 302 and response["Location"] == page_url(order)


def test_a_domain_error_comes_back_under_its_field(client_for, org):
    order = walk(register(org.operator), org, "dispatch", "accept")
    client = client_for(org.handler_a1, **htmx("action-form"))
    response = client.post(action_url(order, "conclude"), {"outcome": "mediated", "reply": "已处理"})
    html = response.content.decode()
    order.refresh_from_db()
    assert response.status_code == 200
    assert order.status == "in_progress"
    assert 'id="id_outcome_error"' in html and "请先记录调解" in html
    assert "HX-Retarget" not in response


def test_a_stale_action_is_409_with_the_reason_in_the_form(client_for, org):
    order = walk(register(org.operator), org, "dispatch", "accept")
    before = OrderEvent.objects.count()
    response = client_for(org.handler_a1, **htmx("action-form")).post(
        action_url(order, "return"), {"reason": "不属于本所"}
    )
    assert response.status_code == 409
    assert "不能执行" in response.content.decode()
    assert OrderEvent.objects.count() == before


def test_an_action_the_user_may_not_take_is_refused_and_changes_nothing(client_for, org):
    order = walk(register(org.operator), org, "dispatch")
    before = OrderEvent.objects.count()
    # The operator sees the order (the centre sees everything) but may not accept it: 403.
    response = client_for(org.operator).post(action_url(order, "accept"), {"note": "x"})
    assert response.status_code == 403
    assert client_for(org.operator).get(action_url(order, "accept")).status_code == 403
    # A handler of another district does not see the order at all: 404.
    assert client_for(org.handler_b1).post(action_url(order, "accept"), {}).status_code == 404
    order.refresh_from_db()
    assert order.status == "dispatched"
    assert OrderEvent.objects.count() == before


@pytest.mark.parametrize("action", ["register", "nonsense"])
def test_unknown_or_formless_action_is_404(client_for, org, action):
    order = register(org.operator)
    assert client_for(org.admin).get(action_url(order, action)).status_code == 404


def test_return_takes_the_order_out_of_the_handlers_scope_and_sends_them_home(client_for, org):
    order = walk(register(org.operator), org, "dispatch")
    client = client_for(org.handler_a1, **htmx("action-form"))
    response = client.post(action_url(order, "return"), {"reason": "不属于本所辖区"})
    order.refresh_from_db()
    assert order.status == "returned"
    assert response["HX-Redirect"] == reverse("ui:home")


@pytest.mark.parametrize(
    ("steps", "person", "action", "data", "status"),
    [
        ([], "operator", "answer", {"answer": "可以退货"}, None),
        (
            ["dispatch"],
            "handler_a1",
            "not_accept",
            {"ground": "time_barred", "explanation": "超过三年"},
            "concluded",
        ),
        (["dispatch"], "leader_a1", "assign", {"handler": "handler_a1b"}, "dispatched"),
        (
            ["dispatch", "accept"],
            "handler_a1",
            "contact",
            {"method": "phone", "summary": "已电话联系"},
            "in_progress",
        ),
        (
            ["dispatch", "accept"],
            "handler_a1",
            "extend",
            {"working_days": "10", "reason": "需鉴定"},
            "in_progress",
        ),
        (
            ["dispatch", "accept"],
            "handler_a1",
            "mediate",
            {"result": "terminated", "ground": "party_absent", "recovered_amount": ""},
            "in_progress",
        ),
        (
            ["dispatch", "accept"],
            "handler_a1",
            "file_case",
            {"case_number": "京西市监立〔2025〕1号"},
            "in_progress",
        ),
        (["dispatch", "accept"], "leader_a1", "escalate", {"reason": "群体投诉"}, "in_progress"),
        (
            ["dispatch", "accept"],
            "handler_a1",
            "add_cohandler",
            {"department": "office-b1", "reason": "涉及分店"},
            "in_progress",
        ),
        (
            ["dispatch", "accept"],
            "handler_a1",
            "request_exclusion",
            {"reason_code": "malicious", "reason": "职业索赔"},
            "in_progress",
        ),
        (
            ["dispatch", "accept", "mediate", "conclude"],
            "dispatcher",
            "review",
            {"approve": "0", "reason": "未答复诉求"},
            "in_progress",
        ),
        (
            ["dispatch", "accept", "mediate", "conclude"],
            "visitor",
            "visit",
            {"reached": "1", "resolved": "1", "satisfaction": "satisfied", "comment": ""},
            "visited",
        ),
        (["dispatch", "accept", "mediate", "conclude"], "visitor", "visit", {"reached": "0"}, "concluded"),
        (["dispatch", "accept", "mediate", "conclude", "visit"], "visitor", "close", {}, "closed"),
        (
            ["dispatch", "accept", "mediate", "conclude", "visit"],
            "dispatcher",
            "reopen",
            {"reason": "回头看"},
            "in_progress",
        ),
        ([], "dispatcher", "transfer", {"department": "housing", "reason": "物业纠纷"}, "transferred"),
        ([], "operator", "withdraw", {"reason": "诉求人撤回"}, "concluded"),
    ],
)
def test_each_action_form_drives_its_service(client_for, org, steps, person, action, data, status):
    order = walk(
        register(org.operator, type="consultation", respondent_name="")
        if action == "answer"
        else register(org.operator),
        org,
        *steps,
    )
    client = client_for(getattr(org, person), **htmx("action-form"))
    assert client.get(action_url(order, action)).status_code == 200
    response = client.post(action_url(order, action), data)
    assert response.status_code == 200, response.content.decode()[:2000]
    order.refresh_from_db()
    assert order.status == (status or "concluded")
    assert order.events.order_by("-at", "-id").first().action == action


def test_approve_and_deny_extension(client_for, org):
    order = walk(register(org.operator), org, "dispatch", "accept")
    client_for(org.handler_a1).post(action_url(order, "extend"), {"working_days": "5", "reason": "需检测"})
    leader = client_for(org.leader_a1, **htmx("action-form"))
    html = leader.get(action_url(order, "approve_extension")).content.decode()
    assert "5" in html and "需检测" in html
    leader.post(action_url(order, "approve_extension"), {})
    order.refresh_from_db()
    assert order.pending_extension_days is None
    assert order.events.order_by("-id").first().action == "approve_extension"


def test_conclude_offers_the_outcomes_of_the_orders_type(client_for, org):
    order = walk(register(org.operator, type="report"), org, "dispatch", "accept")
    html = (
        client_for(org.handler_a1, **htmx("action-form")).get(action_url(order, "conclude")).content.decode()
    )
    assert 'value="case_filed"' in html and 'value="unfounded"' in html
    assert 'value="mediated"' not in html


def test_send_to_odr_and_settle(client_for, org):
    from jiesu.merchants.services import merchant_create

    merchant = merchant_create(name="某电商平台", credit_code=None, address="", is_odr=True)
    order = register(org.operator)
    client = client_for(org.operator, **htmx("action-form"))
    assert "某电商平台" in client.get(action_url(order, "send_to_odr")).content.decode()
    client.post(action_url(order, "send_to_odr"), {"merchant": str(merchant.pk)})
    order.refresh_from_db()
    assert order.status == "odr"
    client.post(action_url(order, "odr_settle"), {"settlement": "企业已退款"})
    order.refresh_from_db()
    assert order.status == "concluded" and order.outcome == "odr_settled"


# ---- the list -----------------------------------------------------------------------------------


def test_order_list_filters_by_phone_and_status(client_for, org):
    a = register(org.operator)
    b = register(org.operator, complainant_phone="13900139000")
    c = walk(register(org.operator, complainant_phone="13900139000"), org, "dispatch")
    client = client_for(org.dispatcher)
    html = client.get(reverse("ui:order_list"), {"phone": "139 0013 9000"}).content.decode()
    assert b.number in html and c.number in html and a.number not in html
    assert "139****9000" in html and "13900139000" not in html  # masked in lists
    html = client.get(
        reverse("ui:order_list"), {"phone": "13900139000", "status": "dispatched"}
    ).content.decode()
    assert c.number in html and b.number not in html


def test_order_list_filters_by_number_type_and_respondent(client_for, org):
    a = register(org.operator, respondent_name="甲商店")
    b = register(org.operator, type="report", respondent_name="乙超市")
    client = client_for(org.dispatcher)
    assert b.number in client.get(reverse("ui:order_list"), {"number": b.number}).content.decode()
    html = client.get(reverse("ui:order_list"), {"type": "report"}).content.decode()
    assert b.number in html and a.number not in html
    html = client.get(reverse("ui:order_list"), {"respondent": "甲"}).content.decode()
    assert a.number in html and b.number not in html


def test_order_list_shows_form_errors_for_bad_filters(client_for, org):
    html = (
        client_for(org.dispatcher)
        .get(reverse("ui:order_list"), {"received_from": "2025-02-01", "received_to": "2025-01-01"})
        .content.decode()
    )
    assert "结束日期不能早于开始日期" in html
    html = client_for(org.dispatcher).get(reverse("ui:order_list"), {"status": "bogus"}).content.decode()
    assert 'id="id_status_error"' in html


def test_order_list_is_scoped(client_for, org):
    mine = walk(register(org.operator), org, "dispatch")
    html = client_for(org.handler_b1).get(reverse("ui:order_list")).content.decode()
    assert mine.number not in html


def test_order_list_pages_with_a_cursor(client_for, org, settings):
    from jiesu.ui.views import orders as order_views

    numbers = [register(org.operator, complainant_phone=f"1390013{i:04d}").number for i in range(5)]
    client = client_for(org.dispatcher)
    original = order_views.PAGE_SIZE
    order_views.PAGE_SIZE = 2
    try:
        html = client.get(reverse("ui:order_list"), {"status": "registered"}).content.decode()
        assert numbers[4] in html and numbers[3] in html and numbers[2] not in html
        cursor = re.search(r"cursor=([\w-]+)", html).group(1)
        assert "status=registered&amp;cursor=" in html  # the filters stay in the next link
        html = client.get(
            reverse("ui:order_list"), {"status": "registered", "cursor": cursor}
        ).content.decode()
        assert numbers[2] in html and numbers[1] in html and numbers[4] not in html
    finally:
        order_views.PAGE_SIZE = original


def test_order_list_answers_htmx_with_the_results_only(client_for, org):
    order = register(org.operator)
    response = client_for(org.dispatcher, **htmx("order-results")).get(
        reverse("ui:order_list"), {"number": order.number}
    )
    html = response.content.decode()
    assert html.startswith('<div id="order-results">')
    assert order.number in html and "<form" not in html


def test_order_list_query_count_does_not_grow_with_rows(client_for, org, django_assert_max_num_queries):
    for i in range(30):
        order = register(org.operator, complainant_phone=f"1390013{i:04d}")
        if i % 2:
            walk(order, org, "dispatch")
    client = client_for(org.dispatcher)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("ui:order_list"))
    assert response.content.decode().count('href="/orders/2') == 30
    with django_assert_max_num_queries(10):
        client.get(reverse("ui:order_list"), {"status": "dispatched", "phone": "13900130001"})


def test_attachment_is_served_through_its_order(client_for, org, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jiesu.orders.services import attachment_add

    settings.MEDIA_ROOT = tmp_path
    order = walk(register(org.operator), org, "dispatch")
    item = attachment_add(
        order=order, upload=SimpleUploadedFile("小票.pdf", b"%PDF-1.4", "application/pdf"), actor=org.operator
    )
    url = reverse("ui:attachment", kwargs={"number": order.number, "pk": item.pk})
    assert "小票.pdf" in client_for(org.handler_a1).get(page_url(order)).content.decode()
    response = client_for(org.handler_a1).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4"
    assert client_for(org.handler_b1).get(url).status_code == 404


def test_orders_are_not_created_by_the_list(client_for, org):
    client_for(org.dispatcher).get(reverse("ui:order_list"))
    assert not WorkOrder.objects.exists()


def test_the_order_list_filters_by_category(client_for, org):
    from jiesu.orders.tests.factories import register

    clothes = register(org.operator)  # 服装鞋帽
    phone = register(org.operator, product_category="手机及电子产品", complainant_phone="13900139000")
    html = client_for(org.dispatcher).get("/orders/", {"category": "手机及电子产品"}).content.decode()
    assert phone.number in html and clothes.number not in html
