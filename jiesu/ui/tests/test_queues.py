from django.urls import reverse

from jiesu.orders.models import WorkOrder
from jiesu.orders.selectors import my_work_list
from jiesu.orders.tests.factories import register, walk

from .conftest import htmx


def test_dispatch_queue_lists_waiting_orders_with_an_inline_form(client_for, org):
    waiting = register(org.operator)
    dispatched = walk(register(org.operator, complainant_phone="13900139000"), org, "dispatch")
    response = client_for(org.dispatcher).get(reverse("ui:dispatch_queue"))
    html = response.content.decode()
    assert response.status_code == 200
    assert waiting.number in html and dispatched.number not in html
    assert f'id="queue-{waiting.number}"' in html
    assert f'id="id_{waiting.number}_department"' in html
    assert "138****8000" in html and "13800138000" not in html  # lists mask the phone
    # Dispatch targets: no external department, not the centre or the municipal bureau itself.
    assert 'value="office-a1"' in html
    assert 'value="housing"' not in html and 'value="centre"' not in html and 'value="city"' not in html


def test_dispatch_from_the_queue_moves_the_status_and_replaces_the_row(client_for, org):
    order = register(org.operator)
    url = reverse("ui:order_action", kwargs={"number": order.number, "action": "dispatch"})
    client = client_for(org.dispatcher, **htmx(f"queue-{order.number}"))
    response = client.post(url, {"department": "office-a1", "handler": "handler_a1", "note": "请尽快联系"})
    order.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 200
    assert order.status == "dispatched"
    assert order.department == org.office_a1 and order.handler == org.handler_a1
    assert f'<tr id="queue-{order.number}" class="done">' in html
    assert "西长安街所" in html
    assert 'hx-swap-oob="beforeend:#messages"' in html


def test_dispatch_with_a_handler_of_another_department_shows_the_error_in_the_row(client_for, org):
    order = register(org.operator)
    url = reverse("ui:order_action", kwargs={"number": order.number, "action": "dispatch"})
    client = client_for(org.dispatcher, **htmx(f"queue-{order.number}"))
    response = client.post(url, {"department": "office-a1", "handler": "handler_b1"})
    order.refresh_from_db()
    html = response.content.decode()
    assert order.status == "registered"
    assert f'<tr id="queue-{order.number}">' in html
    assert "承办人必须属于承办单位" in html
    assert f'id="id_{order.number}_department"' in html


def test_handler_options_follow_the_chosen_department(client_for, org):
    client = client_for(org.dispatcher)
    html = client.get(reverse("ui:handler_options"), {"department": "office-a1"}).content.decode()
    assert 'value="handler_a1"' in html and 'value="leader_a1"' in html
    assert 'value="handler_b1"' not in html
    assert (
        client.get(reverse("ui:handler_options"), {"department": "nope"}).content.decode().count("<option")
        == 1
    )


def test_handler_options_stay_inside_the_viewers_scope(client_for, org):
    html = (
        client_for(org.leader_b)
        .get(reverse("ui:handler_options"), {"department": "office-a1"})
        .content.decode()
    )
    assert "handler_a1" not in html


def test_my_work_is_sorted_by_nearest_deadline(client_for, org):
    normal = walk(register(org.operator), org, "dispatch")
    fast = walk(
        register(org.operator, complainant_phone="13900139000", fast_response_reasons=["on_site"]),
        org,
        "dispatch",
    )
    other = walk(register(org.operator, complainant_phone="13700137000"), org, "dispatch")
    WorkOrder.objects.filter(pk=other.pk).update(handler=org.handler_a1b)
    response = client_for(org.handler_a1).get(reverse("ui:my_work"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(fast.number) < html.index(normal.number)
    assert other.number not in html
    assert "data-due-at=" in html and 'class="due due-' in html


def test_my_work_pages_with_a_cursor(client_for, org):
    for i in range(3):
        walk(register(org.operator, complainant_phone=f"1390013900{i}"), org, "dispatch")
    client = client_for(org.handler_a1)
    numbers = list(WorkOrder.objects.order_by("next_due_at", "id").values_list("number", flat=True))
    page = my_work_list(viewer=org.handler_a1, limit=2)
    assert page.next_cursor
    html = client.get(reverse("ui:my_work"), {"cursor": page.next_cursor}).content.decode()
    assert numbers[2] in html and numbers[0] not in html
    assert client.get(reverse("ui:my_work"), {"cursor": "!!bad"}).status_code == 200


def test_the_queue_proposes_the_department_of_the_jurisdiction_with_its_reason(client_for, org):
    from jiesu.orders.tests.factories import register
    from jiesu.organisations.models import JurisdictionArea

    JurisdictionArea.objects.create(department=org.office_a1, kind="street", name="西单北大街")
    order = register(org.operator, respondent_address="西城区西单北大街120号")
    html = client_for(org.dispatcher).get("/dispatch/").content.decode()
    row = html[html.index(f'id="queue-{order.number}"'):]
    row = row[: row.index("</tr>")]
    assert 'data-proposal="office-a1"' in row and "西单北大街" in row
    assert '<option value="office-a1" selected>' in row
