"""Codes of the work order. Values are the API's codes (api-v1.md, domain.md, taxonomy.md) and are
never renamed within v1; labels are what staff read."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderType(models.TextChoices):
    CONSULTATION = "consultation", _("咨询")
    COMPLAINT = "complaint", _("投诉")
    REPORT = "report", _("举报")


class Channel(models.TextChoices):
    HOTLINE_12315 = "hotline_12315", _("12315热线")
    HOTLINE_12345 = "hotline_12345", _("12345热线")
    TRANSFER_12345 = "transfer_12345", _("12345转办")
    WEB = "web", _("网站")
    QR = "qr", _("扫码")
    MINI_PROGRAM = "mini_program", _("小程序")
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    SOCIAL_MEDIA = "social_media", _("网络舆情")
    API = "api", _("系统对接")


class Urgency(models.TextChoices):
    """API v1's three urgencies, an enum because the workflow branches on them: fast starts the
    15/45/90-minute clocks and the directive to the fast-response team (seed 002). When an order is
    fast is taxonomy data (the fast-response reasons, jiesu.taxonomy)."""

    NORMAL = "normal", _("一般")
    URGENT = "urgent", _("紧急")
    FAST = "fast", _("快速响应")


class Status(models.TextChoices):
    REGISTERED = "registered", _("已登记")
    ODR = "odr", _("企业处理中")
    DISPATCHED = "dispatched", _("已派单")
    IN_PROGRESS = "in_progress", _("办理中")
    RETURNED = "returned", _("已退单")
    TRANSFERRED = "transferred", _("已转办")
    CONCLUDED = "concluded", _("已办结")
    VISITED = "visited", _("已回访")
    CLOSED = "closed", _("已归档")


OPEN_STATUSES = frozenset(
    {Status.REGISTERED, Status.ODR, Status.DISPATCHED, Status.IN_PROGRESS, Status.RETURNED}
)


class Outcome(models.TextChoices):
    MEDIATED = "mediated", _("调解成功")
    MEDIATION_FAILED = "mediation_failed", _("调解不成")
    MEDIATION_TERMINATED = "mediation_terminated", _("终止调解")
    NOT_ACCEPTED = "not_accepted", _("不予受理")
    WITHDRAWN = "withdrawn", _("撤回")
    ODR_SETTLED = "odr_settled", _("企业和解")
    CASE_FILED = "case_filed", _("立案")
    VERIFIED_NO_CASE = "verified_no_case", _("核查不予立案")
    UNFOUNDED = "unfounded", _("举报不属实")
    PARTLY_FOUNDED = "partly_founded", _("部分属实")
    ANSWERED = "answered", _("已解答")


#: Which outcomes `conclude` may record for each type; not_accepted, withdrawn and odr_settled come
#: from their own actions.
CONCLUDE_OUTCOMES = {
    OrderType.COMPLAINT: {Outcome.MEDIATED, Outcome.MEDIATION_FAILED, Outcome.MEDIATION_TERMINATED},
    OrderType.REPORT: {Outcome.CASE_FILED, Outcome.VERIFIED_NO_CASE, Outcome.UNFOUNDED, Outcome.PARTLY_FOUNDED},
    OrderType.CONSULTATION: {Outcome.ANSWERED},
}


class Action(models.TextChoices):
    REGISTER = "register", _("登记")
    ANSWER = "answer", _("解答")
    SEND_TO_ODR = "send_to_odr", _("转企业ODR处理")
    ODR_SETTLE = "odr_settle", _("企业和解")
    ODR_FAIL = "odr_fail", _("企业处理未果")
    DISPATCH = "dispatch", _("派单")
    ACCEPT = "accept", _("受理")
    NOT_ACCEPT = "not_accept", _("不予受理")
    RETURN = "return", _("退单")
    TRANSFER = "transfer", _("转办")
    ASSIGN = "assign", _("指定承办人")
    CONTACT = "contact", _("联系诉求人")
    ARRIVE = "arrive", _("到达现场")
    EXTEND = "extend", _("申请延期")
    APPROVE_EXTENSION = "approve_extension", _("批准延期")
    DENY_EXTENSION = "deny_extension", _("驳回延期")
    ESCALATE = "escalate", _("提级调度")
    ADD_COHANDLER = "add_cohandler", _("增加协办")
    MEDIATE = "mediate", _("调解")
    FILE_CASE = "file_case", _("立案")
    CONCLUDE = "conclude", _("办结")
    REVIEW = "review", _("审核")
    REQUEST_EXCLUSION = "request_exclusion", _("申请剔除")
    DECIDE_EXCLUSION = "decide_exclusion", _("剔除审批")
    VISIT = "visit", _("回访")
    CLOSE = "close", _("归档")
    REOPEN = "reopen", _("重新办理")
    WITHDRAW = "withdraw", _("撤回")
    PAUSE_CLOCK = "pause_clock", _("暂停计时")
    RESUME_CLOCK = "resume_clock", _("恢复计时")
    RECLASSIFY = "reclassify", _("修改分类")
    ADD_CALL = "add_call", _("追加来电")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY_SATISFIED = "basically_satisfied", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("电话")
    SMS = "sms", _("短信")
    ON_SITE = "on_site", _("现场")
    LETTER = "letter", _("书面")
    OTHER = "other", _("其他")


class MediationResult(models.TextChoices):
    SUCCESS = "success", _("调解成功")
    FAILED = "failed", _("调解不成")
    TERMINATED = "terminated", _("终止调解")


class NotAcceptGround(models.TextChoices):
    """《市场监督管理投诉举报处理暂行办法》第十五条."""

    NOT_COMPETENT = "not_competent", _("不属于市场监管部门职责或本机关无处理权限")
    ALREADY_HANDLED = "already_handled", _("法院、仲裁机构、行政机关或调解组织已受理或处理")
    NOT_CONSUMPTION = "not_consumption", _("非生活消费需要或不能证明存在消费争议")
    TIME_BARRED = "time_barred", _("知道或应当知道权益受侵害之日起超过三年")
    MISSING_MATERIALS = "missing_materials", _("未提供规定的材料")
    OTHER_LAW = "other_law", _("法律、法规、规章规定不予受理的其他情形")


class TerminationGround(models.TextChoices):
    """《市场监督管理投诉举报处理暂行办法》第二十二条 (终止调解)."""

    COMPLAINANT_WITHDREW = "complainant_withdrew", _("投诉人撤回投诉")
    RESPONDENT_REFUSED = "respondent_refused", _("被投诉人不同意调解")
    PARTY_ABSENT = "party_absent", _("一方无正当理由不参加调解")
    NO_AGREEMENT = "no_agreement", _("双方意见差距较大，难以达成一致")
    TIME_LIMIT = "time_limit", _("自受理之日起四十五个工作日内未达成协议")
    RESPONDENT_UNREACHABLE = "respondent_unreachable", _("被投诉人无法联系或已停止经营")
    OTHER_LAW = "other_law", _("法律、法规、规章规定的其他情形")


class ExclusionReason(models.TextChoices):
    """剔除 reasons (seed 000: an option on the feedback form instead of written material)."""

    UNREASONABLE_DEMAND = "unreasonable_demand", _("诉求不合理")
    NOT_COMPETENT = "not_competent", _("不属于本部门职责")
    DUPLICATE = "duplicate", _("重复诉求")
    MALICIOUS = "malicious", _("恶意或职业索赔")
    UNREACHABLE = "unreachable", _("无法联系诉求人")
    OTHER = "other", _("其他")


class ExclusionState(models.TextChoices):
    NONE = "", _("无")
    REQUESTED = "requested", _("待审批")
    EXCLUDED = "excluded", _("已剔除")
    REJECTED = "rejected", _("不予剔除")


class Flag(models.TextChoices):
    FAST_RESPONSE = "fast_response", _("快速响应")
    REPEAT = "repeat", _("重复")
    GROUP = "group", _("群体")
    PROFESSIONAL_CLAIMANT = "professional_claimant", _("职业索赔")
    EXCLUDED = "excluded", _("已剔除")
    ESCALATED = "escalated", _("提级")
    OVERDUE = "overdue", _("超期")


class Line(StrEnum):
    """The shipped routing-line codes that code names: routing sends professional_claim and
    special_equipment to their business section whatever the place, the claimant detector moves an
    order to professional_claim, and the demo builds its year of orders on the shipped lines. Which
    lines exist, their names, order and keyword rules are taxonomy data (jiesu.taxonomy), so
    validation and labels read the taxonomy, never this list."""

    FOOD = "food"
    DRUG = "drug"
    MEDICAL_DEVICE = "medical_device"
    SUPERMARKET = "supermarket"
    PROFESSIONAL_CLAIM = "professional_claim"
    GENERAL = "general"
    AUTO = "auto"
    REAL_ESTATE = "real_estate"
    PRICE = "price"
    QUALITY = "quality"
    SPECIAL_EQUIPMENT = "special_equipment"
    PREPAID = "prepaid"


class FastResponseReason(StrEnum):
    """The shipped fast-response reason codes that code names: the workflow starts the 90-minute
    arrival clock for the reasons that need the team on site (ON_SITE_REASONS) and the demo picks
    reasons by code. The reasons staff may choose, and their names, are taxonomy data."""

    ON_SITE = "on_site"
    EVIDENCE = "evidence"
    VISITOR = "visitor"
    SAFETY = "safety"
    GROUP = "group"
    LEADER = "leader"


#: Reasons that need the team on site within the arrive_fast deadline (seed 002: 确需到场).
ON_SITE_REASONS = frozenset({FastResponseReason.ON_SITE, FastResponseReason.EVIDENCE, FastResponseReason.SAFETY})


class PurchaseChannel(models.TextChoices):
    OFFLINE = "offline", _("线下")
    ONLINE = "online", _("网购")
    TV_PHONE = "tv_phone", _("电视电话购物")
    OTHER = "other", _("其他")

