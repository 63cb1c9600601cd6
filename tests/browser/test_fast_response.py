"""Issue 4's done criterion in a real browser: an operator registers a fast-response order and,
within a minute and without reloading, the fast-response team sees it in the inbox with its
45-minute countdown."""

import re

import pytest

from jiesu.orders.models import WorkOrder
from jiesu.organisations.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_fast_order_reaches_the_teams_inbox_within_a_minute(org, page_for, live_server):
    org.fast_team.auto_dispatch = True
    org.fast_team.save(update_fields=["auto_dispatch"])
    team = page_for("fast_handler", PASSWORD)
    team.goto(f"{live_server.url}/my-work/")
    assert team.locator(".bell-count").count() == 0

    operator = page_for("operator", PASSWORD)
    operator.goto(f"{live_server.url}/intake/")
    operator.fill("input[name=complainant_phone]", "13912345678")
    operator.fill("input[name=complainant_name]", "王先生")
    operator.check("input[name=type][value=complaint]")
    operator.fill("input[name=respondent_name]", "西单某某商场")
    operator.fill("input[name=respondent_address]", "西城区西单北大街120号")
    operator.fill("textarea[name=description]", "正在商场收银台与店员争执，商场拒绝退还多收的货款，消费者要求马上有人到场处理。")
    operator.select_option("select[name=urgency]", "fast")
    operator.check("input[name=fast_response_reasons][value=on_site]")
    operator.keyboard.press("Control+Enter")
    operator.wait_for_url(re.compile(r"/orders/\d{14}/$"))
    number = operator.url.rstrip("/").rsplit("/", 1)[-1]
    order = WorkOrder.objects.get(number=number)
    assert (order.status, order.department_id) == ("dispatched", org.fast_team.pk)

    # The bell polls every 30 s: the team member's open page shows the count without a reload.
    team.wait_for_selector(".bell-count", timeout=60_000)
    assert team.locator(".bell-count").inner_text() == "1"
    team.click("a.bell")
    team.wait_for_url(re.compile(r"/inbox/$"))
    row = team.locator("table.inbox tbody tr").first
    assert number in row.inner_text() and "快反指令" in row.inner_text()
    countdown = row.locator("[data-due-at]")
    assert countdown.get_attribute("data-due-at").endswith("+08:00")
    assert re.match(r"剩余 (4[0-5]|3\d) ?分", countdown.inner_text()), countdown.inner_text()
