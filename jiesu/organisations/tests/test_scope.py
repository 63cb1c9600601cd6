"""Who sees what (domain.md "Organisation"): one's own department subtree; the centre, the municipal
bureau and administrators see everything; nobody without a department sees anything."""

import pytest

from jiesu.organisations.scope import (
    department_in_scope,
    department_list,
    may_view_personal_data,
    scope_path,
    sees_everything,
    staff_in_department_subtree,
)
from jiesu.organisations.tests.factories import StaffFactory


@pytest.mark.parametrize(("person", "everything"), [
    ("operator", True), ("dispatcher", True), ("admin", True), ("leader_a", False), ("handler_a1", False),
    ("fast_handler", False),
])
def test_who_sees_everything(org, person, everything):
    assert sees_everything(getattr(org, person)) is everything


def test_the_municipal_bureau_sees_everything(org):
    assert sees_everything(StaffFactory(department=org.city, roles=["leader"]))


def test_an_admin_without_a_department_still_sees_everything(org):
    assert sees_everything(StaffFactory(department=None, roles=["admin"]))


def test_scope_is_the_subtree_path(org):
    assert scope_path(org.dispatcher) is None
    assert scope_path(org.leader_a) == org.district_a.path
    assert org.office_a1.path.startswith(org.district_a.path)
    assert scope_path(StaffFactory(department=None, roles=["leader"])) == "/nothing/"


@pytest.mark.parametrize(("person", "department", "inside"), [
    ("leader_a", "district_a", True),
    ("leader_a", "office_a1", True),
    ("leader_a", "office_a2", True),
    ("leader_a", "office_b1", False),
    ("leader_a", "city", False),
    ("handler_a1", "office_a2", False),
    ("handler_a1", "district_a", False),
    ("dispatcher", "office_b1", True),
    ("dispatcher", "external", True),
])
def test_department_in_scope(org, person, department, inside):
    assert department_in_scope(getattr(org, person), getattr(org, department)) is inside


def test_no_department_is_in_scope_only_for_those_who_see_everything(org):
    assert department_in_scope(org.dispatcher, None)
    assert not department_in_scope(org.leader_a, None)


def test_a_path_prefix_is_not_mistaken_for_a_parent(org):
    """/1/2/ must not contain /1/23/: paths end in a slash so a prefix match means a subtree."""
    assert all(d.path.endswith("/") for d in (org.city, org.district_a, org.office_a1))
    assert not org.office_b1.path.startswith(org.office_a1.path)


def test_department_list_shows_the_subtree_and_the_external_transfer_targets(org):
    codes = {d.code for d in department_list(viewer=org.leader_a)}
    assert codes == {"dist-a", "office-a1", "office-a2", "housing"}
    assert {d.code for d in department_list(viewer=org.leader_a, include_external=False)} == {
        "dist-a", "office-a1", "office-a2"}
    assert "housing" not in {d.code for d in department_list(viewer=org.dispatcher, include_external=False)}


def test_staff_in_a_subtree(org):
    assert set(staff_in_department_subtree(department=org.district_a)) == {
        org.handler_a1, org.handler_a1b, org.leader_a1, org.leader_a, org.handler_a2}


@pytest.mark.parametrize(("person", "may"), [
    ("operator", True), ("dispatcher", True), ("handler_a1", True), ("visitor", True), ("admin", True),
    ("leader_a", False),
])
def test_who_may_view_personal_data_by_role(org, person, may):
    assert may_view_personal_data(getattr(org, person)) is may


def test_a_leader_may_be_granted_personal_data(org):
    org.leader_a.may_view_personal_data = True
    assert may_view_personal_data(org.leader_a)
