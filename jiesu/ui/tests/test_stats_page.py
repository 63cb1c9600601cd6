"""The statistics dashboard and its drill-down on the hand-built March of
jiesu/analytics/tests/scenario.py: the numbers shown, their links leading to exactly the orders
counted, drilling into a district, scope and a bad period."""

import re
from html import unescape

import pytest

from jiesu.analytics.tests.scenario import at, build_march
from jiesu.core import clock

MARCH = "?from=2025-03-01&to=2025-03-31"


@pytest.fixture
def march(org):
    return build_march(org)


def page(client, url):
    with clock.travel(at(3, 20)):
        return client.get(url)


def card(html: str, key: str) -> str:
    return re.search(rf'data-measure="{key}">(.*?)</div>', html, re.S).group(1)


def numbers(html: str) -> set[str]:
    return set(re.findall(r'href="/orders/(\d{14})/"', html))


def test_dashboard_shows_each_measure_with_its_audit_and_links(client_for, march):
    response = page(client_for(march.org.dispatcher), "/stats/" + MARCH)
    assert response.status_code == 200
    html = response.content.decode()
    review = card(html, "on_time_initial_review_rate")
    assert "40.0%" in review and ">2</a> / <a" in review and ">5</a>" in review
    assert "299.00" in card(html, "recovered_loss")
    assert 'id="trend-chart"' in html and "vendor/echarts/echarts.min.js" in html
    assert "西城区局" in html and "东城区局" in html
    numerator_link = unescape(re.search(r'<a href="([^"]+)">2</a> / ', review).group(1))
    listed = page(client_for(march.org.dispatcher), numerator_link)
    assert numbers(listed.content.decode()) == {march.c1.number, march.c5.number}


def test_a_district_links_into_its_own_subtree(client_for, march):
    html = page(client_for(march.org.dispatcher), "/stats/" + MARCH + "&department=dist-a").content.decode()
    table = re.search(r'id="department-table">(.*?)</table>', html, re.S).group(1)
    assert "西长安街所" in table and "金融街所" in table and "东华门所" not in table
    orders_card = card(html, "orders")
    assert '">4</a>' in orders_card


def test_a_leader_cannot_open_another_district(client_for, march):
    assert page(client_for(march.org.leader_b), "/stats/" + MARCH + "&department=dist-a").status_code == 404
    html = page(client_for(march.org.leader_b), "/stats/" + MARCH).content.decode()
    assert '">1</a>' in card(html, "orders")


def test_ranking_numbers_open_their_orders(client_for, march):
    client = client_for(march.org.dispatcher)
    html = page(client, "/stats/" + MARCH).content.decode()
    link = unescape(re.search(r'href="(/stats/orders/\?[^"]*dimension=respondent[^"]*)"', html).group(1))
    listed = page(client, link).content.decode()
    assert numbers(listed) == {o.number for o in (march.c1, march.c2, march.c3, march.c5, march.r1)}


def test_a_bad_period_is_explained(client_for, march):
    response = page(client_for(march.org.dispatcher), "/stats/?from=2025-03-09&to=2025-03-01")
    assert response.status_code == 400
    assert "结束日期不能早于开始日期" in response.content.decode()
