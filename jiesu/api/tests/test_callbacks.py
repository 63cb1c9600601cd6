"""Call-backs over HTTP (来电零遗漏): the list's contract, status filter, scope, masking, auth, and
recording an outcome."""

import pytest

from jiesu.calls.models import Callback
from jiesu.calls.tests.factories import CallbackFactory, at
from jiesu.organisations.models import PersonalDataAccess


@pytest.fixture
def callbacks(org):
    return [
        CallbackFactory(department=org.centre, phone="13800138000", due_at=at(2025, 3, 5, 10, 30)),
        CallbackFactory(department=org.centre, phone="13900139000", due_at=at(2025, 3, 5, 11), status="reached"),
        CallbackFactory(department=org.office_a1, phone="13700137000", due_at=at(2025, 3, 6, 10, 30)),
    ]


def test_the_list_carries_the_contracts_fields(org, api_as, callbacks):
    response = api_as("operator").get("/callbacks", {"status": "pending"})

    assert response.status_code == 200
    page = response.json()
    assert set(page) == {"items", "next_cursor"} and page["next_cursor"] is None
    first = page["items"][0]
    assert {"id", "phone", "called_at", "due_at", "status"} <= set(first)
    assert first == {
        "id": callbacks[0].pk, "phone": "13800138000", "called_at": "2025-03-04T09:15:00+08:00",
        "due_at": "2025-03-05T10:30:00+08:00", "status": "pending", "missed_calls": 1, "order": None,
    }


def test_the_status_filter(org, api_as, callbacks):
    pending = api_as("operator").get("/callbacks", {"status": "pending"}).json()["items"]
    reached = api_as("operator").get("/callbacks", {"status": "reached"}).json()["items"]
    everything = api_as("operator").get("/callbacks").json()["items"]

    assert [i["id"] for i in pending] == [callbacks[0].pk, callbacks[2].pk]
    assert [i["id"] for i in reached] == [callbacks[1].pk]
    assert len(everything) == 3


def test_an_unknown_status_is_a_validation_error(org, api_as, callbacks):
    response = api_as("operator").get("/callbacks", {"status": "waiting"})

    assert response.status_code == 400
    assert response.json()["error"] == "validation_error" and "status" in response.json()["fields"]


def test_the_cursor_pages_through(org, api_as, callbacks):
    client = api_as("operator")
    first = client.get("/callbacks", {"limit": 2}).json()
    second = client.get("/callbacks", {"limit": 2, "cursor": first["next_cursor"]}).json()

    assert [i["id"] for i in first["items"] + second["items"]] == [callbacks[0].pk, callbacks[1].pk, callbacks[2].pk]
    assert second["next_cursor"] is None


def test_a_district_sees_only_its_subtree_and_masked_numbers(org, api_as, callbacks):
    items = api_as("leader_a").get("/callbacks").json()["items"]

    assert [(i["id"], i["phone"]) for i in items] == [(callbacks[2].pk, "137****7000")]
    assert api_as("leader_b").get("/callbacks").json()["items"] == []
    assert not PersonalDataAccess.objects.exists()


def test_an_unmasked_list_is_written_to_the_access_log(org, api_as, callbacks):
    api_as("operator").get("/callbacks", {"status": "pending"})

    access = PersonalDataAccess.objects.get()
    assert (access.staff, access.via, access.fields) == (org.operator, "api", ["phone"])


def test_without_credentials_the_answer_is_401(db, anonymous):
    response = anonymous.get("/callbacks")

    assert response.status_code == 401
    assert response.json()["error"] == "unauthenticated"


def test_an_operator_records_an_outcome(org, api_as, callbacks):
    response = api_as("operator").post(f"/callbacks/{callbacks[0].pk}/outcome", {"status": "unreachable", "note": "关机"})

    assert response.status_code == 200
    assert response.json()["status"] == "unreachable"
    callbacks[0].refresh_from_db()
    assert (callbacks[0].outcome_note, callbacks[0].handled_by) == ("关机", org.operator)


def test_outcome_refusals(org, api_as, callbacks):
    closed = api_as("operator").post(f"/callbacks/{callbacks[1].pk}/outcome", {"status": "reached"})
    assert closed.status_code == 409 and closed.json()["error"] == "invalid_transition"

    wrong_role = api_as("centre_leader").post(f"/callbacks/{callbacks[0].pk}/outcome", {"status": "reached"})
    assert wrong_role.status_code == 403

    out_of_scope = api_as("leader_b").post(f"/callbacks/{callbacks[2].pk}/outcome", {"status": "reached"})
    assert out_of_scope.status_code == 404

    bad_status = api_as("operator").post(f"/callbacks/{callbacks[0].pk}/outcome", {"status": "converted"})
    assert bad_status.status_code in (400, 422)
    assert Callback.objects.get(pk=callbacks[0].pk).status == "pending"


def test_the_list_costs_a_fixed_number_of_queries(org, api_as, django_assert_max_num_queries):
    for n in range(20):
        CallbackFactory(department=org.centre, due_at=at(2025, 3, 5, 10, n))
    client = api_as("operator")
    with django_assert_max_num_queries(8):
        assert len(client.get("/callbacks").json()["items"]) == 20
