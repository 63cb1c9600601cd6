"""POST /api/v1/orders fills what the caller left for the classifier (api-v1.md: `line`,
`product.category` and `urgency` may be left out) and keeps every value the caller gave."""

from jiesu.api.tests.conftest import ORDER_BODY
from jiesu.orders.models import WorkOrder

GYM = "我在小区门口的健身房办了年卡，交了3000元，现在健身房突然关门了，老板联系不上，要求退款。"
LIFT = "商场电梯突然停了，我和孩子被困在电梯里二十分钟，物业一直没人来。"


def body(**changes):
    return {**ORDER_BODY, "product": {**ORDER_BODY["product"], "category": None}, "requests": [],
            "line": None, "respondent": {**ORDER_BODY["respondent"], "name": "某某健身"}, **changes}  # fmt: skip


def test_line_category_and_requests_left_out_are_filled_from_the_description(api_as):
    response = api_as("operator").post("/orders", body(description=GYM))

    assert response.status_code == 201
    order = response.json()
    assert order["line"] == "prepaid"
    assert "退款" in order["requests"]
    assert order["product"]["category"] == "健身"
    assert WorkOrder.objects.get(number=order["number"]).issue  # not in the body: filled too


def test_values_the_caller_gave_are_kept(api_as):
    given = body(description=GYM, line="general", requests=["赔偿"], product={**ORDER_BODY["product"]})
    order = api_as("operator").post("/orders", given).json()

    assert order["line"] == "general"
    assert order["requests"] == ["赔偿"]
    assert order["product"]["category"] == "服装鞋帽"


def test_a_danger_in_the_text_raises_an_omitted_or_normal_urgency_to_fast_with_its_reason(api_as):
    api = api_as("operator")
    omitted = {k: v for k, v in body(description=LIFT).items() if k != "urgency"}
    for sent in (omitted, body(description=LIFT, urgency="normal")):
        order = api.post("/orders", sent).json()
        assert order["urgency"] == "fast"
        assert "safety" in order["fast_response_reasons"]


def test_urgency_given_other_than_normal_is_kept(api_as):
    order = api_as("operator").post("/orders", body(description=LIFT, urgency="urgent")).json()

    assert order["urgency"] == "urgent"
    assert order["fast_response_reasons"] == []


def test_fast_response_reasons_given_are_kept(api_as):
    order = api_as("operator").post("/orders", body(description=LIFT, fast_response_reasons=["leader"])).json()

    assert (order["urgency"], order["fast_response_reasons"]) == ("fast", ["leader"])
