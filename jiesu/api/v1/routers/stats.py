"""Statistics over the API (issue 6 items 1 and 2): parse, call one selector, present.

`GET /api/v1/stats/measures` gives every measure of domain.md for a period, in one item or grouped
by department, line, channel or type; `GET /api/v1/stats/orders` lists the orders behind any of its
numbers; `GET /api/v1/stats/top` and `/stats/series` rank and trend the orders by respondent,
brand, category, request, issue, line or channel. All within the caller's department scope.
"""

from ninja import Field, Query, Router, Schema

from jiesu.analytics.measures import PARTS, measure_orders, measure_table, measures
from jiesu.analytics.periods import period_parse
from jiesu.analytics.rankings import MAX_LIMIT, series, top
from jiesu.api.v1.schemas.common import ERRORS, ErrorOut
from jiesu.api.v1.schemas.orders import OrderPage
from jiesu.core.errors import field_error
from jiesu.orders.selectors import OrderFilters, order_list

router = Router(tags=["统计分析 statistics"])


class ScopeQuery(Schema):
    from_: str = Field("", alias="from", description="开始日期 YYYY-MM-DD（含）；缺省为本月1日")
    to: str = Field("", description="结束日期 YYYY-MM-DD（含）；缺省为今天")
    department: str = Field("", description="部门代码，统计其及下级；缺省为调用者的范围")

    def period(self):
        return period_parse(self.from_, self.to)


class MeasuresQuery(ScopeQuery):
    group_by: str = Field("", description="department | line | channel | type；缺省为整体一项")
    line: str = ""
    channel: str = ""
    type: str = ""


class ItemOut(Schema):
    group: str
    name: str
    own: bool = Field(False, description="部门分组时：仅本级（不含下级）的工单")
    measures: dict[str, dict]


class MeasuresOut(Schema):
    from_: str = Field(alias="from")
    to: str
    group_by: str
    items: list[ItemOut]


def _measure_json(item) -> dict[str, dict]:
    out = {}
    definitions = {m.key: m for m in measures()}
    for key, value in item.measures.items():
        if definitions[key].is_rate:
            out[key] = {"value": value.value, "numerator": value.numerator, "denominator": value.denominator}
        elif definitions[key].money:
            out[key] = {"value": str(value.value)}
        else:
            out[key] = {"value": value.value}
    return out


@router.get(
    "/stats/measures",
    response={200: MeasuresOut, ERRORS: ErrorOut},
    url_name="stats-measures",
    summary="统计指标 the measures of a period",
    by_alias=True,
)
def stats_measures(request, query: Query[MeasuresQuery]):
    """Each rate as `{value, numerator, denominator}` (`value` null when the denominator is 0), and
    `recovered_loss` (a decimal string) and `orders` as `{value}`. On-time rates count deadlines by
    their due date, outcomes and recovered loss by conclusion date, response and orders by receipt
    date, resolution and satisfaction by visit date; excluded orders are left out (docs/statistics.md).
    Grouped by department, the items are the departments one level below `department` (default: the
    caller's own, or the top of the tree for the centre), each with its subtree, plus its own orders
    (`own`: true) when it holds any. The figures follow the workflow within the worker's period."""
    table = measure_table(
        viewer=request.auth, period=query.period(), group_by=query.group_by, department=query.department,
        line=query.line, channel=query.channel, type=query.type,
    )  # fmt: skip
    return {
        "from": table.period.date_from.isoformat(), "to": table.period.date_to.isoformat(),
        "group_by": table.group_by,
        "items": [{"group": i.group, "name": i.name, "own": i.own, "measures": _measure_json(i)} for i in table.items],
    }  # fmt: skip


class MeasureOrdersQuery(MeasuresQuery):
    measure: str = Field(description="指标代码，如 on_time_initial_review_rate")
    part: str = Field("denominator", description="numerator | denominator")
    group: str = Field("", description="分组值：部门代码或条线/渠道/类型代码（与 group_by 一起）")
    limit: int = Field(50, ge=1, le=200)
    cursor: str = ""


@router.get(
    "/stats/orders",
    response={200: OrderPage, ERRORS: ErrorOut},
    url_name="stats-orders",
    summary="指标背后的工单 the orders behind a number",
)
def stats_orders(request, query: Query[MeasureOrdersQuery]):
    """Exactly the orders a measure's numerator or denominator counted for the same period, scope,
    group and filter as `/stats/measures`; newest first, paged like `/orders`."""
    if query.part not in PARTS:
        raise field_error("part", "numerator | denominator")
    among = measure_orders(
        viewer=request.auth, period=query.period(), key=query.measure, part=query.part,
        department=query.department, group_by=query.group_by, group=query.group,
        line=query.line, channel=query.channel, type=query.type,
    )  # fmt: skip
    return order_list(viewer=request.auth, filters=OrderFilters(), cursor=query.cursor, limit=query.limit,
                      among=among)  # fmt: skip


class TopQuery(ScopeQuery):
    dimension: str = Field(description="respondent | brand | category | request | issue | line | channel | type")
    limit: int = Field(10, ge=1, le=MAX_LIMIT)


class RankOut(Schema):
    key: str
    name: str
    count: int
    previous: int = Field(description="上一期（环比）")
    mom: float | None = Field(description="环比变化，(本期-上期)/上期；上期为0时为 null")
    last_year: int = Field(description="去年同期（同比）")
    yoy: float | None


class TopOut(Schema):
    from_: str = Field(alias="from")
    to: str
    dimension: str
    previous_from: str
    previous_to: str
    last_year_from: str
    last_year_to: str
    items: list[RankOut]


@router.get(
    "/stats/top",
    response={200: TopOut, ERRORS: ErrorOut},
    url_name="stats-top",
    summary="排名 top N with month-on-month and year-on-year change",
    by_alias=True,
)
def stats_top(request, query: Query[TopQuery]):
    """Orders received in the period per value of `dimension`, most first, with the period before
    (a calendar month is compared with the month before) and the same period a year earlier."""
    ranking = top(viewer=request.auth, dimension=query.dimension, period=query.period(), limit=query.limit,
                  department=query.department)  # fmt: skip
    return {
        "from": ranking.period.date_from.isoformat(), "to": ranking.period.date_to.isoformat(),
        "dimension": ranking.dimension,
        "previous_from": ranking.previous.date_from.isoformat(), "previous_to": ranking.previous.date_to.isoformat(),
        "last_year_from": ranking.last_year.date_from.isoformat(),
        "last_year_to": ranking.last_year.date_to.isoformat(),
        "items": [
            {"key": i.key, "name": i.name, "count": i.count, "previous": i.previous, "mom": i.mom,
             "last_year": i.last_year, "yoy": i.yoy}
            for i in ranking.items
        ],
    }  # fmt: skip


class SeriesQuery(TopQuery):
    step: str = Field("day", description="day | week | month")


class SeriesLineOut(Schema):
    key: str
    name: str
    counts: list[int]


class SeriesOut(Schema):
    step: str
    labels: list[str] = Field(description="每个区间的第一天")
    items: list[SeriesLineOut]


@router.get(
    "/stats/series",
    response={200: SeriesOut, ERRORS: ErrorOut},
    url_name="stats-series",
    summary="趋势 orders per day, week or month of the top values",
)
def stats_series(request, query: Query[SeriesQuery]):
    """The time series behind `/stats/top`: for its top `limit` values, the orders of each day,
    week (from Monday) or month of the period."""
    period = query.period()
    ranking = top(viewer=request.auth, dimension=query.dimension, period=period, limit=query.limit,
                  department=query.department)  # fmt: skip
    keys = [i.key for i in ranking.items]
    result = series(viewer=request.auth, dimension=query.dimension, keys=keys, period=period, step=query.step,
                    department=query.department)  # fmt: skip
    return {
        "step": result.step, "labels": result.labels,
        "items": [{"key": k, "name": result.names[k], "counts": result.lines[k]} for k in keys],
    }  # fmt: skip
