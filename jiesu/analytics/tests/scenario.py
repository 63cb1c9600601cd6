"""A March 2025 of hand-built orders whose every measure is worked out by hand in the tests (also
used by the API, report and assessment tests).

All orders go through the real workflow at set moments (clock.travel), so their deadlines are the
policies' real ones: accept_decision 7 working days from receipt (a complaint received Monday
3 March is due Wednesday 12 March 23:59:59), acknowledge 24 hours, verify 15 working days.
"""

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from jiesu.analytics.rollups import rollups_refresh
from jiesu.core import clock
from jiesu.orders.tests.factories import register
from jiesu.orders.workflow import actions

TZ = ZoneInfo("Asia/Shanghai")


def at(month: int, day: int, hour: int = 10, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, second, tzinfo=TZ)


def dispatched(org, office, handler, **overrides):
    order = register(org.operator, **overrides)
    return actions.do_dispatch(order=order, actor=org.dispatcher, department=office, handler=handler)


def build_march(org) -> SimpleNamespace:
    """c1: accepted and contacted at once, mediated (¥299), concluded, visited satisfied and resolved.
    c2: accepted a day after its decision fell due. c3: never decided (overdue by 20 March).
    c4: like c1 up to acceptance, then excluded. c5: office B1 (district B), accepted on time.
    r1: a report taken for verification, case filed on time. feb: a complaint received at
    23:59:30 on 28 February, whose decision falls due in March and is never taken."""
    ns = SimpleNamespace(org=org)
    with clock.travel(at(2, 28, 23, 59, 30)):
        ns.feb = dispatched(org, org.office_a1, org.handler_a1, received_at=at(2, 28, 23, 59, 30))
    with clock.travel(at(3, 3, 9)):
        ns.c1 = dispatched(org, org.office_a1, org.handler_a1)
        ns.c2 = dispatched(org, org.office_a1, org.handler_a1)
        ns.c3 = dispatched(org, org.office_a1, org.handler_a1)
        ns.c4 = dispatched(org, org.office_a1, org.handler_a1)
        ns.c5 = dispatched(org, org.office_b1, org.handler_b1)
        ns.r1 = dispatched(org, org.office_a1, org.handler_a1, type="report", requests=["查处"])
    with clock.travel(at(3, 3, 11)):
        ns.c1 = actions.do_accept(order=ns.c1, actor=org.handler_a1)
        ns.c1 = actions.do_contact(order=ns.c1, actor=org.handler_a1, method="phone", summary="已联系")
        ns.c4 = actions.do_accept(order=ns.c4, actor=org.handler_a1)
        ns.c5 = actions.do_accept(order=ns.c5, actor=org.handler_b1)
        ns.r1 = actions.do_accept(order=ns.r1, actor=org.handler_a1)
    with clock.travel(at(3, 5)):
        ns.r1 = actions.do_file_case(order=ns.r1, actor=org.handler_a1, case_number="京西市监立〔2025〕12号")
        ns.c4 = actions.do_request_exclusion(
            order=ns.c4, actor=org.handler_a1, reason_code="malicious", reason="职业索赔"
        )
        ns.c4 = actions.do_decide_exclusion(order=ns.c4, actor=org.centre_leader, approve=True)
    with clock.travel(at(3, 10)):
        ns.c1 = actions.do_mediate(order=ns.c1, actor=org.handler_a1, result="success", agreement="退货退款",
                                   recovered_amount="299")  # fmt: skip
        ns.c1 = actions.do_conclude(order=ns.c1, actor=org.handler_a1, outcome="mediated", reply="已调解")
    with clock.travel(at(3, 11)):
        ns.c1 = actions.do_visit(
            order=ns.c1, actor=org.visitor, reached=True, resolved=True, satisfaction="satisfied"
        )
    with clock.travel(at(3, 13)):
        ns.c2 = actions.do_accept(order=ns.c2, actor=org.handler_a1)
    with clock.travel(at(3, 20)):
        rollups_refresh()
    return ns
