"""Quality control over the API (issue 6 item 7): the sampled inspections with their verdicts, for
the centre's monthly 质量通报 and the departments' own systems; drawing a sample; recording a verdict.

Parse, call one service or selector, present. Inspections are seen by the subtree of the
department they were drawn in; one outside the caller's scope is 404. The shapes live here with
their endpoints: fields may be added, never renamed or dropped within v1.
"""

from datetime import date

from ninja import Field, Query, Router, Schema, Status

from jiesu.api.v1.pagination import DEFAULT_LIMIT, MAX_LIMIT
from jiesu.api.v1.schemas.common import ERRORS, ErrorOut, LocalDateTime
from jiesu.quality.selectors import (
    InspectionFilters,
    day_parse,
    department_by_code,
    inspection_get,
    inspection_list,
)
from jiesu.quality.services import inspection_record, sample_draw

router = Router(tags=["质量检查 quality control"])


class InspectionOut(Schema):
    id: int
    order: str = Field(description="工单编号")
    department: str = Field(description="抽样时的承办单位代码 / handling department when drawn")
    department_name: str
    batch: int = Field(description="抽样批次 / the draw")
    concluded_at: LocalDateTime = Field(description="抽样时工单的办结时间")
    verdict: str | None = Field(
        description="qualified 合格 · basically_qualified 基本合格 · unqualified 不合格；未质检为 null"
    )
    problems: list[str] = Field(description="发现问题代码 / problem codes")
    comment: str
    inspector: str | None = Field(description="质检员用户名")
    inspected_at: LocalDateTime | None


class InspectionPage(Schema):
    items: list[InspectionOut]
    next_cursor: str | None


class InspectionListQuery(Schema):
    date_from: str = Field("", alias="from", description="办结日期自 YYYY-MM-DD")
    date_to: str = Field("", alias="to", description="办结日期至 YYYY-MM-DD")
    department: str = Field("", description="部门代码，含下级")
    batch: str = Field("", description="抽样批次 id")
    state: str = Field("", description="pending 待质检 · done 已质检")
    verdict: str = ""
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    cursor: str = ""


class VerdictIn(Schema):
    verdict: str = Field(description="qualified · basically_qualified · unqualified")
    problems: list[str] = Field(default_factory=list, description="问题代码；非合格时至少一项")
    comment: str = ""


class SampleIn(Schema):
    date_from: str = Field(alias="from", description="办结日期自 YYYY-MM-DD")
    date_to: str = Field(alias="to", description="办结日期至 YYYY-MM-DD")
    rate: str | None = Field(None, description='抽样比例，如 "0.1"；默认 JIESU_QUALITY_SAMPLE_RATE')
    department: str = Field("", description="部门代码，含下级；默认本人部门（中心与市局为全部）")


class SampleOut(Schema):
    id: int
    date_from: date = Field(alias="from")
    date_to: date = Field(alias="to")
    department: str | None
    rate: str
    seed: str = Field(description="随机种子：序值 = sha256(种子:工单编号)，各部门取序值最小者")
    population: int
    sampled: int
    strata: list[dict]
    drawn_at: LocalDateTime


def _out(inspection) -> dict:
    return {
        "id": inspection.pk,
        "order": inspection.order.number,
        "department": inspection.department.code,
        "department_name": inspection.department.name,
        "batch": inspection.batch_id,
        "concluded_at": inspection.order_concluded_at,
        "verdict": inspection.verdict or None,
        "problems": list(inspection.problems or ()),
        "comment": inspection.comment,
        "inspector": inspection.inspector.username if inspection.inspector_id else None,
        "inspected_at": inspection.inspected_at,
    }


@router.get(
    "/quality/inspections",
    response={200: InspectionPage, ERRORS: ErrorOut},
    url_name="inspection-list",
    summary="质量检查列表 list sampled inspections",
    by_alias=True,
)
def list_inspections(request, query: Query[InspectionListQuery]):
    """Sampled orders in draw order, keyset-paged by `cursor`, with their verdicts (null until
    inspected). `from`/`to` select by the day the order was concluded, so a month's list is the
    sample of that month's orders; `department` includes its subtree."""
    filters = InspectionFilters(
        date_from=query.date_from,
        date_to=query.date_to,
        department=query.department,
        batch=query.batch,
        state=query.state,
        verdict=query.verdict,
    )
    page = inspection_list(viewer=request.auth, filters=filters, cursor=query.cursor, limit=query.limit)
    return {"items": [_out(i) for i in page.items], "next_cursor": page.next_cursor}


@router.get(
    "/quality/inspections/{inspection_id}",
    response={200: InspectionOut, ERRORS: ErrorOut},
    url_name="inspection-get",
    summary="一条质量检查 one inspection",
)
def get_inspection(request, inspection_id: int):
    return _out(inspection_get(viewer=request.auth, pk=inspection_id))


@router.post(
    "/quality/inspections/{inspection_id}/verdict",
    response={200: InspectionOut, ERRORS: ErrorOut},
    url_name="inspection-verdict",
    summary="登记质检结论 record a verdict",
)
def record_verdict(request, inspection_id: int, body: VerdictIn):
    """Visitors / quality inspectors only (403). A verdict other than qualified names at least one
    problem; unqualified or "other" needs a comment (400 naming the field). A verdict is final:
    a second one is 409 `conflict`."""
    inspection = inspection_get(viewer=request.auth, pk=inspection_id)
    inspection = inspection_record(
        inspection=inspection,
        actor=request.auth,
        verdict=body.verdict,
        problems=body.problems,
        comment=body.comment,
    )
    return _out(inspection_get(viewer=request.auth, pk=inspection.pk))


@router.post(
    "/quality/samples",
    response={201: SampleOut, ERRORS: ErrorOut},
    url_name="sample-draw",
    summary="抽样 draw a sample",
    by_alias=True,
)
def draw_sample(request, body: SampleIn):
    """round(rate × concluded orders) per handling department of the period, never an order sampled
    before; a repeated draw tops up to the rate. Inspectors and leaders (403 otherwise)."""
    batch = sample_draw(
        actor=request.auth,
        period_start=day_parse(body.date_from, "from"),
        period_end=day_parse(body.date_to, "to"),
        rate=body.rate,
        department=department_by_code(body.department, viewer=request.auth),
    )
    return Status(
        201,
        {
            "id": batch.pk,
            "from": batch.period_start,
            "to": batch.period_end,
            "department": batch.department.code if batch.department_id else None,
            "rate": str(batch.rate),
            "seed": batch.seed,
            "population": batch.population,
            "sampled": batch.inspections.count(),
            "strata": batch.strata,
            "drawn_at": batch.drawn_at,
        },
    )
