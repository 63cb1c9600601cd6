"""The order page explains a professional-claimant flag (issue 5 item 6) with the score and the
evidence behind it, and says the order must still be decided on."""

import pytest
from django.urls import reverse

from jiesu.intelligence.tests.test_claimants import serial_claimant
from jiesu.orders.tests.factories import register

pytestmark = pytest.mark.django_db


def page(client_for, viewer, order) -> str:
    response = client_for(viewer).get(reverse("ui:order_detail", kwargs={"number": order.number}))
    assert response.status_code == 200
    return response.content.decode()


def test_a_flagged_order_shows_the_risk_card_with_score_and_evidence(client_for, org):
    orders = serial_claimant(org)

    html = page(client_for, org.operator, orders[-1])

    card = html[html.index('id="claimant-evidence"'):]
    assert "职业索赔风险" in card and "阈值 60" in card
    assert "近365天对 6 个不同经营者投诉 6 件" in card
    assert "6 件要求十倍赔偿（援引第一百四十八条）" in card
    assert all(o.number in card for o in orders)
    assert "不得据此自动不予受理" in card


def test_an_unflagged_order_has_no_card(client_for, org):
    html = page(client_for, org.operator, register(org.operator))
    assert 'id="claimant-evidence"' not in html and "职业索赔风险" not in html
