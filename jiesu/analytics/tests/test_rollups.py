"""The daily roll-up against an independent recount, after incremental refreshes and a rebuild."""

from datetime import date

from jiesu.analytics.models import DailyMeasure, OrderFact, RollupQueue
from jiesu.analytics.recount import differences, recount, rollup_cells
from jiesu.analytics.rollups import rollups_rebuild, rollups_refresh
from jiesu.core import clock
from jiesu.orders.workflow import actions

from .scenario import at

FEB_TO_MAY = {"date_from": date(2025, 2, 1), "date_to": date(2025, 5, 31)}


def snapshot():
    return sorted(
        tuple(row) for row in DailyMeasure.objects.values_list("dimension", "day", "holder", "value", "orders",
                                                               "review_on_time", "review_overdue", "recovered")
        if any(row[4:])
    )  # fmt: skip


def test_incremental_roll_up_equals_the_recount(march):
    with clock.travel(at(3, 20)):
        assert RollupQueue.objects.count() == 0
        assert differences(recount(**FEB_TO_MAY), rollup_cells(**FEB_TO_MAY)) == []


def test_a_rebuild_gives_the_same_roll_up_as_the_increments(march):
    incremental = snapshot()
    with clock.travel(at(3, 20)):
        assert rollups_rebuild() == OrderFact.objects.count() == 7
    assert snapshot() == incremental


def test_a_deadline_falling_due_turns_overdue_without_any_event(march):
    """c2 was accepted on 13 March; refreshed then, its decision is late. A new complaint received on
    17 March is pending until its decision falls due on 26 March, and the next refresh after that
    moment counts it overdue."""
    org = march.org
    with clock.travel(at(3, 17)):
        fresh = actions.do_register(
            actor=org.operator, draft=__import__("jiesu.orders.tests.factories", fromlist=["draft"]).draft()
        )
        rollups_refresh()
    assert OrderFact.objects.get(order=fresh).review == "pending"
    with clock.travel(at(3, 26, 23, 59, 58)):
        rollups_refresh()
    assert OrderFact.objects.get(order=fresh).review == "pending"
    with clock.travel(at(3, 27, 0, 0, 1)):
        rollups_refresh()
        assert OrderFact.objects.get(order=fresh).review == "overdue"
        assert differences(recount(**FEB_TO_MAY), rollup_cells(**FEB_TO_MAY)) == []


def test_an_exclusion_takes_the_order_out_of_every_count(march):
    org = march.org
    with clock.travel(at(3, 21)):
        before = recount(**FEB_TO_MAY)
        c5 = actions.do_request_exclusion(order=march.c5, actor=org.handler_b1, reason_code="unreasonable_demand",
                                          reason="诉求不合理")  # fmt: skip
        actions.do_decide_exclusion(order=c5, actor=org.centre_leader, approve=True)
        rollups_refresh()
        after = rollup_cells(**FEB_TO_MAY)
        assert differences(recount(**FEB_TO_MAY), after) == []
    total = lambda cells, column: sum(v.get(column, 0) for v in cells.cells.values())  # noqa: E731
    assert total(before, "orders") - total(after, "orders") == 1
