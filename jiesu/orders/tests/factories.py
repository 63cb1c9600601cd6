"""Orders are built through do_register and the workflow, never by writing rows: a test order has
the same deadlines and events a real one would."""

from jiesu.orders.intake import OrderDraft
from jiesu.orders.workflow import actions


def draft(**overrides) -> OrderDraft:
    values = {
        "type": "complaint",
        "channel": "hotline_12315",
        "description": "在商场购买的羽绒服穿了两天就开线，要求退货，商家拒绝。",
        "complainant_name": "张三",
        "complainant_phone": "13800138000",
        "complainant_address": "西城区西长安街1号院3号楼",
        "respondent_name": "某某商场",
        "respondent_address": "西城区西单北大街120号",
        "product_category": "服装鞋帽",
        "product_amount": "299.00",
        "requests": ["退货"],
        "line": "supermarket",
    }
    values.update(overrides)
    return OrderDraft(**values)


def register(actor, **overrides):
    return actions.do_register(actor=actor, draft=draft(**overrides))


def in_progress(org, **overrides):
    """A registered order dispatched to office A1 and accepted there by its handler."""
    return walk(register(org.operator, **overrides), org, "dispatch", "accept")


def walk(order, org, *steps: str):
    """Drive an order through named steps with the right person for each (see conftest `org`)."""
    for step in steps:
        if step == "dispatch":
            order = actions.do_dispatch(order=order, actor=org.dispatcher, department=org.office_a1, handler=org.handler_a1)
        elif step == "accept":
            order = actions.do_accept(order=order, actor=org.handler_a1)
        elif step == "mediate":
            order = actions.do_mediate(order=order, actor=org.handler_a1, result="success", agreement="商家同意退货", recovered_amount="299")
        elif step == "conclude":
            order = actions.do_conclude(order=order, actor=org.handler_a1, outcome="mediated", reply="已调解，商家退货退款。")
        elif step == "visit":
            order = actions.do_visit(order=order, actor=org.visitor, reached=True, resolved=True, satisfaction="satisfied")
        else:
            raise ValueError(step)
    return order


def odr_merchant(name: str = "某某电商平台", credit_code: str = "91110000802100433B"):
    """An enterprise that settles complaints against itself online (ODR), for send_to_odr."""
    from jiesu.merchants.models import Merchant
    from jiesu.merchants.services import merchant_create

    existing = Merchant.objects.filter(credit_code=credit_code).first()
    if existing is not None:
        return existing
    return merchant_create(name=name, credit_code=credit_code, is_odr=True)


#: The real actions that bring a freshly registered complaint to each status (see `drive_to`).
ROUTES = {
    "registered": (),
    "odr": ("send_to_odr",),
    "dispatched": ("dispatch",),
    "in_progress": ("dispatch", "accept"),
    "returned": ("dispatch", "return"),
    "transferred": ("transfer",),
    "concluded": ("dispatch", "accept", "mediate", "conclude"),
    "visited": ("dispatch", "accept", "mediate", "conclude", "visit"),
    "closed": ("dispatch", "accept", "mediate", "conclude", "visit", "close"),
}


def drive_to(status: str, org, **overrides):
    """Register an order (a complaint unless `overrides` say otherwise) and take it to `status`
    through the real actions, so it carries the deadlines and events a real one would."""
    order = register(org.operator, **overrides)
    for step in ROUTES[status]:
        if step == "send_to_odr":
            order = actions.do_send_to_odr(order=order, actor=org.operator, merchant=odr_merchant())
        elif step == "return":
            order = actions.do_return(order=order, actor=org.handler_a1, reason="不属于本所辖区")
        elif step == "transfer":
            order = actions.do_transfer(order=order, actor=org.dispatcher, department=org.external, reason="属住建委职责")
        elif step == "close":
            order = actions.do_close(order=order, actor=org.visitor)
        else:
            order = walk(order, org, step)
    assert order.status == status, (order.status, status)
    return order
