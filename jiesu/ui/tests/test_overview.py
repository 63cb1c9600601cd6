import datetime as dt
import re

import time_machine
from django.urls import reverse

from jiesu.core import clock
from jiesu.orders.tests.factories import register, walk


def cells(html: str, name: str) -> list[str]:
    """The four numbers of the overview row whose first cell names `name`."""
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S):
        first = re.search(r"<td>(.*?)</td>", row, re.S)
        if first and name in re.sub(r"<span class=\"small muted\">.*?</span>", "", first.group(1)):
            return [
                re.sub(r"<[^>]+>", "", c).strip()
                for c in re.findall(r'<td class="num">(.*?)</td>', row, re.S)
            ]
    raise AssertionError(f"no overview row for {name}")


def test_overview_counts_per_department_roll_up(client_for, org):
    walk(register(org.operator), org, "dispatch")
    walk(register(org.operator, complainant_phone="13900139000"), org, "dispatch", "accept")
    register(org.operator, complainant_phone="13700137000")
    response = client_for(org.centre_leader).get(reverse("ui:overview"))
    html = response.content.decode()
    assert response.status_code == 200
    assert cells(html, "西长安街所")[0] == "2"
    assert cells(html, "西城区局")[0] == "2"
    assert cells(html, "东城区局")[0] == "0"
    assert cells(html, "未派单")[0] == "1"


def test_an_overdue_order_appears_as_overdue_and_links_to_itself(client_for, org):
    order = walk(register(org.operator), org, "dispatch")
    # acknowledge is 24 hours from receipt; three days later it is overdue whatever the calendar.
    with time_machine.travel(clock.now() + dt.timedelta(days=3), tick=False):
        client = client_for(org.leader_a)
        html = client.get(reverse("ui:overview")).content.decode()
        assert cells(html, "西长安街所")[2] == "1"
        assert cells(html, "西城区局")[2] == "1"
        assert cells(html, "金融街所")[2] == "0"
        link = re.search(r'href="(/orders/\?department=office-a1[^"]*flag=overdue)"', html).group(1)
        listed = client.get(link.replace("&amp;", "&")).content.decode()
        assert order.number in listed


def test_due_today_and_returned_link_to_the_same_orders(client_for, org):
    fast = register(org.operator, fast_response_reasons=["on_site"])  # dispatch_fast: 15 minutes
    returned = walk(register(org.operator, complainant_phone="13900139000"), org, "dispatch")
    from jiesu.orders.workflow.actions import do_return

    do_return(order=returned, actor=org.handler_a1, reason="不属于本所")
    client = client_for(org.centre_leader)
    html = client.get(reverse("ui:overview")).content.decode()
    undispatched = cells(html, "未派单")
    assert undispatched[0] == "2"
    assert int(undispatched[1]) >= 1
    assert cells(html, "12315中心")[3] == "1"  # returned orders wait where they were taken in
    today = re.search(r'href="(/orders/\?status=[^"]*due=today)"', html).group(1)
    assert fast.number in client.get(today.replace("&amp;", "&")).content.decode()
    back = re.search(r'href="(/orders/\?intake_department=centre[^"]*)"', html).group(1)
    listed = client.get(back.replace("&amp;", "&")).content.decode()
    assert returned.number in listed and fast.number not in listed


def test_a_district_leader_sees_only_their_subtree(client_for, org):
    html = client_for(org.leader_b).get(reverse("ui:overview")).content.decode()
    assert "东华门所" in html and "西长安街所" not in html
