"""GET /api/v1/notifications and POST /api/v1/notifications/read (issue 4 item 3)."""

import pytest

from jiesu.deadlines.models import ReminderRule
from jiesu.deadlines.sweep import sweep
from jiesu.orders.tests.checks import NOW, sh
from jiesu.orders.tests.factories import in_progress, register

pytestmark = pytest.mark.django_db

KEYS = {"id", "order", "step", "deadline_kind", "due_at", "recipients", "channel", "status", "title",
        "created_at", "sent_at"}


@pytest.fixture
def swept(org, time_machine):
    """An order handled by handler_a1 whose first reminders have been swept."""
    time_machine.move_to(NOW, tick=False)
    ReminderRule.objects.update(channels=["inbox", "log"])  # two channels: the list shows each
    order = in_progress(org)
    time_machine.move_to(sh(2025, 3, 4, 8, 31), tick=False)
    sweep()
    return order


def test_lists_every_message_of_an_order_in_the_contract_shape(api_as, swept):
    response = api_as("dispatcher").get("/notifications", {"order": swept.number})
    assert response.status_code == 200
    body = response.json()
    assert body["next_cursor"] is None
    items = body["items"]
    assert items and all(set(item) == KEYS for item in items)
    inbox = next(i for i in items if i["channel"] == "inbox" and i["deadline_kind"] == "acknowledge")
    assert inbox["order"] == swept.number
    assert inbox["step"] == "urge" and inbox["status"] == "sent"
    assert [r["username"] for r in inbox["recipients"]] == ["handler_a1"]
    assert inbox["due_at"].endswith("+08:00") and inbox["sent_at"].endswith("+08:00")
    assert {i["channel"] for i in items} == {"inbox", "log"}


def test_sweeping_again_lists_nothing_new(api_as, swept):
    client = api_as("dispatcher")
    before = client.get("/notifications", {"order": swept.number}).json()["items"]
    sweep()
    after = client.get("/notifications", {"order": swept.number}).json()["items"]
    assert [i["id"] for i in after] == [i["id"] for i in before]


def test_pages_with_a_cursor(api_as, swept):
    client = api_as("dispatcher")
    everything = client.get("/notifications", {"order": swept.number}).json()["items"]
    first = client.get("/notifications", {"order": swept.number, "limit": 1}).json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    second = client.get("/notifications", {"order": swept.number, "limit": 50, "cursor": first["next_cursor"]}).json()
    assert [i["id"] for i in first["items"] + second["items"]] == [i["id"] for i in everything]


def test_an_order_outside_the_callers_scope_is_not_found(api_as, swept):
    response = api_as("handler_b1").get("/notifications", {"order": swept.number})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_without_an_order_the_caller_gets_their_own_and_marks_them_read(api_as, swept):
    handler = api_as("handler_a1")
    mine = handler.get("/notifications", {"unread": True}).json()["items"]
    assert mine and all(i["channel"] == "inbox" for i in mine)
    assert api_as("handler_b1").get("/notifications").json()["items"] == []
    answer = handler.post("/notifications/read", {"ids": [mine[0]["id"]]})
    assert answer.status_code == 200
    assert answer.json() == {"marked": 1, "unread": len(mine) - 1}
    assert len(handler.get("/notifications", {"unread": True}).json()["items"]) == len(mine) - 1
    assert handler.post("/notifications/read", {}).json()["unread"] == 0


def test_needs_authentication(anonymous):
    assert anonymous.get("/notifications").status_code == 401


def test_a_fast_directive_is_listed_with_its_45_minute_due_time(api_as, org, time_machine):
    time_machine.move_to(NOW, tick=False)
    org.fast_team.auto_dispatch = True
    org.fast_team.save(update_fields=["auto_dispatch"])
    order = register(org.operator, urgency="fast", fast_response_reasons=["on_site"])
    items = api_as("fast_handler").get("/notifications").json()["items"]
    directive = next(i for i in items if i["step"] == "directive")
    assert directive["order"] == order.number
    assert directive["deadline_kind"] == "respond_fast"
    assert directive["due_at"] == "2025-03-03T09:45:00+08:00"
