"""The 预警 page (issue 5 item 7): rising items with their chart data and the orders behind the
number, a 通知领导 button that tells the centre's leaders once, and the 每月一题 candidates."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from jiesu.notifications.models import Notification
from jiesu.orders.tests.checks import NOW, sh
from jiesu.orders.tests.factories import register
from jiesu.ui.tests.conftest import HTMX

pytestmark = pytest.mark.django_db


@pytest.fixture
def gym(org, time_machine):
    """Five refund complaints against a gym in the last five days, one shirt complaint in February."""
    time_machine.move_to(sh(2025, 2, 10, 10), tick=False)
    register(org.operator, complainant_phone="13800000009")
    for i in range(5):
        time_machine.move_to(NOW - timedelta(days=i), tick=False)
        register(org.operator, respondent_name="XX健身", line="prepaid", requests=["退款"],
                 complainant_phone=f"1390000000{i}")
    time_machine.move_to(NOW, tick=False)


def test_the_page_lists_the_rise_with_its_chart_and_the_orders_behind_it(gym, org, client_for):
    response = client_for(org.centre_leader).get(reverse("ui:warnings"), {"day": "2025-03-03"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "XX健身" in html and "echarts.min.js" in html and "通知领导" in html
    charts = json.loads(re.search(r'<script id="warning-charts" type="application/json">(.*?)</script>', html, re.S).group(1))
    assert {c["id"] for c in charts} >= {"chart-respondent-0", "chart-line-0"}
    link = re.search(r'<a class="n-overdue" href="([^"]+)">5</a>', html).group(1).replace("&amp;", "&")
    listed = client_for(org.centre_leader).get(link).content.decode()
    assert listed.count("XX健身") >= 5 and "某某商场" not in listed
    assert "每月一题候选（2025年2月" in html and "服装鞋帽" in html  # February over January


def test_notify_leader_sends_the_alert_once_a_day(gym, org, client_for):
    client = client_for(org.dispatcher)
    data = {"day": "2025-03-03", "dimension": "respondent", "key": "XX健身"}

    first = client.post(reverse("ui:warning_notify"), data, **HTMX)
    again = client.post(reverse("ui:warning_notify"), data, **HTMX)

    assert "已通知领导" in first.content.decode() and "今日已通知过" in again.content.decode()
    [alert] = Notification.objects.filter(key__startswith="warning:")
    assert alert.title == "【预警】XX健身近7天投诉 5 件，以往几乎没有"
    stale = client.post(reverse("ui:warning_notify"), {**data, "key": "某某商场"}, **HTMX)
    assert stale.status_code == 409


def test_bad_day_and_who_may_see_it(gym, org, client_for):
    assert client_for(org.centre_leader).get(reverse("ui:warnings"), {"day": "2025-02-30"}).status_code == 400
    assert client_for(org.handler_a1).get(reverse("ui:warnings")).status_code == 403
    assert client_for(org.handler_a1).post(reverse("ui:warning_notify"), {}).status_code == 403
    assert 'href="/warnings/"' in client_for(org.leader_b).get(reverse("ui:overview")).content.decode()
