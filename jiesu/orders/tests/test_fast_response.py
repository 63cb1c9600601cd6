"""The fast-response directive (seed 002; issue 4 item 4): to the team of the jurisdiction at once,
with the 45- and 90-minute clocks, in the team's inbox."""

from datetime import timedelta

import pytest

from jiesu.deadlines.choices import DeadlineKind
from jiesu.deadlines.models import Deadline
from jiesu.notifications.models import Notification
from jiesu.notifications.selectors import inbox_items
from jiesu.orders.tests.checks import NOW
from jiesu.orders.tests.factories import register
from jiesu.orders.workflow import actions
from jiesu.organisations.models import JurisdictionArea
from jiesu.organisations.selectors import fast_response_team_near, jurisdiction_office_for
from jiesu.organisations.tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db

FAST = {"urgency": "fast", "fast_response_reasons": ["on_site"]}


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def auto_team(org):
    org.fast_team.auto_dispatch = True
    org.fast_team.save(update_fields=["auto_dispatch"])
    org.fast_member = StaffFactory(username="fast_member", department=org.fast_team, roles=["handler"], is_duty=True)
    return org


def running(order, kind):
    return Deadline.objects.get(order=order, kind=kind, state="running")


def test_a_fast_order_goes_to_the_team_at_registration_with_its_clocks(auto_team, clock):
    org = auto_team
    order = register(org.operator, **FAST)
    assert order.status == "dispatched" and order.department == org.fast_team
    event = order.events.get(action="dispatch")
    assert event.actor is None and event.data["department"]["name"] == "快反分队"
    assert Deadline.objects.get(order=order, kind=DeadlineKind.DISPATCH_FAST).state == "met"
    assert running(order, DeadlineKind.RESPOND_FAST).due_at == NOW + timedelta(minutes=45)
    assert running(order, DeadlineKind.ARRIVE_FAST).due_at == NOW + timedelta(minutes=90)


def test_every_team_member_sees_the_directive_in_the_inbox_with_the_45_minute_due_time(auto_team, clock):
    org = auto_team
    order = register(org.operator, **FAST)
    for member in (org.fast_handler, org.fast_member):
        items = list(inbox_items(staff=member))
        assert len(items) == 1
        directive = items[0].notification
        assert directive.order == order and directive.step == "directive"
        assert directive.deadline_kind == "respond_fast"
        assert directive.due_at == NOW + timedelta(minutes=45)
        assert order.number in directive.title and "需到场" in directive.body
    assert not list(inbox_items(staff=org.handler_a1))


def test_without_automatic_directives_the_dispatcher_issues_it_within_15_minutes(org, clock):
    order = register(org.operator, **FAST)
    assert order.status == "registered"
    assert running(order, DeadlineKind.DISPATCH_FAST).due_at == NOW + timedelta(minutes=15)
    assert not Notification.objects.filter(step="directive").exists()
    actions.do_dispatch(order=order, actor=org.dispatcher, department=org.fast_team)
    directive = Notification.objects.get(order=order, step="directive", channel="inbox")
    assert list(directive.recipients.all()) == [org.fast_handler]


def test_an_ordinary_dispatch_sends_no_directive(org, clock):
    order = register(org.operator)
    actions.do_dispatch(order=order, actor=org.dispatcher, department=org.office_a1)
    assert not Notification.objects.filter(order=order, step="directive").exists()


def test_the_district_team_of_the_respondents_jurisdiction_wins_over_the_city_team(auto_team, clock):
    org = auto_team
    district_team = DepartmentFactory(code="fast-a", name="西城快反", kind="fast_response_team",
                                      parent=org.district_a, auto_dispatch=True)
    StaffFactory(username="fast_a1", department=district_team, roles=["handler"])
    JurisdictionArea.objects.create(department=org.office_a1, kind="street", name="西单北大街")
    order = register(org.operator, respondent_address="西城区西单北大街120号", **FAST)
    assert order.department == district_team


def test_longest_jurisdiction_match_wins_and_a_tie_is_not_guessed(org):
    JurisdictionArea.objects.create(department=org.office_a1, kind="street", name="西单北大街")
    JurisdictionArea.objects.create(department=org.office_a2, kind="keyword", name="西单")
    assert jurisdiction_office_for("西城区西单北大街120号") == org.office_a1
    assert jurisdiction_office_for("西单某商场") == org.office_a2
    JurisdictionArea.objects.create(department=org.office_b1, kind="market", name="北大街")
    JurisdictionArea.objects.create(department=org.office_a2, kind="market", name="东大街")
    assert jurisdiction_office_for("某地东大街北大街") is None
    assert jurisdiction_office_for("") is None


def test_team_lookup_walks_up_the_tree(org):
    assert fast_response_team_near(org.office_b1) == org.fast_team
    assert fast_response_team_near(None) == org.fast_team
