"""Each measure on the hand-built March of conftest.py, numerator and denominator written out."""

from datetime import date
from decimal import Decimal

import pytest

from jiesu.analytics.measures import measure_orders, measure_table
from jiesu.analytics.periods import Period
from jiesu.core import clock
from jiesu.core.errors import InvalidInput, NotFound

from .scenario import at

MARCH = Period(date(2025, 3, 1), date(2025, 3, 31))


def rate(table, key, index=0):
    m = table.items[index].measures[key]
    return (m.numerator, m.denominator, m.value)


def numbers(qs):
    return set(qs.values_list("number", flat=True))


@pytest.fixture
def table(march):
    with clock.travel(at(3, 20)):
        return measure_table(viewer=march.org.dispatcher, period=MARCH)


def test_orders_count_by_receipt_day_and_leave_excluded_and_february_out(table):
    assert table.items[0].measures["orders"].value == 5  # c1 c2 c3 c5 r1


def test_initial_review_counts_decisions_due_in_march_including_overdue_and_late(table):
    # due in March: feb (overdue), c1 (on time), c2 (late), c3 (overdue), c5 (on time); c4 excluded
    assert rate(table, "on_time_initial_review_rate") == (2, 5, 0.4)


def test_response_rate_counts_contact_by_its_deadline(table):
    # only c1 was contacted within 24 hours; the other four March orders ran past it
    assert rate(table, "response_rate") == (1, 5, 0.2)


def test_on_time_conclusion_counts_in_the_month_the_deadline_falls_due(march, table):
    # 45 working days from 3 March: c1's conclusion deadline is in May, though c1 concluded in March.
    # c2's (accepted 13 March) is in May too but still pending, so in no rate yet.
    assert rate(table, "on_time_conclusion_rate") == (0, 0, None)
    with clock.travel(at(3, 20)):
        may = measure_table(viewer=march.org.dispatcher, period=Period(date(2025, 5, 1), date(2025, 5, 31)))
    assert rate(may, "on_time_conclusion_rate") == (1, 1, 1.0)


def test_verification_mediation_resolution_satisfaction(table):
    assert rate(table, "on_time_verification_rate") == (1, 1, 1.0)  # r1
    assert rate(table, "mediation_success_rate") == (1, 1, 1.0)
    assert rate(table, "resolution_rate") == (1, 1, 1.0)
    assert rate(table, "satisfaction_rate") == (1, 1, 1.0)
    assert table.items[0].measures["recovered_loss"].value == Decimal("299.00")


def test_a_rate_without_denominator_has_no_value(table):
    assert rate(table, "odr_on_time_rate") == (0, 0, None)


def test_february_holds_only_the_late_evening_order(march):
    with clock.travel(at(3, 20)):
        feb = measure_table(viewer=march.org.dispatcher, period=Period(date(2025, 2, 1), date(2025, 2, 28)))
    assert feb.items[0].measures["orders"].value == 1
    assert rate(feb, "on_time_initial_review_rate") == (0, 0, None)


def test_a_district_leader_sees_only_their_district(march):
    with clock.travel(at(3, 20)):
        table = measure_table(viewer=march.org.leader_b, period=MARCH)
        assert table.items[0].measures["orders"].value == 1
        assert rate(table, "on_time_initial_review_rate") == (1, 1, 1.0)
        with pytest.raises(NotFound):
            measure_table(viewer=march.org.leader_b, period=MARCH, department="dist-a")


def test_grouped_by_department_each_district_with_its_subtree(march):
    with clock.travel(at(3, 20)):
        table = measure_table(viewer=march.org.dispatcher, period=MARCH, group_by="department")
    items = {item.group: item for item in table.items}
    assert items["dist-a"].measures["orders"].value == 4
    assert items["dist-b"].measures["orders"].value == 1
    assert (items["dist-a"].measures["on_time_initial_review_rate"].numerator,
            items["dist-a"].measures["on_time_initial_review_rate"].denominator) == (1, 4)  # fmt: skip
    assert items["centre"].measures["orders"].value == 0


def test_grouped_by_type_and_filtered_by_type(march):
    with clock.travel(at(3, 20)):
        by_type = measure_table(viewer=march.org.dispatcher, period=MARCH, group_by="type")
        reports = measure_table(viewer=march.org.dispatcher, period=MARCH, type="report")
    assert {i.group: i.measures["orders"].value for i in by_type.items} == {"complaint": 4, "report": 1}
    assert reports.items[0].measures["orders"].value == 1


def test_bad_parameters_name_the_field(march):
    with pytest.raises(InvalidInput) as error:
        measure_table(viewer=march.org.dispatcher, period=MARCH, group_by="street")
    assert "group_by" in error.value.fields
    with pytest.raises(InvalidInput) as error:
        measure_table(viewer=march.org.dispatcher, period=MARCH, line="nonsense")
    assert "line" in error.value.fields


def test_every_number_lists_its_orders(march):
    viewer = march.org.dispatcher
    with clock.travel(at(3, 20)):
        on_time = measure_orders(
            viewer=viewer, period=MARCH, key="on_time_initial_review_rate", part="numerator"
        )
        due = measure_orders(
            viewer=viewer, period=MARCH, key="on_time_initial_review_rate", part="denominator"
        )
        district_b = measure_orders(
            viewer=viewer, period=MARCH, key="orders", group_by="department", group="dist-b"
        )
    assert numbers(on_time) == {march.c1.number, march.c5.number}
    assert numbers(due) == {o.number for o in (march.feb, march.c1, march.c2, march.c3, march.c5)}
    assert numbers(district_b) == {march.c5.number}
