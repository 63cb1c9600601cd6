"""The arithmetic of the monthly score, pure so the formula of docs/statistics.md ("部门考核") is
unit-tested with hand-computed numbers and no database.

score = 100 × Σ wₖ·rₖ / Σ wₖ − W_q × defects / checks

over the rates rₖ = numerator / denominator that have a denominator this month; a rate nobody could
earn or miss (no complaint fell due, no visit took place) is left out and the other weights are
renormalised, so a department is judged on what it actually had to do, not given 0 or 100 for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rate:
    numerator: float | int | Decimal
    denominator: int


@dataclass(frozen=True)
class Score:
    #: None when no weighted rate had a denominator: nothing to judge, so no rank either.
    score: Decimal | None
    measure_part: Decimal | None
    quality_deduction: Decimal
    #: The weights actually applied, after leaving out rates without a denominator.
    used: dict[str, Decimal] = field(default_factory=dict)


def department_score(
    rates: Mapping[str, Rate],
    weights: Mapping[str, Decimal],
    *,
    defects: int,
    checks: int,
    quality_weight: Decimal,
) -> Score:
    used = {key: w for key, w in weights.items() if w > 0 and key in rates and rates[key].denominator > 0}
    deduction = cents(quality_weight * defects / checks) if checks else Decimal("0.00")
    total = sum(used.values(), Decimal(0))
    if not total:
        return Score(None, None, deduction)
    weighted = sum(
        (w * Decimal(str(rates[key].numerator)) / rates[key].denominator for key, w in used.items()),
        Decimal(0),
    )
    part = 100 * weighted / total
    return Score(cents(part - deduction), cents(part), deduction, used)


@dataclass(frozen=True)
class Standing:
    rank: int | None
    below_average: bool


def ranking(scores: Mapping[int, Decimal | None]) -> tuple[dict[int, Standing], Decimal | None]:
    """Competition ranking (1, 2, 2, 4) by score, highest first, and the plain average of the scored
    departments. A department without a score has no rank and is never below the average."""
    scored = {pk: s for pk, s in scores.items() if s is not None}
    average = cents(sum(scored.values(), Decimal(0)) / len(scored)) if scored else None
    ordered = sorted(scored.values(), reverse=True)
    standings = {}
    for pk, s in scores.items():
        if s is None:
            standings[pk] = Standing(None, False)
        else:
            standings[pk] = Standing(ordered.index(s) + 1, s < average)
    return standings, average
