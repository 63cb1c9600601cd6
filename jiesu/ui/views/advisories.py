"""消费警示 (issue 6 item 8, seed 004's 警示建议制度): the staff's list of warnings, drafting one from
a line of a ranking, editing the draft, and the steps submit, approve, send back, publish and
withdraw. The public reads published warnings at /public/warnings/ (jiesu.portals).

`new/` takes `dimension`, `key`, `from`, `to` and `department` from the query string, so a
ranking row of the statistics page can link straight to a prefilled draft form. Who may do what
and what is seen is advisories.services and advisories.selectors; these views parse, call one of
them and present. The routes sit here as `urlpatterns`, included under advisories/ by ui/urls.py.
"""

from datetime import timedelta
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiesu.advisories.choices import WARNING_DIMENSIONS, WarningAction, WarningStatus
from jiesu.advisories.selectors import (
    warning_available_actions,
    warning_check_role,
    warning_editable,
    warning_events,
    warning_get,
    warning_last_reason,
    warning_list,
)
from jiesu.advisories.services import (
    warning_approve,
    warning_draft,
    warning_publish,
    warning_send_back,
    warning_submit,
    warning_update,
    warning_withdraw,
)
from jiesu.analytics.periods import period_parse
from jiesu.analytics.rankings import dimension_name, top
from jiesu.core import clock
from jiesu.core.errors import DomainError, Forbidden, NotFound
from jiesu.organisations.scope import department_list
from jiesu.ui.errors import form_add_domain_error

DATE = forms.DateInput(attrs={"type": "date"})
#: Transitions that need a reason, and the label of its box.
REASONS = {
    WarningAction.SEND_BACK: gettext_lazy("退回理由"),
    WarningAction.WITHDRAW: gettext_lazy("撤回理由"),
}
SERVICES = {
    WarningAction.SUBMIT: warning_submit,
    WarningAction.APPROVE: warning_approve,
    WarningAction.SEND_BACK: warning_send_back,
    WarningAction.PUBLISH: warning_publish,
    WarningAction.WITHDRAW: warning_withdraw,
}
DONE = {
    WarningAction.SUBMIT: gettext_lazy("已提交审核"),
    WarningAction.APPROVE: gettext_lazy("已审核通过，可以发布"),
    WarningAction.SEND_BACK: gettext_lazy("已退回修改"),
    WarningAction.PUBLISH: gettext_lazy("已发布到公众页面"),
    WarningAction.WITHDRAW: gettext_lazy("已从公众页面撤回"),
}
#: How many rows of the chosen ranking the draft form offers to pick from.
RANKING_ROWS = 10


class DraftForm(forms.Form):
    """Shape only; the service checks the dimension, the key against the ranking and the period."""

    domain_field_names = {"from": "date_from", "to": "date_to"}
    dimension = forms.ChoiceField(label=gettext_lazy("排名维度"), choices=list(WARNING_DIMENSIONS.items()))
    key = forms.CharField(label=gettext_lazy("排名项"), max_length=200,
                          help_text=gettext_lazy("如被诉经营者名称、商品服务类别；可从下方排名中选择"))  # fmt: skip
    date_from = forms.CharField(label=gettext_lazy("统计期自"), widget=DATE)
    date_to = forms.CharField(label=gettext_lazy("统计期至"), widget=DATE)
    department = forms.ChoiceField(label=gettext_lazy("统计范围"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("本人范围内全部单位"))] + [
            (d.code, d.name) for d in department_list(viewer=user, include_external=False)
        ]


class EditForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("标题"), max_length=100)
    body = forms.CharField(label=gettext_lazy("警示内容"), widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=gettext_lazy("公众看到的正文：发生了什么、消费提示、如何投诉。不得包含个人信息。"))  # fmt: skip


class ReasonForm(forms.Form):
    #: Not required here: the service's message ("请填写退回理由") is the one shown.
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label


def _allowed(user) -> None:
    try:
        warning_check_role(user)
    except Forbidden:
        raise PermissionDenied from None


def _found(user, pk):
    try:
        return warning_get(viewer=user, pk=pk)
    except NotFound:
        raise Http404(_("消费警示不存在")) from None


@login_required
@require_GET
def advisories(request):
    _allowed(request.user)
    status = request.GET.get("status", "")
    status = status if status in WarningStatus.values else ""
    context = {
        "warnings": warning_list(viewer=request.user, status=status),
        "status": status,
        "statuses": WarningStatus.choices,
    }
    return render(request, "ui/advisories/list.html", context)


def _last_month() -> tuple[str, str]:
    end = clock.today().replace(day=1) - timedelta(days=1)
    return end.replace(day=1).isoformat(), end.isoformat()


def _ranking(user, params) -> dict | None:
    """The chosen ranking's first rows, each a link that fills in the key: the form is usable on
    its own, not only from the statistics page's links. A bad period or scope shows no ranking;
    the form says what is wrong once submitted."""
    dimension = params.get("dimension", "")
    if dimension not in WARNING_DIMENSIONS:
        return None
    try:
        period = period_parse(params.get("from"), params.get("to"))
        ranking = top(viewer=user, dimension=dimension, period=period, limit=RANKING_ROWS,
                      department=params.get("department", ""))  # fmt: skip
    except DomainError:
        return None
    base = {"dimension": dimension, "from": period.date_from.isoformat(), "to": period.date_to.isoformat()}
    if params.get("department"):
        base["department"] = params["department"]
    return {
        "label": WARNING_DIMENSIONS[dimension],
        "period": period,
        "items": [{
            "name": item.name, "count": item.count, "previous": item.previous,
            "mom": "" if item.mom is None else f"{item.mom * 100:+.0f}%",
            "href": reverse("ui:advisory_new") + "?" + urlencode({**base, "key": item.key}),
        } for item in ranking.items],
    }  # fmt: skip


def _new_page(request, form, ranking, status=200):
    context = {"form": form, "ranking": ranking, "nav_active": "advisories"}
    return render(request, "ui/advisories/new.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def advisory_new(request):
    """从排名起草: the form prefilled from the query string, and the ranking to pick a key from."""
    _allowed(request.user)
    if request.method == "GET":
        params = request.GET
        start, end = _last_month()
        initial = {
            "dimension": params.get("dimension") or "respondent", "key": params.get("key", ""),
            "date_from": params.get("from") or start, "date_to": params.get("to") or end,
            "department": params.get("department", ""),
        }  # fmt: skip
        query = {"dimension": initial["dimension"], "from": initial["date_from"], "to": initial["date_to"],
                 "department": initial["department"]}  # fmt: skip
        return _new_page(
            request, DraftForm(user=request.user, initial=initial), _ranking(request.user, query)
        )
    form = DraftForm(request.POST, user=request.user)
    if not form.is_valid():
        return _new_page(request, form, None)
    data = form.cleaned_data
    try:
        period = period_parse(data["date_from"], data["date_to"])
        warning = warning_draft(actor=request.user, dimension=data["dimension"], key=data["key"], period=period,
                                department=data["department"])  # fmt: skip
    except DomainError as exc:
        form_add_domain_error(form, exc)
        query = {"dimension": data["dimension"], "from": data["date_from"], "to": data["date_to"],
                 "department": data["department"]}  # fmt: skip
        return _new_page(
            request, form, _ranking(request.user, query), status=403 if exc.status == 403 else 200
        )
    messages.success(request, _("已根据排名数据起草消费警示，请核改后提交审核"))
    return redirect("ui:advisory_detail", pk=warning.pk)


def _orders_href(warning) -> str:
    """The orders behind the count, as the statistics page lists them (live, by the same rule)."""
    query = {"dimension": warning.dimension, "key": warning.key, "from": warning.date_from.isoformat(),
             "to": warning.date_to.isoformat()}  # fmt: skip
    if warning.department:
        query["department"] = warning.department.code
    return reverse("ui:stats_orders") + "?" + urlencode(query)


def _percent(change) -> str:
    return "—" if change is None else f"{change * 100:+.1f}%"


def _detail_page(request, warning, *, form=None, reason_forms=None, status=200):
    user = request.user
    editable = warning_editable(warning=warning, viewer=user)
    if editable and form is None:
        form = EditForm(initial={"title": warning.title, "body": warning.body})
    actions = warning_available_actions(warning=warning, viewer=user)
    reason_forms = reason_forms or {}
    context = {
        "warning": warning,
        "line_name": dimension_name("line", warning.line) if warning.line else "",
        "mom": _percent(warning.mom),
        "yoy": _percent(warning.yoy),
        "orders_href": _orders_href(warning),
        "form": form if editable else None,
        "buttons": [
            {
                "action": action,
                "label": action.label,
                "reason": reason_forms.get(action)
                or (ReasonForm(label=REASONS[action]) if action in REASONS else None),
            }
            for action in actions
        ],  # fmt: skip
        "sent_back": warning_last_reason(warning=warning),
        "events": warning_events(warning=warning),
        "nav_active": "advisories",
    }
    return render(request, "ui/advisories/detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def advisory_detail(request, pk: int):
    """The warning, the figures it was drawn from, its history; a draft's text is edited here."""
    _allowed(request.user)
    warning = _found(request.user, pk)
    if request.method == "GET":
        return _detail_page(request, warning)
    form = EditForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, warning, form=form)
    try:
        warning = warning_update(warning=warning, actor=request.user, **form.cleaned_data)
    except DomainError as exc:
        form_add_domain_error(form, exc)
        return _detail_page(
            request, warning, form=form, status=exc.status if exc.status in (403, 409) else 200
        )
    messages.success(request, _("已保存"))
    return redirect("ui:advisory_detail", pk=warning.pk)


@login_required
@require_POST
def advisory_action(request, pk: int, action: str):
    """One step of the warning's life. A missing reason comes back under its box; a refusal (not
    allowed now, not yours to approve) comes back as a message with the page."""
    _allowed(request.user)
    warning = _found(request.user, pk)
    try:
        step = WarningAction(action)
        service = SERVICES[step]
    except (ValueError, KeyError):
        raise Http404(_("没有这个操作")) from None
    reason_form = ReasonForm(request.POST, label=REASONS[step]) if step in REASONS else None
    try:
        if reason_form is not None:
            service(warning=warning, actor=request.user, reason=request.POST.get("reason", ""))
        else:
            service(warning=warning, actor=request.user)
    except DomainError as exc:
        if reason_form is not None and "reason" in exc.fields:
            form_add_domain_error(reason_form, exc)
            return _detail_page(request, warning, reason_forms={step: reason_form})
        messages.error(request, exc.detail)
        return _detail_page(
            request, _found(request.user, pk), status=exc.status if exc.status in (403, 409) else 200
        )
    messages.success(request, DONE[step])
    return redirect("ui:advisory_detail", pk=warning.pk)


urlpatterns = [
    path("", advisories, name="advisories"),
    path("new/", advisory_new, name="advisory_new"),
    path("<int:pk>/", advisory_detail, name="advisory_detail"),
    path("<int:pk>/<str:action>/", advisory_action, name="advisory_action"),
]
