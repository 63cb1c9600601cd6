"""draft_fill and the intake corrections, on the shipped corpus's classifier and the taxonomy's
rules and codes (hence the database)."""

import pytest

from jiesu.intelligence.models import ClassificationCorrection
from jiesu.intelligence.suggestions import draft_fill, suggest, suggestion_corrections_record
from jiesu.orders.intake import OrderDraft
from jiesu.orders.tests.factories import register

GYM = "我在小区门口的健身房办了年卡，交了3000元，现在健身房突然关门了，老板联系不上，要求退款。"
LIFT = "商场电梯突然停了，我和孩子被困在电梯里二十分钟，物业一直没人来。"

pytestmark = pytest.mark.django_db


def draft(**values) -> OrderDraft:
    return OrderDraft(type="complaint", channel="hotline_12315", **values)


def test_missing_fields_are_filled_from_the_description():
    filled = draft_fill(draft(description=GYM))

    assert filled.line == "prepaid"
    assert filled.product_category == "健身"
    assert "退款" in filled.requests
    assert filled.issue
    assert (filled.urgency, filled.fast_response_reasons) == ("normal", [])


def test_given_values_are_never_overridden():
    given = draft(description=GYM, line="general", product_category="服装鞋帽", requests=["赔偿"], issue="质量")
    filled = draft_fill(given)

    assert (filled.line, filled.product_category, filled.requests, filled.issue) == ("general", "服装鞋帽", ["赔偿"], "质量")


@pytest.mark.parametrize("urgency", ["", "normal"])
def test_a_default_urgency_is_raised_to_fast_with_the_danger_found(urgency):
    filled = draft_fill(draft(description=LIFT, urgency=urgency))

    assert filled.urgency == "fast"
    assert "safety" in filled.fast_response_reasons


@pytest.mark.parametrize(("urgency", "reasons"), [("urgent", []), ("normal", ["leader"])])
def test_an_urgency_given_with_intent_is_kept(urgency, reasons):
    filled = draft_fill(draft(description=LIFT, urgency=urgency, fast_response_reasons=list(reasons)))

    assert (filled.urgency, filled.fast_response_reasons) == (urgency, reasons)


def test_an_empty_description_suggests_nothing_and_fills_nothing():
    assert suggest(description="  ") is None
    assert draft_fill(draft(description="")).line == ""


def test_only_fields_the_operator_changed_become_corrections(org):
    order = register(org.operator, description=GYM, line="general", requests=["退款"], product_category="健身")
    suggested = {"line": "prepaid", "requests": ["退款"], "category": "健身", "urgency": "normal",
                 "fast_response_reasons": []}  # fmt: skip

    recorded = suggestion_corrections_record(actor=org.operator, order=order, suggested=suggested)

    stored = ClassificationCorrection.objects.get()
    assert recorded == [stored]
    assert (stored.field, stored.suggested, stored.chosen, stored.order) == ("line", "prepaid", "general", order)


def test_a_suggested_value_that_is_no_label_is_ignored(org):
    order = register(org.operator, description=GYM, line="general")

    assert suggestion_corrections_record(actor=org.operator, order=order, suggested={"line": "bakery"}) == []
    assert not ClassificationCorrection.objects.exists()
