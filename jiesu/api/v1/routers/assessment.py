"""Department assessment over the API (issue 6 item 6): the month's ranking, for the centre's
通报 and the districts' own systems. Parse, call one selector, present; the shapes live here with
their endpoint: fields may be added, never renamed or dropped within v1. A district leader gets
their subtree's departments, ranked among the whole tier."""

from ninja import Field, Query, Router, Schema

from jiesu.api.v1.schemas.common import ERRORS, ErrorOut, LocalDateTime
from jiesu.assessment.selectors import month_parse, score_table

router = Router(tags=["部门考核 department assessment"])


class MeasureOut(Schema):
    value: float | str | int | None = Field(description="比率为 0–1 的小数，分母为 0 时为 null；挽回经济损失为金额字符串")
    numerator: float | int | None = None
    denominator: int | None = None


class DataQualityOut(Schema):
    orders: int = Field(description="当月接收的投诉、举报")
    concluded: int = Field(description="当月办结的投诉、举报")
    missing_category: int
    missing_address: int = Field(description="缺被诉方地址")
    missing_reply: int = Field(description="办结而无答复")
    deduction: str = Field(description="数据质量扣分")


class ScoreOut(Schema):
    department: str = Field(description="部门代码")
    name: str
    tier: str = Field(description="district 区县局 · unit 所、科室与快反分队：各自排名")
    score: str | None = Field(description="得分（两位小数）；无可考核指标时为 null")
    rank: int | None
    average: str | None = Field(description="本组平均分")
    measures: dict[str, MeasureOut]
    data_quality: DataQualityOut
    below_average: bool
    months_below: int = Field(description="连续低于平均分的月数")
    interview_flag: bool = Field(description="连续低于平均分达到约谈条件（种子 001：三个月）")


class ScoresOut(Schema):
    month: str
    scored_at: LocalDateTime | None
    weights: dict[str, str] = Field(description="计算所用权重")
    items: list[ScoreOut]


class ScoresQuery(Schema):
    month: str = Field("", description="YYYY-MM；默认上月")


def _decimal(value) -> str | None:
    return None if value is None else str(value)


@router.get(
    "/assessment/scores",
    response={200: ScoresOut, ERRORS: ErrorOut},
    url_name="assessment-scores",
    summary="部门考核排名 the month's department scores",
)
def scores(request, query: Query[ScoresQuery]):
    """Every scored department in the caller's scope, district bureaus first, each tier by rank."""
    month = month_parse(query.month)
    table = score_table(viewer=request.auth, month=month)
    items = []
    for row in table.rows:
        s = row.score
        items.append({
            "department": s.department.code, "name": s.department.name, "tier": s.tier,
            "score": _decimal(s.score), "rank": s.rank, "average": _decimal(s.average), "measures": s.measures,
            "data_quality": {
                "orders": s.orders, "concluded": s.concluded, "missing_category": s.missing_category,
                "missing_address": s.missing_address, "missing_reply": s.missing_reply,
                "deduction": str(s.quality_deduction),
            },
            "below_average": s.below_average, "months_below": s.months_below, "interview_flag": s.interview_flag,
        })  # fmt: skip
    run = table.run
    return {
        "month": f"{month:%Y-%m}",
        "scored_at": run.scored_at if run else None,
        "weights": run.weights if run else {},
        "items": items,
    }
