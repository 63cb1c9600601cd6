"""部门考核 pages (issue 6 item 6): the month's ranking with every measure and data-quality count,
its Excel sheet, merchants worth an interview, and the 约谈 pages (list, create, plan, record as
held, follow-up done).

Who may see what is assessment.selectors, who may do what assessment.services; these views parse
the forms, call one of them and present. The routes sit here as `urlpatterns`, included under
assessment/ by ui/urls.py.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiesu.assessment.choices import INTERVIEW_ROLES, InterviewStatus
from jiesu.assessment.excel import scores_filename, scores_workbook
from jiesu.assessment.selectors import (
    assessed_departments,
    cell_keys,
    department_by_code,
    interview_get,
    interview_list,
    measure_labels,
    merchant_candidates,
    month_parse,
    score_table,
)
from jiesu.assessment.services import (
    interview_create,
    interview_follow_up_done,
    interview_hold,
    interview_plan,
    interview_propose_merchant,
)
from jiesu.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from jiesu.merchants.models import Merchant
from jiesu.organisations.scope import department_in_scope
from jiesu.ui.errors import form_add_domain_error

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _month(request):
    """The month asked for, or None with the error shown on the page."""
    try:
        return month_parse(request.GET.get("month") or request.POST.get("month")), None
    except InvalidInput as exc:
        return None, exc


def _guard(call):
    try:
        return call()
    except Forbidden:
        raise PermissionDenied from None
    except NotFound:
        raise Http404(_("约谈记录不存在")) from None


@login_required
@require_GET
def scores(request):
    month, error = _month(request)
    if month is None:
        month = month_parse("")
        messages.error(request, error.fields.get("month", [error.detail])[0])
    table = _guard(lambda: score_table(viewer=request.user, month=month))
    labels = measure_labels()
    context = {
        "table": table,
        "month_value": f"{month:%Y-%m}",
        "headers": [labels[key] for key in cell_keys()],
        "candidates": merchant_candidates(viewer=request.user, month=month),
        "threshold": settings.JIESU_INTERVIEW_MERCHANT_MIN_COMPLAINTS,
        "may_interview": request.user.has_role(*INTERVIEW_ROLES),
    }
    return render(request, "ui/assessment/scores.html", context)


@login_required
@require_GET
def scores_export(request):
    month, error = _month(request)
    if month is None:
        return HttpResponse(error.fields.get("month", [error.detail])[0], status=400, content_type="text/plain")
    table = _guard(lambda: score_table(viewer=request.user, month=month))
    response = HttpResponse(scores_workbook(table), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{scores_filename(table)}"'
    return response


@login_required
@require_POST
def merchant_propose(request):
    month, error = _month(request)
    merchant = Merchant.objects.filter(pk=request.POST.get("merchant") or 0).first()
    if month is None or merchant is None:
        messages.error(request, _("请选择经营者和月份"))
        return redirect("ui:assessment_scores")
    try:
        interview = _guard(lambda: interview_propose_merchant(actor=request.user, merchant=merchant, month=month))
    except DomainError as exc:
        messages.error(request, exc.detail)
        return redirect(f"{reverse('ui:assessment_scores')}?month={month:%Y-%m}")
    messages.success(request, _("已提出约谈：%(name)s") % {"name": merchant.name})
    return redirect("ui:assessment_interview", pk=interview.pk)


# 约谈 --------------------------------------------------------------------------------------------


class InterviewForm(forms.Form):
    department = forms.ChoiceField(label=gettext_lazy("被约谈部门"), required=False)
    merchant_credit_code = forms.CharField(
        label=gettext_lazy("或：被约谈经营者的统一社会信用代码"), required=False, max_length=18
    )
    planned_on = forms.DateField(label=gettext_lazy("约谈日期"), required=False, widget=DATE,
                                 help_text=gettext_lazy("不填则为拟约谈"))  # fmt: skip
    participants = forms.CharField(label=gettext_lazy("参加人员"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    problems = forms.CharField(label=gettext_lazy("存在问题"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", "—")] + [
            (d.code, d.name) for d in assessed_departments() if department_in_scope(user, d)
        ]


class PlanForm(forms.Form):
    planned_on = forms.DateField(label=gettext_lazy("约谈日期"), widget=DATE)
    participants = forms.CharField(label=gettext_lazy("参加人员"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class HoldForm(forms.Form):
    held_on = forms.DateField(label=gettext_lazy("约谈日期"), widget=DATE)
    participants = forms.CharField(label=gettext_lazy("参加人员"), widget=forms.Textarea(attrs={"rows": 2}))
    problems = forms.CharField(label=gettext_lazy("存在问题"), widget=forms.Textarea(attrs={"rows": 3}))
    result = forms.CharField(label=gettext_lazy("约谈情况"), widget=forms.Textarea(attrs={"rows": 3}))
    follow_up = forms.CharField(label=gettext_lazy("整改要求"), widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_due = forms.DateField(label=gettext_lazy("整改期限"), widget=DATE,
                                    help_text=gettext_lazy("到期前按时限提醒、催办，超期督办"))  # fmt: skip


class DoneForm(forms.Form):
    follow_up_result = forms.CharField(label=gettext_lazy("整改结果"), widget=forms.Textarea(attrs={"rows": 3}))


ACTIONS = {
    "plan": (PlanForm, interview_plan, gettext_lazy("已安排约谈")),
    "hold": (HoldForm, interview_hold, gettext_lazy("已登记约谈情况，整改开始计时")),
    "done": (DoneForm, interview_follow_up_done, gettext_lazy("已登记整改完成")),
}
#: Which form the detail page offers in each status.
FORMS_BY_STATUS = {
    InterviewStatus.PROPOSED: ("plan", "hold"),
    InterviewStatus.PLANNED: ("plan", "hold"),
    InterviewStatus.HELD: ("done",),
    InterviewStatus.DONE: (),
}


def _interviews_page(request, form, status=200):
    context = {
        "form": form,
        "interviews": _guard(lambda: interview_list(viewer=request.user, status=request.GET.get("status", ""))),
        "status": request.GET.get("status", ""),
        "statuses": InterviewStatus.choices,
        "may_interview": request.user.has_role(*INTERVIEW_ROLES),
    }
    return render(request, "ui/assessment/interviews.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def interviews(request):
    if request.method == "GET":
        return _interviews_page(request, InterviewForm(user=request.user))
    form = InterviewForm(request.POST, user=request.user)
    if not form.is_valid():
        return _interviews_page(request, form)
    data = form.cleaned_data
    try:
        department = department_by_code(data["department"], viewer=request.user) if data["department"] else None
        merchant = None
        if data["merchant_credit_code"]:
            merchant = Merchant.objects.filter(credit_code=data["merchant_credit_code"].strip().upper()).first()
            if merchant is None:
                form.add_error("merchant_credit_code", _("经营者名录中没有这个信用代码"))
                return _interviews_page(request, form)
        interview = interview_create(
            actor=request.user, department=department, merchant=merchant, planned_on=data["planned_on"],
            participants=data["participants"], problems=data["problems"],
        )  # fmt: skip
    except Forbidden:
        raise PermissionDenied from None
    except DomainError as exc:
        form_add_domain_error(form, exc)
        return _interviews_page(request, form)
    messages.success(request, _("已创建约谈：%(name)s") % {"name": interview.subject_name})
    return redirect("ui:assessment_interview", pk=interview.pk)


def _interview_page(request, interview, forms_=None, status=200):
    forms_ = forms_ or {}
    offered = []
    if request.user.has_role(*INTERVIEW_ROLES):
        for name in FORMS_BY_STATUS[interview.status]:
            form_class = ACTIONS[name][0]
            initial = {"participants": interview.participants, "problems": interview.problems}
            offered.append((name, forms_.get(name) or form_class(initial=initial)))
    context = {"interview": interview, "forms": offered}
    return render(request, "ui/assessment/interview.html", context, status=status)


@login_required
@require_GET
def interview(request, pk: int):
    return _interview_page(request, _guard(lambda: interview_get(viewer=request.user, pk=pk)))


@login_required
@require_POST
def interview_action(request, pk: int, action: str):
    found = _guard(lambda: interview_get(viewer=request.user, pk=pk))
    if action not in ACTIONS:
        raise Http404
    form_class, service, done = ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        return _interview_page(request, found, {action: form})
    try:
        _guard(lambda: service(actor=request.user, interview=found, **form.cleaned_data))
    except DomainError as exc:
        form_add_domain_error(form, exc)
        return _interview_page(request, found, {action: form}, status=409 if exc.status == 409 else 200)
    messages.success(request, done)
    return redirect("ui:assessment_interview", pk=pk)


urlpatterns = [
    path("", scores, name="assessment_scores"),
    path("export.xlsx", scores_export, name="assessment_export"),
    path("merchants/propose/", merchant_propose, name="assessment_merchant_propose"),
    path("interviews/", interviews, name="assessment_interviews"),
    path("interviews/<int:pk>/", interview, name="assessment_interview"),
    path("interviews/<int:pk>/<str:action>/", interview_action, name="assessment_interview_action"),
]
