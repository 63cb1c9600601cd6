"""One small form per workflow action (style.md section 4, step 5), mirroring the API bodies of
api-v1.md. ACTION_FORMS is what the generic action view looks up: a new action needs a form here
and nothing else in the UI; its button appears by itself because the order page renders
orders.selectors.order_available_actions.

The forms check shape only (present, a known option, a number). Whether the action is allowed,
whether the handler belongs to the department, whether the outcome agrees with the mediation: the
do_<action>() services decide, and their refusals come back as form errors through ui/errors.py.
cleaned_data is passed to the service as keyword arguments, so field names are the services'.
"""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jiesu.merchants.selectors import odr_merchant_list
from jiesu.orders.choices import (
    CONCLUDE_OUTCOMES,
    Action,
    ContactMethod,
    ExclusionReason,
    MediationResult,
    NotAcceptGround,
    OrderType,
    Outcome,
    Satisfaction,
    TerminationGround,
    Urgency,
)
from jiesu.orders.models import WorkOrder
from jiesu.organisations.choices import CITYWIDE_KINDS, DepartmentKind, Role
from jiesu.organisations.models import Department, Staff
from jiesu.organisations.scope import department_list, staff_in_department_subtree
from jiesu.taxonomy.selectors import Kind, taxonomy_label
from jiesu.ui.forms.taxonomy import none_or, taxonomy_field_choices

YES_NO = [("1", _("是")), ("0", _("否"))]


def _yes_no(label, *, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "1",
        empty_value=None,
        required=required,
        widget=forms.RadioSelect,
    )


def _text(
    label, *, required: bool = True, rows: int = 3, max_length: int = 2000, **kwargs
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def _department_label(department: Department) -> str:
    return "\u3000" * max(department.depth - 1, 0) + department.name


def dispatch_departments(viewer: Staff) -> QuerySet[Department]:
    """Where this viewer may send an order: their scope, minus external departments (those are
    transferred to) and the centre and municipal bureau themselves (do_dispatch refuses both)."""
    return department_list(viewer=viewer, include_external=False).exclude(kind__in=CITYWIDE_KINDS)


def handler_choices(department: Department | None) -> list[tuple[str, str]]:
    """Handlers and leaders of the department's subtree, the people do_dispatch and do_assign accept."""
    if department is None:
        return []
    people = staff_in_department_subtree(department=department).select_related("department")
    return [
        (s.username, f"{s.display_name}（{s.department.name}）")
        for s in people.order_by("department__path", "username")
        if s.has_role(Role.HANDLER, Role.LEADER) and not s.is_admin_role
    ]


class ActionForm(forms.Form):
    """Base of the action forms: knows the order and the viewer (for choices), and focuses its
    first input so an action can be completed from the keyboard."""

    #: Shown above the form: what taking the action means.
    intro = ""
    #: A button that needs a second thought (ends or hands off the order) asks for confirmation.
    confirm = ""

    def __init__(self, *args, order: WorkOrder, viewer: Staff, autofocus: bool = True, **kwargs):
        """`autofocus=False` where many forms share a page (the dispatch queue's rows)."""
        self.order, self.viewer = order, viewer
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if autofocus and not field.widget.is_hidden:
                field.widget.attrs.setdefault("autofocus", True)
                break

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class DispatchForm(ActionForm):
    department = forms.ChoiceField(label=_("承办单位"))
    handler = forms.CharField(label=_("承办人"), required=False, widget=forms.Select)
    note = forms.CharField(label=_("派单意见"), required=False, max_length=1000)

    def __init__(self, *args, departments=None, handler_url: str = "", **kwargs):
        """`departments`: the dispatch targets, when the caller renders many forms (the queue) and
        has already read them once."""
        super().__init__(*args, **kwargs)
        if departments is None:
            departments = dispatch_departments(self.viewer)
        departments = list(departments)
        self.fields["department"].choices = [
            ("", _("—请选择—")),
            *((d.code, _department_label(d)) for d in departments),
        ]
        code = self["department"].value()
        chosen = next((d for d in departments if d.code == code), None) if code else None
        self.fields["handler"].widget.choices = [("", _("（不指定）")), *handler_choices(chosen)]
        if handler_url:
            self.fields["department"].widget.attrs.update(
                {
                    "hx-get": handler_url,
                    "hx-target": f"#{self['handler'].auto_id}",
                    "hx-swap": "innerHTML",
                }
            )


class AcceptForm(ActionForm):
    intro = _("受理后开始计算办结时限。")
    note = forms.CharField(label=_("受理意见"), required=False, max_length=1000)


class NotAcceptForm(ActionForm):
    ground = forms.ChoiceField(label=_("不予受理依据"), choices=[("", "—"), *NotAcceptGround.choices])
    explanation = _text(_("告知诉求人的说明"))
    confirm = _("确认不予受理？工单将以“不予受理”办结。")


class ReturnForm(ActionForm):
    intro = _("不属于本单位职责的，在退单时限内退回派单机构。")
    reason = _text(_("退单理由"))
    confirm = _("确认退单？")


class TransferForm(ActionForm):
    department = forms.ChoiceField(label=_("转办部门"))
    reason = _text(_("转办理由"))
    confirm = _("确认转办至外部部门？")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        external = department_list(viewer=self.viewer).filter(kind=DepartmentKind.EXTERNAL)
        self.fields["department"].choices = [("", _("—请选择—")), *((d.code, d.name) for d in external)]


class AssignForm(ActionForm):
    handler = forms.ChoiceField(label=_("承办人"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [("", _("—请选择—")), *handler_choices(self.order.department)]


class ContactForm(ActionForm):
    method = forms.ChoiceField(
        label=_("联系方式"), choices=ContactMethod.choices, initial=ContactMethod.PHONE
    )
    summary = _text(_("联系情况"))


class ArriveForm(ActionForm):
    note = forms.CharField(label=_("现场情况"), required=False, max_length=1000)


class ExtendForm(ActionForm):
    intro = _("延期须经领导批准后生效。")
    working_days = forms.IntegerField(label=_("延期工作日"), min_value=1, max_value=60)
    reason = _text(_("延期理由"), max_length=500)


class ApproveExtensionForm(ActionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.intro = _("批准延期 %(days)s 个工作日。理由：%(reason)s") % {
            "days": self.order.pending_extension_days,
            "reason": self.order.pending_extension_reason,
        }


class DenyExtensionForm(ActionForm):
    reason = _text(_("驳回理由"))


class EscalateForm(ActionForm):
    intro = _("由您提级调度（领导包案）。")
    reason = _text(_("提级理由"))


class AddCohandlerForm(ActionForm):
    department = forms.ChoiceField(label=_("协办单位"))
    reason = _text(_("协办事项"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any department may be called in (吹哨报到), not only those in the caller's own scope.
        departments = (
            Department.objects.filter(is_active=True)
            .exclude(kind__in=[DepartmentKind.EXTERNAL, *CITYWIDE_KINDS])
            .exclude(pk=self.order.department_id)
            .order_by("path")
        )
        self.fields["department"].choices = [
            ("", _("—请选择—")),
            *((d.code, _department_label(d)) for d in departments),
        ]


class MediateForm(ActionForm):
    result = forms.ChoiceField(label=_("调解结果"), choices=MediationResult.choices, widget=forms.RadioSelect)
    agreement = _text(_("调解协议内容"), required=False, help_text=_("调解成功时必填"))
    ground = forms.ChoiceField(
        label=_("终止调解依据"),
        required=False,
        choices=[("", "—"), *TerminationGround.choices],
        help_text=_("终止调解时必填"),
    )
    recovered_amount = forms.DecimalField(
        label=_("挽回经济损失（元）"),
        required=False,
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class FileCaseForm(ActionForm):
    case_number = forms.CharField(label=_("立案编号"), max_length=64)


class ConcludeForm(ActionForm):
    outcome = forms.ChoiceField(label=_("办理结果"), widget=forms.RadioSelect)
    reply = _text(_("答复诉求人"), rows=5, max_length=5000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = CONCLUDE_OUTCOMES.get(OrderType(self.order.type), set())
        self.fields["outcome"].choices = [(o.value, o.label) for o in Outcome if o in allowed]


class ReviewForm(ActionForm):
    approve = _yes_no(_("审核通过"))
    reason = _text(_("意见"), required=False, help_text=_("退回重办时必填"))


class RequestExclusionForm(ActionForm):
    reason_code = forms.ChoiceField(label=_("剔除原因"), choices=[("", "—"), *ExclusionReason.choices])
    reason = _text(_("剔除说明"))


class DecideExclusionForm(ActionForm):
    approve = _yes_no(_("同意剔除"))
    reason = _text(_("意见"), required=False, help_text=_("不予剔除时必填"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.intro = _("申请理由：%(reason)s") % {"reason": self.order.exclusion_reason}


class VisitForm(ActionForm):
    reached = _yes_no(_("联系上诉求人"))
    resolved = _yes_no(_("问题是否解决"), required=False)
    satisfaction = forms.ChoiceField(
        label=_("满意度"), required=False, choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    comment = _text(_("回访意见"), required=False)


class CloseForm(ActionForm):
    intro = _("归档后工单不再出现在待办中。")


class ReopenForm(ActionForm):
    intro = _("退回承办单位重新办理（回头看），重新计算办结时限。")
    reason = _text(_("重新办理理由"))


class WithdrawForm(ActionForm):
    reason = _text(_("撤回说明"))
    confirm = _("确认诉求人撤回？工单将以“撤回”办结。")


class PauseClockForm(ActionForm):
    intro = _("送检、鉴定期间暂停办理时限计时，期间不发催办；恢复后顺延。")
    reason = _text(_("暂停原因"), max_length=200)


class ResumeClockForm(ActionForm):
    intro = _("恢复计时，暂停的时间计入顺延。")
    note = forms.CharField(label=_("说明"), required=False, max_length=1000)


class ReclassifyForm(ActionForm):
    intro = _("修改后按新的分类重新计算各项时限。")
    type = forms.ChoiceField(label=_("类型"), choices=OrderType.choices)
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices)
    line = forms.ChoiceField(label=_("分流条线"), choices=none_or(Kind.LINE), required=False)
    fast_response_reasons = forms.MultipleChoiceField(
        label=_("快速响应情形"), choices=taxonomy_field_choices(Kind.FAST_RESPONSE_REASON), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = _text(_("修改原因"), max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("type", "urgency", "line", "fast_response_reasons"):
            self.fields[name].initial = getattr(self.order, name)
        # A line or reason retired since registration stays choosable on its own order, so that
        # correcting something else does not force it off (do_reclassify accepts it unchanged).
        kept = [(Kind.LINE, "line", [self.order.line] if self.order.line else []),
                (Kind.FAST_RESPONSE_REASON, "fast_response_reasons", self.order.fast_response_reasons or [])]
        for kind, name, codes in kept:
            field = self.fields[name]
            offered = {code for code, _label in field.choices}
            missing = [(code, taxonomy_label(kind, code)) for code in codes if code not in offered]
            if missing:
                field.choices = [*field.choices, *missing]


class AddCallForm(ActionForm):
    intro = _("同一诉求人就同一事项再次来电：记入本工单，不另行登记。")
    description = _text(_("本次来电内容"), rows=4, max_length=5000)


class AnswerForm(ActionForm):
    answer = _text(_("解答内容"), rows=5, max_length=5000)


class SendToOdrForm(ActionForm):
    merchant = forms.ChoiceField(label=_("ODR 企业"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merchant"].choices = [
            ("", _("—请选择—")),
            *((str(m.pk), m.name) for m in odr_merchant_list()),
        ]


class OdrSettleForm(ActionForm):
    settlement = _text(_("和解情况"), rows=4, max_length=5000)


class OdrFailForm(ActionForm):
    reason = _text(_("未能和解的原因"))


ACTION_FORMS: dict[Action, type[ActionForm]] = {
    Action.DISPATCH: DispatchForm,
    Action.ACCEPT: AcceptForm,
    Action.NOT_ACCEPT: NotAcceptForm,
    Action.RETURN: ReturnForm,
    Action.TRANSFER: TransferForm,
    Action.ASSIGN: AssignForm,
    Action.CONTACT: ContactForm,
    Action.ARRIVE: ArriveForm,
    Action.EXTEND: ExtendForm,
    Action.APPROVE_EXTENSION: ApproveExtensionForm,
    Action.DENY_EXTENSION: DenyExtensionForm,
    Action.ESCALATE: EscalateForm,
    Action.ADD_COHANDLER: AddCohandlerForm,
    Action.MEDIATE: MediateForm,
    Action.FILE_CASE: FileCaseForm,
    Action.CONCLUDE: ConcludeForm,
    Action.REVIEW: ReviewForm,
    Action.REQUEST_EXCLUSION: RequestExclusionForm,
    Action.DECIDE_EXCLUSION: DecideExclusionForm,
    Action.VISIT: VisitForm,
    Action.CLOSE: CloseForm,
    Action.REOPEN: ReopenForm,
    Action.WITHDRAW: WithdrawForm,
    Action.PAUSE_CLOCK: PauseClockForm,
    Action.RESUME_CLOCK: ResumeClockForm,
    Action.RECLASSIFY: ReclassifyForm,
    Action.ADD_CALL: AddCallForm,
    Action.ANSWER: AnswerForm,
    Action.SEND_TO_ODR: SendToOdrForm,
    Action.ODR_SETTLE: OdrSettleForm,
    Action.ODR_FAIL: OdrFailForm,
}
