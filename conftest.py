"""Shared fixtures: a small organisation with one person per role, built through the services."""

from types import SimpleNamespace

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded attachments land in a throwaway folder, never in the developer's data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """The working-day calendar is cached per process; a test's rolled-back edits must not leak."""
    from jiesu.deadlines.holidays import calendar_cache_clear
    from jiesu.deadlines.policies import policy_cache_clear

    calendar_cache_clear()
    policy_cache_clear()
    yield
    calendar_cache_clear()
    policy_cache_clear()


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """Transactional tests (races, the browser) empty every table when they finish, including the
    deadline policies and holiday calendar that migrations seed; put them back for the next one."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from jiesu.deadlines.defaults import seed_default_policies
    from jiesu.deadlines.holidays import calendar_seed_from_package
    from jiesu.deadlines.models import CalendarDay, DeadlinePolicy
    from jiesu.deadlines.policies import policy_cache_clear

    if not DeadlinePolicy.objects.exists():
        seed_default_policies(DeadlinePolicy)
        policy_cache_clear()
    if not CalendarDay.objects.exists():
        calendar_seed_from_package()


@pytest.fixture
def org(db):
    from jiesu.organisations.tests.factories import DepartmentFactory, StaffFactory

    city = DepartmentFactory(code="city", name="市市场监管局", kind="municipal_bureau")
    centre = DepartmentFactory(code="centre", name="12315中心", kind="centre", parent=city)
    district_a = DepartmentFactory(code="dist-a", name="西城区局", kind="district_bureau", parent=city)
    office_a1 = DepartmentFactory(code="office-a1", name="西长安街所", kind="office", parent=district_a)
    office_a2 = DepartmentFactory(code="office-a2", name="金融街所", kind="office", parent=district_a)
    district_b = DepartmentFactory(code="dist-b", name="东城区局", kind="district_bureau", parent=city)
    office_b1 = DepartmentFactory(code="office-b1", name="东华门所", kind="office", parent=district_b)
    fast_team = DepartmentFactory(code="fast-team", name="快反分队", kind="fast_response_team", parent=city)
    external = DepartmentFactory(code="housing", name="住建委", kind="external")
    ns = SimpleNamespace(
        city=city, centre=centre, district_a=district_a, office_a1=office_a1, office_a2=office_a2,
        district_b=district_b, office_b1=office_b1, fast_team=fast_team, external=external,
    )
    ns.operator = StaffFactory(username="operator", department=centre, roles=["operator"])
    ns.dispatcher = StaffFactory(username="dispatcher", department=centre, roles=["dispatcher"])
    ns.visitor = StaffFactory(username="visitor", department=centre, roles=["visitor"])
    ns.centre_leader = StaffFactory(username="centre_leader", department=centre, roles=["leader", "dispatcher"])
    ns.admin = StaffFactory(username="admin", department=centre, roles=["admin"], is_staff=True, is_superuser=True)
    ns.handler_a1 = StaffFactory(username="handler_a1", department=office_a1, roles=["handler"])
    ns.handler_a1b = StaffFactory(username="handler_a1b", department=office_a1, roles=["handler"])
    ns.leader_a1 = StaffFactory(username="leader_a1", department=office_a1, roles=["leader"])
    ns.leader_a = StaffFactory(username="leader_a", department=district_a, roles=["leader"])
    ns.handler_a2 = StaffFactory(username="handler_a2", department=office_a2, roles=["handler"])
    ns.handler_b1 = StaffFactory(username="handler_b1", department=office_b1, roles=["handler"])
    ns.leader_b = StaffFactory(username="leader_b", department=district_b, roles=["leader"])
    ns.fast_handler = StaffFactory(username="fast_handler", department=fast_team, roles=["handler"])
    return ns
