"""What the intelligence app concluded about an order (issue 5): parse, call one selector, present.

`GET /api/v1/orders/{number}/claimant` explains the professional-claimant assessment (issue 5 item
6): the complainant's score as the order's registration saw it, the threshold, and each piece of
evidence with the order numbers behind it. The complainant's phone and ID number, by which their
orders are found, are never part of the answer.
"""

from ninja import Router, Schema

from jiesu.api.v1.schemas.common import ERRORS, ErrorOut
from jiesu.intelligence.claimants import claimant_assessment
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
