"""The demo loader: the organisation every role needs, a registry with real-looking credit codes,
and a year of orders whose history was written by the workflow itself, with open queues."""

import random
from collections import Counter
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import transaction
from django.utils import timezone

from jiesu.core import clock
from jiesu.core.identity import phone_is_valid
from jiesu.deadlines.choices import DeadlineState
from jiesu.deadlines.defaults import seed_default_policies
from jiesu.deadlines.holidays import calendar_seed_from_package
from jiesu.deadlines.models import Deadline, DeadlinePolicy
from jiesu.demo import tales
from jiesu.demo.load import demo_is_loaded, demo_load
from jiesu.demo.merchants import merchants_build
from jiesu.demo.orders import World, plans_make
from jiesu.demo.organisation import CENTRE, DEFAULT_PASSWORD, organisation_build
from jiesu.merchants.credit_code import credit_code_is_valid
from jiesu.merchants.models import Merchant
from jiesu.orders.choices import Action, Flag, Line, OrderType, Status, Urgency
from jiesu.orders.models import OrderEvent, WorkOrder
from jiesu.organisations.choices import DepartmentKind, Role
from jiesu.organisations.models import Department, JurisdictionArea, Staff
from jiesu.taxonomy.defaults import seed_defaults
from jiesu.taxonomy.models import Line as TaxonomyLine
from jiesu.taxonomy.selectors import taxonomy_cache_clear

FINISHED = {Status.CONCLUDED, Status.VISITED, Status.CLOSED}


# -- organisation only (these run before the shared 300-order load below) ----------------------


@pytest.mark.django_db
def test_orders_zero_builds_every_department_kind_every_role_and_the_registry():
    assert not demo_is_loaded()

    summary = demo_load(orders=0)

    assert demo_is_loaded()
    assert summary.orders == 0 and WorkOrder.objects.count() == 0
    assert set(Department.objects.values_list("kind", flat=True)) == set(DepartmentKind.values)
    offices = Department.objects.filter(kind=DepartmentKind.OFFICE)
    assert offices.count() >= 6
    assert all(JurisdictionArea.objects.filter(department=office).count() >= 4 for office in offices)
    assert all(section.line for section in Department.objects.filter(kind=DepartmentKind.SECTION))
    roles = {role for user in Staff.objects.all() for role in user.roles}
    assert roles == set(Role.values)
    admin = Staff.objects.get(username="admin")
    assert admin.roles == [Role.ADMIN] and admin.department.code == CENTRE and admin.check_password(DEFAULT_PASSWORD)
    assert {u.username for u in summary.users} == set(Staff.objects.values_list("username", flat=True))
    merchants = list(Merchant.objects.all())
    assert len(merchants) >= 100
    assert all(credit_code_is_valid(m.credit_code) for m in merchants)
    assert any(m.is_odr for m in merchants) and any(m.dual_commitment for m in merchants)
    assert any(m.seven_day_return for m in merchants)


@pytest.mark.django_db
def test_loading_twice_adds_nothing_to_the_organisation():
    demo_load(orders=0)
    counts = (Department.objects.count(), Staff.objects.count(), Merchant.objects.count(), JurisdictionArea.objects.count())

    demo_load(orders=0)

    assert counts == (Department.objects.count(), Staff.objects.count(), Merchant.objects.count(),
                      JurisdictionArea.objects.count())


@pytest.mark.django_db
def test_the_plan_is_deterministic_for_a_seed_and_a_moment():
    org = organisation_build(password="x-demo-password")
    merchants = merchants_build(departments=org.departments)
    now = timezone.now().replace(second=0, microsecond=0)

    def plan():
        world = World(org=org, merchants=merchants, rng=random.Random(2025), now=now)
        return [(p.received_at, p.type, p.channel, p.story) for p in plans_make(world, 200)]

    assert plan() == plan()


# -- one shared 300-order load, rolled back after the module ------------------------------------


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The policies, the calendar and the taxonomy come from the migrations, but a
    `transaction=True` test run earlier flushes every table; without them no deadline would start
    and no line would be valid. Put them back first."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_default_policies(DeadlinePolicy)
        calendar_seed_from_package()
        if not TaxonomyLine.objects.exists():
            seed_defaults(lambda name: apps.get_model("taxonomy", name))
        taxonomy_cache_clear()
        summary = demo_load(orders=300)
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, django_db_blocker):
    with django_db_blocker.unblock():
        yield loaded


def test_every_planned_step_was_allowed_by_the_workflow(demo):
    assert demo.refused == []
    assert demo.created_orders == 300 == WorkOrder.objects.count()


def test_type_shares_follow_the_centre_s_mix(demo):
    shares = Counter(WorkOrder.objects.values_list("type", flat=True))
    assert 0.60 <= shares[OrderType.CONSULTATION] / 300 <= 0.85
    assert 0.12 <= shares[OrderType.COMPLAINT] / 300 <= 0.32
    assert 0.02 <= shares[OrderType.REPORT] / 300 <= 0.12


def test_every_history_starts_with_register_and_chains_to_the_order_status(demo):
    statuses = dict(WorkOrder.objects.values_list("pk", "status"))
    history: dict[int, list] = {}
    for row in OrderEvent.objects.order_by("order_id", "at", "id").values("order_id", "action", "from_status", "to_status"):
        history.setdefault(row["order_id"], []).append(row)

    assert set(history) == set(statuses)
    for pk, events in history.items():
        assert events[0]["action"] == Action.REGISTER and events[0]["from_status"] == ""
        assert events[0]["to_status"] == Status.REGISTERED
        for before, after in zip(events, events[1:], strict=False):
            assert after["from_status"] == before["to_status"], (pk, before, after)
        assert events[-1]["to_status"] == statuses[pk]


def test_events_follow_receipt_and_never_lie_in_the_future(demo):
    now = timezone.now()
    for order in WorkOrder.objects.prefetch_related("events"):
        times = [e.at for e in order.events.all()]
        assert order.received_at <= min(times) and max(times) <= now
        if order.channel in ("hotline_12315", "hotline_12345") and not order.is_fast:
            assert min(times) - order.received_at <= timedelta(minutes=15)


def test_finished_orders_have_an_outcome_and_a_conclusion_time(demo):
    for order in WorkOrder.objects.filter(status__in=FINISHED):
        assert order.outcome and order.concluded_at, order.number
    assert not WorkOrder.objects.filter(status__in=[Status.REGISTERED, Status.DISPATCHED, Status.IN_PROGRESS]).exclude(
        outcome=""
    ).exists()


def test_queues_are_populated(demo):
    now = clock.now()
    overdue = Deadline.objects.filter(state=DeadlineState.RUNNING, due_at__lt=now).values("order").distinct()
    assert overdue.count() >= 3
    statuses = Counter(WorkOrder.objects.values_list("status", flat=True))
    for status in (Status.REGISTERED, Status.DISPATCHED, Status.IN_PROGRESS, Status.RETURNED, Status.CONCLUDED,
                   Status.VISITED):
        assert statuses[status] >= 1, status
    actions = Counter(OrderEvent.objects.values_list("action", flat=True))
    for action in (Action.ANSWER, Action.RETURN, Action.ACCEPT, Action.MEDIATE, Action.CONCLUDE, Action.VISIT,
                   Action.SEND_TO_ODR, Action.TRANSFER):
        assert actions[action] >= 1, action
    assert WorkOrder.objects.filter(urgency=Urgency.FAST).exists()


def test_complainants_have_valid_phones_and_only_reports_are_anonymous(demo):
    for order in WorkOrder.objects.all():
        if order.anonymous:
            assert order.type == OrderType.REPORT and not order.complainant_phone
        else:
            assert phone_is_valid(order.complainant_phone), order.complainant_phone
    callers = Counter(WorkOrder.objects.exclude(complainant_phone="").values_list("complainant_phone", flat=True))
    assert callers.most_common(1)[0][1] >= 2  # repeat callers exist


def test_respondents_are_mostly_linked_to_the_registry(demo):
    complaints = WorkOrder.objects.filter(type=OrderType.COMPLAINT)
    assert complaints.exclude(merchant=None).count() >= complaints.count() * 0.6
    for code in complaints.exclude(respondent_credit_code="").values_list("respondent_credit_code", flat=True):
        assert credit_code_is_valid(code)


# -- the deliberate stories (tales.py), found by the detectors themselves ------------------------


def _flagged(flag: str) -> list[WorkOrder]:
    """JSON containment is not portable to SQLite: filter the flags in Python."""
    return [o for o in WorkOrder.objects.all() if flag in o.flags]


def test_a_group_complaint_is_flagged_by_the_group_detector(demo):
    grouped = _flagged(Flag.GROUP)
    merchant, orders = Counter(o.merchant_id for o in grouped if o.merchant_id).most_common(1)[0]
    assert orders >= 5
    group = [o for o in grouped if o.merchant_id == merchant]
    assert len({o.complainant_phone for o in group}) >= 5
    assert sum(o.line == Line.PREPAID for o in group) >= 5
    assert any(o.status != Status.REGISTERED for o in group)  # handled further like any order


def test_a_professional_claimant_is_flagged_by_the_claimant_detector(demo):
    assert any(o.line == Line.PROFESSIONAL_CLAIM for o in _flagged(Flag.PROFESSIONAL_CLAIMANT))
    serial = list(WorkOrder.objects.filter(complainant_phone=tales.CLAIMANT.phone).order_by("received_at"))
    assert len(serial) == len(tales.CLAIMS) == len({o.merchant_id for o in serial})
    first, *later = serial
    assert Flag.PROFESSIONAL_CLAIMANT not in first.flags
    assert all(Flag.PROFESSIONAL_CLAIMANT in o.flags and o.line == Line.PROFESSIONAL_CLAIM for o in later[-5:])


def test_a_prepaid_merchant_rises_against_its_own_baseline(demo):
    now = clock.now()
    week = now - timedelta(days=7)
    recent = Counter(WorkOrder.objects.filter(received_at__gte=week).exclude(merchant=None).values_list("merchant", flat=True))
    found = []
    for merchant in [m for m, count in recent.items() if count >= 8]:
        before = WorkOrder.objects.filter(merchant=merchant, received_at__lt=week).values_list("received_at", flat=True)
        months = Counter((now - at).days // 30 for at in before)
        if months and max(months.values()) <= 2:
            found.append(merchant)
            rising = list(WorkOrder.objects.filter(merchant=merchant, received_at__gte=week))
            assert len({o.complainant_phone for o in rising}) >= 8
            assert any(o.line == Line.PREPAID for o in rising)
            assert not any(Flag.GROUP in o.flags for o in rising)  # different problems: no group
    assert found
