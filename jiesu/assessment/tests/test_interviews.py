"""Interviews (约谈): recording one, its follow-up chased like any deadline, scope and roles.

Held on Monday 3 March 2025 at 10:00 with the correction due Friday 14 March: the ladder's reminder
falls at half time (Sunday 9 March, 05:00) and goes out when working hours start on Monday 10 March
08:30; urges at 08:30 on 11, 12 and 14 March; supervision at 14 March 23:59:59.
"""

from datetime import date

import pytest

from jiesu.analytics.tests.scenario import at
from jiesu.assessment.selectors import interview_get, score_table
from jiesu.assessment.services import (
    interview_create,
    interview_follow_up_done,
    interview_hold,
    interviews_chase,
)
from jiesu.core import clock
from jiesu.core.errors import Forbidden, InvalidTransition, NotFound
from jiesu.notifications.models import Notification

from .conftest import MARCH


def chased(interview) -> list[tuple[str, set[str]]]:
    rows = Notification.objects.filter(
        key__startswith=f"interview:{interview.pk}:", channel="inbox"
    ).order_by("id")
    return [(n.key.split(":")[3], set(n.recipients.values_list("username", flat=True))) for n in rows]


@pytest.fixture
def held(org):
    with clock.travel(at(3, 3, 10)):
        interview = interview_create(
            actor=org.centre_leader, department=org.office_a1, problems="按时初查率偏低"
        )
        return interview_hold(
            actor=org.centre_leader, interview=interview, held_on=date(2025, 3, 3), participants="中心主任、所长",
            problems="按时初查率偏低", result="所长说明原因并表态整改", follow_up="建立每日初查台账",
            follow_up_due=date(2025, 3, 14),
        )  # fmt: skip


def test_the_follow_up_reminder_fires_once_when_due_and_not_before(held):
    assert interviews_chase(now=at(3, 10, 8, 29)).notifications == 0
    assert chased(held) == []
    assert interviews_chase(now=at(3, 10, 8, 30)).fired == 1
    assert interviews_chase(now=at(3, 10, 9)).fired == 0
    # the follow-up's tracker and the interviewed office's leader
    assert chased(held) == [("reminder", {"centre_leader", "leader_a1"})]


def test_only_the_most_advanced_rung_goes_out_and_supervision_reaches_the_organiser(held):
    interviews_chase(now=at(3, 15, 10))
    assert [step for step, _who in chased(held)] == ["supervise"]
    interviews_chase(now=at(3, 20))
    assert len(chased(held)) == 1


def test_follow_up_done_stops_the_chase(org, held):
    with clock.travel(at(3, 12)):
        interview_follow_up_done(actor=org.centre_leader, interview=held, follow_up_result="台账已建立")
    assert interviews_chase(now=at(3, 20)).fired == 0
    assert chased(held) == []
    with pytest.raises(InvalidTransition):
        interview_follow_up_done(actor=org.centre_leader, interview=held, follow_up_result="再次")


def test_a_district_leader_sees_only_their_subtree(org, held):
    with pytest.raises(NotFound):
        interview_get(viewer=org.leader_b, pk=held.pk)
    assert interview_get(viewer=org.leader_a, pk=held.pk) == held


def test_only_leaders_summon_and_only_in_their_subtree(org):
    with pytest.raises(Forbidden):
        interview_create(actor=org.handler_a1, department=org.office_a1, problems="x")
    with pytest.raises(Exception, match="部门不存在"):
        interview_create(actor=org.leader_b, department=org.office_a1, problems="x")


def test_scores_are_seen_within_scope(scored):
    org = scored.org
    with clock.travel(at(4, 2)):
        codes = [row.score.department.code for row in score_table(viewer=org.leader_b, month=MARCH).rows]
        everyone = [row.score.department.code for row in score_table(viewer=org.dispatcher, month=MARCH).rows]
    assert codes == ["dist-b", "office-b1"]
    assert everyone[:2] == ["dist-a", "dist-b"] and "office-a1" in everyone
    with pytest.raises(Forbidden):
        score_table(viewer=org.handler_b1, month=MARCH)
