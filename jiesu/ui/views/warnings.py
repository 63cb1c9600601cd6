"""Early warning (预警) and the topic of the month (每月一题): issue 5 item 7, seeds 003 and 004.

Leaders, dispatchers and the centre see, for a day, what rose against its own baseline, each with
its chart, the orders behind the number and a 通知领导 button; and the problems that rose most last
month as 每月一题 candidates. Counting and notifying live in `intelligence.warnings`."""

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jiesu.core.errors import InvalidInput
from jiesu.intelligence.warnings import (
    DIMENSION_LABELS,
    DIMENSIONS,
    Rising,
    Topic,
    rising,
    topic_candidates,
    warning_day,
    warning_dimension,
    warning_notify_key,
)
from jiesu.organisations.scope import sees_everything


def _allowed(user) -> None:
    roles = user.roles or ()
    if not ("leader" in roles or "dispatcher" in roles or sees_everything(user)):
        raise PermissionDenied


def _list_href(query: dict) -> str:
    return reverse("ui:order_list") + "?" + urlencode(query)


def _item_href(item: Rising) -> str | None:
    """The order list shows the orders behind the number where OrderFilters can select them:
    by respondent name, line or category, over the recent window (requests have no list filter)."""
    days = {"received_from": item.recent_from.isoformat(), "received_to": item.recent_to.isoformat()}
    if item.dimension == "respondent":
        return _list_href({"respondent": item.label, **days})
    if item.dimension == "line":
        return _list_href({"line": item.key, **days})
    if item.dimension == "category":
        return _list_href({"category": item.key, **days})
    return None


def _topic_href(topic: Topic, month_from, month_to) -> str | None:
    if topic.dimension not in ("line", "category"):
        return None
    return _list_href({topic.dimension: topic.key, "received_from": month_from.isoformat(),
                       "received_to": month_to.isoformat()})


@login_required
@require_GET
def warnings(request):
    _allowed(request.user)
    try:
        day = warning_day(request.GET.get("day"))
    except InvalidInput as exc:
        context = {"error": exc.fields.get("day", [exc.detail])[0], "day_value": request.GET.get("day", ""),
                   "recent_days": settings.JIESU_WARNING_RECENT_DAYS}
        return render(request, "ui/warnings.html", context, status=400)
    sections, charts = [], []
    for dimension in DIMENSIONS:
        rows = []
        for n, item in enumerate(rising(day=day, dimension=dimension, viewer=request.user)):
            chart_id = f"chart-{dimension}-{n}"
            charts.append({"id": chart_id, "days": item.days, "counts": item.counts})
            rows.append({"item": item, "href": _item_href(item), "chart_id": chart_id, "row_id": f"warn-{dimension}-{n}"})
        sections.append({"dimension": dimension, "label": DIMENSION_LABELS[dimension], "rows": rows})
    month_to = day.replace(day=1) - timedelta(days=1)
    month_from = month_to.replace(day=1)
    topics = topic_candidates(month=month_from.strftime("%Y-%m"), viewer=request.user)
    context = {
        "day": day,
        "recent_days": settings.JIESU_WARNING_RECENT_DAYS,
        "sections": sections,
        "charts": charts,
        "month": month_from,
        "topics": [{"topic": t, "href": _topic_href(t, month_from, month_to)} for t in topics],
    }
    return render(request, "ui/warnings.html", context)


@login_required
@require_POST
def warning_notify(request):
    """通知领导: the same inbox alert the daily job sends, for one item now (once per day and item)."""
    _allowed(request.user)
    try:
        day = warning_day(request.POST.get("day"))
        dimension = warning_dimension(request.POST.get("dimension"))
        sent = warning_notify_key(day=day, dimension=dimension, key=request.POST.get("key", ""), viewer=request.user)
    except InvalidInput as exc:
        if request.headers.get("HX-Request"):
            # 409, as a stale action answers (base_bare's htmx-config swaps it): the item is gone.
            return HttpResponse(format_html('<span class="field-error">{}</span>', exc.detail), status=409)
        messages.error(request, exc.detail)
        return redirect(reverse("ui:warnings") + "?" + urlencode({"day": request.POST.get("day", "")}))
    text = _("已通知领导") if sent else _("今日已通知过")
    if request.headers.get("HX-Request"):
        return HttpResponse(format_html('<span class="muted">{}</span>', text))
    messages.success(request, text)
    return redirect(reverse("ui:warnings") + "?" + urlencode({"day": day.isoformat()}))
