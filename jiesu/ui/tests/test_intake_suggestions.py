"""The intake suggestions box (GET /intake/suggest/) and the corrections registration records."""

import pytest
from django.urls import reverse

from jiesu.intelligence.models import ClassificationCorrection
from jiesu.orders.models import WorkOrder
from jiesu.ui.tests.conftest import htmx
from jiesu.ui.tests.test_intake import VALID

GYM = "我在小区门口的健身房办了年卡，交了3000元，现在健身房突然关门了，老板联系不上，要求退款。"
LIFT = "商场电梯突然停了，我和孩子被困在电梯里二十分钟，物业一直没人来。"


def suggestions(client, description: str, respondent: str = "") -> str:
    response = client.get(
        reverse("ui:intake_suggest"), {"description": description, "respondent_name": respondent},
        **htmx("intake-suggestions"),
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_description_box_asks_for_suggestions_as_the_operator_types(client_for, org):
    html = client_for(org.operator).get(reverse("ui:intake")).content.decode()

    assert 'hx-get="/intake/suggest/"' in html
    assert 'id="intake-suggestions"' in html


def test_a_prepaid_text_suggests_the_line_with_its_reason_and_the_values_to_prefill(client_for, org):
    html = suggestions(client_for(org.operator), GYM, "某某健身")

    assert 'data-suggested-line="prepaid"' in html
    assert 'data-suggested-category="健身"' in html
    assert "退款" in html.split('data-suggested-requests="')[1].split('"')[0]
    assert 'data-suggested-urgency="normal"' in html
    assert "预付式消费" in html and "置信度" in html
    assert '<input type="hidden" name="suggested_line" value="prepaid">' in html


def test_a_lift_trapping_text_suggests_fast_response_for_safety(client_for, org):
    html = suggestions(client_for(org.operator), LIFT)

    assert 'data-suggested-urgency="fast"' in html
    assert "safety" in html.split('data-suggested-fast-response-reasons="')[1].split('"')[0]
    assert 'name="suggested_fast_response_reasons" value="safety"' in html
    assert "人身或财产安全受到侵害" in html


def test_an_empty_description_shows_only_the_hint(client_for, org):
    html = suggestions(client_for(org.operator), "   ")

    assert "data-suggestions-empty" in html
    assert "data-suggested-line" not in html


SUGGESTED = {
    "suggested_line": "prepaid", "suggested_category": "健身", "suggested_urgency": "normal",
    "suggested_requests": ["退款"],
}  # fmt: skip
KEPT = {**VALID, "description": GYM, "line": "prepaid", "product_category": "健身", "requests": ["退款"]}


def test_registering_with_a_changed_line_stores_the_correction(client_for, org):
    response = client_for(org.operator).post(reverse("ui:intake"), {**KEPT, **SUGGESTED, "line": "general"})

    assert response.status_code == 302
    order = WorkOrder.objects.get()
    correction = ClassificationCorrection.objects.get()
    assert (correction.field, correction.suggested, correction.chosen) == ("line", "prepaid", "general")
    assert (correction.order, correction.staff, correction.text) == (order, org.operator, order.description)


def test_registering_with_the_suggestion_kept_stores_none(client_for, org):
    response = client_for(org.operator).post(reverse("ui:intake"), {**KEPT, **SUGGESTED})

    assert response.status_code == 302
    assert WorkOrder.objects.get().line == "prepaid"
    assert not ClassificationCorrection.objects.exists()


@pytest.mark.parametrize("line", ["", "general"])
def test_registering_without_a_suggestion_shown_stores_none(client_for, org, line):
    client_for(org.operator).post(reverse("ui:intake"), {**KEPT, "line": line})

    assert WorkOrder.objects.exists()
    assert not ClassificationCorrection.objects.exists()
