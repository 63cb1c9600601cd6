"""One do_<action>() per row of the transition table (style.md rules 4 and 5).

Each one locks the order, re-reads it, checks scope, state and role, validates its input, changes
the row, moves the deadlines and writes one immutable event, all in one transaction. Nothing else
in jiesu assigns WorkOrder.status. A refusal raises before any write, so it leaves no trace.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from jiesu.core import clock
from jiesu.core.errors import Forbidden, InvalidTransition, field_error
from jiesu.deadlines.choices import DeadlineKind as K
from jiesu.deadlines.choices import DeadlineState
from jiesu.deadlines.models import Deadline
from jiesu.deadlines.services import (
    deadline_create_planned,
    deadline_extend,
    deadline_meet,
    deadline_next_due,
    deadline_pause,
    deadline_plan,
    deadline_recompute,
    deadline_resume,
    deadline_start,
    deadline_stop,
)
from jiesu.merchants.models import Merchant
from jiesu.merchants.services import merchant_match_or_create
from jiesu.orders.choices import (
    CONCLUDE_OUTCOMES,
    ON_SITE_REASONS,
    Action,
    Channel,
    ContactMethod,
    ExclusionReason,
    ExclusionState,
    Flag,
    MediationResult,
    NotAcceptGround,
    OrderType,
    Outcome,
    Satisfaction,
    Status,
    TerminationGround,
    Urgency,
)
from jiesu.orders.fast_response import directive_send, fast_response_team_for
from jiesu.orders.intake import OrderDraft, draft_validate
from jiesu.orders.models import OrderEvent, WorkOrder
from jiesu.orders.services import flag_add, order_number_next
from jiesu.orders.signals import order_registered
from jiesu.orders.workflow.events import record_event
from jiesu.orders.workflow.rules import (
    check_transition,
    lock_order,
    order_in_actor_scope,
    require_department_in_scope,
    status_allows,
)
from jiesu.orders.workflow.transitions import TRANSITIONS, Transition
from jiesu.organisations.choices import DepartmentKind, Role
from jiesu.organisations.models import Department, Staff
from jiesu.organisations.scope import sees_everything
from jiesu.taxonomy.selectors import Kind, taxonomy_resolve

#: Deadlines started at registration; each applies only where a DeadlinePolicy row matches the order.
REGISTRATION_DEADLINES = (K.ACKNOWLEDGE, K.ACCEPT_DECISION, K.VERIFY, K.CONCLUDE_12345, K.DISPATCH_FAST)
#: Deadlines that measure the handling itself and are met by its conclusion.
HANDLING_DEADLINES = (K.CONCLUDE, K.VERIFY, K.CONCLUDE_12345, K.FEEDBACK_FAST, K.NOTIFY_REPORTER, K.ACCEPT_DECISION)


def _text(value, name: str, message: str, *, max_length: int = 2000) -> str:
    value = (value or "").strip()
    if not value:
        raise field_error(name, message)
    if len(value) > max_length:
        raise field_error(name, _("不能超过 %(n)d 字") % {"n": max_length})
    return value


def _choice(value, choices, name: str) -> str:
    if value not in choices.values:
        raise field_error(name, _("无效的选项：%(value)s") % {"value": value})
    return value


def _finish(order: WorkOrder, step: Transition, actor, previous: str, data: dict, fields=()) -> WorkOrder:
    """Move the status per the table, refresh the nearest due time and write the event."""
    if step.target is not None:
        order.status = step.target
    order.next_due_at = deadline_next_due(order=order)
    order.save(update_fields=sorted({*fields, "status", "next_due_at", "updated_at"}))
    record_event(order=order, action=step.action, actor=actor, from_status=previous, data=data)
    return order


def _begin(order: WorkOrder, action: Action, actor: Staff) -> tuple[WorkOrder, Transition, str]:
    order = lock_order(order.pk)
    step = check_transition(order, action, actor)
    return order, step, order.status


def _resolve_department(value, name: str) -> Department:
    if isinstance(value, Department):
        return value
    department = Department.objects.filter(code=value, is_active=True).first() if value else None
    if department is None:
        raise field_error(name, _("部门不存在：%(code)s") % {"code": value or ""})
    return department


def _resolve_staff(value, name: str) -> Staff:
    if isinstance(value, Staff):
        return value
    staff = Staff.objects.select_related("department").filter(username=value, is_active=True).first() if value else None
    if staff is None:
        raise field_error(name, _("人员不存在：%(name)s") % {"name": value or ""})
    return staff


def _require_handler_of(department: Department, handler: Staff, name: str) -> None:
    if handler.department_id is None or not handler.department.path.startswith(department.path):
        raise field_error(name, _("承办人必须属于承办单位"))
    if not handler.has_role(Role.HANDLER, Role.LEADER):
        raise field_error(name, _("该人员不是承办人"))


@transaction.atomic
def do_register(*, actor: Staff, draft: OrderDraft) -> WorkOrder:
    """Take an order in (登记). The first receiver answers for it until it is handed on
    (首接负责制), so the actor's department is recorded as the intake department."""
    step = TRANSITIONS[Action.REGISTER]
    if not actor.has_role(*step.roles):
        raise Forbidden(_("您的角色不能登记工单"))
    draft = draft_validate(draft)
    merchant = merchant_match_or_create(
        name=draft.respondent_name, credit_code=draft.respondent_credit_code, address=draft.respondent_address
    )
    order = WorkOrder(
        number=order_number_next(day=clock.local(draft.received_at).date()),
        type=draft.type,
        channel=draft.channel,
        status=Status.REGISTERED,
        urgency=draft.urgency,
        fast_response_reasons=draft.fast_response_reasons,
        line=draft.line,
        category=draft.product_category,
        issue=draft.issue or "",
        received_at=draft.received_at,
        complainant_name=draft.complainant_name,
        complainant_phone=draft.complainant_phone,
        complainant_id_number=draft.complainant_id_number,
        complainant_address=draft.complainant_address,
        anonymous=draft.anonymous,
        respondent_name=draft.respondent_name,
        respondent_credit_code=draft.respondent_credit_code,
        respondent_address=draft.respondent_address,
        merchant=merchant,
        product_name=draft.product_name,
        product_brand=draft.product_brand,
        product_amount=draft.product_amount,
        purchased_on=draft.purchased_on,
        purchase_channel=draft.purchase_channel,
        requests=draft.requests,
        description=draft.description,
        intake_department=actor.department,
        registered_by=actor,
        flags=[Flag.FAST_RESPONSE] if draft.fast_response_reasons else [],
    )
    planned = deadline_plan(order=order, kinds=REGISTRATION_DEADLINES, start=order.received_at)
    order.next_due_at = min((d.due_at for d in planned), default=None)
    order.save()
    deadline_create_planned(order=order, deadlines=planned)
    event = record_event(
        order=order,
        action=Action.REGISTER,
        actor=actor,
        from_status="",
        data={"type": order.type, "channel": order.channel, "urgency": order.urgency},
    )
    # A new order has exactly these rows; the answer to the registration reads them from here.
    order._prefetched_objects_cache = {"deadlines": planned, "events": [event], "attachments": []}
    order_registered.send(sender=WorkOrder, order=order)
    return _direct_fast_response(order) if order.is_fast else order


@transaction.atomic
def do_answer(*, order: WorkOrder, actor: Staff, answer: str) -> WorkOrder:
    """Answer a consultation on the spot; only consultations end this way."""
    order, step, previous = _begin(order, Action.ANSWER, actor)
    if order.type != OrderType.CONSULTATION:
        raise InvalidTransition(_("只有咨询可以直接解答办结"))
    order.reply = _text(answer, "answer", _("请填写解答内容"), max_length=5000)
    order.outcome = Outcome.ANSWERED
    order.concluded_at = clock.now()
    deadline_meet(order=order, kinds=[K.ACKNOWLEDGE, K.DISPATCH_FAST, K.CONCLUDE_12345])
    deadline_stop(order=order)
    return _finish(order, step, actor, previous, {"answer": order.reply}, ["reply", "outcome", "concluded_at"])


@transaction.atomic
def do_send_to_odr(*, order: WorkOrder, actor: Staff, merchant) -> WorkOrder:
    """Hand a complaint to an ODR enterprise for self-resolution (10 working days by default)."""
    order, step, previous = _begin(order, Action.SEND_TO_ODR, actor)
    if order.type != OrderType.COMPLAINT:
        raise InvalidTransition(_("只有投诉可以转企业ODR处理"))
    if not isinstance(merchant, Merchant):
        merchant = Merchant.objects.filter(pk=merchant).first() if str(merchant or "").isdigit() else (
            Merchant.objects.filter(credit_code=merchant).first() if merchant else None
        )
    if merchant is None or not merchant.is_odr:
        raise field_error("merchant", _("请选择已入驻的ODR企业"))
    order.odr_merchant = merchant
    deadline_start(order=order, kind=K.ODR, start=clock.now())
    return _finish(order, step, actor, previous, {"merchant": merchant}, ["odr_merchant"])


@transaction.atomic
def do_odr_settle(*, order: WorkOrder, actor: Staff, settlement: str) -> WorkOrder:
    order, step, previous = _begin(order, Action.ODR_SETTLE, actor)
    text = _text(settlement, "settlement", _("请填写和解情况"), max_length=5000)
    order.outcome = Outcome.ODR_SETTLED
    order.reply = text
    order.concluded_at = clock.now()
    deadline_meet(order=order, kinds=[K.ODR, K.ACKNOWLEDGE, K.ACCEPT_DECISION, K.CONCLUDE_12345])
    deadline_stop(order=order)
    deadline_start(order=order, kind=K.VISIT, start=order.concluded_at)
    return _finish(order, step, actor, previous, {"settlement": text}, ["outcome", "reply", "concluded_at"])


@transaction.atomic
def do_odr_fail(*, order: WorkOrder, actor: Staff, reason: str) -> WorkOrder:
    """The enterprise could not settle (or its time ran out): back to the office's queue."""
    order, step, previous = _begin(order, Action.ODR_FAIL, actor)
    text = _text(reason, "reason", _("请填写未能和解的原因"))
    deadline_meet(order=order, kinds=[K.ODR])
    return _finish(order, step, actor, previous, {"reason": text, "merchant": order.odr_merchant})


def _dispatch_moves(order: WorkOrder, department: Department, handler, previous: str) -> None:
    """What handing an order to a department does to it and its clocks, by a person or by rule."""
    now = clock.now()
    order.department = department
    order.handler = handler or None
    order.accepted_at = None
    deadline_meet(order=order, kinds=[K.DISPATCH_FAST])
    if previous == Status.RETURNED:
        deadline_meet(order=order, kinds=[K.RE_RESPOND])
    deadline_start(order=order, kind=K.RETURN_WINDOW, start=now)
    if order.is_fast:
        deadline_start(order=order, kind=K.RESPOND_FAST, start=now)
        if set(order.fast_response_reasons) & ON_SITE_REASONS:
            deadline_start(order=order, kind=K.ARRIVE_FAST, start=now)


def _send_directive(order: WorkOrder, department: Department) -> None:
    if order.is_fast:
        event_id = OrderEvent.objects.filter(order=order, action=Action.DISPATCH).latest("id").pk
        directive_send(order=order, department=department, event_id=event_id)


@transaction.atomic
def do_dispatch(*, order: WorkOrder, actor: Staff, department, handler=None, note: str = "") -> WorkOrder:
    """Send the order to the responsible department (派单). For a fast-response order this is the
    directive to the fast-response team: its 45- and 90-minute clocks start now (seed 002) and the
    directive reaches the whole team at once."""
    order, step, previous = _begin(order, Action.DISPATCH, actor)
    department = _resolve_department(department, "department")
    if department.kind == DepartmentKind.EXTERNAL:
        raise field_error("department", _("外部部门请使用“转办”"))
    if department.sees_everything:
        raise field_error("department", _("不能派单给中心或市局本级"))
    require_department_in_scope(actor, department, "department")
    if handler:
        handler = _resolve_staff(handler, "handler")
        _require_handler_of(department, handler, "handler")
    _dispatch_moves(order, department, handler, previous)
    data = {"department": department, "handler": handler, "note": (note or "").strip()}
    order = _finish(order, step, actor, previous, data, ["department", "handler", "accepted_at"])
    _send_directive(order, department)
    return order


def _direct_fast_response(order: WorkOrder) -> WorkOrder:
    """Seed 002: the directive goes to the fast-response team of the jurisdiction at once. Where the
    team is set to take directives automatically (`auto_dispatch`), a fast order is dispatched to it
    by rule as it is registered (the event has no actor: the system did it); otherwise the
    15-minute directive clock runs for the dispatcher, who issues it with an ordinary dispatch."""
    team = fast_response_team_for(order)
    if team is None or not team.auto_dispatch:
        return order
    step = status_allows(order, Action.DISPATCH)
    previous = order.status
    order._prefetched_objects_cache = {}  # the dispatch adds deadlines and an event: read them afresh
    _dispatch_moves(order, team, None, previous)
    data = {"department": team, "note": _("快速响应工单，系统按辖区直接向快反分队下达指令")}
    order = _finish(order, step, None, previous, data, ["department", "handler", "accepted_at"])
    _send_directive(order, team)
    return order


def _return_window_open(order: WorkOrder) -> bool:
    window = Deadline.objects.filter(order=order, kind=K.RETURN_WINDOW, state=DeadlineState.RUNNING).first()
    return window is None or clock.now() <= window.due_at


@transaction.atomic
def do_accept(*, order: WorkOrder, actor: Staff, note: str = "") -> WorkOrder:
    """Accept a complaint (受理), or take a report up for verification. The 45-working-day
    conclusion period of an accepted complaint runs from acceptance."""
    order, step, previous = _begin(order, Action.ACCEPT, actor)
    now = clock.now()
    order.accepted_at = now
    if order.handler_id is None and actor.has_role(Role.HANDLER) and not actor.is_admin_role:
        order.handler = actor
    deadline_meet(order=order, kinds=[K.ACCEPT_DECISION, K.RETURN_WINDOW])
    if order.type == OrderType.COMPLAINT:
        deadline_start(order=order, kind=K.CONCLUDE, start=now)
    return _finish(order, step, actor, previous, {"note": (note or "").strip()}, ["accepted_at", "handler"])


@transaction.atomic
def do_not_accept(*, order: WorkOrder, actor: Staff, ground: str, explanation: str) -> WorkOrder:
    """Refuse a complaint on a legal ground (《市场监督管理投诉举报处理暂行办法》第十五条)."""
    order, step, previous = _begin(order, Action.NOT_ACCEPT, actor)
    if order.type == OrderType.CONSULTATION:
        # A consultation is answered, never refused: 第十五条 grounds concern complaints and reports.
        raise InvalidTransition(_("咨询不适用不予受理，请直接解答"))
    order.not_accept_ground = _choice(ground, NotAcceptGround, "ground")
    order.reply = _text(explanation, "explanation", _("请填写不予受理的说明"))
    order.outcome = Outcome.NOT_ACCEPTED
    order.concluded_at = clock.now()
    deadline_meet(order=order, kinds=[K.ACCEPT_DECISION, K.VERIFY, K.ACKNOWLEDGE, K.RETURN_WINDOW])
    deadline_stop(order=order)
    data = {"ground": order.not_accept_ground, "explanation": order.reply}
    return _finish(order, step, actor, previous, data, ["not_accept_ground", "reply", "outcome", "concluded_at"])


@transaction.atomic
def do_return(*, order: WorkOrder, actor: Staff, reason: str) -> WorkOrder:
    """Hand the order back to dispatch as outside this department's remit (退单). Refused once the
    return window has closed: from then on first-receiver responsibility makes this department
    answer for it. The returned order owes the consumer a re-response (re_respond)."""
    order, step, previous = _begin(order, Action.RETURN, actor)
    if not _return_window_open(order):
        raise InvalidTransition(_("已超过退单时限，不能退单"))
    text = _text(reason, "reason", _("请填写退单理由"))
    returned_from = order.department
    order.department = None
    order.handler = None
    deadline_stop(order=order, kinds=[K.RETURN_WINDOW, K.RESPOND_FAST, K.ARRIVE_FAST])
    deadline_start(order=order, kind=K.RE_RESPOND, start=clock.now())
    data = {"reason": text, "department": returned_from}
    return _finish(order, step, actor, previous, data, ["department", "handler"])


@transaction.atomic
def do_transfer(*, order: WorkOrder, actor: Staff, department, reason: str) -> WorkOrder:
    """Hand the order to a department outside the system (转办/移送), e.g. housing or culture."""
    order, step, previous = _begin(order, Action.TRANSFER, actor)
    department = _resolve_department(department, "department")
    if department.kind != DepartmentKind.EXTERNAL:
        raise field_error("department", _("转办对象必须是外部部门"))
    text = _text(reason, "reason", _("请填写转办理由"))
    order.transfer_department = department
    order.department = None
    order.handler = None
    deadline_meet(order=order, kinds=[K.RE_RESPOND, K.DISPATCH_FAST])
    deadline_stop(order=order)
    data = {"department": department, "reason": text}
    return _finish(order, step, actor, previous, data, ["transfer_department", "department", "handler"])


@transaction.atomic
def do_assign(*, order: WorkOrder, actor: Staff, handler) -> WorkOrder:
    order, step, previous = _begin(order, Action.ASSIGN, actor)
    handler = _resolve_staff(handler, "handler")
    _require_handler_of(order.department, handler, "handler")
    order.handler = handler
    return _finish(order, step, actor, previous, {"handler": handler}, ["handler"])


@transaction.atomic
def do_contact(*, order: WorkOrder, actor: Staff, method: str, summary: str) -> WorkOrder:
    """First (or further) contact with the complainant: answers the 24-hour acknowledgement, the
    45-minute fast response and the re-response after a return."""
    order, step, previous = _begin(order, Action.CONTACT, actor)
    method = _choice(method, ContactMethod, "method")
    text = _text(summary, "summary", _("请填写联系情况"))
    now = clock.now()
    fields = []
    if order.contacted_at is None:
        order.contacted_at = now
        fields.append("contacted_at")
    deadline_meet(order=order, kinds=[K.ACKNOWLEDGE, K.RESPOND_FAST, K.RE_RESPOND], at=now)
    return _finish(order, step, actor, previous, {"method": method, "summary": text}, fields)


@transaction.atomic
def do_arrive(*, order: WorkOrder, actor: Staff, note: str = "") -> WorkOrder:
    order, step, previous = _begin(order, Action.ARRIVE, actor)
    now = clock.now()
    fields = []
    if order.arrived_at is None:
        order.arrived_at = now
        fields.append("arrived_at")
    deadline_meet(order=order, kinds=[K.ARRIVE_FAST, K.RESPOND_FAST], at=now)
    return _finish(order, step, actor, previous, {"note": (note or "").strip()}, fields)


@transaction.atomic
def do_extend(*, order: WorkOrder, actor: Staff, working_days: int, reason: str) -> WorkOrder:
    """Ask for more time (延期); it takes effect only when a leader approves."""
    order, step, previous = _begin(order, Action.EXTEND, actor)
    if order.pending_extension_days:
        raise InvalidTransition(_("已有待审批的延期申请"))
    try:
        days = int(working_days)
    except (TypeError, ValueError):
        raise field_error("working_days", _("请填写延期工作日数")) from None
    if not 1 <= days <= 60:
        raise field_error("working_days", _("延期工作日数应在 1 到 60 之间"))
    if not Deadline.objects.filter(
        order=order, kind__in=[K.CONCLUDE, K.VERIFY, K.CONCLUDE_12345], state=DeadlineState.RUNNING
    ).exists():
        raise InvalidTransition(_("没有正在计时的办理时限，无需延期"))
    order.pending_extension_days = days
    order.pending_extension_reason = _text(reason, "reason", _("请填写延期理由"), max_length=500)
    data = {"working_days": days, "reason": order.pending_extension_reason}
    return _finish(order, step, actor, previous, data, ["pending_extension_days", "pending_extension_reason"])


@transaction.atomic
def do_approve_extension(*, order: WorkOrder, actor: Staff) -> WorkOrder:
    order, step, previous = _begin(order, Action.APPROVE_EXTENSION, actor)
    if not order.pending_extension_days:
        raise InvalidTransition(_("没有待审批的延期申请"))
    days = order.pending_extension_days
    deadline = deadline_extend(order=order, kinds=[K.CONCLUDE, K.VERIFY, K.CONCLUDE_12345], working_days=days)
    order.pending_extension_days = None
    order.pending_extension_reason = ""
    data = {"working_days": days, "deadline": deadline.kind, "due_at": deadline.due_at}
    return _finish(order, step, actor, previous, data, ["pending_extension_days", "pending_extension_reason"])


@transaction.atomic
def do_deny_extension(*, order: WorkOrder, actor: Staff, reason: str) -> WorkOrder:
    order, step, previous = _begin(order, Action.DENY_EXTENSION, actor)
    if not order.pending_extension_days:
        raise InvalidTransition(_("没有待审批的延期申请"))
    text = _text(reason, "reason", _("请填写驳回理由"))
    data = {"working_days": order.pending_extension_days, "reason": text}
    order.pending_extension_days = None
    order.pending_extension_reason = ""
    return _finish(order, step, actor, previous, data, ["pending_extension_days", "pending_extension_reason"])


@transaction.atomic
def do_escalate(*, order: WorkOrder, actor: Staff, reason: str, leader=None) -> WorkOrder:
    """A leader takes the order over (提级调度/领导包案)."""
    order, step, previous = _begin(order, Action.ESCALATE, actor)
    leader = _resolve_staff(leader, "leader") if leader else actor
    if not leader.has_role(Role.LEADER):
        raise field_error("leader", _("包案人必须是领导"))
    if not order_in_actor_scope(order, leader):
        # The leader who takes the order over answers for it, so must be able to open and act on it.
        raise field_error("leader", _("包案领导须能查看和办理该工单"))
    text = _text(reason, "reason", _("请填写提级理由"))
    order.escalated_to = leader
    flag_add(order=order, flag=Flag.ESCALATED)
    return _finish(order, step, actor, previous, {"leader": leader, "reason": text}, ["escalated_to", "flags"])


@transaction.atomic
def do_add_cohandler(*, order: WorkOrder, actor: Staff, department, reason: str) -> WorkOrder:
    """Call another department in to help (吹哨报到/协办); the lead stays with the handler."""
    order, step, previous = _begin(order, Action.ADD_COHANDLER, actor)
    department = _resolve_department(department, "department")
    if department.kind == DepartmentKind.EXTERNAL:
        # domain.md "Organisation": an external department is only ever a transfer target.
        raise field_error("department", _("外部部门不能协办，请使用“转办”"))
    if department.pk == order.department_id:
        raise field_error("department", _("协办单位不能是承办单位本身"))
    if order.cohandlers.filter(pk=department.pk).exists():
        raise field_error("department", _("该单位已是协办单位"))
    text = _text(reason, "reason", _("请填写协办事项"))
    order.cohandlers.add(department)
    return _finish(order, step, actor, previous, {"department": department, "reason": text})


@transaction.atomic
def do_mediate(
    *, order: WorkOrder, actor: Staff, result: str, agreement: str = "", ground: str = "", recovered_amount=None
) -> WorkOrder:
    """Record a mediation (调解). A terminated mediation needs its legal ground (第二十二条); the
    recovered amount adds up across mediations (挽回经济损失). For a fast-response order the team
    now owes the directing department feedback within 24 hours."""
    order, step, previous = _begin(order, Action.MEDIATE, actor)
    if order.type != OrderType.COMPLAINT:
        raise InvalidTransition(_("只有投诉可以调解"))
    result = _choice(result, MediationResult, "result")
    if result == MediationResult.TERMINATED:
        ground = _choice(ground, TerminationGround, "ground")
    elif ground:
        raise field_error("ground", _("只有终止调解需要填写依据"))
    amount = Decimal("0")
    if recovered_amount not in (None, ""):
        try:
            amount = Decimal(str(recovered_amount)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            raise field_error("recovered_amount", _("金额格式不正确")) from None
        if amount < 0:
            raise field_error("recovered_amount", _("金额不能为负数"))
    if result == MediationResult.SUCCESS and not (agreement or "").strip():
        raise field_error("agreement", _("调解成功须填写调解协议内容"))
    order.mediation_result = result
    order.mediation_agreement = (agreement or "").strip()
    order.mediation_ground = ground or ""
    order.recovered_amount = (order.recovered_amount or Decimal("0")) + amount
    if order.is_fast:
        deadline_start(order=order, kind=K.FEEDBACK_FAST, start=clock.now())
    data = {"result": result, "agreement": order.mediation_agreement, "ground": ground, "recovered_amount": amount}
    fields = ["mediation_result", "mediation_agreement", "mediation_ground", "recovered_amount"]
    return _finish(order, step, actor, previous, data, fields)


@transaction.atomic
def do_file_case(*, order: WorkOrder, actor: Staff, case_number: str) -> WorkOrder:
    """Convert to an enforcement case (诉转案/立案): this is the case decision a report's verify
    deadline waits for; a named reporter must then be told within 5 working days."""
    order, step, previous = _begin(order, Action.FILE_CASE, actor)
    if order.type == OrderType.CONSULTATION:
        # domain.md glossary (诉转案): only a complaint or a report becomes an enforcement case.
        raise InvalidTransition(_("咨询不能立案"))
    if order.case_number:
        raise InvalidTransition(_("该工单已立案"))
    order.case_number = _text(case_number, "case_number", _("请填写立案编号"), max_length=64)
    now = clock.now()
    deadline_meet(order=order, kinds=[K.VERIFY], at=now)
    if order.type == OrderType.REPORT and not order.anonymous:
        deadline_start(order=order, kind=K.NOTIFY_REPORTER, start=now)
    return _finish(order, step, actor, previous, {"case_number": order.case_number}, ["case_number"])


@transaction.atomic
def do_conclude(*, order: WorkOrder, actor: Staff, outcome: str, reply: str) -> WorkOrder:
    """Finish handling with an outcome and the reply to the complainant (this is also the feedback
    to the dispatcher). The outcome must agree with what was recorded: "mediated" needs a
    successful mediation, "case_filed" a case number."""
    order, step, previous = _begin(order, Action.CONCLUDE, actor)
    allowed = CONCLUDE_OUTCOMES[OrderType(order.type)]
    if outcome not in allowed:
        raise field_error("outcome", _("该类型工单不能以“%(o)s”办结") % {"o": outcome})
    needs = {
        Outcome.MEDIATED: MediationResult.SUCCESS,
        Outcome.MEDIATION_FAILED: MediationResult.FAILED,
        Outcome.MEDIATION_TERMINATED: MediationResult.TERMINATED,
    }
    if outcome in needs and order.mediation_result != needs[outcome]:
        raise field_error("outcome", _("办结结果与调解记录不一致，请先记录调解"))
    if outcome == Outcome.CASE_FILED and not order.case_number:
        raise field_error("outcome", _("请先立案并填写立案编号"))
    if order.pending_extension_days:
        raise InvalidTransition(_("延期申请尚未审批"))
    order.outcome = outcome
    order.reply = _text(reply, "reply", _("请填写答复诉求人的内容"), max_length=5000)
    now = clock.now()
    order.concluded_at = now
    order.review_state = ""
    deadline_meet(order=order, kinds=HANDLING_DEADLINES, at=now)
    deadline_stop(order=order)
    deadline_start(order=order, kind=K.VISIT, start=now)
    data = {"outcome": outcome, "reply": order.reply}
    return _finish(order, step, actor, previous, data, ["outcome", "reply", "concluded_at", "review_state"])


@transaction.atomic
def do_review(*, order: WorkOrder, actor: Staff, approve: bool, reason: str = "") -> WorkOrder:
    """The dispatcher checks the result: approve, or send it back to handling with a reason, which
    revives the handling deadline it had met (the work was not in fact finished)."""
    order, step, previous = _begin(order, Action.REVIEW, actor)
    if order.review_state == "approved":
        raise InvalidTransition(_("该办理结果已审核通过"))
    if order.outcome in (Outcome.NOT_ACCEPTED, Outcome.WITHDRAWN, Outcome.ANSWERED, Outcome.ODR_SETTLED) and not approve:
        raise InvalidTransition(_("该结果不经承办单位办理，不能退回重办"))
    if approve:
        order.review_state = "approved"
        return _finish(order, step, actor, previous, {"approve": True, "reason": (reason or "").strip()}, ["review_state"])
    text = _text(reason, "reason", _("请填写退回重办的理由"))
    order.review_state = "sent_back"
    order.status = Status.IN_PROGRESS
    order.outcome = ""
    order.concluded_at = None
    deadline_stop(order=order, kinds=[K.VISIT])
    last_met = (
        Deadline.objects.filter(order=order, kind__in=[K.CONCLUDE, K.VERIFY, K.CONCLUDE_12345], state=DeadlineState.MET)
        .order_by("-met_at")
        .first()
    )
    if last_met is not None:
        Deadline.objects.filter(pk=last_met.pk).update(state=DeadlineState.RUNNING, met_at=None)
    data = {"approve": False, "reason": text}
    return _finish(order, step, actor, previous, data, ["review_state", "outcome", "concluded_at"])


@transaction.atomic
def do_request_exclusion(*, order: WorkOrder, actor: Staff, reason_code: str, reason: str) -> WorkOrder:
    """Ask the centre to exclude an unreasonable order from assessment (剔除, seed 000)."""
    order, step, previous = _begin(order, Action.REQUEST_EXCLUSION, actor)
    if order.exclusion_state in (ExclusionState.REQUESTED, ExclusionState.EXCLUDED):
        raise InvalidTransition(_("已申请或已剔除"))
    order.exclusion_reason_code = _choice(reason_code, ExclusionReason, "reason_code")
    order.exclusion_reason = _text(reason, "reason", _("请填写剔除理由"))
    order.exclusion_state = ExclusionState.REQUESTED
    data = {"reason_code": order.exclusion_reason_code, "reason": order.exclusion_reason}
    return _finish(order, step, actor, previous, data, ["exclusion_state", "exclusion_reason_code", "exclusion_reason"])


@transaction.atomic
def do_decide_exclusion(*, order: WorkOrder, actor: Staff, approve: bool, reason: str = "") -> WorkOrder:
    """The centre decides an exclusion request; a district cannot exclude its own orders."""
    order, step, previous = _begin(order, Action.DECIDE_EXCLUSION, actor)
    if not sees_everything(actor):
        raise Forbidden(_("剔除须由中心审批"))
    if order.exclusion_state != ExclusionState.REQUESTED:
        raise InvalidTransition(_("没有待审批的剔除申请"))
    if approve:
        order.exclusion_state = ExclusionState.EXCLUDED
        flag_add(order=order, flag=Flag.EXCLUDED)
    else:
        order.exclusion_state = ExclusionState.REJECTED
        _text(reason, "reason", _("请填写不予剔除的理由"))
    data = {"approve": bool(approve), "reason": (reason or "").strip()}
    return _finish(order, step, actor, previous, data, ["exclusion_state", "flags"])


@transaction.atomic
def do_visit(
    *, order: WorkOrder, actor: Staff, reached: bool, resolved=None, satisfaction: str = "", comment: str = ""
) -> WorkOrder:
    """Return visit (回访), only after conclusion (seed 000: visiting before the result is known
    annoys callers and spoils the rates). An unreachable complainant is tried again; after the
    deployment's number of attempts the visit is recorded as not reached."""
    order, step, previous = _begin(order, Action.VISIT, actor)
    now = clock.now()
    order.visit_attempts += 1
    comment = (comment or "").strip()
    if not reached:
        if order.visit_attempts < settings.JIESU_VISIT_MAX_ATTEMPTS:
            order.next_due_at = deadline_next_due(order=order)
            order.save(update_fields=["visit_attempts", "next_due_at", "updated_at"])
            record_event(
                order=order, action=Action.VISIT, actor=actor, from_status=previous,
                data={"reached": False, "attempt": order.visit_attempts, "comment": comment},
            )
            return order
        order.visit_reached = False
    else:
        if resolved is None:
            raise field_error("resolved", _("请选择是否解决"))
        order.satisfaction = _choice(satisfaction, Satisfaction, "satisfaction")
        order.visit_reached = True
        order.resolved = bool(resolved)
    order.visit_comment = comment
    order.visited_at = now
    deadline_meet(order=order, kinds=[K.VISIT], at=now)
    data = {
        "reached": bool(reached), "resolved": order.resolved, "satisfaction": order.satisfaction,
        "comment": comment, "attempt": order.visit_attempts,
    }
    fields = ["visit_attempts", "visit_reached", "resolved", "satisfaction", "visit_comment", "visited_at"]
    return _finish(order, step, actor, previous, data, fields)


@transaction.atomic
def do_close(*, order: WorkOrder, actor: Staff) -> WorkOrder:
    order, step, previous = _begin(order, Action.CLOSE, actor)
    deadline_stop(order=order)
    return _finish(order, step, actor, previous, {})


def close_by_rule(*, order_id: int) -> WorkOrder:
    """domain.md: close is automatic after a visit. The worker archives visited orders once
    JIESU_CLOSE_AFTER_VISIT_HOURS have passed (time for the dispatcher to reopen one whose visit
    went badly first); the event has no actor because the system did it."""
    order = lock_order(order_id)
    step = status_allows(order, Action.CLOSE)
    previous = order.status
    deadline_stop(order=order)
    return _finish(order, step, None, previous, {"note": _("回访完成，系统自动归档")})


@transaction.atomic
def do_reopen(*, order: WorkOrder, actor: Staff, reason: str) -> WorkOrder:
    """Reopen an unsatisfied or unresolved order (回头看): back to its department with a new
    handling period; the earlier result stays in the timeline."""
    order, step, previous = _begin(order, Action.REOPEN, actor)
    if order.department_id is None:
        raise InvalidTransition(_("该工单未经承办单位办理，请重新登记"))
    text = _text(reason, "reason", _("请填写重新办理的理由"))
    now = clock.now()
    data = {"reason": text, "previous_outcome": order.outcome}
    order.outcome = ""
    order.concluded_at = None
    order.review_state = ""
    # The next conclusion gets a visit of its own: attempts and answers of the first one stay in the
    # timeline; left on the row they would count against the new visit's attempts and the rates.
    order.visit_attempts = 0
    order.visited_at = None
    order.visit_reached = None
    order.resolved = None
    order.satisfaction = ""
    order.visit_comment = ""
    deadline_stop(order=order)
    deadline_start(order=order, kind=K.CONCLUDE, start=now)
    visit_fields = ["visit_attempts", "visited_at", "visit_reached", "resolved", "satisfaction", "visit_comment"]
    return _finish(order, step, actor, previous, data, ["outcome", "concluded_at", "review_state", *visit_fields])


@transaction.atomic
def do_withdraw(*, order: WorkOrder, actor: Staff, reason: str) -> WorkOrder:
    order, step, previous = _begin(order, Action.WITHDRAW, actor)
    text = _text(reason, "reason", _("请填写撤回说明"))
    order.outcome = Outcome.WITHDRAWN
    order.reply = text
    order.concluded_at = clock.now()
    deadline_stop(order=order)
    return _finish(order, step, actor, previous, {"reason": text}, ["outcome", "reply", "concluded_at"])


#: The clocks testing or appraisal stops: those of the handling, not the 24-hour answer to the caller.
PAUSABLE_DEADLINES = (K.CONCLUDE, K.VERIFY, K.CONCLUDE_12345, K.ACCEPT_DECISION, K.NOTIFY_REPORTER)


@transaction.atomic
def do_pause_clock(*, order: WorkOrder, actor: Staff, reason: str) -> WorkOrder:
    """Stop the handling clock while testing, inspection or appraisal (检验、检测、鉴定) runs: that
    time does not count (domain.md "Deadlines"), and nobody is urged meanwhile."""
    order, step, previous = _begin(order, Action.PAUSE_CLOCK, actor)
    text = _text(reason, "reason", _("请填写暂停计时的原因（如送检、鉴定）"), max_length=200)
    running = Deadline.objects.filter(order=order, kind__in=PAUSABLE_DEADLINES, state=DeadlineState.RUNNING)
    if not running.filter(paused_at__isnull=True).exists():
        raise InvalidTransition(_("没有正在计时的办理时限，或已暂停计时"))
    paused = deadline_pause(order=order, kinds=PAUSABLE_DEADLINES, reason=text)
    return _finish(order, step, actor, previous, {"reason": text, "deadlines": [d.kind for d in paused]})


@transaction.atomic
def do_resume_clock(*, order: WorkOrder, actor: Staff, note: str = "") -> WorkOrder:
    """Start the clock again with the paused time added to the due time, and restart its ladder."""
    order, step, previous = _begin(order, Action.RESUME_CLOCK, actor)
    if not Deadline.objects.filter(order=order, state=DeadlineState.RUNNING, paused_at__isnull=False).exists():
        raise InvalidTransition(_("当前没有暂停计时的时限"))
    resumed = deadline_resume(order=order)
    data = {"note": (note or "").strip(), "due_at": {d.kind: d.due_at for d in resumed}}
    return _finish(order, step, actor, previous, data)


def _reclassified(order: WorkOrder, *, type, urgency, line, fast_response_reasons) -> dict:
    changes = {}
    new = {
        "type": _choice(type or order.type, OrderType, "type"),
        "urgency": _choice(urgency or order.urgency, Urgency, "urgency"),
        "line": order.line if line is None else (line or ""),
        "fast_response_reasons": (
            list(order.fast_response_reasons) if fast_response_reasons is None else list(fast_response_reasons)
        ),
    }
    for code in new["fast_response_reasons"]:
        kept = code in (order.fast_response_reasons or ())  # a reason retired since may stay on its order
        if not kept and taxonomy_resolve(Kind.FAST_RESPONSE_REASON, code) != code:
            raise field_error("fast_response_reasons", _("无效的选项：%(value)s") % {"value": code})
    if new["line"] and new["line"] != order.line and taxonomy_resolve(Kind.LINE, new["line"]) is None:
        raise field_error("line", _("无效的选项：%(value)s") % {"value": new["line"]})
    if new["fast_response_reasons"] and new["urgency"] != Urgency.FAST:
        new["urgency"] = Urgency.FAST  # meeting a fast-response criterion makes the order fast (seed 002)
    if order.anonymous and new["type"] != OrderType.REPORT:
        raise field_error("type", _("匿名只适用于举报，不能改为其他类型"))
    for name, value in new.items():
        if getattr(order, name) != value:
            changes[name] = {"from": getattr(order, name), "to": value}
            setattr(order, name, value)
    return changes


@transaction.atomic
def do_reclassify(
    *, order: WorkOrder, actor: Staff, reason: str, type: str = "", urgency: str = "", line: str | None = None,
    fast_response_reasons: list[str] | None = None,
) -> WorkOrder:
    """Correct the type, urgency, line or fast-response reasons. The deadlines are recomputed from
    their starts under the policies of the new classification (issue 4 item 2), kinds that no
    longer apply stop, and a registered order starts the ones that now do."""
    order, step, previous = _begin(order, Action.RECLASSIFY, actor)
    text = _text(reason, "reason", _("请填写修改原因"), max_length=500)
    changes = _reclassified(order, type=type, urgency=urgency, line=line,
                            fast_response_reasons=fast_response_reasons)
    if not changes:
        raise field_error("type", _("分类没有变化"))
    if order.fast_response_reasons:
        flag_add(order=order, flag=Flag.FAST_RESPONSE)
    elif Flag.FAST_RESPONSE in (order.flags or []):
        order.flags = [f for f in order.flags if f != Flag.FAST_RESPONSE]
    deadline_recompute(order=order)
    if order.status == Status.REGISTERED:
        known = set(Deadline.objects.filter(order=order).values_list("kind", flat=True))
        for kind in REGISTRATION_DEADLINES:
            if kind not in known:
                deadline_start(order=order, kind=kind, start=clock.now())
    data = {"reason": text, "changes": changes}
    return _finish(order, step, actor, previous, data, ["type", "urgency", "line", "fast_response_reasons", "flags"])


@transaction.atomic
def do_add_call(*, order: WorkOrder, actor: Staff, description: str, channel: str = "") -> WorkOrder:
    """The same complainant calls again about the same matter (issue 5 item 4): the operator
    records the call on the earlier order rather than opening a duplicate, and the order is marked
    as repeatedly complained about, which the handler and the statistics see."""
    order, step, previous = _begin(order, Action.ADD_CALL, actor)
    text = _text(description, "description", _("请填写本次来电内容"), max_length=5000)
    if channel:
        _choice(channel, Channel, "channel")
    flag_add(order=order, flag=Flag.REPEAT)
    return _finish(order, step, actor, previous, {"description": text, "channel": channel}, ["flags"])


HANDLERS = {
    Action.REGISTER: do_register,
    Action.ANSWER: do_answer,
    Action.SEND_TO_ODR: do_send_to_odr,
    Action.ODR_SETTLE: do_odr_settle,
    Action.ODR_FAIL: do_odr_fail,
    Action.DISPATCH: do_dispatch,
    Action.ACCEPT: do_accept,
    Action.NOT_ACCEPT: do_not_accept,
    Action.RETURN: do_return,
    Action.TRANSFER: do_transfer,
    Action.ASSIGN: do_assign,
    Action.CONTACT: do_contact,
    Action.ARRIVE: do_arrive,
    Action.EXTEND: do_extend,
    Action.APPROVE_EXTENSION: do_approve_extension,
    Action.DENY_EXTENSION: do_deny_extension,
    Action.ESCALATE: do_escalate,
    Action.ADD_COHANDLER: do_add_cohandler,
    Action.MEDIATE: do_mediate,
    Action.FILE_CASE: do_file_case,
    Action.CONCLUDE: do_conclude,
    Action.REVIEW: do_review,
    Action.REQUEST_EXCLUSION: do_request_exclusion,
    Action.DECIDE_EXCLUSION: do_decide_exclusion,
    Action.VISIT: do_visit,
    Action.CLOSE: do_close,
    Action.REOPEN: do_reopen,
    Action.WITHDRAW: do_withdraw,
    Action.PAUSE_CLOCK: do_pause_clock,
    Action.RESUME_CLOCK: do_resume_clock,
    Action.RECLASSIFY: do_reclassify,
    Action.ADD_CALL: do_add_call,
}
