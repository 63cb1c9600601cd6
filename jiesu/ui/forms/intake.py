"""The intake form an operator fills while the caller is on the line.

Shape only: the rules (phone format, anonymous only for reports, a complaint names its respondent)
live in orders.intake.draft_validate, which reports every bad field at once; its messages come back
under these inputs through ui/errors.py. The field order is the tab order: the number first
(it brings up the caller's other orders), then who, what, against whom, and the story.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from jiesu.orders.choices import Channel, OrderType, PurchaseChannel, Urgency
from jiesu.orders.intake import MAX_DESCRIPTION, OrderDraft
from jiesu.taxonomy.selectors import Kind
from jiesu.ui.forms.taxonomy import suggested_or, taxonomy_field_choices


class IntakeForm(forms.Form):
    #: Service field names whose input is not simply the dotted name with underscores.
    domain_field_names = {
        "complainant.anonymous": "anonymous",
        "product.purchased_at": "purchased_on",
        "product.purchase_channel": "purchase_channel",
        "credit_code": "respondent_credit_code",
        "name": "respondent_name",
        "product.category": "product_category",
    }

    complainant_phone = forms.CharField(
        label=_("联系电话"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"autofocus": True, "inputmode": "tel", "autocomplete": "off"}),
    )
    complainant_name = forms.CharField(label=_("诉求人姓名"), required=False, max_length=50)
    complainant_id_number = forms.CharField(label=_("身份证号"), required=False, max_length=18)
    complainant_address = forms.CharField(label=_("诉求人地址"), required=False, max_length=300)
    anonymous = forms.BooleanField(label=_("匿名举报"), required=False)

    type = forms.ChoiceField(
        label=_("类型"), choices=OrderType.choices, initial=OrderType.COMPLAINT, widget=forms.RadioSelect
    )
    channel = forms.ChoiceField(label=_("来源渠道"), choices=Channel.choices, initial=Channel.HOTLINE_12315)
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL)
    line = forms.ChoiceField(
        label=_("分流条线"), required=False, choices=suggested_or(Kind.LINE)
    )

    respondent_name = forms.CharField(label=_("被诉方名称"), required=False, max_length=200)
    respondent_credit_code = forms.CharField(label=_("统一社会信用代码"), required=False, max_length=18)
    respondent_address = forms.CharField(label=_("被诉方地址"), required=False, max_length=300)

    product_name = forms.CharField(label=_("商品或服务"), required=False, max_length=200)
    product_category = forms.ChoiceField(
        label=_("商品服务类别"),
        required=False,
        choices=suggested_or(Kind.CATEGORY),
    )
    product_brand = forms.CharField(label=_("品牌"), required=False, max_length=100)
    product_amount = forms.DecimalField(
        label=_("金额（元）"),
        required=False,
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    purchased_on = forms.DateField(
        label=_("购买日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    purchase_channel = forms.ChoiceField(
        label=_("购买方式"), required=False, choices=[("", "—"), *PurchaseChannel.choices]
    )

    requests = forms.MultipleChoiceField(
        label=_("诉求"),
        required=False,
        choices=taxonomy_field_choices(Kind.REQUEST),
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("诉求内容"),
        required=False,
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            '时间、地点、经过和诉求；<span class="kbd">Ctrl</span>+<span class="kbd">Enter</span> 提交'
        ),
    )
    fast_response_reasons = forms.MultipleChoiceField(
        label=_("快速响应情形"),
        required=False,
        choices=taxonomy_field_choices(Kind.FAST_RESPONSE_REASON),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("符合任一情形即按快速响应处置（15 分钟内发出指令）"),
    )

    def __init__(self, *args, respondent_url: str = "", caller_url: str = "", suggest_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # Required by the service in most cases (only a report may be anonymous); the form leaves
        # the judgement to it so that every problem is reported in one pass.
        for name in ("complainant_phone", "description"):
            self.fields[name].show_required = True
        if caller_url:
            self.fields["complainant_phone"].widget.attrs.update(
                {
                    "hx-get": caller_url,
                    "hx-trigger": "input changed delay:400ms, blur changed",
                    "hx-target": "#caller-panel",
                    "hx-sync": "this:replace",
                }
            )
        if suggest_url:
            # The classifier's suggestions, with the respondent's name, which often names the trade.
            self.fields["description"].widget.attrs.update(
                {
                    "hx-get": suggest_url,
                    # `input`, not `keyup`: Chinese arrives through an IME or a paste, often without key events.
                    "hx-trigger": "input changed delay:400ms, change",
                    "hx-include": "#id_respondent_name",
                    "hx-target": "#intake-suggestions",
                    "hx-sync": "this:replace",
                }
            )
        if respondent_url:
            self.fields["respondent_name"].widget.attrs.update(
                {
                    "data-autocomplete-url": respondent_url,
                    "placeholder": _("输入名称或信用代码，↓ 选择登记库中的经营者"),
                }
            )

    def draft(self) -> OrderDraft:
        data = self.cleaned_data
        return OrderDraft(**{name: data[name] for name in self.fields})
