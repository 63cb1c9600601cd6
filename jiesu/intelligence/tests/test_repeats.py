"""Repeat orders (issue 5 item 4): flagged and linked at registration, whichever way they come in."""

from datetime import timedelta

import pytest

from jiesu.orders.tests.checks import NOW
from jiesu.orders.tests.factories import drive_to, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


def test_the_same_caller_against_the_same_respondent_while_the_first_is_open(org, clock):
    first = register(org.operator)
    second = register(org.operator)
    assert "repeat" in second.flags and second.repeat_of == first
    second.refresh_from_db()
    assert "repeat" in second.flags and second.repeat_of_id == first.pk
    assert "repeat" not in first.flags


def test_it_links_the_most_recent_earlier_order(org, clock):
    register(org.operator)
    clock.move_to(NOW + timedelta(hours=1), tick=False)
    latest = register(org.operator)
    clock.move_to(NOW + timedelta(hours=2), tick=False)
    assert register(org.operator).repeat_of == latest


def test_another_respondent_or_another_caller_is_no_repeat(org, clock):
    register(org.operator)
    assert "repeat" not in register(org.operator, respondent_name="另一家商场").flags
    assert "repeat" not in register(org.operator, complainant_phone="13900139000").flags


def test_concluded_within_the_window_counts_and_after_it_does_not(org, clock, settings):
    settings.JIESU_REPEAT_WINDOW_DAYS = 30
    drive_to("concluded", org)
    clock.move_to(NOW + timedelta(days=29), tick=False)
    assert "repeat" in register(org.operator, respondent_name="某某商场").flags


def test_an_old_concluded_order_is_not_repeated(org, clock, settings):
    settings.JIESU_REPEAT_WINDOW_DAYS = 30
    drive_to("concluded", org)
    clock.move_to(NOW + timedelta(days=31), tick=False)
    assert "repeat" not in register(org.operator).flags


def test_an_anonymous_report_is_never_a_repeat(org, clock):
    register(org.operator, type="report", anonymous=True, complainant_name="", complainant_phone="")
    again = register(org.operator, type="report", anonymous=True, complainant_name="", complainant_phone="")
    assert "repeat" not in again.flags



def test_a_repeat_call_is_recorded_on_the_earlier_order_instead(org, clock):
    from jiesu.orders.models import WorkOrder
    from jiesu.orders.workflow import actions

    first = register(org.operator)
    count = WorkOrder.objects.count()
    order = actions.do_add_call(order=first, actor=org.operator, description="消费者再次来电催促，称商家仍未退货")
    assert WorkOrder.objects.count() == count  # no duplicate order
    assert "repeat" in order.flags
    event = order.events.latest("id")
    assert (event.action, event.data["description"]) == ("add_call", "消费者再次来电催促，称商家仍未退货")
