"""分析报告 (issue 6 item 4, seed 004): the list of reports, a form to draft one for a period, the
draft's findings to edit, publish, and the Word document to download.

Who may and what is seen is reports.selectors and reports.services; these views parse the forms,
call one of them and present. The routes sit here as `urlpatterns`, included under reports/ by
ui/urls.py, so the feature's pages are listed in one place.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiesu.core.errors import DomainError, Forbidden, NotFound
from jiesu.organisations.scope import department_list
from jiesu.reports.choices import ReportKind, ReportStatus
from jiesu.reports.selectors import report_check_role, report_get, report_list
from jiesu.reports.services import (
    report_create,
    report_publish,
    report_regenerate,
    report_render,
    report_update,
)
from jiesu.ui.errors import form_add_domain_error


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("报告类型"), choices=ReportKind.choices)
    period = forms.CharField(
        label=gettext_lazy("统计期"), max_length=32,
        help_text=gettext_lazy("月度 2025-03，季度 2025-Q1，半年 2025-H1，年度 2025，节假日 2025-01-28..2025-02-04"),
    )  # fmt: skip
    name = forms.CharField(label=gettext_lazy("节假日名称"), max_length=50, required=False,
                           help_text=gettext_lazy("节假日报告填写，如：春节"))  # fmt: skip
    department = forms.ChoiceField(label=gettext_lazy("统计范围"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("本人范围内全部单位"))] + [
            (d.code, d.name) for d in department_list(viewer=user, include_external=False)
        ]


class FindingsForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("标题"), max_length=200)
    findings = forms.CharField(label=gettext_lazy("分析与建议"), required=False,
                               widget=forms.Textarea(attrs={"rows": 16}))  # fmt: skip


def _allowed(user) -> None:
    try:
        report_check_role(user)
    except Forbidden:
        raise PermissionDenied from None


def _found(user, pk):
    try:
        return report_get(viewer=user, pk=pk)
    except NotFound:
        raise Http404(_("分析报告不存在")) from None


def _list_page(request, form, status=200):
    context = {"form": form, "reports": report_list(viewer=request.user)}
    return render(request, "ui/reports/list.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def reports(request):
    _allowed(request.user)
    if request.method == "GET":
        return _list_page(request, ReportForm(user=request.user))
    form = ReportForm(request.POST, user=request.user)
    if not form.is_valid():
        return _list_page(request, form)
    try:
        report = report_create(actor=request.user, **form.cleaned_data)
    except DomainError as exc:
        form_add_domain_error(form, exc)
        return _list_page(request, form, status=exc.status if exc.status in (403, 503) else 200)
    messages.success(request, _("已生成报告草稿，请核对分析与建议后发布"))
    return redirect("ui:report_detail", pk=report.pk)


def _detail_page(request, report, form, status=200):
    context = {"report": report, "form": form, "editable": report.status == ReportStatus.DRAFT,
               "nav_active": "reports"}  # fmt: skip
    return render(request, "ui/reports/detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request, pk: int):
    """The report with its findings; a draft's findings and title are edited here."""
    _allowed(request.user)
    report = _found(request.user, pk)
    if request.method == "GET":
        return _detail_page(
            request, report, FindingsForm(initial={"title": report.title, "findings": report.findings})
        )
    form = FindingsForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, report, form)
    try:
        report = report_update(report=report, actor=request.user, **form.cleaned_data)
    except DomainError as exc:
        form_add_domain_error(form, exc)
        return _detail_page(request, report, form, status=409 if exc.status == 409 else 200)
    messages.success(request, _("已保存"))
    return redirect("ui:report_detail", pk=report.pk)


def _act(request, pk: int, service, done: str):
    _allowed(request.user)
    report = _found(request.user, pk)
    try:
        service(report=report, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, done)
    return redirect("ui:report_detail", pk=report.pk)


@login_required
@require_POST
def report_publish_view(request, pk: int):
    return _act(request, pk, report_publish, _("报告已发布"))


@login_required
@require_POST
def report_regenerate_view(request, pk: int):
    """重新生成: the findings written again from today's data, replacing the edits (the button asks first)."""
    return _act(request, pk, report_regenerate, _("已按最新数据重新生成分析与建议"))


@login_required
@require_GET
def report_download(request, pk: int):
    _allowed(request.user)
    report = _found(request.user, pk)
    try:
        document = report_render(report=report, viewer=request.user)
    except DomainError as exc:
        messages.error(request, exc.detail)
        return redirect("ui:report_detail", pk=report.pk)
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response


urlpatterns = [
    path("", reports, name="reports"),
    path("<int:pk>/", report_detail, name="report_detail"),
    path("<int:pk>/publish/", report_publish_view, name="report_publish"),
    path("<int:pk>/regenerate/", report_regenerate_view, name="report_regenerate"),
    path("<int:pk>/report.docx", report_download, name="report_download"),
]
