"""The order page of a group complaint lists the group, the evidence and the suggestions."""

from datetime import timedelta

import pytest

from jiesu.orders.tests.checks import NOW
from jiesu.orders.tests.factories import register

pytestmark = pytest.mark.django_db

TEXT = "XX健身突然关门了，老板联系不上，我卡里还有{n}元没用完，要求退款，请帮忙处理。"


def test_the_order_page_lists_the_group_with_its_evidence(org, client_for, time_machine):
    orders = []
    for i in range(5):
        time_machine.move_to(NOW + timedelta(hours=i), tick=False)
        orders.append(register(org.operator, complainant_phone=f"1390000000{i}", description=TEXT.format(n=100 + i),
                               respondent_name="XX健身", line="prepaid", requests=["退款"]))
    html = client_for(org.dispatcher).get(f"/orders/{orders[0].number}/").content.decode()
    assert 'id="group-evidence"' in html and "5 名诉求人" in html
    assert all(o.number in html for o in orders[1:])  # the first member's page lists the later ones
    assert "文本近似" in html


def test_an_order_without_the_flag_has_no_group_card(org, client_for):
    order = register(org.operator)
    assert 'id="group-evidence"' not in client_for(org.dispatcher).get(f"/orders/{order.number}/").content.decode()
