"""Work-order endpoints (api-v1.md "Endpoints"): parse, call one service or selector, present.

Each workflow action has its own endpoint so the OpenAPI schema documents its body. The services
check scope (404), state (409 `invalid_transition`) and role (403) themselves and run in their own
transaction; errors become JSON in errors.py and `Idempotency-Key` is handled in idempotency.py.
"""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from ninja import File, Query, Router, Status, UploadedFile

from jiesu.api.v1.schemas.common import ERRORS, CodesPage, ErrorOut
from jiesu.api.v1.schemas.orders import (
    AddCallIn,
    AnswerIn,
    AssignIn,
    AttachmentOut,
    CohandlerIn,
    ConcludeIn,
    ContactIn,
    DecisionIn,
    DispatchIn,
    EmptyIn,
    EscalateIn,
    ExclusionIn,
    ExtendIn,
    FileCaseIn,
    MediateIn,
    NotAcceptIn,
    NoteIn,
    OdrSettleIn,
    OrderIn,
    OrderListQuery,
    OrderOut,
    OrderPage,
    ReasonIn,
    ReclassifyIn,
    SendToOdrIn,
    TransferIn,
    VisitIn,
)
from jiesu.intelligence.suggestions import draft_fill
from jiesu.orders.documents.directive_sheet import directive_sheet_filename, directive_sheet_pdf
from jiesu.orders.selectors import order_available_actions, order_detail, order_get, order_list
from jiesu.orders.services import attachment_add
from jiesu.orders.workflow import actions

router = Router(tags=["工单 orders"])
actions_router = Router(tags=["工单动作 order actions"])

ORDER = {200: OrderOut, ERRORS: ErrorOut}


def _act(request, number: str, do, body) -> dict:
    """Run one workflow action and answer with the order as it stands afterwards, masked for the
    caller, even if the action handed it out of their scope (return, transfer)."""
    order = order_get(viewer=request.auth, number=number)
    order = do(order=order, actor=request.auth, **body.model_dump())
    return order_detail(viewer=request.auth, number=number, via="api", acted_on=order)


@router.post("/orders", response={201: OrderOut, ERRORS: ErrorOut}, url_name="order-create",
             summary="登记工单 register an order")
def create_order(request, body: OrderIn):
    """Register (登记) a consultation, complaint or report. The caller's department becomes the
    intake department, which answers for the order until it is dispatched (首接负责制). Line,
    category, requests, issue and urgency left out are filled from the classifier (api-v1.md)."""
    order = actions.do_register(actor=request.auth, draft=draft_fill(body.to_draft()))
    return Status(201, order_detail(viewer=request.auth, number=order.number, via="api", acted_on=order, echo=True))


@router.get("/orders", response={200: OrderPage, ERRORS: ErrorOut}, url_name="order-list",
            summary="工单列表 list orders")
def list_orders(request, query: Query[OrderListQuery]):
    """Newest first, within the caller's department scope, keyset-paged by `cursor`."""
    return order_list(viewer=request.auth, filters=query.filters(), cursor=query.cursor, limit=query.limit)


@router.get("/orders/{number}", response=ORDER, url_name="order-detail", summary="工单详情 get an order")
def get_order(request, number: str):
    """An order outside the caller's scope is 404, as if it did not exist. Personal data is masked
    for callers without the right to see it; an unmasked read is written to the access log."""
    return order_detail(viewer=request.auth, number=number, via="api")


@router.get("/orders/{number}/available-actions", response={200: CodesPage, ERRORS: ErrorOut},
            url_name="order-available-actions", summary="可执行动作 actions the caller may take now")
def available_actions(request, number: str):
    """The codes of the action endpoints that would not refuse this caller for state, role or
    scope right now; a client shows exactly these buttons."""
    order = order_get(viewer=request.auth, number=number)
    return {"items": order_available_actions(viewer=request.auth, order=order), "next_cursor": None}


@router.post("/orders/{number}/attachments", response={201: AttachmentOut, ERRORS | {413}: ErrorOut},
             url_name="order-attachment-add", summary="上传附件 upload an attachment")
def add_attachment(request, number: str, file: File[UploadedFile]):
    """Multipart field `file`. Type and size are the deployment's settings
    (JIESU_ATTACHMENT_TYPES, JIESU_ATTACHMENT_MAX_BYTES): a wrong type is 400, too big is 413."""
    order = order_get(viewer=request.auth, number=number)
    return Status(201, attachment_add(order=order, upload=file, actor=request.auth))


PDF = {"description": "PDF (A4)", "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}


@router.get("/orders/{number}/directive-sheet", response={ERRORS: ErrorOut}, url_name="order-directive-sheet",
            summary="快速响应指令书 fast-response directive sheet (PDF)", openapi_extra={"responses": {200: PDF}})
def directive_sheet(request, number: str):
    """The printable record of a fast-response order's course (seed 002). 404 outside the caller's
    scope and for an order that is not a fast-response one. The phone is masked for callers without
    the right to see personal data; an unmasked copy is written to the access log."""
    order = order_get(viewer=request.auth, number=number)
    pdf = directive_sheet_pdf(order, request.auth, via="api")
    disposition = content_disposition_header(False, directive_sheet_filename(order))
    return HttpResponse(pdf, content_type="application/pdf", headers={"Content-Disposition": disposition})


# --- one endpoint per workflow action (domain.md "Statuses and actions") ------------------------


@actions_router.post("/orders/{number}/actions/answer", response=ORDER, url_name="order-answer",
                     summary="解答 answer (registered → concluded)")
def answer(request, number: str, body: AnswerIn):
    """Consultations only: answered on the spot, outcome `answered`."""
    return _act(request, number, actions.do_answer, body)


@actions_router.post("/orders/{number}/actions/send_to_odr", response=ORDER, url_name="order-send-to-odr",
                     summary="转企业ODR处理 send_to_odr (registered → odr)")
def send_to_odr(request, number: str, body: SendToOdrIn):
    """Complaints only, to a merchant registered as an ODR enterprise (10 working days by default)."""
    return _act(request, number, actions.do_send_to_odr, body)


@actions_router.post("/orders/{number}/actions/odr_settle", response=ORDER, url_name="order-odr-settle",
                     summary="企业和解 odr_settle (odr → concluded)")
def odr_settle(request, number: str, body: OdrSettleIn):
    return _act(request, number, actions.do_odr_settle, body)


@actions_router.post("/orders/{number}/actions/odr_fail", response=ORDER, url_name="order-odr-fail",
                     summary="企业处理未果 odr_fail (odr → registered)")
def odr_fail(request, number: str, body: ReasonIn):
    return _act(request, number, actions.do_odr_fail, body)


@actions_router.post("/orders/{number}/actions/dispatch", response=ORDER, url_name="order-dispatch",
                     summary="派单 dispatch (registered, returned → dispatched)")
def dispatch(request, number: str, body: DispatchIn):
    """`department` and `handler` are a department code and a username inside the caller's scope."""
    return _act(request, number, actions.do_dispatch, body)


@actions_router.post("/orders/{number}/actions/accept", response=ORDER, url_name="order-accept",
                     summary="受理 accept (dispatched → in_progress)")
def accept(request, number: str, body: NoteIn):
    """A complaint's 45-working-day conclusion period runs from acceptance."""
    return _act(request, number, actions.do_accept, body)


@actions_router.post("/orders/{number}/actions/not_accept", response=ORDER, url_name="order-not-accept",
                     summary="不予受理 not_accept (dispatched → concluded)")
def not_accept(request, number: str, body: NotAcceptIn):
    return _act(request, number, actions.do_not_accept, body)


@actions_router.post("/orders/{number}/actions/return", response=ORDER, url_name="order-return",
                     summary="退单 return (dispatched → returned)")
def return_order(request, number: str, body: ReasonIn):
    """Only inside the return window; afterwards first-receiver responsibility applies (409)."""
    return _act(request, number, actions.do_return, body)


@actions_router.post("/orders/{number}/actions/transfer", response=ORDER, url_name="order-transfer",
                     summary="转办 transfer (registered, returned → transferred)")
def transfer(request, number: str, body: TransferIn):
    """To an external department (kind `external`), e.g. the housing bureau."""
    return _act(request, number, actions.do_transfer, body)


@actions_router.post("/orders/{number}/actions/assign", response=ORDER, url_name="order-assign",
                     summary="指定承办人 assign")
def assign(request, number: str, body: AssignIn):
    return _act(request, number, actions.do_assign, body)


@actions_router.post("/orders/{number}/actions/contact", response=ORDER, url_name="order-contact",
                     summary="联系诉求人 contact")
def contact(request, number: str, body: ContactIn):
    """Answers the 24-hour acknowledgement and, for fast response, the 45-minute response."""
    return _act(request, number, actions.do_contact, body)


@actions_router.post("/orders/{number}/actions/arrive", response=ORDER, url_name="order-arrive",
                     summary="到达现场 arrive")
def arrive(request, number: str, body: NoteIn):
    """Meets the fast-response team's 90-minute arrival deadline (seed 002)."""
    return _act(request, number, actions.do_arrive, body)


@actions_router.post("/orders/{number}/actions/extend", response=ORDER, url_name="order-extend",
                     summary="申请延期 extend")
def extend(request, number: str, body: ExtendIn):
    """Takes effect only when a leader approves it."""
    return _act(request, number, actions.do_extend, body)


@actions_router.post("/orders/{number}/actions/approve_extension", response=ORDER,
                     url_name="order-approve-extension", summary="批准延期 approve_extension")
def approve_extension(request, number: str, body: EmptyIn):
    return _act(request, number, actions.do_approve_extension, body)


@actions_router.post("/orders/{number}/actions/deny_extension", response=ORDER,
                     url_name="order-deny-extension", summary="驳回延期 deny_extension")
def deny_extension(request, number: str, body: ReasonIn):
    return _act(request, number, actions.do_deny_extension, body)


@actions_router.post("/orders/{number}/actions/escalate", response=ORDER, url_name="order-escalate",
                     summary="提级调度 escalate")
def escalate(request, number: str, body: EscalateIn):
    """A leader takes the order over (领导包案); without `leader`, the caller does."""
    return _act(request, number, actions.do_escalate, body)


@actions_router.post("/orders/{number}/actions/add_cohandler", response=ORDER, url_name="order-add-cohandler",
                     summary="增加协办 add_cohandler")
def add_cohandler(request, number: str, body: CohandlerIn):
    return _act(request, number, actions.do_add_cohandler, body)


@actions_router.post("/orders/{number}/actions/mediate", response=ORDER, url_name="order-mediate",
                     summary="调解 mediate")
def mediate(request, number: str, body: MediateIn):
    """`terminated` needs its legal ground (第二十二条); `success` needs the agreement. Recovered
    amounts add up across mediations."""
    return _act(request, number, actions.do_mediate, body)


@actions_router.post("/orders/{number}/actions/file_case", response=ORDER, url_name="order-file-case",
                     summary="立案 file_case")
def file_case(request, number: str, body: FileCaseIn):
    return _act(request, number, actions.do_file_case, body)


@actions_router.post("/orders/{number}/actions/conclude", response=ORDER, url_name="order-conclude",
                     summary="办结 conclude (in_progress → concluded)")
def conclude(request, number: str, body: ConcludeIn):
    """The outcome must fit the type and what was recorded: `mediated` needs a successful
    mediation, `case_filed` a case number."""
    return _act(request, number, actions.do_conclude, body)


@actions_router.post("/orders/{number}/actions/review", response=ORDER, url_name="order-review",
                     summary="审核 review")
def review(request, number: str, body: DecisionIn):
    """Approve the result, or send it back to handling with a reason."""
    return _act(request, number, actions.do_review, body)


@actions_router.post("/orders/{number}/actions/visit", response=ORDER, url_name="order-visit",
                     summary="回访 visit (concluded → visited)")
def visit(request, number: str, body: VisitIn):
    """Not reached: the attempt is recorded and the order stays concluded until the deployment's
    number of attempts is used up."""
    return _act(request, number, actions.do_visit, body)


@actions_router.post("/orders/{number}/actions/close", response=ORDER, url_name="order-close",
                     summary="归档 close (visited → closed)")
def close(request, number: str, body: EmptyIn):
    return _act(request, number, actions.do_close, body)


@actions_router.post("/orders/{number}/actions/reopen", response=ORDER, url_name="order-reopen",
                     summary="重新办理 reopen (→ in_progress)")
def reopen(request, number: str, body: ReasonIn):
    """回头看: back to its department with a new handling period."""
    return _act(request, number, actions.do_reopen, body)


@actions_router.post("/orders/{number}/actions/withdraw", response=ORDER, url_name="order-withdraw",
                     summary="撤回 withdraw (→ concluded)")
def withdraw(request, number: str, body: ReasonIn):
    return _act(request, number, actions.do_withdraw, body)


@actions_router.post("/orders/{number}/actions/request_exclusion", response=ORDER,
                     url_name="order-request-exclusion", summary="申请剔除 request_exclusion")
def request_exclusion(request, number: str, body: ExclusionIn):
    return _act(request, number, actions.do_request_exclusion, body)


@actions_router.post("/orders/{number}/actions/decide_exclusion", response=ORDER,
                     url_name="order-decide-exclusion", summary="剔除审批 decide_exclusion")
def decide_exclusion(request, number: str, body: DecisionIn):
    """Only the centre decides (seed 000): a district cannot exclude its own orders."""
    return _act(request, number, actions.do_decide_exclusion, body)


@actions_router.post("/orders/{number}/actions/pause_clock", response=ORDER, url_name="order-pause-clock",
                     summary="暂停计时 pause_clock (检验检测鉴定)")
def pause_clock(request, number: str, body: ReasonIn):
    """Testing or appraisal time does not count (domain.md "Deadlines"); no urges while paused."""
    return _act(request, number, actions.do_pause_clock, body)


@actions_router.post("/orders/{number}/actions/resume_clock", response=ORDER, url_name="order-resume-clock",
                     summary="恢复计时 resume_clock")
def resume_clock(request, number: str, body: NoteIn):
    """The paused time is added to the due times and the reminder ladder restarts."""
    return _act(request, number, actions.do_resume_clock, body)


@actions_router.post("/orders/{number}/actions/reclassify", response=ORDER, url_name="order-reclassify",
                     summary="修改分类 reclassify (type, urgency, line)")
def reclassify(request, number: str, body: ReclassifyIn):
    """The deadlines are recomputed under the new classification's policies."""
    return _act(request, number, actions.do_reclassify, body)


@actions_router.post("/orders/{number}/actions/add_call", response=ORDER, url_name="order-add-call",
                     summary="追加来电 add_call (repeat call on this order)")
def add_call(request, number: str, body: AddCallIn):
    """Record a repeat call on the earlier order instead of registering a duplicate; flags it `repeat`."""
    return _act(request, number, actions.do_add_call, body)
