"""The fast-response directive sheet (快速响应指令书, seed 002): the printed record of one fast-response
order's whole course, 受理 → 分流 → 处置 → 反馈 → 回访, each with its time, person and time limit,
kept in the archive.

Everything on the sheet is read from the order's events and deadline rows, the legal record: a
stage with no event yet is printed as not done, never filled in. The PDF uses reportlab's built-in
CID font STSong-Light, which every PDF reader carries, so no font file ships with jiesu.
"""

import io
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from xml.sax.saxutils import escape

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from jiesu.core import clock
from jiesu.core.errors import NotFound
from jiesu.core.masking import mask_phone
from jiesu.deadlines.choices import DeadlineKind as K
from jiesu.deadlines.choices import DeadlineState
from jiesu.deadlines.models import Deadline
from jiesu.orders.choices import (
    Action,
    Channel,
    ContactMethod,
    MediationResult,
    NotAcceptGround,
    OrderType,
    Outcome,
    Satisfaction,
    Status,
    TerminationGround,
    Urgency,
)
from jiesu.orders.models import OrderEvent, WorkOrder
from jiesu.organisations.models import Staff
from jiesu.organisations.scope import may_view_personal_data
from jiesu.organisations.services import personal_data_access_record
from jiesu.taxonomy.selectors import Kind, taxonomy_label

A = Action


class Verdict(models.TextChoices):
    """How a stage kept its time limit; a limit met late stays late on the archived sheet."""

    ON_TIME = "on_time", gettext_lazy("按时")
    LATE = "late", gettext_lazy("超时完成")
    RUNNING = "running", gettext_lazy("计时中")
    OVERDUE = "overdue", gettext_lazy("已超时")
    STOPPED = "stopped", gettext_lazy("已终止")


@dataclass(frozen=True)
class Entry:
    at: datetime
    person: str
    text: str


@dataclass(frozen=True)
class Limit:
    kind: str
    name: str
    due_at: datetime
    met_at: datetime | None
    verdict: Verdict


@dataclass(frozen=True)
class Stage:
    code: str
    name: str
    entries: tuple[Entry, ...]
    limits: tuple[Limit, ...]

    @property
    def done(self) -> bool:
        return bool(self.entries)


#: The five stages of seed 002's "一条龙" record: the events that make each one and the deadlines
#: (domain.md "Deadlines") it is judged by. Returns and transfers are routing too: the sheet must show
#: that a directive went back, not only the one that stuck.
STAGES = (
    ("intake", gettext_lazy("受理"), {A.REGISTER}, ()),
    ("route", gettext_lazy("分流"), {A.DISPATCH, A.RETURN, A.TRANSFER}, (K.DISPATCH_FAST,)),
    ("handle", gettext_lazy("处置"), {A.ACCEPT, A.CONTACT, A.ARRIVE, A.MEDIATE, A.FILE_CASE},
     (K.RESPOND_FAST, K.ARRIVE_FAST)),
    ("feedback", gettext_lazy("反馈"), {A.CONCLUDE, A.NOT_ACCEPT, A.WITHDRAW, A.REVIEW}, (K.FEEDBACK_FAST,)),
    ("visit", gettext_lazy("回访"), {A.VISIT}, (K.VISIT,)),
)

FONT = "STSong-Light"
TIME_FORMAT = "%Y-%m-%d %H:%M"


def directive_sheet_require(order: WorkOrder) -> None:
    """Seed 002 keeps a directive sheet for fast-response orders only; any other order has none."""
    if not order.is_fast:
        raise NotFound(_("该工单不是快速响应工单，没有快速响应指令书"))


def directive_sheet_filename(order: WorkOrder) -> str:
    return _("快速响应指令书-%(number)s.pdf") % {"number": order.number}


# --- the course ---------------------------------------------------------------------------------


def directive_sheet_course(order: WorkOrder) -> tuple[Stage, ...]:
    """The five stages as the events and deadline rows record them, in that order."""
    directive_sheet_require(order)
    events = list(OrderEvent.objects.filter(order=order).select_related("actor").order_by("at", "id"))
    latest = {d.kind: d for d in Deadline.objects.filter(order=order).order_by("started_at", "id")}
    now = clock.now()
    return tuple(
        Stage(
            code=code,
            name=str(name),
            entries=tuple(_entry(order, e) for e in events if e.action in actions),
            limits=tuple(_limit(latest[kind], now) for kind in kinds if kind in latest),
        )
        for code, name, actions, kinds in STAGES
    )


def _limit(deadline: Deadline, now: datetime) -> Limit:
    """The latest row of a kind is the one that counted: a re-dispatch after a return restarts the
    45- and 90-minute clocks, and the stopped first run is no longer the team's limit."""
    if deadline.state == DeadlineState.MET:
        verdict = Verdict.LATE if deadline.met_at > deadline.due_at else Verdict.ON_TIME
    elif deadline.state == DeadlineState.RUNNING:
        verdict = Verdict.OVERDUE if now > deadline.due_at else Verdict.RUNNING
    else:
        verdict = Verdict.STOPPED
    return Limit(deadline.kind, deadline.get_kind_display(), deadline.due_at, deadline.met_at, verdict)


def _entry(order: WorkOrder, event: OrderEvent) -> Entry:
    person = event.actor.display_name if event.actor else _("系统")
    return Entry(at=event.at, person=person, text=DESCRIBE[event.action](order, event.data or {}))


def _name(value) -> str:
    """Events store a department or a person as {"id", "name"} (orders.workflow.events)."""
    return value.get("name", "") if isinstance(value, dict) else str(value or "")


def _label(choices, code) -> str:
    return str(choices(code).label) if code in choices.values else str(code or "")


def _join(*parts: str) -> str:
    return "；".join(p for p in parts if p)


def _describe_register(order: WorkOrder, data: dict) -> str:
    reasons = "、".join(taxonomy_label(Kind.FAST_RESPONSE_REASON, r) for r in order.fast_response_reasons or []) or "—"
    return _("经%(channel)s受理，接收于 %(received)s；快反事由：%(reasons)s") % {
        "channel": _label(Channel, order.channel), "received": _time(order.received_at), "reasons": reasons,
    }


def _describe_dispatch(order: WorkOrder, data: dict) -> str:
    handler = _name(data.get("handler"))
    return _join(
        _("向%(department)s发出快速响应指令") % {"department": _name(data.get("department"))},
        _("承办人：%(handler)s") % {"handler": handler} if handler else "",
        _("指令内容：%(note)s") % {"note": data["note"]} if data.get("note") else "",
    )


def _describe_return(order: WorkOrder, data: dict) -> str:
    return _("%(department)s退单：%(reason)s") % {
        "department": _name(data.get("department")), "reason": data.get("reason", ""),
    }


def _describe_transfer(order: WorkOrder, data: dict) -> str:
    return _("转办%(department)s：%(reason)s") % {
        "department": _name(data.get("department")), "reason": data.get("reason", ""),
    }


def _describe_accept(order: WorkOrder, data: dict) -> str:
    return _join(_("接收指令，开始处置"), data.get("note", ""))


def _describe_contact(order: WorkOrder, data: dict) -> str:
    return _("联系诉求人（%(method)s）：%(summary)s") % {
        "method": _label(ContactMethod, data.get("method")), "summary": data.get("summary", ""),
    }


def _describe_arrive(order: WorkOrder, data: dict) -> str:
    return _join(_("到达现场"), data.get("note", ""))


def _describe_mediate(order: WorkOrder, data: dict) -> str:
    amount = data.get("recovered_amount", "")
    return _join(
        _("调解：%(result)s") % {"result": _label(MediationResult, data.get("result"))},
        _label(TerminationGround, data["ground"]) if data.get("ground") else "",
        _("协议：%(agreement)s") % {"agreement": data["agreement"]} if data.get("agreement") else "",
        _("挽回经济损失 %(amount)s 元") % {"amount": amount} if amount not in ("", "0", "0.00") else "",
    )


def _describe_file_case(order: WorkOrder, data: dict) -> str:
    return _("立案，编号 %(case)s") % {"case": data.get("case_number", "")}


def _describe_conclude(order: WorkOrder, data: dict) -> str:
    return _join(
        _("办结：%(outcome)s") % {"outcome": _label(Outcome, data.get("outcome"))},
        _("答复：%(reply)s") % {"reply": data["reply"]} if data.get("reply") else "",
    )


def _describe_not_accept(order: WorkOrder, data: dict) -> str:
    return _join(
        _("不予受理：%(ground)s") % {"ground": _label(NotAcceptGround, data.get("ground"))},
        data.get("explanation", ""),
    )


def _describe_withdraw(order: WorkOrder, data: dict) -> str:
    return _("诉求人撤回：%(reason)s") % {"reason": data.get("reason", "")}


def _describe_review(order: WorkOrder, data: dict) -> str:
    if data.get("approve"):
        return _join(_("派单部门审核通过"), data.get("reason", ""))
    return _("派单部门退回重办：%(reason)s") % {"reason": data.get("reason", "")}


def _describe_visit(order: WorkOrder, data: dict) -> str:
    if not data.get("reached"):
        return _join(_("第 %(n)s 次回访未联系上诉求人") % {"n": data.get("attempt", 1)}, data.get("comment", ""))
    resolved = data.get("resolved")
    return _join(
        _("已联系上诉求人"),
        "" if resolved is None else (_("已解决") if resolved else _("未解决")),
        _("满意度：%(s)s") % {"s": _label(Satisfaction, data.get("satisfaction"))} if data.get("satisfaction") else "",
        _("意见：%(comment)s") % {"comment": data["comment"]} if data.get("comment") else "",
    )


DESCRIBE = {
    A.REGISTER: _describe_register,
    A.DISPATCH: _describe_dispatch,
    A.RETURN: _describe_return,
    A.TRANSFER: _describe_transfer,
    A.ACCEPT: _describe_accept,
    A.CONTACT: _describe_contact,
    A.ARRIVE: _describe_arrive,
    A.MEDIATE: _describe_mediate,
    A.FILE_CASE: _describe_file_case,
    A.CONCLUDE: _describe_conclude,
    A.NOT_ACCEPT: _describe_not_accept,
    A.WITHDRAW: _describe_withdraw,
    A.REVIEW: _describe_review,
    A.VISIT: _describe_visit,
}


def _time(moment: datetime | None) -> str:
    return clock.local(moment).strftime(TIME_FORMAT) if moment else "—"


# --- the PDF ------------------------------------------------------------------------------------


def directive_sheet_pdf(order: WorkOrder, viewer: Staff, *, via: str = "api") -> bytes:
    """The sheet as an A4 PDF. The complainant's phone is masked unless the viewer may see personal
    data; a printed phone is an unmasked read like any other, so it is written to the access log."""
    course = directive_sheet_course(order)
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
        title=_("快速响应指令书"), subject=order.number, author=_name(order.intake_department),
    )
    issuer = [Paragraph(_text(order.intake_department.name), styles["issuer"])] if order.intake_department else []
    story = [
        *issuer,
        Paragraph(_("快速响应指令书"), styles["title"]),
        Paragraph(_("工单编号：%(number)s") % {"number": order.number}, styles["subtitle"]),
        _header_table(order, _complainant(order, viewer, via), styles),
        Spacer(1, 4 * mm),
        Paragraph(_("诉求内容"), styles["heading"]),
        _boxed(Paragraph(_text(order.description), styles["body"])),
        Spacer(1, 4 * mm),
        Paragraph(_("处置过程"), styles["heading"]),
        _course_table(course, styles),
        Spacer(1, 6 * mm),
        _archive_table(order, viewer, styles),
    ]
    document.build(story, onFirstPage=_page_footer(order), onLaterPages=_page_footer(order))
    return buffer.getvalue()


@cache
def _font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


@cache
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=_font(), fontSize=9.5, leading=13.5, wordWrap="CJK")
    return {
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=12),
        "muted": ParagraphStyle("muted", parent=base, fontSize=8.5, leading=12, textColor=colors.grey),
        "label": ParagraphStyle("label", parent=base, textColor=colors.HexColor("#333333")),
        "heading": ParagraphStyle("heading", parent=base, fontSize=11.5, leading=16, spaceAfter=2 * mm),
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=28, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", parent=base, alignment=TA_CENTER, spaceAfter=4 * mm),
        "issuer": ParagraphStyle("issuer", parent=base, fontSize=11, alignment=TA_CENTER),
    }


def _text(value) -> str:
    """Recorded text goes into reportlab's mini-markup escaped, with its line breaks kept."""
    return escape(str(value or "")).replace("\n", "<br/>")


def _complainant(order: WorkOrder, viewer: Staff, via: str) -> str:
    if order.anonymous:
        return _("匿名")
    phone = order.complainant_phone
    if phone and may_view_personal_data(viewer):
        personal_data_access_record(
            staff=viewer, subject=order.number, fields=["phone"], via=via, detail={"document": "directive_sheet"}
        )
    else:
        phone = mask_phone(phone)
    return " ".join(p for p in (order.complainant_name, phone) if p) or "—"


def _grid(*, header: bool = False) -> list:
    style = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
    return style


def _header_table(order: WorkOrder, complainant: str, styles) -> Table:
    def p(value, style="body"):
        return Paragraph(_text(value), styles[style])

    reasons = "、".join(taxonomy_label(Kind.FAST_RESPONSE_REASON, r) for r in order.fast_response_reasons or []) or "—"
    respondent = order.respondent_name or "—"
    if order.respondent_address:
        respondent = f"{respondent}（{order.respondent_address}）"
    rows = [
        [p(_("工单编号"), "label"), p(order.number), p(_("工单类型"), "label"), p(_label(OrderType, order.type))],
        [p(_("受理时间"), "label"), p(_time(order.received_at)), p(_("来源渠道"), "label"),
         p(_label(Channel, order.channel))],
        [p(_("紧急程度"), "label"), p(_label(Urgency, order.urgency)), p(_("承办单位"), "label"),
         p(_name(order.department) or _("未派单"))],
        [p(_("快反事由"), "label"), p(reasons), "", ""],
        [p(_("被投诉方"), "label"), p(respondent), "", ""],
        [p(_("投诉人"), "label"), p(complainant), "", ""],
    ]
    table = Table(rows, colWidths=[22 * mm, 65 * mm, 22 * mm, 65 * mm])
    spans = [("SPAN", (1, r), (3, r)) for r in (3, 4, 5)]
    table.setStyle(TableStyle([*_grid(), *spans]))
    return table


def _boxed(flowable) -> Table:
    table = Table([[flowable]], colWidths=[174 * mm])
    table.setStyle(TableStyle(_grid()))
    return table


def _limits_markup(limits: tuple[Limit, ...]) -> str:
    """Each limit with its due time and verdict; a missed one in red, as a supervisor looks for it."""
    if not limits:
        return "—"
    parts = []
    for limit in limits:
        verdict = escape(str(limit.verdict.label))
        if limit.verdict in (Verdict.LATE, Verdict.OVERDUE):
            verdict = f'<font color="#b00020">{verdict}</font>'
        line = f"{escape(limit.name)}：{verdict}<br/>{_('期限')} {_time(limit.due_at)}"
        if limit.met_at:
            line += f"<br/>{_('完成')} {_time(limit.met_at)}"
        parts.append(line)
    return "<br/>".join(parts)


def _course_table(course: tuple[Stage, ...], styles) -> Table:
    """One row per recorded step; the stage name and its limits span the stage's rows."""
    cell, muted = styles["cell"], styles["muted"]
    rows = [[Paragraph(h, cell) for h in (_("环节"), _("时间"), _("人员"), _("内容"), _("时限"))]]
    spans = []
    for stage in course:
        start = len(rows)
        stage_cells = [Paragraph(_text(stage.name), cell), Paragraph(_limits_markup(stage.limits), cell)]
        if not stage.done:
            rows.append([stage_cells[0], Paragraph("—", muted), Paragraph("—", muted),
                         Paragraph(_("未完成"), muted), stage_cells[1]])
        for i, entry in enumerate(stage.entries):
            at = clock.local(entry.at)
            rows.append([
                stage_cells[0] if i == 0 else "",
                Paragraph(f"{at:%Y-%m-%d}<br/>{at:%H:%M}", cell),
                Paragraph(_text(entry.person), cell),
                Paragraph(_text(entry.text), cell),
                stage_cells[1] if i == 0 else "",
            ])
        if len(rows) - 1 > start:
            spans += [("SPAN", (0, start), (0, len(rows) - 1)), ("SPAN", (4, start), (4, len(rows) - 1))]
    table = Table(rows, colWidths=[14 * mm, 22 * mm, 22 * mm, 72 * mm, 44 * mm], repeatRows=1)
    table.setStyle(TableStyle([*_grid(header=True), *spans]))
    return table


def _archive_table(order: WorkOrder, viewer: Staff, styles) -> Table:
    """Signature lines for the archive. The archive date is printed only once the order is closed
    (归档); before that the line is left blank to be filled in by hand."""
    closed = order.events.filter(action=A.CLOSE).order_by("-at").values_list("at", flat=True).first()
    archived = _time(closed) if order.status == Status.CLOSED and closed else "____________"
    printed = _("打印：%(who)s %(at)s") % {"who": viewer.display_name, "at": _time(clock.now())}
    body = styles["body"]
    rows = [
        [Paragraph(_("承办人（签字）：____________"), body), Paragraph(_("审核人（签字）：____________"), body)],
        [Paragraph(_("归档日期：%(date)s") % {"date": archived}, body), Paragraph(_text(printed), body)],
    ]
    table = Table(rows, colWidths=[87 * mm, 87 * mm])
    table.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 6), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _page_footer(order: WorkOrder):
    def draw(canvas, document):
        canvas.saveState()
        canvas.setFont(_font(), 8)
        footer = _("快速响应指令书 %(number)s　第 %(page)d 页") % {"number": order.number, "page": document.page}
        canvas.drawCentredString(A4[0] / 2, 9 * mm, footer)
        canvas.restoreState()

    return draw
