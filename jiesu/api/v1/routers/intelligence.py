"""What the intelligence app concluded about an order (issue 5): parse, call one selector, present.

`GET /api/v1/orders/{number}/claimant` explains the professional-claimant assessment (issue 5 item
6): the complainant's score as the order's registration saw it, the threshold, and each piece of
evidence with the order numbers behind it. The complainant's phone and ID number, by which their
orders are found, are never part of the answer.

`GET /api/v1/warnings` lists the unusual rises of one dimension (issue 5 item 7, seeds 003, 004).
"""

from ninja import Router, Schema

from jiesu.api.v1.schemas.common import ERRORS, ErrorOut
from jiesu.intelligence.claimants import claimant_assessment
from jiesu.intelligence.warnings import rising, warning_day, warning_dimension
from jiesu.orders.selectors import order_get

router = Router(tags=["智能分析 intelligence"])


class ClaimantEvidenceOut(Schema):
    text: str
    orders: list[str]


class ClaimantOut(Schema):
    score: int
    threshold: int
    flagged: bool
    evidence: list[ClaimantEvidenceOut]


@router.get("/orders/{number}/claimant", response={200: ClaimantOut, ERRORS: ErrorOut},
            url_name="order-claimant", summary="职业索赔风险 professional-claimant assessment")
def order_claimant(request, number: str):
    """Score 0-100 of the order's complainant over their complaints and reports received in the
    JIESU_CLAIMANT_WINDOW_DAYS before this order; `flagged` when it reaches JIESU_CLAIMANT_THRESHOLD
    (then registration flagged the order `professional_claimant` and put it on the professional_claim
    line). An anonymous order scores 0. A hint for routing, never a ground for refusal. 404 outside
    the caller's scope."""
    order = order_get(viewer=request.auth, number=number)
    assessment = claimant_assessment(
        phone=order.complainant_phone, id_number=order.complainant_id_number, at=order.received_at
    )
    return {
        "score": assessment.score,
        "threshold": assessment.threshold,
        "flagged": assessment.flagged,
        "evidence": [{"text": e.text, "orders": list(e.orders)} for e in assessment.evidence],
    }


class WarningOut(Schema):
    dimension: str
    key: str
    label: str
    recent: int
    baseline_per_week: float
    ratio: float | None
    z: float | None
    days: list[str]
    counts: list[int]


class WarningsOut(Schema):
    day: str
    items: list[WarningOut]


@router.get("/warnings", response={200: WarningsOut, ERRORS: ErrorOut}, url_name="warnings",
            summary="预警 unusual rises against each key's own baseline")
def warnings(request, day: str = "", dimension: str = "respondent"):
    """Respondents (merchant id `m<id>` when linked, else the name), lines, categories or requests
    whose orders in the JIESU_WARNING_RECENT_DAYS ending on `day` (default today) rose against their
    daily mean over the JIESU_WARNING_BASELINE_DAYS before (issue 5 item 7): at least
    JIESU_WARNING_MIN_ORDERS and a z-score of JIESU_WARNING_Z, or three times a baseline of about
    nothing (`ratio` null when it was empty, `z` null when it never varied). `days`/`counts` are the
    last 8 weeks, daily. Counted over the caller's scope. A bad `day` or `dimension` is a 400."""
    parsed = warning_day(day)
    items = rising(day=parsed, dimension=warning_dimension(dimension), viewer=request.auth)
    return {"day": parsed.isoformat(), "items": [
        {"dimension": i.dimension, "key": i.key, "label": i.label, "recent": i.recent,
         "baseline_per_week": i.baseline_per_week, "ratio": i.ratio, "z": i.z, "days": i.days, "counts": i.counts}
        for i in items
    ]}
