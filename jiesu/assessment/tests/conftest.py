"""March 2025 of analytics' hand-built orders (analytics/tests/scenario.py), plus two orders of
office A2 with poor data, scored on 1 April. Every number is worked out in test_score.py.

A2's q1 is a complaint without goods/services category or respondent address, never accepted (its
decision overdue, the complainant never contacted). q2 is accepted and contacted at once, mediated
and concluded, and its reply is then lost (as a legacy import leaves it): concluded without reply.
B1 and district B were below the average in January and February already (rows as the February
scoring stored them), A2 in February only.
"""

from datetime import date

import pytest

from jiesu.analytics.rollups import rollups_refresh
from jiesu.analytics.tests.scenario import at, build_march, dispatched
from jiesu.assessment.models import AssessmentRun, DepartmentScore
from jiesu.assessment.services import assessment_score
from jiesu.core import clock
from jiesu.orders.models import WorkOrder
from jiesu.orders.workflow import actions

MARCH = date(2025, 3, 1)
FEBRUARY = date(2025, 2, 1)


def stored_month(month: date, streaks: dict) -> None:
    """Scores of an earlier month as its scoring stored them: only the streak matters to the next."""
    run = AssessmentRun.objects.create(month=month, scored_at=clock.start_of_day(month))
    for department, months_below in streaks.items():
        DepartmentScore.objects.create(
            run=run,
            month=month,
            department=department,
            tier="unit" if department.kind != "district_bureau" else "district",
            below_average=months_below > 0,
            months_below=months_below,
        )


@pytest.fixture
def poor_data(org):
    march = build_march(org)
    with clock.travel(at(3, 3, 9)):
        march.q1 = dispatched(org, org.office_a2, org.handler_a2, product_category="", respondent_address="")
        q2 = dispatched(org, org.office_a2, org.handler_a2)
    with clock.travel(at(3, 3, 11)):
        q2 = actions.do_accept(order=q2, actor=org.handler_a2)
        q2 = actions.do_contact(order=q2, actor=org.handler_a2, method="phone", summary="已联系")
    with clock.travel(at(3, 6)):
        q2 = actions.do_mediate(
            order=q2, actor=org.handler_a2, result="success", agreement="退货", recovered_amount="0"
        )
        q2 = actions.do_conclude(order=q2, actor=org.handler_a2, outcome="mediated", reply="已调解")
    WorkOrder.objects.filter(pk=q2.pk).update(reply="")
    march.q2 = q2
    return march


@pytest.fixture
def scored(poor_data):
    org = poor_data.org
    stored_month(FEBRUARY, {org.office_b1: 2, org.office_a2: 1, org.district_b: 2, org.office_a1: 0})
    with clock.travel(at(4, 1, 7)):
        rollups_refresh()
        poor_data.run = assessment_score(month=MARCH)
    return poor_data


def score_of(department, month=MARCH) -> DepartmentScore:
    return DepartmentScore.objects.get(department=department, month=month)
