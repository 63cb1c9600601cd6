from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.core import clock
from jiesu.orders.choices import (
    Channel,
    ExclusionReason,
    ExclusionState,
    MediationResult,
    NotAcceptGround,
    OrderType,
    Outcome,
    PurchaseChannel,
    Satisfaction,
    Status,
    Urgency,
)


class WorkOrder(models.Model):
    """One consultation, complaint or report and everything done on it (domain.md glossary).

    The complainant, respondent and product live on the row itself: they are what every list,
    filter and export reads, and one row keeps a 100,000-order list a single indexed query.
    `status` is written only by orders.workflow.actions; `next_due_at` mirrors the nearest running
    deadline so "my work" sorts by an index.
    """

    number = models.CharField(_("工单编号"), max_length=14, unique=True)
    type = models.CharField(_("类型"), max_length=16, choices=OrderType.choices)
    channel = models.CharField(_("来源渠道"), max_length=32, choices=Channel.choices)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.REGISTERED)
    outcome = models.CharField(_("办理结果"), max_length=32, choices=Outcome.choices, blank=True)
    urgency = models.CharField(_("紧急程度"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAL)
    fast_response_reasons = models.JSONField(_("快速响应情形"), default=list, blank=True)
    # Codes of taxonomy.Line, checked at intake and reclassification; no `choices`, so a line added
    # in the admin needs no migration and its label comes from taxonomy.selectors.
    line = models.CharField(_("分流条线"), max_length=32, blank=True)
    category = models.CharField(_("商品服务类别"), max_length=50, blank=True)
    issue = models.CharField(_("问题性质"), max_length=32, blank=True)
    flags = models.JSONField(_("标记"), default=list, blank=True)

    received_at = models.DateTimeField(_("接收时间"))
    # From core.clock, not auto_now_add: the demo replays history and its registration times are real.
    created_at = models.DateTimeField(_("登记时间"), default=clock.now, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    complainant_name = models.CharField(_("诉求人姓名"), max_length=50, blank=True)
    complainant_phone = models.CharField(_("诉求人电话"), max_length=32, blank=True)
    complainant_id_number = models.CharField(_("证件号码"), max_length=18, blank=True)
    complainant_address = models.CharField(_("诉求人地址"), max_length=300, blank=True)
    anonymous = models.BooleanField(_("匿名"), default=False)

    respondent_name = models.CharField(_("被诉方名称"), max_length=200, blank=True)
    respondent_credit_code = models.CharField(_("被诉方信用代码"), max_length=18, blank=True)
    respondent_address = models.CharField(_("被诉方地址"), max_length=300, blank=True)
    merchant = models.ForeignKey(
        "merchants.Merchant", verbose_name=_("经营者"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="orders",
    )

    product_name = models.CharField(_("商品或服务"), max_length=200, blank=True)
    product_brand = models.CharField(_("品牌"), max_length=100, blank=True)
    product_amount = models.DecimalField(_("金额"), max_digits=12, decimal_places=2, null=True, blank=True)
    purchased_on = models.DateField(_("购买日期"), null=True, blank=True)
    purchase_channel = models.CharField(_("购买方式"), max_length=16, choices=PurchaseChannel.choices, blank=True)

    requests = models.JSONField(_("诉求"), default=list, blank=True)
    description = models.TextField(_("诉求内容"))

    intake_department = models.ForeignKey(
        "organisations.Department", verbose_name=_("受理机构"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="intake_orders",
    )
    department = models.ForeignKey(
        "organisations.Department", verbose_name=_("承办单位"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="orders",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="handled_orders",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="registered_orders",
    )
    escalated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("包案领导"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="escalated_orders",
    )
    cohandlers = models.ManyToManyField(
        "organisations.Department", verbose_name=_("协办单位"), blank=True, related_name="cohandled_orders"
    )
    transfer_department = models.ForeignKey(
        "organisations.Department", verbose_name=_("转办部门"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="transferred_orders",
    )
    odr_merchant = models.ForeignKey(
        "merchants.Merchant", verbose_name=_("ODR 企业"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="odr_orders",
    )
    # Issue 5 item 4: the earlier order of the same complainant against the same respondent.
    repeat_of = models.ForeignKey(
        "self", verbose_name=_("重复于"), null=True, blank=True, on_delete=models.SET_NULL, related_name="repeats",
    )

    contacted_at = models.DateTimeField(_("首次联系时间"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("到达现场时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    pending_extension_days = models.PositiveIntegerField(_("申请延期工作日"), null=True, blank=True)
    pending_extension_reason = models.CharField(_("延期理由"), max_length=500, blank=True)

    mediation_result = models.CharField(_("调解结果"), max_length=16, choices=MediationResult.choices, blank=True)
    mediation_agreement = models.TextField(_("调解协议"), blank=True)
    mediation_ground = models.CharField(_("终止调解依据"), max_length=32, blank=True)
    recovered_amount = models.DecimalField(_("挽回经济损失"), max_digits=12, decimal_places=2, default=Decimal("0"))
    case_number = models.CharField(_("立案编号"), max_length=64, blank=True)
    not_accept_ground = models.CharField(_("不予受理依据"), max_length=32, choices=NotAcceptGround.choices, blank=True)
    reply = models.TextField(_("答复内容"), blank=True)
    concluded_at = models.DateTimeField(_("办结时间"), null=True, blank=True, db_index=True)
    review_state = models.CharField(_("审核状态"), max_length=16, blank=True)

    visited_at = models.DateTimeField(_("回访时间"), null=True, blank=True)
    visit_attempts = models.PositiveSmallIntegerField(_("回访次数"), default=0)
    visit_reached = models.BooleanField(_("回访联系上"), null=True, blank=True)
    resolved = models.BooleanField(_("是否解决"), null=True, blank=True)
    satisfaction = models.CharField(_("满意度"), max_length=32, choices=Satisfaction.choices, blank=True)
    visit_comment = models.TextField(_("回访意见"), blank=True)

    exclusion_state = models.CharField(_("剔除状态"), max_length=16, choices=ExclusionState.choices, blank=True)
    exclusion_reason_code = models.CharField(_("剔除原因"), max_length=32, choices=ExclusionReason.choices, blank=True)
    exclusion_reason = models.TextField(_("剔除说明"), blank=True)

    next_due_at = models.DateTimeField(_("最近到期"), null=True, blank=True)

    class Meta:
        verbose_name = _("工单")
        verbose_name_plural = _("工单")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["-received_at", "-id"], name="order_received"),
            models.Index(fields=["status", "-received_at", "-id"], name="order_status_received"),
            models.Index(fields=["department", "status", "next_due_at"], name="order_dept_status_due"),
            models.Index(fields=["handler", "next_due_at"], name="order_handler_due"),
            models.Index(fields=["complainant_phone", "-received_at"], name="order_phone"),
            # The professional-claimant history by ID number (issue 5 item 6): only orders that carry one.
            models.Index(
                fields=["complainant_id_number", "-received_at"], name="order_id_number",
                condition=~models.Q(complainant_id_number=""),
            ),
            # Exact-name lookups, and group detection's nearest orders in time against one respondent.
            models.Index(fields=["respondent_name", "-received_at"], name="order_respondent_received"),
            models.Index(fields=["merchant", "-received_at"], name="order_merchant"),
            models.Index(fields=["type", "-received_at", "-id"], name="order_type_received"),
            models.Index(fields=["line", "-received_at", "-id"], name="order_line_received"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_fast(self) -> bool:
        return self.urgency == Urgency.FAST
