"""Template helpers for the staff UI: list links that keep their filters, status pills and flags,
codes in words, countdown colours and the readable timeline."""

from datetime import timedelta

from django import template
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jiesu.core import clock
from jiesu.core.masking import mask_phone
from jiesu.deadlines.choices import DeadlineKind, DeadlineState
from jiesu.orders.choices import (
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
    PurchaseChannel,
    Satisfaction,
    Status,
    TerminationGround,
    Urgency,
)
from jiesu.taxonomy.selectors import Kind, taxonomy_label

register = template.Library()


@register.simple_tag
def querystring_without(request, *keys: str) -> str:
    """The current GET, urlencoded, minus `keys`.

    Keyset pagination must drop the old `cursor` when it builds the next link, while every filter
    the operator set stays in place. Unlike Django's {% querystring %}, this returns no leading "?".
    """
    query = request.GET.copy()
    for key in keys:
        query.pop(key, None)
    return query.urlencode()


@register.simple_tag
def status_pill(status_code: str, label: str) -> str:
    """The coloured pill for an order status: the code picks the colour (`.pill-<code>` in
    jiesu.css), the label is the translated name; both are escaped."""
    return format_html('<span class="pill pill-{}">{}</span>', status_code, label)


#: The code lists a template may name in `{{ value|choice_label:"kind" }}`, besides the taxonomy's
#: kinds (line, category, request, issue, fast_response_reason), whose names are data.
CHOICES = {
    "type": OrderType,
    "channel": Channel,
    "status": Status,
    "outcome": Outcome,
    "urgency": Urgency,
    "flag": Flag,
    "purchase_channel": PurchaseChannel,
    "not_accept_ground": NotAcceptGround,
    "termination_ground": TerminationGround,
    "mediation_result": MediationResult,
    "satisfaction": Satisfaction,
    "exclusion": ExclusionState,
    "exclusion_reason": ExclusionReason,
    "contact_method": ContactMethod,
    "deadline_kind": DeadlineKind,
    "deadline_state": DeadlineState,
    "action": Action,
}


TAXONOMY_KINDS = frozenset(Kind)


def _label(choices, code) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return str(code)


@register.filter
def choice_label(code, kind: str) -> str:
    """The Chinese name of an API code; an unknown code is shown as it is rather than hidden."""
    if code in (None, ""):
        return ""
    if kind in TAXONOMY_KINDS:
        return taxonomy_label(kind, code)
    return _label(CHOICES[kind], code)


@register.simple_tag
def flag_badges(flags) -> str:
    """Outlined flags (`.flag-<code>` in jiesu.css) beside the status pill."""
    return format_html_join(
        " ", '<span class="flag flag-{}">{}</span>', ((f, _label(Flag, f)) for f in flags or ())
    )


@register.filter
def masked_phone(phone: str) -> str:
    """Lists always mask the phone, whoever looks (style.md "Personal data"): the full number is on
    the order page, where reading it is logged."""
    return mask_phone(phone) or ""


@register.filter
def due_class(due_at) -> str:
    """The countdown's colour on first paint; jiesu.js keeps it current afterwards with the same
    thresholds (overdue, due before local midnight, within three days)."""
    if not due_at:
        return "due-none"
    now = clock.now()
    if due_at <= now:
        return "due-overdue"
    if due_at <= clock.end_of_day(clock.today()):
        return "due-today"
    if due_at - now < timedelta(days=3):
        return "due-soon"
    return "due-ok"


@register.simple_tag
def due_badge(due_at) -> str:
    """The countdown cell of every list row. A tag rather than an included template: lists render it
    fifty times a page, and the include machinery was most of the page's time."""
    if not due_at:
        return format_html('<span class="due due-none" title="{}">—</span>', gettext("无期限"))
    local = clock.local(due_at)
    return format_html(
        '<span class="due {}" data-due-at="{}" title="{} {}">{}</span>',
        due_class(due_at), local.isoformat(), gettext("期限"), local.strftime("%Y-%m-%d %H:%M"),
        local.strftime("%m-%d %H:%M"),
    )


#: Forward actions get the primary colour, actions that end or hand off the order the danger colour.
PRIMARY_ACTIONS = {
    Action.DISPATCH,
    Action.ACCEPT,
    Action.CONCLUDE,
    Action.VISIT,
    Action.ANSWER,
    Action.CONTACT,
    Action.APPROVE_EXTENSION,
    Action.ODR_SETTLE,
    Action.REVIEW,
}
DANGER_ACTIONS = {Action.RETURN, Action.NOT_ACCEPT, Action.WITHDRAW, Action.TRANSFER}


@register.filter
def action_class(action) -> str:
    if action in PRIMARY_ACTIONS:
        return "btn-primary"
    if action in DANGER_ACTIONS:
        return "btn-danger"
    return ""


EVENT_LABELS = {
    "type": _("类型"),
    "channel": _("渠道"),
    "urgency": _("紧急程度"),
    "department": _("单位"),
    "handler": _("承办人"),
    "leader": _("包案领导"),
    "merchant": _("企业"),
    "note": _("意见"),
    "reason_code": _("原因"),
    "reason": _("理由"),
    "ground": _("依据"),
    "explanation": _("说明"),
    "method": _("方式"),
    "summary": _("联系情况"),
    "working_days": _("延期工作日"),
    "deadline": _("时限"),
    "due_at": _("新期限"),
    "result": _("调解结果"),
    "agreement": _("调解协议"),
    "recovered_amount": _("挽回损失（元）"),
    "case_number": _("立案编号"),
    "outcome": _("办理结果"),
    "previous_outcome": _("原办理结果"),
    "reply": _("答复"),
    "answer": _("解答"),
    "settlement": _("和解情况"),
    "approve": _("结论"),
    "reached": _("联系上"),
    "resolved": _("是否解决"),
    "satisfaction": _("满意度"),
    "comment": _("回访意见"),
    "attempt": _("回访次数"),
}
EVENT_CODES = {
    "type": OrderType,
    "channel": Channel,
    "urgency": Urgency,
    "method": ContactMethod,
    "result": MediationResult,
    "outcome": Outcome,
    "previous_outcome": Outcome,
    "satisfaction": Satisfaction,
    "reason_code": ExclusionReason,
    "deadline": DeadlineKind,
}
APPROVE_WORDS = {
    Action.REVIEW: (_("审核通过"), _("退回重办")),
    Action.DECIDE_EXCLUSION: (_("同意剔除"), _("不予剔除")),
}


def _event_value(action: str, key: str, value) -> str:
    if isinstance(value, dict):
        return str(value.get("name", value))
    if key == "approve":
        yes, no = APPROVE_WORDS.get(action, (_("是"), _("否")))
        return str(yes if value else no)
    if isinstance(value, bool):
        return str(_("是") if value else _("否"))
    if key == "ground":
        return _label(NotAcceptGround if action == Action.NOT_ACCEPT else TerminationGround, value)
    if key in EVENT_CODES:
        return _label(EVENT_CODES[key], value)
    if key == "due_at":
        moment = parse_datetime(str(value))
        return clock.local(moment).strftime("%Y-%m-%d %H:%M") if moment else str(value)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


@register.filter
def event_details(event: dict) -> list[tuple[str, str]]:
    """What an event recorded, as (label, text) pairs in a stable order, codes in words: the
    timeline is read by people (and printed), not by the API."""
    action, data = event.get("action", ""), event.get("data") or {}
    known = [k for k in EVENT_LABELS if k in data]
    rest = [k for k in data if k not in EVENT_LABELS]
    return [(str(EVENT_LABELS.get(k, k)), _event_value(action, k, data[k])) for k in known + rest]
