"""Routing proposals (issue 5 item 3): cases that must and must not propose each target."""

import pytest

from jiesu.intelligence.routing import route_proposal
from jiesu.orders.tests.factories import register
from jiesu.organisations.models import JurisdictionArea
from jiesu.organisations.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(org):
    JurisdictionArea.objects.create(department=org.office_a1, kind="street", name="西单北大街")
    JurisdictionArea.objects.create(department=org.office_a2, kind="keyword", name="西单")
    org.special = DepartmentFactory(code="se", name="特种设备科", kind="section", parent=org.city, line="special_equipment")
    return org


def test_the_longest_jurisdiction_match_proposes_its_office_with_the_reason(areas):
    proposal = route_proposal(register(areas.operator, respondent_address="西城区西单北大街120号"))
    assert proposal.department == areas.office_a1
    assert "西单北大街" in proposal.reason


def test_a_specialist_line_goes_to_its_section(areas):
    order = register(areas.operator, respondent_address="西城区西单北大街120号", line="special_equipment",
                     description="商场电梯停运，有人被困")
    proposal = route_proposal(order)
    assert proposal.department == areas.special and "特种设备科" in proposal.reason


def test_the_complainants_address_serves_for_services_at_home(areas):
    order = register(areas.operator, respondent_address="", complainant_address="西单北大街5号院")
    assert route_proposal(order).department == areas.office_a1


def test_an_ambiguous_address_is_reported_not_guessed(areas):
    JurisdictionArea.objects.create(department=areas.office_b1, kind="market", name="北大街")
    JurisdictionArea.objects.create(department=areas.office_a2, kind="market", name="东大街")
    proposal = route_proposal(register(areas.operator, respondent_address="某地东大街北大街"))
    assert proposal.department is None and set(proposal.ambiguous) == {areas.office_b1, areas.office_a2}
    assert "人工" in proposal.reason


def test_outside_every_jurisdiction_an_external_remit_is_offered_for_transfer(areas):
    JurisdictionArea.objects.create(department=areas.external, kind="keyword", name="物业")
    order = register(areas.operator, respondent_address="外省某市", description="小区物业乱收停车费")
    proposal = route_proposal(order)
    assert proposal.department is None and proposal.transfer == areas.external


def test_nothing_matches(areas):
    proposal = route_proposal(register(areas.operator, respondent_address="外省某市"))
    assert proposal.department is None and proposal.transfer is None and proposal.reason
