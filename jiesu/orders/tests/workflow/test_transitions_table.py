"""The transition table against the action services, over every (action, status) pair (style.md
"Tests": every pair as a unit test). Orders reach each status through the real actions
(`factories.drive_to`); the allowed move must succeed with valid input from an allowed role in
scope, and every refusal (wrong status 409, wrong role 403, out of scope 404) must write nothing.

The organisation and one order per status are built once for the module, inside a transaction the
module rolls back at the end; each test runs in a savepoint of it (pytest-django's `db`), so what
one test's action writes is gone before the next (the pattern of Django's setUpTestData)."""

import inspect
from types import SimpleNamespace

import pytest
from django.db import transaction

from jiesu.core.errors import Forbidden, InvalidTransition, NotFound
from jiesu.orders.choices import Action, Status
from jiesu.orders.models import OrderEvent, WorkOrder
from jiesu.orders.tests.checks import assert_next_due, assert_one_event, snapshot
from jiesu.orders.tests.factories import drive_to, odr_merchant, register
from jiesu.orders.workflow import actions
from jiesu.orders.workflow.actions import HANDLERS
from jiesu.orders.workflow.rules import order_in_actor_scope
from jiesu.orders.workflow.transitions import TRANSITIONS
from jiesu.organisations.tests.factories import org_tree

A = Action
ACTIONS_ON_ORDERS = [a for a in Action if a != A.REGISTER]
PAIRS = [(a, s) for a in ACTIONS_ON_ORDERS for s in Status]

#: Who may act, most junior first; the centre's people see everything, handler_a1 sees office A1.
CANDIDATES = ("operator", "dispatcher", "handler_a1", "centre_leader", "visitor", "leader_a1")

#: Order types an action needs to succeed (answer: consultations only); complaints otherwise.
NEEDS_TYPE = {A.ANSWER: "consultation"}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        org = org_tree()
        orders = {status: drive_to(status, org) for status in Status}
        consultation = register(org.operator, type="consultation")
        yield SimpleNamespace(org=org, orders=orders, consultation=consultation)
        transaction.set_rollback(True)


def order_for(world, action: Action, status: Status, allowed: bool) -> WorkOrder:
    """The module's order in `status`; the registered consultation when the action needs one."""
    if allowed and NEEDS_TYPE.get(action) == "consultation":
        assert status == Status.REGISTERED
        return world.consultation
    return world.orders[status]


def valid_input(action: Action, org) -> dict:
    """A body the action accepts: one per row of api-v1.md's action list."""
    return {
        A.ANSWER: {"answer": "七日无理由退货适用于网购商品。"},
        A.SEND_TO_ODR: {"merchant": odr_merchant()},
        A.ODR_SETTLE: {"settlement": "企业同意退款"},
        A.ODR_FAIL: {"reason": "企业逾期未处理"},
        A.DISPATCH: {"department": org.office_a2, "handler": org.handler_a2},
        A.ACCEPT: {},
        A.NOT_ACCEPT: {"ground": "not_competent", "explanation": "不属于市场监管部门职责"},
        A.RETURN: {"reason": "不属于本所辖区"},
        A.TRANSFER: {"department": org.external, "reason": "属住建委职责"},
        A.ASSIGN: {"handler": org.handler_a1b},
        A.CONTACT: {"method": "phone", "summary": "已电话联系"},
        A.ARRIVE: {"note": "已到达商场"},
        A.EXTEND: {"working_days": 5, "reason": "需要检测"},
        A.APPROVE_EXTENSION: {},
        A.DENY_EXTENSION: {"reason": "理由不充分"},
        A.ESCALATE: {"reason": "群体投诉"},
        A.ADD_COHANDLER: {"department": org.office_b1, "reason": "涉及东城门店"},
        A.MEDIATE: {"result": "success", "agreement": "商家退货", "recovered_amount": "100"},
        A.FILE_CASE: {"case_number": "京西市监立〔2025〕12号"},
        A.CONCLUDE: {"outcome": "mediated", "reply": "已调解，商家退货。"},
        A.REVIEW: {"approve": True},
        A.REQUEST_EXCLUSION: {"reason_code": "unreasonable_demand", "reason": "诉求明显不合理"},
        A.DECIDE_EXCLUSION: {"approve": True},
        A.VISIT: {"reached": True, "resolved": True, "satisfaction": "satisfied"},
        A.CLOSE: {},
        A.REOPEN: {"reason": "回头看：诉求人不满意"},
        A.WITHDRAW: {"reason": "诉求人撤回"},
        A.PAUSE_CLOCK: {"reason": "样品送检"},
        A.RESUME_CLOCK: {"note": "检测报告已出"},
        A.RECLASSIFY: {"reason": "实为举报", "type": "report"},
        A.ADD_CALL: {"description": "消费者再次来电催促处理"},
    }[action]


def prepare(action: Action, order: WorkOrder, org) -> WorkOrder:
    """What must have happened first for the action to make sense (a pending extension to decide,
    a mediation to conclude with, a request to rule on); each prerequisite is itself a real action."""
    if action in (A.APPROVE_EXTENSION, A.DENY_EXTENSION):
        return actions.do_extend(order=order, actor=org.handler_a1, working_days=5, reason="需要检测")
    if action == A.CONCLUDE:
        return actions.do_mediate(order=order, actor=org.handler_a1, result="success", agreement="商家退货")
    if action == A.RESUME_CLOCK:
        return actions.do_pause_clock(order=order, actor=org.handler_a1, reason="样品送检")
    if action == A.DECIDE_EXCLUSION:
        return actions.do_request_exclusion(
            order=order, actor=org.centre_leader, reason_code="duplicate", reason="重复诉求"
        )
    return order


def actor_for(action: Action, order: WorkOrder, org):
    """The first candidate in scope who holds one of the row's roles; failing that (the status
    forbids the action anyway) the first one in scope, so the refusal is the status's and not 404."""
    step = TRANSITIONS[action]
    people = [getattr(org, name) for name in CANDIDATES]
    in_scope = [p for p in people if order_in_actor_scope(order, p)]
    for person in in_scope:
        if person.has_role(*step.roles):
            return person
    return in_scope[0]


def test_every_row_of_the_table_has_exactly_one_action_service():
    assert set(HANDLERS) == set(TRANSITIONS)
    assert set(TRANSITIONS) == set(Action)


S = Status
OPEN = {S.REGISTERED, S.ODR, S.DISPATCHED, S.IN_PROGRESS, S.RETURNED}
#: domain.md "Statuses and actions", transcribed by hand: (from, to), to None = status kept.
DOMAIN_MOVES = {
    A.REGISTER: (set(), S.REGISTERED),
    A.ANSWER: ({S.REGISTERED}, S.CONCLUDED),
    A.SEND_TO_ODR: ({S.REGISTERED}, S.ODR),
    A.ODR_SETTLE: ({S.ODR}, S.CONCLUDED),
    A.ODR_FAIL: ({S.ODR}, S.REGISTERED),
    A.DISPATCH: ({S.REGISTERED, S.RETURNED}, S.DISPATCHED),
    A.ACCEPT: ({S.DISPATCHED}, S.IN_PROGRESS),
    A.NOT_ACCEPT: ({S.DISPATCHED}, S.CONCLUDED),
    A.RETURN: ({S.DISPATCHED}, S.RETURNED),
    A.TRANSFER: ({S.REGISTERED, S.RETURNED}, S.TRANSFERRED),
    A.ASSIGN: ({S.DISPATCHED, S.IN_PROGRESS}, None),
    A.CONTACT: ({S.IN_PROGRESS}, None),
    A.ARRIVE: ({S.IN_PROGRESS}, None),
    A.EXTEND: ({S.IN_PROGRESS}, None),
    A.APPROVE_EXTENSION: ({S.IN_PROGRESS}, None),
    A.DENY_EXTENSION: ({S.IN_PROGRESS}, None),
    A.ESCALATE: (OPEN, None),
    A.ADD_COHANDLER: (OPEN, None),
    A.MEDIATE: ({S.IN_PROGRESS}, None),
    A.FILE_CASE: ({S.IN_PROGRESS}, None),
    A.CONCLUDE: ({S.IN_PROGRESS}, S.CONCLUDED),
    A.REVIEW: ({S.CONCLUDED}, None),  # approve keeps it; sending back is the action's own move
    A.REQUEST_EXCLUSION: (set(S), None),
    A.DECIDE_EXCLUSION: (set(S), None),
    A.VISIT: ({S.CONCLUDED}, S.VISITED),
    A.CLOSE: ({S.VISITED}, S.CLOSED),
    A.REOPEN: ({S.CONCLUDED, S.VISITED, S.CLOSED}, S.IN_PROGRESS),
    A.WITHDRAW: (OPEN, S.CONCLUDED),
    # jiesu's additions (issue 4): the 鉴定检测 pause of domain.md "Deadlines" and reclassification.
    A.PAUSE_CLOCK: ({S.IN_PROGRESS}, None),
    A.RESUME_CLOCK: ({S.IN_PROGRESS}, None),
    A.RECLASSIFY: (OPEN, None),
    A.ADD_CALL: (OPEN | {S.CONCLUDED, S.VISITED}, None),
}


@pytest.mark.parametrize("action", list(Action), ids=[a.value for a in Action])
def test_the_table_says_what_domain_md_says(action):
    """The parametrised test below proves the services follow the table; this pins the table
    itself to the domain's, so widening a row by mistake fails here."""
    sources, target = DOMAIN_MOVES[action]
    assert (set(TRANSITIONS[action].sources), TRANSITIONS[action].target) == (sources, target)


@pytest.mark.parametrize("action", list(Action))
def test_every_action_service_takes_a_keyword_only_actor(action):
    parameters = inspect.signature(HANDLERS[action]).parameters
    assert parameters["actor"].kind is inspect.Parameter.KEYWORD_ONLY
    if action != A.REGISTER:
        assert parameters["order"].kind is inspect.Parameter.KEYWORD_ONLY
    assert HANDLERS[action].__name__ == f"do_{action.value}"


@pytest.mark.parametrize(("action", "status"), PAIRS, ids=[f"{a.value}-{s.value}" for a, s in PAIRS])
def test_action_from_status(world, db, action, status):
    org = world.org
    step = TRANSITIONS[action]
    allowed = step.allows_from(status)
    order = order_for(world, action, status, allowed)
    assert order.status == status
    if allowed:
        order = prepare(action, order, org)
    actor = actor_for(action, order, org)
    body = valid_input(action, org)
    before = snapshot(order)

    if not allowed:
        with pytest.raises(InvalidTransition):
            HANDLERS[action](order=order, actor=actor, **body)
        assert snapshot(order) == before
        return

    assert actor.has_role(*step.roles)
    count = OrderEvent.objects.filter(order_id=order.pk).count()
    result = HANDLERS[action](order=order, actor=actor, **body)
    result.refresh_from_db()
    expected = step.target or status
    assert result.status == expected
    assert_one_event(result, count, action=action, from_status=status, to_status=expected, actor=actor)
    assert_next_due(result)


def test_each_test_starts_from_the_orders_as_built(world, db):
    """The savepoint isolation the module relies on: an earlier test's move is undone."""
    for status, order in world.orders.items():
        assert WorkOrder.objects.get(pk=order.pk).status == status


def _allowed_status(action: Action) -> Status:
    """A status the row allows, preferring one the route reaches early."""
    for status in (Status.REGISTERED, Status.DISPATCHED, Status.IN_PROGRESS, Status.ODR, Status.CONCLUDED,
                   Status.VISITED, Status.RETURNED, Status.TRANSFERRED, Status.CLOSED):
        if TRANSITIONS[action].allows_from(status):
            return status
    raise AssertionError(action)


@pytest.mark.parametrize("action", ACTIONS_ON_ORDERS, ids=[a.value for a in ACTIONS_ON_ORDERS])
def test_a_role_the_row_does_not_name_is_forbidden_and_nothing_is_written(world, db, action):
    org = world.org
    status = _allowed_status(action)
    order = prepare(action, order_for(world, action, status, allowed=True), org)
    step = TRANSITIONS[action]
    people = [getattr(org, n) for n in ("operator", "visitor", "dispatcher", "handler_a1", "leader_a1")]
    actor = next(p for p in people if order_in_actor_scope(order, p) and not p.has_role(*step.roles))
    before = snapshot(order)

    with pytest.raises(Forbidden):
        HANDLERS[action](order=order, actor=actor, **valid_input(action, org))

    assert snapshot(order) == before


@pytest.mark.parametrize("action", ACTIONS_ON_ORDERS, ids=[a.value for a in ACTIONS_ON_ORDERS])
def test_an_actor_outside_the_orders_scope_gets_not_found_and_nothing_is_written(world, db, action):
    """Office B1's handler and district B's leader do not see an order of office A1 (or one still
    at the centre): for them it does not exist, whatever the action (style.md rule 7)."""
    org = world.org
    status = _allowed_status(action)
    order = prepare(action, order_for(world, action, status, allowed=True), org)
    before = snapshot(order)

    for outsider in (org.handler_b1, org.leader_b):
        with pytest.raises(NotFound):
            HANDLERS[action](order=order, actor=outsider, **valid_input(action, org))

    assert snapshot(order) == before


def test_registering_needs_the_operator_role_and_writes_nothing_otherwise(world, db):
    orders, events = WorkOrder.objects.count(), OrderEvent.objects.count()
    for person in (world.org.handler_a1, world.org.dispatcher, world.org.leader_a, world.org.visitor):
        with pytest.raises(Forbidden):
            register(person)
    assert (WorkOrder.objects.count(), OrderEvent.objects.count()) == (orders, events)


def test_an_order_that_does_not_exist_is_not_found(world, db):
    ghost = WorkOrder(pk=max(o.pk for o in world.orders.values()) + 1000)
    with pytest.raises(NotFound):
        actions.do_accept(order=ghost, actor=world.org.handler_a1)
