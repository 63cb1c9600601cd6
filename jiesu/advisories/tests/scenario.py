"""A prepaid gym whose complaints rose: one in February 2025, three in March (one written with the
complainant's name, phone and ID number in it), and a mall with one in March. All go through the
real intake and dispatch to office A1 (district A), so scope applies as it does to live data."""

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from jiesu.analytics.periods import Period
from jiesu.core import clock
from jiesu.orders.tests.factories import register
from jiesu.orders.workflow import actions
from jiesu.organisations.tests.factories import StaffFactory

TZ = ZoneInfo("Asia/Shanghai")
GYM = "某某健身会所"
MALL = "某某商场"
#: The complainant's own details: they must never reach a warning, the staff's or the public's.
NAME, PHONE, ID_NUMBER = "李小四", "13912345678", "11010519491231002X"
MARCH = Period(datetime(2025, 3, 1).date(), datetime(2025, 3, 31).date())


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=TZ)


def gym_order(org, **overrides):
    values = {"respondent_name": GYM, "product_category": "健身房", "line": "prepaid",
              "description": "健身会所突然关门，预付的年卡费用无法退还。", **overrides}  # fmt: skip
    order = register(org.operator, **values)
    return actions.do_dispatch(
        order=order, actor=org.dispatcher, department=org.office_a1, handler=org.handler_a1
    )


def build_gym(org) -> SimpleNamespace:
    ns = SimpleNamespace(org=org)
    org.second_leader = StaffFactory(username="centre_leader2", department=org.centre, roles=["leader"])
    with clock.travel(at(2, 10)):
        ns.feb = gym_order(org)
    with clock.travel(at(3, 3)):
        ns.gym1 = gym_order(
            org, complainant_name=NAME, complainant_phone=PHONE, complainant_id_number=ID_NUMBER,
            description=f"我叫{NAME}，电话{PHONE}，身份证{ID_NUMBER}，在{GYM}办了年卡，健身房突然停业不退费。",
        )  # fmt: skip
    with clock.travel(at(3, 12)):
        ns.gym2 = gym_order(org)
    with clock.travel(at(3, 20)):
        ns.gym3 = gym_order(org)
        ns.mall = register(org.operator, respondent_name=MALL, product_category="男装", line="supermarket")
    return ns
