"""Shapes of work orders in API v1 (api-v1.md "Endpoints"). Field names are the contract: fields may
be added, never renamed or dropped within v1.

Inputs check types and codes only; every rule (phone format, who may be anonymous, which outcome
fits which type) stays in the domain, so the API, the intake form and imports refuse alike.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from jiesu.api.v1.schemas.common import InDateTime, LocalDateTime
from jiesu.core import clock
from jiesu.core.masking import mask_phone
from jiesu.core.paging import MAX_LIMIT
from jiesu.orders.choices import (
    Channel,
    ContactMethod,
    ExclusionReason,
    MediationResult,
    NotAcceptGround,
    OrderType,
    Outcome,
    PurchaseChannel,
    Satisfaction,
    TerminationGround,
    Urgency,
)
from jiesu.orders.intake import OrderDraft
from jiesu.orders.selectors import OrderFilters, order_flags

# --- registration -------------------------------------------------------------------------------


class ComplainantIn(Schema):
    name: str | None = None
    phone: str | None = Field(None, description="手机或带区号的固定电话；匿名举报可不填")
    id_number: str | None = None
    address: str | None = None
    anonymous: bool = Field(False, description="仅举报可以匿名 / only reports may be anonymous")


class RespondentIn(Schema):
    name: str | None = None
    credit_code: str | None = Field(None, description="统一社会信用代码（18位，含校验位）")
    address: str | None = None


class ProductIn(Schema):
    name: str | None = None
    category: str | None = Field(None, description="商品服务类别代码，见 GET /api/v1/taxonomy；留空由分类器建议")
    brand: str | None = None
    amount: Decimal | None = Field(None, description='金额，十进制字符串，如 "299.00"')
    purchased_at: date | None = None
    purchase_channel: PurchaseChannel | None = None


class OrderIn(Schema):
    type: OrderType
    channel: Channel
    received_at: InDateTime | None = Field(None, description="默认为当前时间 / defaults to now")
    complainant: ComplainantIn = Field(default_factory=ComplainantIn)
    respondent: RespondentIn = Field(default_factory=RespondentIn)
    product: ProductIn = Field(default_factory=ProductIn)
    requests: list[str] = Field(default_factory=list, description="诉求，如“退货”（或代码 return）")
    description: str
    urgency: Urgency | None = None
    line: str | None = Field(None, description="分流条线代码，见 GET /api/v1/taxonomy；留空由分类器建议")
    fast_response_reasons: list[str] = Field(
        default_factory=list, description="快速响应情形代码，见 GET /api/v1/taxonomy"
    )

    def to_draft(self) -> OrderDraft:
        """The API body is nested; the draft is flat and names the product date `purchased_on`."""
        c, r, p = self.complainant, self.respondent, self.product
        return OrderDraft(
            type=self.type,
            channel=self.channel,
            description=self.description,
            received_at=self.received_at,
            complainant_name=c.name or "",
            complainant_phone=c.phone or "",
            complainant_id_number=c.id_number or "",
            complainant_address=c.address or "",
            anonymous=c.anonymous,
            respondent_name=r.name or "",
            respondent_credit_code=r.credit_code or "",
            respondent_address=r.address or "",
            product_name=p.name or "",
            product_category=p.category or "",
            product_brand=p.brand or "",
            product_amount=p.amount,
            purchased_on=p.purchased_at,
            purchase_channel=p.purchase_channel or "",
            requests=list(self.requests),
            urgency=self.urgency or "",
            line=self.line or "",
            fast_response_reasons=list(self.fast_response_reasons),
        )


# --- the order ----------------------------------------------------------------------------------


class ComplainantOut(Schema):
    name: str | None
    phone: str | None = Field(description="无权查看个人信息者看到脱敏号码，如 138****8000")
    id_number: str | None
    address: str | None
    anonymous: bool


class RespondentOut(Schema):
    name: str | None
    credit_code: str | None
    address: str | None
    merchant_id: int | None


class ProductOut(Schema):
    name: str | None
    category: str | None
    brand: str | None
    amount: str | None = Field(description='十进制字符串，如 "299.00"')
    purchased_at: date | None
    purchase_channel: str | None


class ResultsOut(Schema):
    reply: str | None
    recovered_amount: str
    case_number: str | None
    not_accept_ground: str | None
    mediation_result: str | None
    mediation_ground: str | None
    transfer_department: str | None


class DeadlineOut(Schema):
    kind: str
    kind_name: str
    state: str
    started_at: LocalDateTime
    due_at: LocalDateTime
    met_at: LocalDateTime | None
    overdue: bool
    warning: str | None


class EventOut(Schema):
    action: str
    action_name: str
    actor: str | None
    actor_name: str | None
    at: LocalDateTime
    from_status: str | None
    to_status: str
    data: dict[str, Any]


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


class OrderOut(Schema):
    """api-v1.md `GET /api/v1/orders/{number}`, plus the display names and results staff need."""

    number: str = Field(description="YYYYMMDD + 6 位当日序号")
    type: str
    channel: str
    status: str
    outcome: str | None
    line: str | None
    category: str | None
    urgency: str
    fast_response_reasons: list[str]
    flags: list[str]
    repeat_of: str | None = Field(None, description="flags 含 repeat 时：同一诉求人对同一被诉方的较早工单编号")
    received_at: LocalDateTime
    description: str
    complainant: ComplainantOut
    respondent: RespondentOut
    product: ProductOut
    requests: list[str]
    department: str | None
    department_name: str | None
    handler: str | None
    handler_name: str | None
    results: ResultsOut
    satisfaction: str | None
    resolved: bool | None
    exclusion: str | None
    pending_extension_days: int | None
    deadlines: list[DeadlineOut]
    events: list[EventOut]
    attachments: list[AttachmentOut]


# --- lists --------------------------------------------------------------------------------------


class OrderListQuery(Schema):
    status: str = Field("", description="状态代码，可用逗号分隔多个")
    type: str = ""
    channel: str = ""
    line: str = ""
    flag: str = ""
    department: str = Field("", description="部门代码，含其下级部门")
    phone: str = ""
    respondent: str = Field("", description="被诉方名称（包含匹配）")
    category: str = Field("", description="商品服务类别（完全匹配）")
    number: str = ""
    received_from: date | None = None
    received_to: date | None = None
    q: str = Field("", description="工单编号、电话、被诉方或诉求内容")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    cursor: str = ""

    def filters(self) -> OrderFilters:
        values = self.model_dump(exclude={"limit", "cursor", "received_from", "received_to"})
        return OrderFilters(
            **values,
            received_from=self.received_from.isoformat() if self.received_from else "",
            received_to=self.received_to.isoformat() if self.received_to else "",
        )


class NameOut(Schema):
    name: str | None


class ComplainantBriefOut(Schema):
    name: str | None
    phone: str | None = Field(description="列表中始终脱敏 / always masked in lists")


class OrderSummaryOut(Schema):
    """One row of a list. The phone is masked whoever asks: a list shows many callers at once and
    is not a reason to read anyone's number, so no access-log row is owed either."""

    number: str
    type: str
    channel: str
    status: str
    outcome: str | None
    urgency: str
    line: str | None
    flags: list[str]
    received_at: LocalDateTime
    respondent: NameOut
    complainant: ComplainantBriefOut
    department: str | None
    handler: str | None
    next_due_at: LocalDateTime | None
    description: str = Field(description="诉求内容前 200 字")

    @staticmethod
    def resolve_outcome(order) -> str | None:
        return order.outcome or None

    @staticmethod
    def resolve_line(order) -> str | None:
        return order.line or None

    @staticmethod
    def resolve_flags(order) -> list[str]:
        return order_flags(order, now=clock.now())

    @staticmethod
    def resolve_respondent(order) -> dict:
        return {"name": order.respondent_name or None}

    @staticmethod
    def resolve_complainant(order) -> dict:
        return {"name": order.complainant_name or None, "phone": mask_phone(order.complainant_phone) or None}

    @staticmethod
    def resolve_department(order) -> str | None:
        return order.department.code if order.department_id else None

    @staticmethod
    def resolve_handler(order) -> str | None:
        return order.handler.username if order.handler_id else None

    @staticmethod
    def resolve_description(order) -> str:
        return order.description[:200]


class OrderPage(Schema):
    items: list[OrderSummaryOut]
    next_cursor: str | None


# --- action bodies (api-v1.md "POST /api/v1/orders/{number}/actions/{action}") -------------------


class EmptyIn(Schema):
    """`approve_extension {}` and `close {}`: nothing to record; the body may be left out."""


class DispatchIn(Schema):
    department: str = Field(description="承办单位代码")
    handler: str | None = Field(None, description="承办人用户名")
    note: str | None = None


class NoteIn(Schema):
    note: str | None = None


class NotAcceptIn(Schema):
    ground: NotAcceptGround = Field(description="《市场监督管理投诉举报处理暂行办法》第十五条")
    explanation: str


class ReasonIn(Schema):
    reason: str


class AddCallIn(Schema):
    description: str = Field(description="本次来电内容")
    channel: str | None = Field(None, description="本次来电渠道；省略为不记录")


class ReclassifyIn(Schema):
    reason: str
    type: str | None = Field(None, description="consultation | complaint | report；省略为不变")
    urgency: str | None = Field(None, description="normal | urgent | fast；省略为不变")
    line: str | None = Field(None, description="分流条线代码；省略为不变，空字符串为清除")
    fast_response_reasons: list[str] | None = Field(None, description="快速响应情形；省略为不变")


class TransferIn(Schema):
    department: str = Field(description="外部部门代码")
    reason: str


class AssignIn(Schema):
    handler: str = Field(description="承办人用户名")


class ContactIn(Schema):
    method: ContactMethod
    summary: str


class ExtendIn(Schema):
    working_days: int
    reason: str


class EscalateIn(Schema):
    leader: str | None = Field(None, description="包案领导用户名；默认为操作人")
    reason: str


class CohandlerIn(Schema):
    department: str
    reason: str


class MediateIn(Schema):
    result: MediationResult
    agreement: str | None = None
    ground: TerminationGround | None = Field(None, description="终止调解依据（第二十二条）")
    recovered_amount: Decimal | None = Field(None, description='挽回经济损失，如 "299.00"')


class FileCaseIn(Schema):
    case_number: str


class ConcludeIn(Schema):
    outcome: Outcome
    reply: str


class DecisionIn(Schema):
    approve: bool
    reason: str | None = None


class VisitIn(Schema):
    reached: bool
    resolved: bool | None = None
    satisfaction: Satisfaction | None = None
    comment: str | None = None


class AnswerIn(Schema):
    answer: str


class SendToOdrIn(Schema):
    merchant: int | str = Field(description="ODR 企业的编号或统一社会信用代码")


class OdrSettleIn(Schema):
    settlement: str


class ExclusionIn(Schema):
    reason_code: ExclusionReason
    reason: str
