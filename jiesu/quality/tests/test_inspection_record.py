"""An inspector's verdict on a sampled order: validated, scoped, final."""

from datetime import date

import pytest

from jiesu.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from jiesu.orders.tests.checks import NOW
from jiesu.organisations.tests.factories import StaffFactory
from jiesu.quality.models import Inspection
from jiesu.quality.selectors import InspectionFilters, inspection_get, inspection_list
from jiesu.quality.services import inspection_record, sample_draw
from jiesu.quality.tests.factories import concluded


@pytest.fixture
def sampled(org, clock):
    """Every March order sampled: one of office A1, one of office B1."""
    a1, b1 = concluded(org), concluded(org, org.office_b1, org.handler_b1)
    sample_draw(actor=org.visitor, rate="1", period_start=date(2025, 3, 1), period_end=date(2025, 3, 31))
    return Inspection.objects.get(order=a1), Inspection.objects.get(order=b1)


def row(inspection):
    return Inspection.objects.filter(pk=inspection.pk).values().get()


def test_records_verdict_problems_and_comment(org, sampled):
    inspection, _ = sampled

    inspection_record(
        inspection=inspection,
        actor=org.visitor,
        verdict="basically_qualified",
        problems=["reply_inadequate", "late", "late"],
        comment=" 答复未说明依据 ",
    )

    inspection.refresh_from_db()
    assert (inspection.verdict, inspection.problems, inspection.comment) == (
        "basically_qualified",
        ["reply_inadequate", "late"],
        "答复未说明依据",
    )
    assert (inspection.inspector, inspection.inspected_at) == (org.visitor, NOW)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"verdict": "excellent"}, "verdict"),
        ({"verdict": ""}, "verdict"),
        ({"verdict": "qualified", "problems": ["late"]}, "problems"),
        ({"verdict": "unqualified", "problems": [], "comment": "答复敷衍"}, "problems"),
        ({"verdict": "basically_qualified", "problems": ["bogus"]}, "problems"),
        ({"verdict": "unqualified", "problems": ["attitude"], "comment": " "}, "comment"),
        ({"verdict": "basically_qualified", "problems": ["other"]}, "comment"),
        ({"verdict": "qualified", "comment": "长" * 2001}, "comment"),
    ],
)
def test_a_bad_verdict_names_the_field_and_changes_nothing(org, sampled, values, field):
    inspection, _ = sampled
    before = row(inspection)

    with pytest.raises(InvalidInput) as refused:
        inspection_record(inspection=inspection, actor=org.visitor, **values)

    assert field in refused.value.fields
    assert row(inspection) == before


def test_a_verdict_is_final(org, sampled):
    inspection, _ = sampled
    inspection_record(inspection=inspection, actor=org.visitor, verdict="qualified")
    before = row(inspection)

    with pytest.raises(Conflict):
        inspection_record(
            inspection=inspection, actor=org.visitor, verdict="unqualified", problems=["late"], comment="x"
        )

    assert row(inspection) == before


def test_only_inspectors_record_verdicts(org, sampled):
    inspection, _ = sampled

    with pytest.raises(Forbidden):
        inspection_record(inspection=inspection, actor=org.leader_a, verdict="qualified")

    assert row(inspection)["verdict"] == ""


def test_a_district_inspector_neither_sees_nor_inspects_another_district(org, sampled):
    a1, b1 = sampled
    inspector = StaffFactory(username="visitor_a", department=org.district_a, roles=["visitor"])

    with pytest.raises(NotFound):
        inspection_record(inspection=b1, actor=inspector, verdict="qualified")
    with pytest.raises(NotFound):
        inspection_get(viewer=inspector, pk=b1.pk)
    assert [i.pk for i in inspection_list(viewer=inspector, filters=InspectionFilters()).items] == [a1.pk]
    assert row(b1)["verdict"] == ""


def test_the_list_filters_by_state_verdict_department_and_conclusion_date(org, sampled):
    a1, b1 = sampled
    inspection_record(
        inspection=a1, actor=org.visitor, verdict="unqualified", problems=["late"], comment="超期"
    )

    def numbers(**filters):
        return [i.pk for i in inspection_list(viewer=org.visitor, filters=InspectionFilters(**filters)).items]

    assert numbers() == [a1.pk, b1.pk]
    assert numbers(state="done") == [a1.pk]
    assert numbers(state="pending") == [b1.pk]
    assert numbers(verdict="unqualified") == [a1.pk]
    assert numbers(department="dist-b") == [b1.pk]
    assert numbers(date_from="2025-03-03", date_to="2025-03-03") == [a1.pk, b1.pk]
    assert numbers(date_from="2025-03-04") == []
    for filters, field in (
        ({"date_to": "2025-13-01"}, "to"),
        ({"state": "x"}, "state"),
        ({"department": "nope"}, "department"),
    ):
        with pytest.raises(InvalidInput) as refused:
            numbers(**filters)
        assert field in refused.value.fields


def test_the_list_pages_with_a_cursor(org, sampled):
    first = inspection_list(viewer=org.visitor, filters=InspectionFilters(), limit=1)
    second = inspection_list(
        viewer=org.visitor, filters=InspectionFilters(), cursor=first.next_cursor, limit=1
    )

    assert [i.pk for i in first.items + second.items] == [s.pk for s in sampled]
    assert second.next_cursor is None
