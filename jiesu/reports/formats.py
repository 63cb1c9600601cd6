"""How the report writes its numbers, shared by the Word tables and the findings so that a figure
reads the same in both: rates in per cent with one decimal and their numerator/denominator, money
in yuan with two decimals, changes of a rate in percentage points and of a count in per cent."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from jiesu.analytics.measures import Measure, MeasureValue

DASH = "—"


def number(value) -> str:
    """A count or a (possibly weighted) numerator: 3, 2.5."""
    if value is None:
        return DASH
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}"
    return str(int(value))


def percent(value: float | None) -> str:
    return DASH if value is None else f"{value * 100:.1f}%"


def money(value) -> str:
    return DASH if value is None else f"{Decimal(value):,.2f}"


def value_text(measure: Measure, value: MeasureValue) -> str:
    if measure.is_rate:
        return percent(value.value)
    if measure.money:
        return money(value.value)
    return number(value.value)


def fraction_text(measure: Measure, value: MeasureValue) -> str:
    """numerator/denominator of a rate, so the reader can audit it; nothing for a plain value."""
    if not measure.is_rate:
        return ""
    return f"{number(value.numerator)}/{number(value.denominator)}"


def change(measure: Measure, now: MeasureValue, then: MeasureValue) -> float | None:
    """A rate's change in percentage points; a count's or a sum's relative change. None when there
    is nothing to compare with (no denominator, or nothing in the earlier period)."""
    if measure.is_rate:
        if now.value is None or then.value is None:
            return None
        return round((float(now.value) - float(then.value)) * 100, 1)
    if not then.value:
        return None
    return round((float(now.value or 0) - float(then.value)) / float(then.value), 4)


def change_text(measure: Measure, now: MeasureValue, then: MeasureValue) -> str:
    delta = change(measure, now, then)
    if delta is None:
        return DASH
    if measure.is_rate:
        return _("%(sign)s%(points).1f 个百分点") % {"sign": "+" if delta > 0 else "", "points": delta}
    return relative_text(delta)


def relative_text(delta: float | None) -> str:
    """+12.5% / -3.0% for a ranking's 环比 and 同比; a dash when there was nothing before."""
    if delta is None:
        return DASH
    return f"{'+' if delta > 0 else ''}{delta * 100:.1f}%"
