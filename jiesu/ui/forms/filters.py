"""The order search bar. Bound to the query string, it turns into orders.selectors.OrderFilters,
the same filter definition the API's list endpoint uses, so both find the same orders."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jiesu.orders.choices import OPEN_STATUSES, Channel, Flag, OrderType, Status
from jiesu.orders.selectors import OrderFilters
from jiesu.taxonomy.selectors import Kind
from jiesu.ui.forms.taxonomy import any_or
from jiesu.ui.forms.widgets import FastSelect

#: Status groups the leader's overview links to; OrderFilters takes a comma-separated list.
STATUS_OPEN = ",".join(s.value for s in Status if s in OPEN_STATUSES)
STATUS_UNDISPATCHED = ",".join((Status.REGISTERED, Status.ODR, Status.RETURNED))


class OrderFilterForm(forms.Form):
    number = forms.CharField(label=_("工单编号"), required=False, max_length=14)
    phone = forms.CharField(label=_("电话"), required=False, max_length=32)
    respondent = forms.CharField(label=_("被诉方"), required=False, max_length=200)
    status = forms.ChoiceField(
        widget=FastSelect,
        label=_("状态"),
        required=False,
        choices=[
            ("", _("全部")),
            (STATUS_OPEN, _("在办（全部）")),
            (STATUS_UNDISPATCHED, _("未派单")),
            *Status.choices,
        ],
    )
    type = forms.ChoiceField(
        widget=FastSelect, label=_("类型"), required=False, choices=[("", _("全部")), *OrderType.choices]
    )
    channel = forms.ChoiceField(
        widget=FastSelect, label=_("渠道"), required=False, choices=[("", _("全部")), *Channel.choices]
    )
    line = forms.ChoiceField(
        widget=FastSelect, label=_("条线"), required=False, choices=any_or(Kind.LINE)
    )
    department = forms.ChoiceField(widget=FastSelect, label=_("承办单位"), required=False)
    flag = forms.ChoiceField(
        widget=FastSelect, label=_("标记"), required=False, choices=[("", _("全部")), *Flag.choices]
    )
    due = forms.ChoiceField(
        widget=FastSelect,
        label=_("到期"),
        required=False,
        choices=[
            ("", _("不限")),
            ("today", _("今日到期")),
            ("day", _("当日到期（含当日已超时）")),
            ("2wd", _("2个工作日内到期")),
            ("3wd", _("3个工作日内到期")),
            ("overdue", _("当日之前已超期")),
        ],
    )
    due_on = forms.DateField(
        label=_("到期基准日"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    intake_department = forms.ChoiceField(widget=FastSelect, label=_("受理机构"), required=False)
    responsible = forms.ChoiceField(widget=FastSelect, label=_("责任单位"), required=False)
    extension = forms.ChoiceField(
        widget=FastSelect, label=_("延期"), required=False, choices=[("", _("不限")), ("pending", _("延期审批中"))]
    )
    received_from = forms.DateField(
        label=_("接收日期从"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("至"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)
    category = forms.CharField(label=_("商品服务类别"), required=False, max_length=64)

    def __init__(self, *args, departments=(), **kwargs):
        """`departments`: those in the viewer's scope (organisations.scope.department_list)."""
        super().__init__(*args, **kwargs)
        choices = [("", _("全部")), *((d.code, "\u3000" * max(d.depth - 1, 0) + d.name) for d in departments)]
        self.fields["department"].choices = choices
        self.fields["intake_department"].choices = choices
        self.fields["responsible"].choices = choices

    def filters(self) -> OrderFilters:
        data = self.cleaned_data
        values = {name: data.get(name) or "" for name in self.fields}
        for name in ("received_from", "received_to", "due_on"):
            values[name] = data[name].isoformat() if data.get(name) else ""
        return OrderFilters(**values)

    @property
    def advanced_used(self) -> bool:
        """Keep the less used filters open when one of them is set."""
        return self.is_bound and any(
            self.data.get(name)
            for name in ("channel", "line", "flag", "due", "due_on", "intake_department", "responsible", "extension", "q",
                         "category")
        )
