"""A small March 2025 (and one February order for the 环比) built through the real workflow at set
moments, then rolled up as the worker would: enough for every section of a report to have rows."""

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from jiesu.analytics.rollups import rollups_refresh
from jiesu.core import clock
from jiesu.orders.tests.factories import register
from jiesu.orders.workflow import actions

TZ = ZoneInfo("Asia/Shanghai")
GYM = "某某健身会所"
MALL = "某某商场"
#: The complainant's own details, which appear in the description and must never reach a report.
NAME, PHONE, ID_NUMBER = "李小四", "13912345678", "11010519491231002X"


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=TZ)


def _handled(org, order):
    order = actions.do_dispatch(
        order=order, actor=org.dispatcher, department=org.office_a1, handler=org.handler_a1
    )
    return actions.do_accept(order=order, actor=org.handler_a1)


def report_month(org):
    ns = SimpleNamespace(org=org)
    with clock.travel(at(2, 10)):
        ns.feb = register(org.operator, respondent_name=MALL, product_brand="海澜之家", product_category="男装",
                          issue="质量", line="supermarket")  # fmt: skip
    with clock.travel(at(3, 3)):
        ns.gym1 = _handled(org, register(
            org.operator, respondent_name=GYM, product_category="健身房", issue="合同", line="prepaid",
            complainant_name=NAME, complainant_phone=PHONE, complainant_id_number=ID_NUMBER,
            description=f"我叫{NAME}，电话{PHONE}，身份证{ID_NUMBER}，在{GYM}办了年卡，健身房突然停业不退费。",
        ))  # fmt: skip
        ns.gym2 = register(org.operator, respondent_name=GYM, product_category="健身房", issue="合同", line="prepaid",
                           description="健身会所关门，预付的私教课费用无法退还。")  # fmt: skip
        ns.mall = register(org.operator, respondent_name=MALL, product_brand="海澜之家", product_category="男装",
                           issue="质量", line="supermarket")  # fmt: skip
        ns.shop = register(org.operator, type="report", requests=["查处"], respondent_name="某某超市",
                           product_category="粮油调味品", issue="价格", line="price",
                           description="超市标价与结算价格不一致，多收钱。")  # fmt: skip
    with clock.travel(at(3, 10)):
        ns.gym1 = actions.do_mediate(order=ns.gym1, actor=org.handler_a1, result="success", agreement="退还余款",
                                     recovered_amount="1200")  # fmt: skip
        ns.gym1 = actions.do_conclude(order=ns.gym1, actor=org.handler_a1, outcome="mediated", reply="已调解")
    with clock.travel(at(3, 11)):
        ns.gym1 = actions.do_visit(order=ns.gym1, actor=org.visitor, reached=True, resolved=True,
                                   satisfaction="satisfied")  # fmt: skip
    with clock.travel(at(4, 2)):
        rollups_refresh()
    return ns
