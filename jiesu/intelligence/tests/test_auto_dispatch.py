"""Auto-dispatch of high-confidence orders (issue 5 item 3): a department with auto_dispatch on gets
a new order at once when the proposal is certain, through the ordinary dispatch (event, deadlines);
cases that must and must not fire."""

import pytest

from jiesu.deadlines.models import Deadline
from jiesu.intelligence import routing
from jiesu.orders.choices import Action, Status
from jiesu.orders.models import OrderEvent
from jiesu.orders.tests.factories import register
from jiesu.orders.workflow.actions import do_dispatch
from jiesu.organisations.models import JurisdictionArea
from jiesu.organisations.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

PREPAID = "我在健身房办了年卡交了3000元，现在健身房突然关门了，老板卷款跑路，要求退款。"


@pytest.fixture
def office(org):
    """Office A1 answers for 西单北大街 and takes confident orders without the dispatcher."""
    JurisdictionArea.objects.create(department=org.office_a1, kind="street", name="西单北大街")
    org.office_a1.auto_dispatch = True
    org.office_a1.save(update_fields=["auto_dispatch"])
    return org.office_a1


@pytest.fixture
def intake_dispatcher(org):
    """A centre operator who also dispatches (受理派单), as many 12315 centres work."""
    return StaffFactory(username="intake_dispatcher", department=org.centre, roles=["operator", "dispatcher"])


def confident(monkeypatch, confidence: float) -> None:
    monkeypatch.setattr(routing, "line_confidence", lambda order: confidence)


def deadline_kinds(order) -> dict[str, str]:
    return dict(Deadline.objects.filter(order=order).values_list("kind", "state"))


def test_a_confident_order_is_dispatched_by_the_registering_dispatcher(office, org, intake_dispatcher):
    order = register(intake_dispatcher, description=PREPAID, line="prepaid", respondent_name="某某健身",
                     respondent_address="西城区西单北大街120号")  # fmt: skip

    assert order.status == Status.DISPATCHED and order.department == office
    event = OrderEvent.objects.get(order=order, action=Action.DISPATCH)
    assert event.actor == intake_dispatcher
    assert event.from_status == Status.REGISTERED and event.to_status == Status.DISPATCHED
    note = event.data["note"]
    assert note.startswith("高置信度自动派单：条线“预付式消费”置信度") and "西单北大街" in note

    by_hand = register(org.operator, description=PREPAID, line="prepaid", respondent_name="某某健身",
                       respondent_address="西城区西单北大街120号", complainant_phone="13900139000")  # fmt: skip
    by_hand = do_dispatch(order=by_hand, actor=org.dispatcher, department=office)
    assert deadline_kinds(order) == deadline_kinds(by_hand) != {}
    assert order.next_due_at is not None


def test_the_threshold_is_inclusive_and_configurable(office, intake_dispatcher, monkeypatch, settings):
    settings.JIESU_AUTO_DISPATCH_CONFIDENCE = 0.6
    confident(monkeypatch, 0.6)
    assert register(intake_dispatcher).status == Status.DISPATCHED


def test_a_low_confidence_waits_for_the_dispatcher(office, intake_dispatcher, monkeypatch):
    confident(monkeypatch, 0.79)
    order = register(intake_dispatcher)

    assert order.status == Status.REGISTERED and order.department is None
    assert not OrderEvent.objects.filter(order=order, action=Action.DISPATCH).exists()


def test_an_ambiguous_address_waits_for_the_dispatcher(office, org, intake_dispatcher, monkeypatch):
    confident(monkeypatch, 0.99)
    org.office_a2.auto_dispatch = True
    org.office_a2.save(update_fields=["auto_dispatch"])
    JurisdictionArea.objects.create(department=org.office_a2, kind="keyword", name="西单北大街")
    order = register(intake_dispatcher, respondent_address="西城区西单北大街120号")

    assert order.status == Status.REGISTERED


def test_a_department_without_auto_dispatch_waits_for_the_dispatcher(office, intake_dispatcher, monkeypatch):
    confident(monkeypatch, 0.99)
    office.auto_dispatch = False
    office.save(update_fields=["auto_dispatch"])

    assert register(intake_dispatcher).status == Status.REGISTERED


def test_an_operator_without_dispatch_authority_gains_none(office, org, monkeypatch):
    confident(monkeypatch, 0.99)
    assert register(org.operator).status == Status.REGISTERED


def test_consultations_and_orders_without_a_line_are_left_to_people(office, intake_dispatcher, monkeypatch):
    confident(monkeypatch, 0.99)
    assert register(intake_dispatcher, type="consultation", respondent_name="").status == Status.REGISTERED
    assert register(intake_dispatcher, line="").status == Status.REGISTERED


def test_the_classifier_confidence_is_that_of_the_orders_own_line(office, intake_dispatcher):
    chosen_otherwise = register(intake_dispatcher, description=PREPAID, line="food", respondent_name="某某健身",
                                respondent_address="西城区西单北大街120号")  # fmt: skip
    assert routing.line_confidence(chosen_otherwise) < 0.8
    assert chosen_otherwise.status == Status.REGISTERED
