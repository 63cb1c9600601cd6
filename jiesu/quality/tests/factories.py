"""Orders for the quality tests, taken through the real workflow (orders.tests.factories) so their
conclusion times, visits, events and deadlines are what real ones carry."""

from jiesu.orders.tests.factories import register
from jiesu.orders.workflow import actions


def concluded(org, department=None, handler=None, **overrides):
    """A complaint dispatched to `department` (office A1 by default), accepted, mediated and
    concluded there by `handler` now (the frozen clock decides the conclusion date)."""
    department = department or org.office_a1
    handler = handler or org.handler_a1
    order = register(org.operator, **overrides)
    order = actions.do_dispatch(order=order, actor=org.dispatcher, department=department, handler=handler)
    order = actions.do_accept(order=order, actor=handler)
    order = actions.do_mediate(
        order=order, actor=handler, result="success", agreement="商家同意退货", recovered_amount="299"
    )
    return actions.do_conclude(order=order, actor=handler, outcome="mediated", reply="已调解，商家退货退款。")


def visited(
    org, department=None, handler=None, *, resolved=True, satisfaction="satisfied", close=False, **overrides
):
    """A concluded complaint whose complainant was reached now and answered as given."""
    order = concluded(org, department, handler, **overrides)
    order = actions.do_visit(
        order=order, actor=org.visitor, reached=True, resolved=resolved, satisfaction=satisfaction
    )
    if close:
        order = actions.do_close(order=order, actor=org.visitor)
    return order
