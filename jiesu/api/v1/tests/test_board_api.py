"""`GET /api/v1/board` over HTTP through Django's test Client, so auth, middleware and the error
mapping run: the contract's shape, today by default, a bad date as 400 naming `date`, and scope."""

import pytest
from django.test import Client

from jiesu.board.tests.factories import consultation_at, order_at
from jiesu.orders.tests.checks import sh
from jiesu.organisations.services import api_token_create

CONTRACT = {
    "code", "name", "received", "unresolved", "due_today", "due_2wd", "due_3wd", "overdue",
    "callbacks_pending", "cleared",
}


@pytest.fixture
def get(org):
    """`get("leader_a", date=...)`: GET /api/v1/board with that user's bearer token."""

    def call(username: str | None, **params):
        headers = {"Authorization": f"Bearer {api_token_create(username=username)}"} if username else {}
        return Client(headers=headers).get("/api/v1/board", params, secure=True)

    return call


@pytest.fixture
def orders(org, time_machine):
    time_machine.move_to(sh(2025, 9, 30, 9), tick=False)
    order_at(org, sh(2025, 9, 22, 10), department=org.office_a1)  # accept_decision due today
    order_at(org, sh(2025, 9, 23, 10), department=org.office_a2)  # due Oct 9: within 2 working days
    order_at(org, sh(2025, 9, 25, 10), department=org.office_b1)  # due Sat Oct 11 (调休): within 3
    consultation_at(org, sh(2025, 9, 29, 10))  # received yesterday at the centre, due 10:00 today


def test_the_board_follows_the_contract(get, orders):
    response = get("centre_leader", date="2025-09-30")

    assert response.status_code == 200
    body = response.json()
    assert body["date"] == "2025-09-30"
    departments = {row["code"]: row for row in body["departments"]}
    assert list(departments) == ["centre", "dist-a", "office-a1", "office-a2", "dist-b", "office-b1", "fast-team"]
    assert all(CONTRACT <= set(row) for row in body["departments"])
    assert {k: departments["dist-a"][k] for k in CONTRACT} == {
        "code": "dist-a", "name": "西城区局", "received": 0, "unresolved": 2, "due_today": 1,
        "due_2wd": 1, "due_3wd": 1, "overdue": 2, "callbacks_pending": 0, "cleared": False,
    }
    assert departments["centre"]["received"] == 1
    assert departments["centre"]["unresolved_by_status"]["registered"] == 1
    assert departments["fast-team"]["cleared"] is True
    assert body["total"]["code"] is None and body["total"]["unresolved"] == 4


def test_the_date_defaults_to_today(get, orders):
    body = get("centre_leader").json()

    assert body["date"] == "2025-09-30"
    assert body["total"]["due_today"] == 2


@pytest.mark.parametrize("value", ["2025-02-30", "30/09/2025", "today"])
def test_a_bad_date_is_a_400_naming_the_field(get, org, value):
    response = get("centre_leader", date=value)

    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "validation_error"
    assert list(body["fields"]) == ["date"] and body["detail"].startswith("date:")


def test_a_district_leader_sees_their_subtree_only(get, orders):
    body = get("leader_a", date="2025-09-30").json()

    assert [row["code"] for row in body["departments"]] == ["dist-a", "office-a1", "office-a2"]
    assert body["total"]["code"] == "dist-a"
    assert (body["total"]["unresolved"], body["total"]["due_today"], body["total"]["due_3wd"]) == (2, 1, 1)


def test_an_anonymous_caller_is_401(get, org):
    response = get(None)

    assert response.status_code == 401
    assert response.json()["error"] == "unauthenticated"
