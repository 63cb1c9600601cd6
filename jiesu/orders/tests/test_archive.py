"""Visited orders are archived by the worker (domain.md: close is automatic after a visit)."""

from datetime import timedelta

import pytest

from jiesu.orders.archive import orders_close_visited
from jiesu.orders.tests.checks import NOW
from jiesu.orders.tests.factories import drive_to

pytestmark = pytest.mark.django_db


def test_visited_orders_are_closed_once_the_waiting_time_has_passed(org, time_machine, settings):
    settings.JIESU_CLOSE_AFTER_VISIT_HOURS = 24
    time_machine.move_to(NOW, tick=False)
    order = drive_to("visited", org)
    assert orders_close_visited().closed == 0  # a dispatcher may still reopen it first
    time_machine.move_to(NOW + timedelta(hours=24, minutes=1), tick=False)
    assert orders_close_visited().closed == 1
    order.refresh_from_db()
    assert order.status == "closed"
    event = order.events.latest("id")
    assert (event.action, event.actor, event.from_status) == ("close", None, "visited")
    assert orders_close_visited().closed == 0


def test_other_statuses_are_left_alone(org, time_machine):
    time_machine.move_to(NOW, tick=False)
    concluded = drive_to("concluded", org)
    time_machine.move_to(NOW + timedelta(days=30), tick=False)
    orders_close_visited()
    concluded.refresh_from_db()
    assert concluded.status == "concluded"


def test_batches_cover_every_order(org, time_machine, settings):
    settings.JIESU_CLOSE_AFTER_VISIT_HOURS = 0
    time_machine.move_to(NOW, tick=False)
    orders = [drive_to("visited", org) for _ in range(3)]
    assert orders_close_visited(batch=2).closed == 3
    assert {o.__class__.objects.get(pk=o.pk).status for o in orders} == {"closed"}
