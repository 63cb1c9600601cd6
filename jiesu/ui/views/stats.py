"""The statistics dashboard (issue 6 item 3) and the orders behind each of its numbers.

One page per period and scope: every measure against the period before, the departments one level
down (each a link into its own subtree), the trend of orders by line, and the top lists. Every
number links to `stats_orders`, which lists exactly the orders counted (`measure_orders` and
`top_orders`, the same definitions the numbers come from)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET

from jiesu.advisories.choices import DRAFT_ROLES
from jiesu.analytics.measures import MeasureValue, measure, measure_orders, measure_table, measures
from jiesu.analytics.periods import Period, period_parse
from jiesu.analytics.rankings import dimension_name, series, top, top_orders
from jiesu.core import clock
from jiesu.core.errors import DomainError
from jiesu.orders.selectors import OrderFilters, order_flags, order_list
from jiesu.organisations.scope import department_list

PAGE_SIZE = 50
#: The department table's columns: the rates seed 000 and seed 001 report first, then the sums.
TABLE_MEASURES = (
    "orders", "on_time_initial_review_rate", "on_time_conclusion_rate", "on_time_verification_rate",
    "response_rate", "mediation_success_rate", "resolution_rate", "satisfaction_rate", "recovered_loss",
)  # fmt: skip
TOP_LISTS = (
    ("respondent", _lazy("被诉经营者")), ("category", _lazy("商品服务类别")), ("brand", _lazy("品牌")),
    ("request", _lazy("诉求")), ("issue", _lazy("问题性质")),
)  # fmt: skip


def _period_links(today) -> list[tuple[str, Period]]:
    month = Period(today.replace(day=1), today)
    last_month_end = today.replace(day=1) - timedelta(days=1)
    quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    return [
        (_("本月"), month),
        (_("上月"), Period(last_month_end.replace(day=1), last_month_end)),
        (_("本季度"), Period(quarter_start, today)),
        (_("本年"), Period(today.replace(month=1, day=1), today)),
    ]


def _shown(value: MeasureValue, *, rate: bool, money: bool) -> str:
    if value.value is None:
        return "—"
    if rate:
        return f"{value.value * 100:.1f}%"
    if money:
        return f"{value.value:,.2f}"
    return f"{value.value:,}"


def _change(current: MeasureValue, previous: MeasureValue, *, rate: bool) -> str:
    """Points for rates (百分点), relative change for counts and sums."""
    if current.value is None or previous.value is None:
        return ""
    if rate:
        points = (current.value - previous.value) * 100
        return f"{points:+.1f}" + _("个百分点")
    if not previous.value:
        return ""
    return f"{(Decimal(current.value) - Decimal(previous.value)) / Decimal(previous.value) * 100:+.1f}%"


def _orders_href(base: dict, **extra) -> str:
    return reverse("ui:stats_orders") + "?" + urlencode({**base, **extra})


def _cell(base: dict, key: str, value: MeasureValue, **group) -> dict:
    definition = measure(key)
    cell = {"text": _shown(value, rate=definition.is_rate, money=definition.money), "key": key}
    if definition.is_rate:
        cell["href"] = _orders_href(base, measure=key, part="denominator", **group)
        cell["numerator"] = value.numerator
        cell["denominator"] = value.denominator
        cell["numerator_href"] = _orders_href(base, measure=key, part="numerator", **group)
    else:
        cell["href"] = _orders_href(base, measure=key, **group)
    return cell


@login_required
@require_GET
def stats(request):
    departments = list(department_list(viewer=request.user, include_external=False))
    today = clock.today()
    context = {
        "departments": departments,
        "period_links": [
            (label, p.date_from.isoformat(), p.date_to.isoformat()) for label, p in _period_links(today)
        ],
        "department": request.GET.get("department", ""),
    }
    try:
        period = period_parse(request.GET.get("from"), request.GET.get("to"))
        table = measure_table(viewer=request.user, period=period, department=context["department"])
        before = measure_table(
            viewer=request.user, period=period.previous(), department=context["department"]
        )
        by_department = measure_table(
            viewer=request.user, period=period, department=context["department"], group_by="department"
        )
    except DomainError as exc:
        context["error"] = "；".join(m for msgs in exc.fields.values() for m in msgs) or exc.detail
        return render(request, "ui/stats.html", context, status=exc.status)
    base = {"from": period.date_from.isoformat(), "to": period.date_to.isoformat()}
    if context["department"]:
        base["department"] = context["department"]
    current, previous = table.items[0].measures, before.items[0].measures
    cards = []
    for definition in measures():
        value = current[definition.key]
        cards.append({
            "label": definition.label, "rate": definition.is_rate,
            "previous": _shown(previous[definition.key], rate=definition.is_rate, money=definition.money),
            "change": _change(value, previous[definition.key], rate=definition.is_rate),
            **_cell(base, definition.key, value),
        })  # fmt: skip
    rows = []
    for item in by_department.items:
        drill = None
        if item.department is not None and not item.own:
            drill = reverse("ui:stats") + "?" + urlencode({**base, "department": item.department.code})
        group = {"group_by": "department", "group": item.group}
        rows.append({
            "name": item.name, "drill": drill,
            "cells": [_cell(base, key, item.measures[key], **group) for key in TABLE_MEASURES],
        })  # fmt: skip
    context.update({
        "period": period, "previous": period.previous(), "root": table.root, "cards": cards,
        "headers": [measure(key).label for key in TABLE_MEASURES], "rows": rows,
        "tops": _tops(request.user, period, base, context["department"]),
        "may_warn": request.user.has_role(*DRAFT_ROLES),
        "trend": _trend(request.user, period, context["department"]),
    })  # fmt: skip
    return render(request, "ui/stats.html", context)


def _tops(viewer, period: Period, base: dict, department: str) -> list[dict]:
    out = []
    for dimension, label in TOP_LISTS:
        ranking = top(viewer=viewer, dimension=dimension, period=period, limit=10, department=department)
        out.append({
            "label": label,
            "items": [{
                "name": item.name, "count": item.count,
                "href": _orders_href(base, dimension=dimension, key=item.key),
                "warn_href": reverse("ui:advisory_new") + "?" + urlencode({**base, "dimension": dimension, "key": item.key}),
                "mom": "" if item.mom is None else f"{item.mom * 100:+.0f}%",
                "yoy": "" if item.yoy is None else f"{item.yoy * 100:+.0f}%",
            } for item in ranking.items],
        })  # fmt: skip
    return out


def _trend(viewer, period: Period, department: str) -> dict:
    """Orders of the five busiest lines per day, week or month, whichever keeps the chart readable."""
    step = "day" if period.days <= 62 else "week" if period.days <= 366 else "month"
    leaders = top(viewer=viewer, dimension="line", period=period, limit=5, department=department)
    keys = [item.key for item in leaders.items]
    result = series(
        viewer=viewer, dimension="line", keys=keys, period=period, step=step, department=department
    )
    return {
        "step": step, "labels": result.labels,
        "series": [{"name": result.names[k], "data": result.lines[k]} for k in keys],
    }  # fmt: skip


@login_required
@require_GET
def stats_orders(request):
    """The orders behind a number of the dashboard (or of the API, the report, the assessment): a
    measure's numerator or denominator, or one line of a ranking."""
    params = request.GET
    context = {"back": reverse("ui:stats") + "?" + urlencode(
        {k: params[k] for k in ("from", "to", "department") if params.get(k)})}  # fmt: skip
    try:
        period = period_parse(params.get("from"), params.get("to"))
        if params.get("dimension"):
            among = top_orders(viewer=request.user, dimension=params["dimension"], key=params.get("key", ""),
                               period=period, department=params.get("department", ""))  # fmt: skip
            title = _("%(name)s：%(value)s") % {
                "name": dict(TOP_LISTS).get(params["dimension"], params["dimension"]),
                "value": dimension_name(params["dimension"], params.get("key", "")),
            }
        else:
            definition = measure(params.get("measure", ""))
            part = params.get("part", "denominator")
            among = measure_orders(
                viewer=request.user, period=period, key=definition.key, part=part,
                department=params.get("department", ""), group_by=params.get("group_by", ""),
                group=params.get("group", ""), line=params.get("line", ""), channel=params.get("channel", ""),
                type=params.get("type", ""),
            )  # fmt: skip
            which = (
                _("分子")
                if part == "numerator" and definition.is_rate
                else _("分母")
                if definition.is_rate
                else ""
            )
            title = f"{definition.label} {which}".strip()
        page = order_list(viewer=request.user, filters=OrderFilters(), cursor=params.get("cursor", ""),
                          limit=PAGE_SIZE, among=among)  # fmt: skip
    except DomainError as exc:
        context["error"] = "；".join(m for msgs in exc.fields.values() for m in msgs) or exc.detail
        return render(request, "ui/stats_orders.html", context, status=exc.status)
    now = clock.now()
    context.update({
        "title": title, "period": period, "page": page, "count": among.count(),
        "rows": [{"order": o, "flags": order_flags(o, now=now)} for o in page.items],
    })  # fmt: skip
    return render(request, "ui/stats_orders.html", context)
