"""回头看 (seed 001): select the unsatisfied and unresolved orders of a period and reopen them, each
through the workflow's own reopen action."""

from datetime import date, timedelta

import pytest

from jiesu.core.errors import Forbidden, InvalidInput, NotFound
from jiesu.deadlines.choices import DeadlineKind as K
from jiesu.orders.models import OrderEvent, WorkOrder
from jiesu.orders.tests.checks import NOW, running
from jiesu.orders.tests.factories import register
from jiesu.orders.workflow import actions
from jiesu.quality.models import ReviewCampaignOrder
from jiesu.quality.selectors import campaign_candidates, campaign_get, campaign_items, campaign_list
from jiesu.quality.services import campaign_create, campaign_launch
from jiesu.quality.tests.factories import concluded, visited

REASON = "回头看：诉求人不满意或问题未解决，重新办理"


def campaign(actor, **values):
    return campaign_create(
        **{
            "actor": actor,
            "name": "2025年3月回头看",
            "period_start": date(2025, 3, 1),
            "period_end": date(2025, 3, 31),
            "unsatisfied": True,
            "unresolved": True,
            "reason": REASON,
            **values,
        }
    )


@pytest.fixture
def visits(org, clock):
    """Orders visited in March, in district A unless named, and a few that must not be selected."""
    clock.move_to(NOW - timedelta(days=10), tick=False)
    february = visited(org, satisfaction="unsatisfied")
    clock.move_to(NOW, tick=False)
    return {
        "unsatisfied": visited(org, satisfaction="unsatisfied"),
        "unresolved": visited(org, resolved=False, satisfaction="basically_satisfied"),
        "closed": visited(
            org, org.office_a2, org.handler_a2, resolved=False, satisfaction="unsatisfied", close=True
        ),
        "b1": visited(org, org.office_b1, org.handler_b1, satisfaction="unsatisfied"),
        "satisfied": visited(org),
        "not_visited": concluded(org),
        "february": february,
    }


def numbers(orders) -> set[str]:
    return {o.number for o in orders}


def test_selects_exactly_the_unsatisfied_and_unresolved_orders_of_the_period(org, visits):
    everything = campaign(org.centre_leader)

    assert numbers(campaign_candidates(campaign=everything, viewer=org.centre_leader)) == numbers(
        [visits["unsatisfied"], visits["unresolved"], visits["closed"], visits["b1"]]
    )
    unsatisfied = campaign(org.centre_leader, unresolved=False)
    assert numbers(campaign_candidates(campaign=unsatisfied, viewer=org.centre_leader)) == numbers(
        [visits["unsatisfied"], visits["closed"], visits["b1"]]
    )
    unresolved = campaign(org.centre_leader, unsatisfied=False, department=org.office_a2)
    assert numbers(campaign_candidates(campaign=unresolved, viewer=org.centre_leader)) == numbers(
        [visits["closed"]]
    )
    other_line = campaign(org.centre_leader, line="food")
    assert numbers(campaign_candidates(campaign=other_line, viewer=org.centre_leader)) == set()


def test_reopens_each_through_the_workflow_and_records_it(org, visits, clock):
    target = campaign(org.centre_leader, department=org.district_a)
    later = NOW + timedelta(hours=2)
    clock.move_to(later, tick=False)

    result = campaign_launch(campaign=target, actor=org.centre_leader)

    reopened = [visits["unsatisfied"], visits["unresolved"], visits["closed"]]
    assert numbers(result.reopened) == numbers(reopened) and result.refused == []
    for before in reopened:
        order = WorkOrder.objects.get(pk=before.pk)
        assert (order.status, order.department_id, order.satisfaction, order.resolved) == (
            "in_progress",
            before.department_id,
            "",
            None,
        )
        event = OrderEvent.objects.filter(order=order).order_by("-at", "-pk").first()
        assert (event.action, event.from_status, event.to_status, event.actor, event.data["reason"]) == (
            "reopen",
            before.status,
            "in_progress",
            org.centre_leader,
            REASON,
        )
        assert running(order)[K.CONCLUDE].started_at == later
        item = ReviewCampaignOrder.objects.get(campaign=target, order=order)
        assert (
            item.result,
            item.status_before,
            item.satisfaction,
            item.resolved,
            item.visited_at,
            item.actor,
        ) == (
            "reopened",
            before.status,
            before.satisfaction,
            before.resolved,
            before.visited_at,
            org.centre_leader,
        )
    assert WorkOrder.objects.get(pk=visits["b1"].pk).status == "visited"
    assert list(campaign_candidates(campaign=target, viewer=org.centre_leader)) == []
    target.refresh_from_db()
    assert target.last_run_at == later
    assert campaign_launch(campaign=target, actor=org.centre_leader).reopened == []


def test_an_order_that_cannot_be_reopened_is_reported_and_the_others_are_done(org, visits):
    """A consultation answered at intake never had a handling department: do_reopen refuses it."""
    answered = actions.do_answer(
        order=register(org.operator, type="consultation"), actor=org.operator, answer="已解答"
    )
    answered = actions.do_visit(
        order=answered, actor=org.visitor, reached=True, resolved=False, satisfaction="unsatisfied"
    )
    target = campaign(org.centre_leader)
    assert answered.number in numbers(campaign_candidates(campaign=target, viewer=org.centre_leader))

    result = campaign_launch(campaign=target, actor=org.centre_leader)

    assert [r.number for r in result.refused] == [answered.number]
    assert "承办单位" in result.refused[0].detail
    assert len(result.reopened) == 4
    assert WorkOrder.objects.get(pk=answered.pk).status == "visited"
    assert not OrderEvent.objects.filter(order=answered, action="reopen").exists()
    item = ReviewCampaignOrder.objects.get(campaign=target, order=answered)
    assert (item.result, item.status_before, item.satisfaction) == ("failed", "visited", "unsatisfied")
    assert ReviewCampaignOrder.objects.filter(campaign=target, result="reopened").count() == 4


def test_an_order_whose_status_changed_after_the_preview_is_reported(org, visits):
    target = campaign(org.centre_leader, department=org.district_a)
    preview = [o.number for o in campaign_candidates(campaign=target, viewer=org.centre_leader)]
    actions.do_reopen(order=visits["unresolved"], actor=org.dispatcher, reason="诉求人再次来电")

    result = campaign_launch(campaign=target, actor=org.centre_leader, numbers=preview)

    assert numbers(result.reopened) == numbers([visits["unsatisfied"], visits["closed"]])
    assert [r.number for r in result.refused] == [visits["unresolved"].number]
    assert OrderEvent.objects.filter(order=visits["unresolved"], action="reopen").count() == 1
    assert ReviewCampaignOrder.objects.get(campaign=target, order=visits["unresolved"]).result == "failed"


def test_only_the_confirmed_orders_are_reopened(org, visits):
    target = campaign(org.centre_leader)

    result = campaign_launch(campaign=target, actor=org.centre_leader, numbers=[visits["b1"].number])

    assert numbers(result.reopened) == {visits["b1"].number}
    assert WorkOrder.objects.get(pk=visits["unsatisfied"].pk).status == "visited"


def test_a_district_leader_neither_sees_nor_reopens_another_districts_orders(org, visits):
    mine = campaign(org.leader_a)

    assert mine.department == org.district_a
    assert numbers(campaign_candidates(campaign=mine, viewer=org.leader_a)) == numbers(
        [visits["unsatisfied"], visits["unresolved"], visits["closed"]]
    )
    result = campaign_launch(
        campaign=mine, actor=org.leader_a, numbers=[visits["b1"].number, visits["unsatisfied"].number]
    )
    assert numbers(result.reopened) == {visits["unsatisfied"].number}
    assert [(r.number, r.detail) for r in result.refused] == [(visits["b1"].number, "工单不存在")]
    assert WorkOrder.objects.get(pk=visits["b1"].pk).status == "visited"
    assert not ReviewCampaignOrder.objects.filter(order=visits["b1"]).exists()

    with pytest.raises(NotFound):
        campaign_get(viewer=org.leader_b, pk=mine.pk)
    with pytest.raises(NotFound):
        campaign_launch(campaign=mine, actor=org.leader_b)
    with pytest.raises(InvalidInput) as refused:
        campaign(org.leader_a, department=org.office_b1)
    assert "department" in refused.value.fields
    assert campaign_list(viewer=org.leader_b) == []
    assert [c.pk for c in campaign_list(viewer=org.centre_leader)] == [mine.pk]
    assert campaign_items(campaign=mine, viewer=org.leader_a)[0].order == visits["unsatisfied"]


def test_a_campaign_for_every_department_is_the_centres(org, visits):
    everything = campaign(org.centre_leader)

    assert everything.department is None
    with pytest.raises(NotFound):
        campaign_get(viewer=org.leader_a, pk=everything.pk)
    with pytest.raises(NotFound):
        campaign_launch(campaign=everything, actor=org.leader_a)
    # The selector keeps to the viewer's scope whatever campaign it is handed.
    assert numbers(campaign_candidates(campaign=everything, viewer=org.leader_a)) == numbers(
        [visits["unsatisfied"], visits["unresolved"], visits["closed"]]
    )


@pytest.mark.parametrize("who", ["visitor", "handler_a1", "operator"])
def test_only_dispatchers_and_leaders_run_campaigns(org, visits, who):
    with pytest.raises(Forbidden):
        campaign(getattr(org, who))
    target = campaign(org.dispatcher)
    with pytest.raises(Forbidden):
        campaign_launch(campaign=target, actor=getattr(org, who))
    assert WorkOrder.objects.get(pk=visits["unsatisfied"].pk).status == "visited"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": " "}, "name"),
        ({"reason": ""}, "reason"),
        ({"unsatisfied": False, "unresolved": False}, "unsatisfied"),
        ({"line": "nope"}, "line"),
        ({"period_end": date(2025, 2, 1)}, "period_end"),
        ({"period_start": None}, "period_start"),
    ],
)
def test_bad_campaign_input_names_the_field(org, values, field):
    with pytest.raises(InvalidInput) as refused:
        campaign(org.centre_leader, **values)

    assert field in refused.value.fields
