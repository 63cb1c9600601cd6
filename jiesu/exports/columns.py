"""The columns an order export may carry (seed 000: "export by any field: call time, name, phone,
respondent, category, request"). A column's code is what the API's `columns=` and the UI's picker
send, and is never renamed within v1; its header is what the sheet shows.

Each column names the `WorkOrder` values it reads, so the export selects exactly those and no model
instances: the rows stream from the database as small dicts. Codes become the labels staff read,
times the local (Asia/Shanghai) wall-clock time Excel can hold, lists one cell of text.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiesu.core import clock
from jiesu.core.errors import field_error
from jiesu.core.masking import mask_address, mask_id_number, mask_phone
from jiesu.orders.choices import Channel, Flag, OrderType, Outcome, Satisfaction, Status, Urgency
from jiesu.orders.selectors import order_flags
from jiesu.taxonomy.selectors import Kind, taxonomy_codes, taxonomy_label

#: A reader turns one row of `.values()` into the cell's value.
Reader = Callable[[dict], object]
#: Builds a column's reader once per export, in the language of the request and at the export's
#: "now" (which decides the overdue flag): labels are looked up once, not once a cell.
ReaderFactory = Callable[[datetime], Reader]


@dataclass(frozen=True)
class Column:
    code: str
    header: Promise
    #: The `WorkOrder.objects.values()` names the reader needs.
    fields: tuple[str, ...]
    reader: ReaderFactory
    #: How personal data (domain.md: phone, ID number, address) is masked for a viewer without the
    #: right to see it; None for every other column.
    mask: Callable[[str | None], str | None] | None = None
    #: The access-log name of that personal data (as order_detail logs it).
    personal_field: str = ""
    width: int = 14

    @property
    def personal(self) -> bool:
        return self.mask is not None


def _text(name: str) -> ReaderFactory:
    return lambda now: lambda row: row[name] or None


def _value(name: str) -> ReaderFactory:
    """Numbers and dates as they are: an amount of 0 is a figure, not a blank."""
    return lambda now: lambda row: row[name]


def _label(name: str, choices) -> ReaderFactory:
    def factory(now):
        labels = {value: str(label) for value, label in choices.choices}
        return lambda row: labels.get(row[name], row[name]) or None

    return factory


def _moment(name: str) -> ReaderFactory:
    """Excel holds no time zone: the cell shows the Beijing wall-clock time staff work in."""

    def read(row):
        value = row[name]
        return clock.local(value).replace(tzinfo=None) if value is not None else None

    return lambda now: read


def _line(now) -> Reader:
    """Lines are taxonomy data edited in the admin: their names come from there, retired ones too."""
    labels = {code: taxonomy_label(Kind.LINE, code) for code in taxonomy_codes(Kind.LINE, active=False)}
    return lambda row: labels.get(row["line"], row["line"]) or None


def _joined(name: str) -> ReaderFactory:
    return lambda now: lambda row: "、".join(str(v) for v in row[name] or ()) or None


def _flags(now) -> Reader:
    """The same flags the order list shows, "overdue" included, which is derived from the nearest
    running deadline rather than stored (orders.selectors.order_flags keeps that rule)."""
    labels = {value: str(label) for value, label in Flag.choices}

    def read(row):
        flags = order_flags(SimpleNamespace(flags=row["flags"], next_due_at=row["next_due_at"]), now=now)
        return "、".join(labels.get(flag, flag) for flag in flags) or None

    return read


def _handler(now) -> Reader:
    return lambda row: row["handler__full_name"] or row["handler__username"]


def _yes_no(name: str) -> ReaderFactory:
    def factory(now):
        words = {True: _("是"), False: _("否"), None: None}
        return lambda row: words[row[name]]

    return factory


def _column(code, header, fields, reader, **extra) -> Column:
    return Column(code=code, header=header, fields=tuple(fields), reader=reader, **extra)


def _plain(code: str, header, **extra) -> Column:
    return _column(code, header, [code], _text(code), **extra)


COLUMNS: dict[str, Column] = {
    c.code: c
    for c in (
        _plain("number", gettext_lazy("工单编号"), width=17),
        _column("received_at", gettext_lazy("接收时间"), ["received_at"], _moment("received_at"), width=19),
        _column("type", gettext_lazy("类型"), ["type"], _label("type", OrderType), width=8),
        _column("channel", gettext_lazy("来源渠道"), ["channel"], _label("channel", Channel)),
        _column("status", gettext_lazy("状态"), ["status"], _label("status", Status), width=10),
        _column("urgency", gettext_lazy("紧急程度"), ["urgency"], _label("urgency", Urgency), width=10),
        _column("line", gettext_lazy("分流条线"), ["line"], _line),
        _plain("category", gettext_lazy("商品服务类别")),
        _plain("issue", gettext_lazy("问题性质"), width=10),
        _column("requests", gettext_lazy("诉求"), ["requests"], _joined("requests")),
        _column("flags", gettext_lazy("标记"), ["flags", "next_due_at"], _flags),
        _plain("description", gettext_lazy("诉求内容"), width=60),
        _plain("complainant_name", gettext_lazy("诉求人姓名"), width=12),
        _plain("complainant_phone", gettext_lazy("诉求人电话"), mask=mask_phone, personal_field="phone"),
        _plain(
            "complainant_id_number",
            gettext_lazy("证件号码"),
            mask=mask_id_number,
            personal_field="id_number",
            width=20,
        ),
        _plain(
            "complainant_address",
            gettext_lazy("诉求人地址"),
            mask=mask_address,
            personal_field="address",
            width=30,
        ),
        _plain("respondent_name", gettext_lazy("被诉方名称"), width=24),
        _plain("respondent_credit_code", gettext_lazy("被诉方信用代码"), width=20),
        _plain("respondent_address", gettext_lazy("被诉方地址"), width=30),
        _plain("product_name", gettext_lazy("商品或服务")),
        _plain("product_brand", gettext_lazy("品牌")),
        _column(
            "product_amount", gettext_lazy("金额"), ["product_amount"], _value("product_amount"), width=10
        ),
        _column("purchased_on", gettext_lazy("购买日期"), ["purchased_on"], _value("purchased_on"), width=11),
        _column(
            "intake_department",
            gettext_lazy("受理机构"),
            ["intake_department__name"],
            _text("intake_department__name"),
        ),
        _column("department", gettext_lazy("承办单位"), ["department__name"], _text("department__name")),
        _column(
            "handler", gettext_lazy("承办人"), ["handler__full_name", "handler__username"], _handler, width=10
        ),
        _column("next_due_at", gettext_lazy("最近到期"), ["next_due_at"], _moment("next_due_at"), width=19),
        _column("outcome", gettext_lazy("办理结果"), ["outcome"], _label("outcome", Outcome)),
        _plain("reply", gettext_lazy("答复内容"), width=40),
        _column(
            "recovered_amount",
            gettext_lazy("挽回经济损失"),
            ["recovered_amount"],
            _value("recovered_amount"),
            width=12,
        ),
        _column(
            "concluded_at", gettext_lazy("办结时间"), ["concluded_at"], _moment("concluded_at"), width=19
        ),
        _column("visited_at", gettext_lazy("回访时间"), ["visited_at"], _moment("visited_at"), width=19),
        _column("resolved", gettext_lazy("是否解决"), ["resolved"], _yes_no("resolved"), width=10),
        _column(
            "satisfaction",
            gettext_lazy("满意度"),
            ["satisfaction"],
            _label("satisfaction", Satisfaction),
            width=10,
        ),
    )
}

#: What the UI's picker ticks before the user changes anything: seed 000's "call time, name, phone,
#: respondent, category, request", with the number and status that identify the order.
DEFAULT_COLUMNS = (
    "number", "received_at", "type", "status", "complainant_name", "complainant_phone", "respondent_name",
    "category", "requests", "description", "department",
)  # fmt: skip


def columns_parse(codes: Sequence[str]) -> list[Column]:
    """The columns named by `codes`, in the order given, each once. Unknown codes and an empty
    choice are refused naming the `columns` field, before anything is read or written."""
    wanted = [code.strip() for code in codes if code and code.strip()]
    if not wanted:
        raise field_error("columns", _("请至少选择一列"))
    unknown = [code for code in wanted if code not in COLUMNS]
    if unknown:
        raise field_error("columns", _("未知的列：%(codes)s") % {"codes": ",".join(unknown)})
    return [COLUMNS[code] for code in dict.fromkeys(wanted)]
