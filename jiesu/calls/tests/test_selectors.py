"""Reading call-backs: status filter, scope, keyset pages, masking and the board's count."""

import pytest

from jiesu.calls.selectors import (
    call_importer_get,
    callback_get,
    callback_list,
    callback_phones,
    callbacks_pending_count,
)
from jiesu.calls.tests.factories import CallbackFactory, at
from jiesu.core.errors import InvalidInput, NotFound
from jiesu.organisations.models import PersonalDataAccess
from jiesu.organisations.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def callbacks(org):
    return [
        CallbackFactory(department=org.centre, due_at=at(2025, 3, 5, 10, 30), status="pending"),
        CallbackFactory(department=org.centre, due_at=at(2025, 3, 5, 10, 30), status="pending"),
        CallbackFactory(department=org.centre, due_at=at(2025, 3, 4, 10, 30), status="reached"),
        CallbackFactory(department=org.office_a1, due_at=at(2025, 3, 6, 10, 30), status="pending"),
    ]


def test_soonest_due_first_with_a_status_filter(org, callbacks):
    everything = callback_list(viewer=org.operator)
    pending = callback_list(viewer=org.operator, status="pending")

    assert everything.items == [callbacks[2], callbacks[0], callbacks[1], callbacks[3]]
    assert pending.items == [callbacks[0], callbacks[1], callbacks[3]]
    assert callback_list(viewer=org.operator, status="reached,cancelled").items == [callbacks[2]]


def test_an_unknown_status_names_the_field(org, callbacks):
    with pytest.raises(InvalidInput) as caught:
        callback_list(viewer=org.operator, status="waiting")
    assert "status" in caught.value.fields


def test_pages_cover_the_list_once(org, callbacks):
    first = callback_list(viewer=org.operator, limit=2)
    second = callback_list(viewer=org.operator, limit=2, cursor=first.next_cursor)

    assert first.items + second.items == callback_list(viewer=org.operator).items
    assert second.next_cursor is None
    with pytest.raises(InvalidInput):
        callback_list(viewer=org.operator, cursor="%%%")


def test_a_district_sees_only_its_own_subtree(org, callbacks):
    assert callback_list(viewer=org.leader_a).items == [callbacks[3]]
    assert callback_list(viewer=org.leader_b).items == []
    with pytest.raises(NotFound):
        callback_get(viewer=org.leader_b, pk=callbacks[3].pk)


def test_the_pending_count_for_the_board(org, callbacks):
    assert callbacks_pending_count() == 3
    assert callbacks_pending_count(viewer=org.operator) == 3
    assert callbacks_pending_count(viewer=org.leader_a) == 1
    assert callbacks_pending_count(department=org.centre) == 2


def test_phones_are_masked_without_the_right_and_logged_with_it(org, callbacks):
    masked = callback_phones(viewer=org.leader_a, callbacks=[callbacks[3]], via="ui")
    assert masked[callbacks[3].pk] == callbacks[3].phone[:3] + "****" + callbacks[3].phone[-4:]
    assert not PersonalDataAccess.objects.exists()

    shown = callback_phones(viewer=org.operator, callbacks=callbacks[:2], via="api")
    assert shown == {cb.pk: cb.phone for cb in callbacks[:2]}
    access = PersonalDataAccess.objects.get()
    assert (access.staff, access.fields, access.via) == (org.operator, ["phone"], "api")
    assert access.detail == {"callbacks": [callbacks[0].pk, callbacks[1].pk]}


def test_the_shell_imports_as_the_centres_first_operator_or_the_named_user(org):
    assert call_importer_get() == org.operator
    assert call_importer_get(username="visitor") == org.visitor
    with pytest.raises(NotFound):
        call_importer_get(username="nobody")


def test_without_an_operator_in_the_centre_a_user_must_be_named(db):
    StaffFactory(roles=["operator"])  # an operator, but not of a centre
    with pytest.raises(InvalidInput) as caught:
        call_importer_get()
    assert "user" in caught.value.fields
