"""What intake hands to do_register, and its validation. One validator serves the API, the intake
form and imports, so "bad input gets a clear error naming the field" holds everywhere. Field names
follow the API body ("complainant.phone"); the UI maps them to its own inputs."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from jiesu.core import clock
from jiesu.core.errors import InvalidInput
from jiesu.core.identity import id_number_is_valid, phone_is_valid, phone_normalise
from jiesu.merchants.credit_code import credit_code_is_valid, credit_code_normalise
from jiesu.orders.choices import Channel, OrderType, PurchaseChannel, Urgency
from jiesu.taxonomy.selectors import Kind, taxonomy_resolve

MAX_DESCRIPTION = 5000


@dataclass
class OrderDraft:
    type: str
    channel: str
    description: str
    received_at: datetime | None = None
    complainant_name: str = ""
    complainant_phone: str = ""
    complainant_id_number: str = ""
    complainant_address: str = ""
    anonymous: bool = False
    respondent_name: str = ""
    respondent_credit_code: str = ""
    respondent_address: str = ""
    product_name: str = ""
    product_category: str = ""
    product_brand: str = ""
    product_amount: Decimal | str | None = None
    purchased_on: date | None = None
    purchase_channel: str = ""
    requests: list[str] = field(default_factory=list)
    urgency: str = Urgency.NORMAL
    line: str = ""
    issue: str = ""
    fast_response_reasons: list[str] = field(default_factory=list)


def draft_validate(draft: OrderDraft) -> OrderDraft:
    """Normalise the draft in place and raise one InvalidInput listing every bad field at once, so
    an operator fixes the form in one pass.

    Line, category, requests, issue nature and fast-response reasons must be active taxonomy codes
    (an English alias becomes its code): what the admin added is accepted at once, what it retired
    is refused for new orders while old orders keep it."""
    errors: dict[str, list[str]] = {}

    def bad(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    def strip(value) -> str:
        return (value or "").strip()

    if draft.type not in OrderType.values:
        bad("type", _("类型必须是咨询、投诉或举报之一"))
    if draft.channel not in Channel.values:
        bad("channel", _("未知的来源渠道"))
    draft.urgency = draft.urgency or Urgency.NORMAL
    if draft.urgency not in Urgency.values:
        bad("urgency", _("未知的紧急程度"))
    draft.line = strip(draft.line)
    if draft.line and taxonomy_resolve(Kind.LINE, draft.line) is None:
        bad("line", _("未知或已停用的分流条线：%(code)s") % {"code": draft.line})
    draft.product_category = strip(draft.product_category)
    if draft.product_category and taxonomy_resolve(Kind.CATEGORY, draft.product_category) is None:
        bad("product.category", _("未知或已停用的商品服务类别：%(code)s") % {"code": draft.product_category})
    issue = strip(draft.issue)
    draft.issue = taxonomy_resolve(Kind.ISSUE, issue) or ""
    if issue and not draft.issue:
        bad("issue", _("未知或已停用的问题性质：%(code)s") % {"code": issue})

    reasons = []
    for reason in draft.fast_response_reasons or []:
        if taxonomy_resolve(Kind.FAST_RESPONSE_REASON, reason) != reason:
            bad("fast_response_reasons", _("未知或已停用的快速响应情形：%(code)s") % {"code": reason})
        elif reason not in reasons:
            reasons.append(reason)
    draft.fast_response_reasons = reasons
    if reasons:
        draft.urgency = Urgency.FAST  # seed 002: meeting any criterion makes it a fast-response order
    elif draft.urgency == Urgency.FAST:
        bad("fast_response_reasons", _("快速响应工单须选择至少一种情形"))

    requests = []
    for item in draft.requests or []:
        code = taxonomy_resolve(Kind.REQUEST, item)
        if code is None:
            bad("requests", _("未知或已停用的诉求：%(item)s") % {"item": item})
        elif code not in requests:
            requests.append(code)
    draft.requests = requests

    draft.description = strip(draft.description)
    if not draft.description:
        bad("description", _("请填写诉求内容"))
    elif len(draft.description) > MAX_DESCRIPTION:
        bad("description", _("诉求内容不能超过 %(n)d 字") % {"n": MAX_DESCRIPTION})

    draft.complainant_name = strip(draft.complainant_name)
    draft.complainant_phone = phone_normalise(draft.complainant_phone)
    draft.complainant_address = strip(draft.complainant_address)
    draft.complainant_id_number = strip(draft.complainant_id_number).upper()
    if draft.anonymous and draft.type != OrderType.REPORT:
        bad("complainant.anonymous", _("只有举报可以匿名"))
    if not draft.anonymous and not draft.complainant_phone:
        bad("complainant.phone", _("请填写联系电话（仅举报可匿名）"))
    if draft.complainant_phone and not phone_is_valid(draft.complainant_phone):
        bad("complainant.phone", _("电话号码格式不正确，应为手机号或带区号的固定电话"))
    if draft.complainant_id_number and not id_number_is_valid(draft.complainant_id_number):
        bad("complainant.id_number", _("身份证号码格式或校验位不正确"))
    if len(draft.complainant_name) > 50:
        bad("complainant.name", _("姓名过长"))

    draft.respondent_name = strip(draft.respondent_name)
    draft.respondent_address = strip(draft.respondent_address)
    draft.respondent_credit_code = credit_code_normalise(draft.respondent_credit_code) or ""
    if draft.type == OrderType.COMPLAINT and not draft.respondent_name:
        bad("respondent.name", _("投诉须填写被投诉方名称"))
    if draft.respondent_credit_code and not credit_code_is_valid(draft.respondent_credit_code):
        bad("respondent.credit_code", _("统一社会信用代码格式或校验位不正确"))

    if draft.product_amount not in (None, ""):
        try:
            amount = Decimal(str(draft.product_amount)).quantize(Decimal("0.01"))
            if amount < 0 or amount >= Decimal("10000000000"):
                raise InvalidOperation
            draft.product_amount = amount
        except (InvalidOperation, ValueError):
            bad("product.amount", _("金额必须是非负数，最多两位小数"))
    else:
        draft.product_amount = None
    if draft.purchase_channel and draft.purchase_channel not in PurchaseChannel.values:
        bad("product.purchase_channel", _("未知的购买方式"))
    if draft.purchased_on and draft.purchased_on > clock.today():
        bad("product.purchased_at", _("购买日期不能晚于今天"))

    now = clock.now()
    if draft.received_at is None:
        draft.received_at = now
    elif draft.received_at > now + timedelta(minutes=5):
        bad("received_at", _("接收时间不能晚于当前时间"))

    if errors:
        first = next(iter(errors.items()))
        raise InvalidInput(f"{first[0]}: {first[1][0]}", fields=errors)
    return draft
