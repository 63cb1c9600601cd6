"""Scoring March 2025 (conftest.py) with the default weights of migration 0002: every expected
number is worked out below from the measures analytics' tests state for the same orders.

Default weights: initial review 15, conclusion 15, verification 10, mediation 10, ODR 5, response 15,
resolution 15, satisfaction 15; data quality 20 points. No conclusion or ODR deadline fell due in
March, so those two are left out everywhere.
"""

from decimal import Decimal as D

from jiesu.assessment.models import AssessmentWeight, DepartmentScore, Interview
from jiesu.assessment.services import assessment_monthly, assessment_score
from jiesu.core import clock
from jiesu.notifications.models import Notification

from .conftest import MARCH, at, score_of


def test_office_a1_is_scored_from_its_measures(scored):
    a1 = score_of(scored.org.office_a1)
    # review 1/4 (feb overdue, c1 on time, c2 late, c3 overdue), response 1/4 (c1 of c1 c2 c3 r1),
    # verification 1/1, mediation 1/1, resolution 1/1, satisfaction 1/1:
    # 100 × (15×0.25 + 15×0.25 + 10 + 10 + 15 + 15) / 80 = 100 × 57.5 / 80 = 71.875
    assert a1.measures["on_time_initial_review_rate"] == {"value": 0.25, "numerator": 1, "denominator": 4}
    assert a1.measures["on_time_conclusion_rate"]["value"] is None
    assert a1.measure_part == D("71.88")
    assert (a1.orders, a1.concluded, a1.missing) == (4, 1, 0)  # c4 excluded, feb received in February
    assert a1.score == D("71.88")


def test_data_quality_counts_missing_category_address_and_reply(scored):
    a2 = score_of(scored.org.office_a2)
    assert (a2.orders, a2.missing_category, a2.missing_address) == (2, 1, 1)  # q1
    assert (a2.concluded, a2.missing_reply) == (1, 1)  # q2
    # review 1/2, response 1/2, mediation 1/1: 100 × (7.5 + 7.5 + 10) / 40 = 62.5;
    # 3 of 2×2 + 1 = 5 fields missing: 20 × 3/5 = 12
    assert (a2.measure_part, a2.quality_deduction, a2.score) == (D("62.50"), D("12.00"), D("50.50"))


def test_ranks_each_tier_against_its_own_average(scored):
    org = scored.org
    b1 = score_of(org.office_b1)
    assert b1.score == D("50.00")  # review 1/1, response 0/1: 100 × 15 / 30
    assert [score_of(d).rank for d in (org.office_a1, org.office_a2, org.office_b1)] == [1, 2, 3]
    assert score_of(org.fast_team).score is None and score_of(org.fast_team).rank is None
    assert b1.average == D("57.46")  # (71.88 + 50.50 + 50.00) / 3
    assert [score_of(d).below_average for d in (org.office_a1, org.office_a2, org.office_b1)] == [
        False,
        True,
        True,
    ]
    # District A with both offices: review 2/6, response 2/6, the rest 1: 100 × 60 / 80 = 75;
    # 3 of 2×6 + 2 = 14 fields missing: 20 × 3/14 = 4.29
    dist_a = score_of(org.district_a)
    assert (dist_a.score, dist_a.rank, dist_a.average) == (D("70.71"), 1, D("60.36"))
    assert score_of(org.district_b).below_average is True
    assert not DepartmentScore.objects.filter(department__in=[org.centre, org.city, org.external]).exists()


def test_three_months_below_average_flags_an_interview_and_two_do_not(scored):
    org = scored.org
    b1, a2 = score_of(org.office_b1), score_of(org.office_a2)
    assert (b1.months_below, b1.interview_flag) == (3, True)
    assert (a2.months_below, a2.interview_flag) == (2, False)
    interview = Interview.objects.get(department=org.office_b1)
    assert (interview.origin, interview.status, interview.month, interview.organiser) == (
        "assessment",
        "proposed",
        MARCH,
        org.centre,
    )
    assert b1.interview == interview
    assert not Interview.objects.filter(department=org.office_a2).exists()
    told = Notification.objects.get(key=f"assessment-flag:2025-03:{org.office_b1.pk}:inbox")
    # B1 has no leader of its own: the nearest above (district B), and the centre's
    assert set(told.recipients.values_list("username", flat=True)) == {"leader_b", "centre_leader"}


def test_a_rerun_updates_the_month_in_place(scored):
    rows = dict(DepartmentScore.objects.filter(month=MARCH).values_list("department_id", "pk"))
    AssessmentWeight.objects.filter(key="data_quality").update(weight=D(0))
    with clock.travel(at(4, 2)):
        assessment_score(month=MARCH)
    assert dict(DepartmentScore.objects.filter(month=MARCH).values_list("department_id", "pk")) == rows
    assert score_of(scored.org.office_a2).score == D("62.50")
    assert Interview.objects.filter(department=scored.org.office_b1).count() == 1
    assert Notification.objects.filter(key__startswith="assessment-flag:").count() == 2  # B1 and district B


def test_the_worker_scores_last_month_once_from_the_morning_of_the_first(poor_data):
    assert assessment_monthly(now=at(4, 1, 5)).scored == 0
    assert not DepartmentScore.objects.exists()
    assert assessment_monthly(now=at(4, 1, 7)).scored > 0
    scored_at = DepartmentScore.objects.get(department=poor_data.org.office_a1).run.scored_at
    assert assessment_monthly(now=at(4, 1, 7, 1)).scored == 0
    assert assessment_monthly(now=at(4, 15)).scored == 0
    assert DepartmentScore.objects.get(department=poor_data.org.office_a1).run.scored_at == scored_at
