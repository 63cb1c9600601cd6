"""Quality control pages (issue 6 item 7): 质量检查 (draw a sample of a period's concluded orders,
work through it, record each verdict) and 回头看 (create a campaign, preview the orders it selects,
confirm, see what was reopened and what could not be).

Who may do what and which orders are seen is quality.services and quality.selectors; these views
parse the forms, call one of them and present. The routes sit here as `urlpatterns`, included
under quality/ by ui/urls.py, so the feature's pages are listed in one place.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jiesu.core.errors import DomainError, NotFound
from jiesu.organisations.scope import department_list
from jiesu.quality.choices import CAMPAIGN_ROLES, INSPECT_ROLES, SAMPLE_ROLES, Problem, Verdict
from jiesu.quality.selectors import (
    InspectionFilters,
    batch_get,
    batch_list,
    batch_progress,
    campaign_candidates,
    campaign_get,
    campaign_items,
    campaign_list,
    department_by_code,
    inspection_get,
    inspection_list,
)
from jiesu.quality.services import campaign_create, campaign_launch, inspection_record, sample_draw
from jiesu.taxonomy.selectors import Kind, taxonomy_choices
from jiesu.ui.errors import form_add_domain_error

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DEFAULT_REASON = gettext_lazy("回头看：诉求人不满意或反映问题未解决，请重新办理并再次答复诉求人")


def _department_choices(user) -> list[tuple[str, str]]:
    return [("", _("本人范围内全部部门"))] + [
        (d.code, d.name) for d in department_list(viewer=user, include_external=False)
    ]


class SampleForm(forms.Form):
    """Shape only; the rate is asked in per cent as inspectors speak of it (抽查 10%)."""

    domain_field_names = {"rate": "rate_percent"}
    period_start = forms.DateField(label=gettext_lazy("办结日期自"), widget=DATE)
    period_end = forms.DateField(label=gettext_lazy("办结日期至"), widget=DATE)
    rate_percent = forms.DecimalField(label=gettext_lazy("抽样比例（%）"), max_digits=5, decimal_places=1)
    department = forms.ChoiceField(label=gettext_lazy("抽样范围"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = _department_choices(user)


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(
        label=gettext_lazy("质检结论"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    problems = forms.MultipleChoiceField(
        label=gettext_lazy("发现的问题"),
        choices=Problem.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("基本合格或不合格时至少选一项"),
    )
    comment = forms.CharField(
        label=gettext_lazy("质检意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CampaignForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("活动名称"), max_length=100)
    period_start = forms.DateField(label=gettext_lazy("回访日期自"), widget=DATE)
    period_end = forms.DateField(label=gettext_lazy("回访日期至"), widget=DATE)
    unsatisfied = forms.BooleanField(label=gettext_lazy("诉求人不满意"), required=False, initial=True)
    unresolved = forms.BooleanField(label=gettext_lazy("问题未解决"), required=False, initial=True)
    department = forms.ChoiceField(label=gettext_lazy("承办单位范围"), required=False)
    line = forms.ChoiceField(label=gettext_lazy("分流条线"), required=False)
    reason = forms.CharField(
        label=gettext_lazy("重新办理理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        initial=DEFAULT_REASON,
        help_text=gettext_lazy("记入每张重新办理工单的办理过程"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = _department_choices(user)
        self.fields["line"].choices = [("", _("全部条线"))] + taxonomy_choices(Kind.LINE)


def _require(user, roles) -> None:
    if not user.has_role(*roles):
        raise PermissionDenied


def _department(form, user):
    """The chosen department as the service takes it; a code outside the user's scope is the form's error."""
    try:
        return department_by_code(form.cleaned_data.get("department") or "", viewer=user)
    except DomainError as exc:
        form_add_domain_error(form, exc)
        return False


# 质量检查 -----------------------------------------------------------------------------------------


def _samples_page(request, form, status=200):
    context = {
        "form": form,
        "batches": batch_list(viewer=request.user),
        "may_draw": request.user.has_role(*SAMPLE_ROLES),
    }
    return render(request, "ui/quality/samples.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def samples(request):
    """The draw form and the latest batches. Inspectors see it to work through their samples."""
    _require(request.user, SAMPLE_ROLES + INSPECT_ROLES)
    if request.method == "GET":
        initial = {"rate_percent": round(settings.JIESU_QUALITY_SAMPLE_RATE * 100, 1)}
        return _samples_page(request, SampleForm(user=request.user, initial=initial))
    form = SampleForm(request.POST, user=request.user)
    if not form.is_valid():
        return _samples_page(request, form)
    department = _department(form, request.user)
    if department is False:
        return _samples_page(request, form)
    data = form.cleaned_data
    try:
        batch = sample_draw(
            actor=request.user,
            period_start=data["period_start"],
            period_end=data["period_end"],
            rate=data["rate_percent"] / 100,
            department=department,
        )
    except DomainError as exc:
        form_add_domain_error(form, exc)
        return _samples_page(request, form, status=403 if exc.status == 403 else 200)
    messages.success(request, _("已抽取 %(n)d 件工单") % {"n": batch.inspections.count()})
    return redirect("ui:quality_batch", pk=batch.pk)


@login_required
@require_GET
def batch(request, pk: int):
    """One batch: per department drawn / inspected / verdicts, then the sampled orders, pending first
    when asked (`?state=pending`)."""
    _require(request.user, SAMPLE_ROLES + INSPECT_ROLES)
    try:
        found = batch_get(viewer=request.user, pk=pk)
    except NotFound:
        raise Http404(_("抽样批次不存在")) from None
    state = request.GET.get("state", "")
    filters = InspectionFilters(batch=str(found.pk), state=state if state in ("pending", "done") else "")
    page = inspection_list(viewer=request.user, filters=filters, cursor=request.GET.get("cursor", ""))
    context = {
        "batch": found,
        "progress": batch_progress(batch=found, viewer=request.user),
        "page": page,
        "state": filters.state,
        "may_inspect": request.user.has_role(*INSPECT_ROLES),
    }
    return render(request, "ui/quality/batch.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def inspection(request, pk: int):
    """The sampled order and the verdict form; htmx swaps the form for the recorded verdict."""
    _require(request.user, SAMPLE_ROLES + INSPECT_ROLES)
    try:
        found = inspection_get(viewer=request.user, pk=pk)
    except NotFound:
        raise Http404(_("抽检记录不存在")) from None
    form, status = VerdictForm(), 200
    if request.method == "POST":
        form = VerdictForm(request.POST)
        if form.is_valid():
            try:
                found = inspection_record(inspection=found, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_add_domain_error(form, exc)
                status = exc.status if exc.status in (403, 409) else 200
            else:
                messages.success(request, _("已登记质检结论：%(v)s") % {"v": found.get_verdict_display()})
                if not request.htmx:
                    return redirect("ui:quality_batch", pk=found.batch_id)
                found, form = inspection_get(viewer=request.user, pk=pk), None
    context = {
        "inspection": found,
        "order": found.order,
        "form": form,
        "may_inspect": request.user.has_role(*INSPECT_ROLES),
    }
    template = "ui/quality/partials/verdict.html" if request.htmx else "ui/quality/inspection.html"
    return render(request, template, context, status=status)


# 回头看 -------------------------------------------------------------------------------------------


def _campaigns_page(request, form, status=200):
    context = {"form": form, "campaigns": campaign_list(viewer=request.user)}
    return render(request, "ui/quality/campaigns.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def campaigns(request):
    _require(request.user, CAMPAIGN_ROLES)
    if request.method == "GET":
        return _campaigns_page(request, CampaignForm(user=request.user))
    form = CampaignForm(request.POST, user=request.user)
    if not form.is_valid():
        return _campaigns_page(request, form)
    department = _department(form, request.user)
    if department is False:
        return _campaigns_page(request, form)
    try:
        created = campaign_create(actor=request.user, **{**form.cleaned_data, "department": department})
    except DomainError as exc:
        form_add_domain_error(form, exc)
        return _campaigns_page(request, form, status=403 if exc.status == 403 else 200)
    return redirect("ui:quality_campaign", pk=created.pk)


@login_required
@require_GET
def campaign(request, pk: int):
    """The orders the campaign selects now, each with a box to confirm, and what it has done."""
    _require(request.user, CAMPAIGN_ROLES)
    try:
        found = campaign_get(viewer=request.user, pk=pk)
    except NotFound:
        raise Http404(_("回头看活动不存在")) from None
    context = {
        "campaign": found,
        "candidates": list(campaign_candidates(campaign=found, viewer=request.user)),
        "items": campaign_items(campaign=found, viewer=request.user),
    }
    return render(request, "ui/quality/campaign.html", context)


@login_required
@require_POST
def campaign_run(request, pk: int):
    """Reopen the confirmed orders; the campaign page then shows each result and every refusal."""
    _require(request.user, CAMPAIGN_ROLES)
    try:
        found = campaign_get(viewer=request.user, pk=pk)
    except NotFound:
        raise Http404(_("回头看活动不存在")) from None
    numbers = request.POST.getlist("numbers")
    if not numbers:
        messages.error(request, _("请至少勾选一张工单"))
        return redirect("ui:quality_campaign", pk=found.pk)
    result = campaign_launch(campaign=found, actor=request.user, numbers=numbers)
    if result.reopened:
        messages.success(request, _("已重新办理 %(n)d 件工单") % {"n": len(result.reopened)})
    for refusal in result.refused:
        messages.error(
            request,
            _("%(number)s 未能重新办理：%(detail)s") % {"number": refusal.number, "detail": refusal.detail},
        )
    return redirect("ui:quality_campaign", pk=found.pk)


urlpatterns = [
    path("", samples, name="quality_samples"),
    path("batches/<int:pk>/", batch, name="quality_batch"),
    path("inspections/<int:pk>/", inspection, name="quality_inspection"),
    path("campaigns/", campaigns, name="quality_campaigns"),
    path("campaigns/<int:pk>/", campaign, name="quality_campaign"),
    path("campaigns/<int:pk>/run/", campaign_run, name="quality_campaign_run"),
]
