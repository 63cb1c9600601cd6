"""Idempotency-Key (api-v1.md "Conventions"): a retried write returns the first result."""

import threading

import pytest
from django.db import connection

from jiesu.api.models import IdempotencyRecord
from jiesu.api.tests.conftest import ORDER_BODY
from jiesu.orders.models import OrderEvent, WorkOrder
from jiesu.orders.tests.factories import register


def test_the_same_key_and_body_replays_the_first_response(org, api_as):
    api = api_as("operator")

    first = api.post("/orders", ORDER_BODY, key="call-0001")
    again = api.post("/orders", ORDER_BODY, key="call-0001")

    assert first.status_code == 201
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert WorkOrder.objects.count() == 1
    record = IdempotencyRecord.objects.get()
    assert (record.user, record.key, record.response_status) == (org.operator, "call-0001", 201)


def test_key_order_and_spacing_of_the_body_do_not_matter(org, api_as):
    api = api_as("operator")
    api.post("/orders", ORDER_BODY, key="k")

    reordered = dict(reversed(list(ORDER_BODY.items())))
    assert api.post("/orders", reordered, key="k").status_code == 200
    assert WorkOrder.objects.count() == 1


def test_the_same_key_with_another_body_is_409_conflict(org, api_as):
    api = api_as("operator")
    api.post("/orders", ORDER_BODY, key="call-0002")

    response = api.post("/orders", {**ORDER_BODY, "description": "另一件事"}, key="call-0002")

    assert response.status_code == 409
    assert response.json()["error"] == "conflict"
    assert list(response.json()["fields"]) == ["Idempotency-Key"]
    assert WorkOrder.objects.count() == 1


def test_the_same_key_on_another_path_is_409_conflict(org, api_as):
    api = api_as("dispatcher")
    order = register(org.operator)
    api.act(order.number, "dispatch", {"department": "office-a1"}, key="k1")

    response = api.act(order.number, "transfer", {"department": "office-a1"}, key="k1")

    assert response.status_code == 409 and response.json()["error"] == "conflict"


def test_a_failed_request_leaves_no_record_so_the_key_can_be_retried(org, api_as):
    api = api_as("operator")

    failed = api.post("/orders", {**ORDER_BODY, "complainant": {"phone": "12"}}, key="call-0003")
    assert failed.status_code == 400
    assert not IdempotencyRecord.objects.exists()

    fixed = api.post("/orders", {**ORDER_BODY, "complainant": {"phone": "13800138000"}}, key="call-0003")
    assert fixed.status_code == 201


def test_keys_belong_to_their_user(org, api_as):
    assert api_as("operator").post("/orders", ORDER_BODY, key="same").status_code == 201
    assert api_as("admin").post("/orders", ORDER_BODY, key="same").status_code == 201
    assert WorkOrder.objects.count() == 2


def test_a_retried_action_replays_instead_of_409(org, api_as):
    order = register(org.operator)
    api = api_as("dispatcher")
    body = {"department": "office-a1", "handler": "handler_a1"}

    first = api.act(order.number, "dispatch", body, key="dispatch-1")
    again = api.act(order.number, "dispatch", body, key="dispatch-1")

    assert first.status_code == again.status_code == 200
    assert again.json()["events"] == first.json()["events"]
    assert OrderEvent.objects.filter(order=order, action="dispatch").count() == 1
    assert api.act(order.number, "dispatch", body).status_code == 409  # without the key it is a new request


def test_an_overlong_key_is_refused(org, api_as):
    response = api_as("operator").post("/orders", ORDER_BODY, key="k" * 256)

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["Idempotency-Key"]
    assert WorkOrder.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_with_one_key_create_one_order(org, api_as):
    """The unique (user, key) constraint decides: the loser rolls back and replays the winner."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    clients = [api_as("operator") for _ in range(2)]
    barrier = threading.Barrier(2)
    responses = []

    def send(client):
        barrier.wait()
        try:
            responses.append(client.post("/orders", ORDER_BODY, key="race"))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(r.status_code for r in responses) == [200, 201]
    assert responses[0].json()["number"] == responses[1].json()["number"]
    assert WorkOrder.objects.count() == 1
