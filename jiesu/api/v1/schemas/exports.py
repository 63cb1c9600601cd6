"""Shapes of the order export (issue 6 item 5): the order list's filters plus the columns.

Every filter is read as text, as the order list's filter definition (orders.selectors.order_filter)
parses it: a bad value, a date included, is the domain's 400 naming the field, the same answer the
staff UI gives, rather than a 422 from the schema.
"""

from ninja import Field, Schema

from jiesu.orders.selectors import OrderFilters


class OrderExportQuery(Schema):
    """The filters of `GET /api/v1/orders`, plus those of the staff UI's list (due bands, intake and
    responsible department, pending extension), so any list either of them shows can be exported."""

    columns: str = Field(
        "", description="导出列代码，逗号分隔，见 GET /api/v1/exports/columns；按所给顺序输出"
    )
    status: str = Field("", description="状态代码，可用逗号分隔多个")
    type: str = ""
    channel: str = ""
    line: str = ""
    flag: str = ""
    department: str = Field("", description="承办单位代码，含其下级部门")
    phone: str = ""
    respondent: str = Field("", description="被诉方名称（包含匹配）")
    category: str = Field("", description="商品服务类别（完全匹配）")
    number: str = ""
    received_from: str = Field("", description="接收日期起 YYYY-MM-DD")
    received_to: str = Field("", description="接收日期止 YYYY-MM-DD（含当日）")
    q: str = Field("", description="工单编号、电话、被诉方或诉求内容")
    due: str = Field("", description="today | day | 2wd | 3wd | overdue")
    due_on: str = Field("", description="到期区间的基准日 YYYY-MM-DD，默认今天")
    intake_department: str = Field("", description="受理机构代码，含其下级部门")
    responsible: str = Field("", description="责任单位代码，含其下级部门（首接负责制）")
    extension: str = Field("", description="pending：延期审批中")

    def filters(self) -> OrderFilters:
        return OrderFilters(**self.model_dump(exclude={"columns"}))

    def column_codes(self) -> list[str]:
        return self.columns.split(",")


class ExportColumnOut(Schema):
    code: str
    header: str
    personal: bool = Field(description="个人信息（电话、证件号码、地址）/ personal data")
    masked: bool = Field(description="对当前调用者脱敏导出 / masked for this caller")
    default: bool = Field(description="界面默认勾选 / ticked by default in the staff UI")


class ExportColumnPage(Schema):
    items: list[ExportColumnOut]
    next_cursor: str | None = None
