"""Reading orders: masking by the viewer's right, scope, list filters and cursor pages."""

from datetime import datetime, timedelta

import pytest

from jiesu.core import clock
from jiesu.orders.tests.factories import register, walk
from jiesu.organisations.models import PersonalDataAccess


@pytest.fixture
def dispatched(org):
    """A complaint with the office-a1 handler (so office-a1's leader and the centre see it)."""
    return walk(register(org.operator), org, "dispatch")


def test_a_leader_without_the_personal_data_right_sees_masks_and_leaves_no_log(org, api_as, dispatched):
    response = api_as("leader_a1").get(f"/orders/{dispatched.number}")

    assert response.status_code == 200
    complainant = response.json()["complainant"]
    assert complainant["phone"] == "138****8000"
    assert complainant["address"] == "西城区西长安****"
    assert not PersonalDataAccess.objects.filter(staff=org.leader_a1).exists()


def test_an_operator_sees_the_number_and_the_read_is_logged(org, api_as, dispatched):
    response = api_as("operator").get(f"/orders/{dispatched.number}")

    assert response.json()["complainant"]["phone"] == "13800138000"
    access = PersonalDataAccess.objects.get(staff=org.operator)
    assert access.subject == dispatched.number
    assert access.via == "api"
    assert set(access.fields) == {"phone", "address"}


def test_the_detail_carries_the_contracts_fields(org, api_as, dispatched):
    order = api_as("dispatcher").get(f"/orders/{dispatched.number}").json()

    assert {
        "number", "type", "channel", "status", "outcome", "line", "urgency", "flags", "received_at",
        "description", "complainant", "respondent", "product", "requests", "department", "handler",
        "deadlines", "events",
    } <= set(order)
    assert order["department"] == "office-a1" and order["handler"] == "handler_a1"
    assert {"kind", "due_at", "met_at", "overdue"} <= set(order["deadlines"][0])
    assert {"action", "actor", "at", "from_status", "to_status", "data"} <= set(order["events"][-1])
    assert order["events"][-1]["from_status"] == "registered"
    assert order["events"][-1]["at"].endswith("+08:00")


def test_lists_mask_the_phone_whoever_asks(org, api_as, dispatched):
    page = api_as("operator").get("/orders").json()

    assert page["next_cursor"] is None
    [item] = page["items"]
    assert item["complainant"] == {"name": "张三", "phone": "138****8000"}
    assert item["respondent"] == {"name": "某某商场"}
    assert item["department"] == "office-a1" and item["handler"] == "handler_a1"
    assert item["number"] == dispatched.number and item["status"] == "dispatched"
    assert item["next_due_at"].endswith("+08:00")
    assert not PersonalDataAccess.objects.exists()


def test_list_items_cut_the_description_to_200_characters(org, api_as):
    register(org.operator, description="诉" * 300)

    [item] = api_as("operator").get("/orders").json()["items"]

    assert item["description"] == "诉" * 200


def test_the_list_keeps_to_the_viewers_scope(org, api_as, dispatched):
    assert [i["number"] for i in api_as("handler_a1").get("/orders").json()["items"]] == [dispatched.number]
    assert api_as("handler_b1").get("/orders").json()["items"] == []


def test_list_filters(org, api_as):
    complaint = walk(register(org.operator, respondent_name="甲商场"), org, "dispatch")
    report = register(org.operator, type="report", respondent_name="乙超市", complainant_phone="13911112222", line="food")
    consultation = register(org.operator, type="consultation", respondent_name="", description="退货政策咨询")
    api = api_as("operator")

    def numbers(**params):
        response = api.get("/orders", params)
        assert response.status_code == 200, response.json()
        return {i["number"] for i in response.json()["items"]}

    assert numbers(type="report") == {report.number}
    assert numbers(type="report,consultation") == {report.number, consultation.number}
    assert numbers(status="dispatched") == {complaint.number}
    assert numbers(department="dist-a") == {complaint.number}
    assert numbers(phone="139-1111-2222") == {report.number}
    assert numbers(respondent="超市") == {report.number}
    assert numbers(q="政策") == {consultation.number}
    assert numbers(channel="web") == set()
    assert numbers(line="food") == {report.number}
    today = clock.today().isoformat()
    assert numbers(received_from=today, received_to=today) == {complaint.number, report.number, consultation.number}
    assert numbers(flag="fast_response") == set()


def test_bad_list_filters_name_their_field(org, api_as):
    api = api_as("operator")

    assert api.get("/orders", {"status": "lost"}).json()["fields"] == {"status": ["无效的取值：lost"]}
    assert api.get("/orders", {"department": "nowhere"}).status_code == 400
    response = api.get("/orders", {"limit": 201})
    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["limit"]
    assert api.get("/orders", {"received_from": "yesterday"}).json()["fields"].keys() == {"received_from"}
    assert api.get("/orders", {"cursor": "!!!"}).json()["fields"].keys() == {"cursor"}


def test_cursor_pages_cover_the_list_once_newest_first(org, api_as):
    start = datetime(2025, 3, 3, 9, 0, tzinfo=clock.SHANGHAI)
    # Two orders share each moment: the cursor must break the tie on id, not skip or repeat.
    created = [register(org.operator, received_at=start + timedelta(minutes=i // 2)) for i in range(7)]
    api = api_as("operator")

    seen, cursor, pages = [], None, 0
    while True:
        page = api.get("/orders", {"limit": 3, **({"cursor": cursor} if cursor else {})}).json()
        seen += [i["number"] for i in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert pages == 3
    assert len(seen) == len(set(seen)) == 7
    assert set(seen) == {o.number for o in created}
    received = [i["received_at"] for i in api.get("/orders", {"limit": 7}).json()["items"]]
    assert received == sorted(received, reverse=True)


def test_the_list_costs_a_fixed_number_of_queries(org, api_as, django_assert_max_num_queries):
    for i in range(12):
        order = register(org.operator, complainant_phone=f"1380013{i:04d}")
        if i % 2:
            walk(order, org, "dispatch")
    api = api_as("operator")
    api.get("/orders")  # the token's first use also stamps last_used_at

    with django_assert_max_num_queries(3):
        response = api.get("/orders", {"limit": 50})

    assert len(response.json()["items"]) == 12


def test_available_actions_follow_state_role_and_scope(org, api_as, dispatched):
    assert set(api_as("handler_a1").get(f"/orders/{dispatched.number}/available-actions").json()["items"]) >= {
        "accept", "not_accept", "return",
    }
    dispatcher_actions = api_as("dispatcher").get(f"/orders/{dispatched.number}/available-actions").json()
    assert "accept" not in dispatcher_actions["items"] and "assign" in dispatcher_actions["items"]
    assert api_as("handler_b1").get(f"/orders/{dispatched.number}/available-actions").status_code == 404


def test_departments_list_the_callers_subtree_and_external_ones(org, api_as):
    items = api_as("leader_b").get("/departments").json()["items"]

    assert {d["code"]: d["parent"] for d in items} == {"dist-b": "city", "office-b1": "dist-b", "housing": None}
    assert {"code": "housing", "name": "住建委", "kind": "external", "parent": None} in items


def test_departments_page_by_cursor(org, api_as):
    api = api_as("operator")
    everything = [d["code"] for d in api.get("/departments", {"limit": 200}).json()["items"]]

    seen, cursor = [], None
    while True:
        page = api.get("/departments", {"limit": 4, **({"cursor": cursor} if cursor else {})}).json()
        seen += [d["code"] for d in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            break

    assert seen == everything
    assert len(everything) == 9
