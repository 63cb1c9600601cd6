"""POST /api/v1/orders/{number}/actions/{action}: every action over HTTP on a legal path, and the
409 / 403 / 400 refusals that leave the order as it was."""

import pytest

from jiesu.api.models import IdempotencyRecord
from jiesu.api.tests.conftest import ORDER_BODY
from jiesu.merchants.services import merchant_create
from jiesu.orders.models import OrderEvent, WorkOrder
from jiesu.orders.tests.factories import register, walk


@pytest.fixture
def as_(api_as):
    """Clients per username, made once per test: `as_("handler_a1").act(...)`."""
    clients = {}

    def get(username):
        if username not in clients:
            clients[username] = api_as(username)
        return clients[username]

    return get


def new_order(as_, **changes) -> str:
    body = {k: v for k, v in ORDER_BODY.items() if k != "received_at"}  # now: deadlines still open
    response = as_("operator").post("/orders", {**body, **changes})
    assert response.status_code == 201, response.json()
    return response.json()["number"]


def step(as_, username, number, action, body=None, *, status=None):
    response = as_(username).act(number, action, body if body is not None else {})
    assert response.status_code == 200, (action, response.json())
    order = response.json()
    assert order["events"][-1]["action"] == action
    if status is not None:
        assert order["status"] == status
    return order


def test_a_complaint_walked_from_registration_to_archive(as_):
    n = new_order(as_)
    step(as_, "dispatcher", n, "dispatch", {"department": "office-a1", "handler": "handler_a1", "note": "请尽快联系"},
         status="dispatched")
    step(as_, "handler_a1", n, "accept", {"note": "属本所受理范围"}, status="in_progress")
    order = step(as_, "handler_a1", n, "contact", {"method": "phone", "summary": "已电话联系诉求人"})
    assert order["deadlines"][0]["kind"] == "acknowledge" and order["deadlines"][0]["met_at"].endswith("+08:00")
    step(as_, "handler_a1", n, "arrive", {"note": "到店核实"})
    order = step(as_, "handler_a1", n, "mediate", {"result": "success", "agreement": "商家同意退货", "recovered_amount": "299.00"})
    assert order["results"]["recovered_amount"] == "299.00"
    step(as_, "handler_a1", n, "conclude", {"outcome": "mediated", "reply": "已调解，商家退货退款。"}, status="concluded")
    step(as_, "dispatcher", n, "review", {"approve": True}, status="concluded")
    order = step(as_, "visitor", n, "visit", {"reached": True, "resolved": True, "satisfaction": "satisfied",
                                              "comment": "满意"}, status="visited")
    assert order["satisfaction"] == "satisfied" and order["resolved"] is True
    step(as_, "visitor", n, "close", None, status="closed")
    order = step(as_, "dispatcher", n, "reopen", {"reason": "回头看：诉求人反映未退款"}, status="in_progress")

    assert order["outcome"] is None
    assert [e["action"] for e in order["events"]] == [
        "register", "dispatch", "accept", "contact", "arrive", "mediate", "conclude", "review", "visit",
        "close", "reopen",
    ]


def test_handling_side_actions_while_in_progress(as_):
    n = new_order(as_)
    step(as_, "dispatcher", n, "dispatch", {"department": "office-a1"})
    step(as_, "leader_a1", n, "assign", {"handler": "handler_a1b"})
    step(as_, "handler_a1b", n, "accept")
    order = step(as_, "handler_a1b", n, "extend", {"working_days": 10, "reason": "需要检测鉴定"})
    assert order["pending_extension_days"] == 10
    order = step(as_, "leader_a1", n, "approve_extension", None)
    assert order["pending_extension_days"] is None
    step(as_, "handler_a1b", n, "extend", {"working_days": 5, "reason": "再次申请"})
    order = step(as_, "leader_a1", n, "deny_extension", {"reason": "时限充足"})
    assert order["pending_extension_days"] is None
    order = step(as_, "leader_a1", n, "escalate", {"reason": "群体投诉，领导包案"})
    assert "escalated" in order["flags"]
    step(as_, "handler_a1b", n, "add_cohandler", {"department": "office-a2", "reason": "涉及金融街门店"})
    order = step(as_, "handler_a1b", n, "mediate", {"result": "terminated", "ground": "respondent_refused"})
    assert order["results"]["mediation_result"] == "terminated"
    step(as_, "handler_a1b", n, "conclude", {"outcome": "mediation_terminated", "reply": "被投诉人不同意调解。"},
         status="concluded")
    step(as_, "dispatcher", n, "review", {"approve": False, "reason": "未说明后续途径"}, status="in_progress")
    assert as_("handler_a2").get(f"/orders/{n}").status_code == 200  # the co-handler now sees it


def test_return_then_transfer(as_):
    n = new_order(as_)
    step(as_, "dispatcher", n, "dispatch", {"department": "office-a1"})
    order = step(as_, "handler_a1", n, "return", {"reason": "不属于本所辖区"}, status="returned")
    assert order["department"] is None
    order = step(as_, "dispatcher", n, "transfer", {"department": "housing", "reason": "属住建委职责"},
                 status="transferred")
    assert order["results"]["transfer_department"] == "housing"


def test_not_accept(as_):
    n = new_order(as_)
    step(as_, "dispatcher", n, "dispatch", {"department": "office-a1"})
    order = step(as_, "handler_a1", n, "not_accept", {"ground": "time_barred", "explanation": "已超过三年"},
                 status="concluded")
    assert order["outcome"] == "not_accepted"
    assert order["results"]["not_accept_ground"] == "time_barred"


def test_a_consultation_is_answered_on_the_spot(as_):
    n = new_order(as_, type="consultation", requests=["解答"])
    order = step(as_, "operator", n, "answer", {"answer": "七日无理由退货适用于网购。"}, status="concluded")
    assert order["outcome"] == "answered"


def test_a_report_becomes_a_case(as_):
    n = new_order(as_, type="report", requests=["查处"])
    step(as_, "dispatcher", n, "dispatch", {"department": "office-a1"})
    step(as_, "handler_a1", n, "accept")
    order = step(as_, "handler_a1", n, "file_case", {"case_number": "京西市监立〔2025〕12号"})
    assert order["results"]["case_number"] == "京西市监立〔2025〕12号"
    order = step(as_, "handler_a1", n, "conclude", {"outcome": "case_filed", "reply": "已立案调查。"}, status="concluded")
    assert order["outcome"] == "case_filed"


def test_withdraw(as_):
    n = new_order(as_)
    order = step(as_, "operator", n, "withdraw", {"reason": "诉求人已与商家和解"}, status="concluded")
    assert order["outcome"] == "withdrawn"


def test_exclusion_is_requested_by_the_department_and_decided_by_the_centre(as_):
    n = new_order(as_)
    step(as_, "dispatcher", n, "dispatch", {"department": "office-a1"})
    order = step(as_, "handler_a1", n, "request_exclusion", {"reason_code": "malicious", "reason": "职业索赔"})
    assert order["exclusion"] == "requested"
    denied = as_("leader_a1").act(n, "decide_exclusion", {"approve": True})
    assert denied.status_code == 403
    order = step(as_, "centre_leader", n, "decide_exclusion", {"approve": True})
    assert order["exclusion"] == "excluded" and "excluded" in order["flags"]


def test_odr_fails_then_settles(as_):
    merchant = merchant_create(name="某某电商平台", credit_code="91110000802100433B", is_odr=True)
    n = new_order(as_)
    order = step(as_, "operator", n, "send_to_odr", {"merchant": merchant.pk}, status="odr")
    assert "odr" in {d["kind"] for d in order["deadlines"]}
    step(as_, "operator", n, "odr_fail", {"reason": "企业未在时限内处理"}, status="registered")
    step(as_, "dispatcher", n, "send_to_odr", {"merchant": "91110000802100433B"}, status="odr")
    order = step(as_, "dispatcher", n, "odr_settle", {"settlement": "企业同意退款"}, status="concluded")
    assert order["outcome"] == "odr_settled"


def test_a_move_the_status_forbids_is_409_and_writes_nothing(org, as_):
    order = register(org.operator)
    events = OrderEvent.objects.count()

    response = as_("visitor").act(order.number, "close", None, key="close-1")

    assert response.status_code == 409
    assert response.json() == {
        "error": "invalid_transition", "detail": "工单当前状态为“已登记”，不能执行“归档”", "fields": {},
    }
    assert OrderEvent.objects.count() == events
    assert WorkOrder.objects.get(pk=order.pk).status == "registered"
    assert not IdempotencyRecord.objects.exists()


def test_a_role_that_may_not_take_the_action_is_403(org, as_):
    order = register(org.operator)

    response = as_("operator").act(order.number, "dispatch", {"department": "office-a1"})

    assert response.status_code == 403
    assert response.json() == {"error": "forbidden", "detail": "您的角色不能执行“派单”", "fields": {}}
    assert WorkOrder.objects.get(pk=order.pk).department is None


def test_a_blank_reason_is_400_naming_the_field(org, as_):
    order = walk(register(org.operator), org, "dispatch")

    response = as_("handler_a1").act(order.number, "return", {"reason": "   "})

    assert response.status_code == 400
    assert response.json() == {"error": "validation_error", "detail": "reason: 请填写退单理由",
                               "fields": {"reason": ["请填写退单理由"]}}
    assert WorkOrder.objects.get(pk=order.pk).status == "dispatched"


def test_a_missing_or_unknown_code_in_an_action_body_is_422(org, as_):
    order = walk(register(org.operator), org, "dispatch", "accept")

    response = as_("handler_a1").act(order.number, "contact", {"method": "pigeon"})

    assert response.status_code == 422
    assert set(response.json()["fields"]) == {"method", "summary"}
    assert response.json()["fields"]["summary"] == ["必填"]


def test_dispatch_to_an_unknown_department_names_the_field(org, as_):
    order = register(org.operator)

    response = as_("dispatcher").act(order.number, "dispatch", {"department": "atlantis"})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["department"]
