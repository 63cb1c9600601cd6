"""Quality control (issue 6 item 7): sampled inspections of concluded orders (seed 004's 回访考核制度
and 质量通报) and 回头看 campaigns that reopen unsatisfied or unresolved orders (seed 001)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiesu.core import clock
from jiesu.orders.choices import Satisfaction
from jiesu.quality.choices import CampaignResult, Problem, Verdict


class SampleBatch(models.Model):
    """One draw: which period and subtree, at what rate, with which seed, by whom. The seed and each
    inspection's rank make the draw auditable: anyone can recompute the ranks and check that every
    department got the orders with the lowest ones."""

    period_start = models.DateField(_("办结日期自"))
    period_end = models.DateField(_("办结日期至"))
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("抽样范围"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("该部门及其下级；空表示全部部门"),
    )
    rate = models.DecimalField(_("抽样比例"), max_digits=4, decimal_places=3)
    seed = models.CharField(_("随机种子"), max_length=32, editable=False)
    scheduled = models.BooleanField(_("每月自动抽样"), default=False)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("抽样人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    drawn_at = models.DateTimeField(_("抽样时间"), default=clock.now)
    population = models.PositiveIntegerField(_("办结工单数"), default=0)
    #: Per handling department: code, name, population, already sampled before, drawn now.
    strata = models.JSONField(_("分部门抽样情况"), default=list, blank=True)

    class Meta:
        verbose_name = _("抽样批次")
        verbose_name_plural = _("抽样批次")
        ordering = ["-drawn_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="quality_batch_period"
            ),
            models.CheckConstraint(condition=Q(rate__gt=0, rate__lte=1), name="quality_batch_rate"),
            # The monthly job runs in every worker: the first to insert the month's row draws it.
            models.UniqueConstraint(
                fields=["period_start", "period_end"],
                condition=Q(scheduled=True),
                name="quality_one_scheduled_draw",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_start:%Y-%m-%d}～{self.period_end:%Y-%m-%d}"


class Inspection(models.Model):
    """One sampled order and, once inspected, the verdict. Created by the draw with no verdict; the
    unique order keeps any order from being sampled twice, whichever batch tries."""

    batch = models.ForeignKey(
        SampleBatch, verbose_name=_("抽样批次"), on_delete=models.PROTECT, related_name="inspections"
    )
    order = models.OneToOneField(
        "orders.WorkOrder",
        verbose_name=_("工单"),
        on_delete=models.PROTECT,
        related_name="quality_inspection",
    )
    #: The handling department when drawn: the stratum it was drawn in and the scope it is seen in.
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("承办单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: When the order was concluded when drawn: a reopened order loses its conclusion time.
    order_concluded_at = models.DateTimeField(_("办结时间"))
    rank = models.CharField(_("抽样序值"), max_length=64, editable=False)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("质检员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verdict = models.CharField(_("质检结论"), max_length=32, choices=Verdict.choices, blank=True)
    problems = models.JSONField(_("发现问题"), default=list, blank=True, help_text=_("问题代码列表"))
    comment = models.TextField(_("质检意见"), blank=True)
    inspected_at = models.DateTimeField(_("质检时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("质量检查")
        verbose_name_plural = _("质量检查")
        ordering = ["-id"]
        indexes = [models.Index(fields=["department", "order_concluded_at"], name="quality_inspection_dept")]
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict="", inspector__isnull=True, inspected_at__isnull=True)
                | (Q(verdict__in=Verdict.values) & Q(inspector__isnull=False, inspected_at__isnull=False)),
                name="quality_inspection_verdict_complete",
            ),
        ]

    def __str__(self) -> str:
        return str(self.order)

    @property
    def is_done(self) -> bool:
        return bool(self.verdict)

    @property
    def problem_labels(self) -> list[str]:
        labels = dict(Problem.choices)
        return [str(labels.get(code, code)) for code in self.problems or ()]


class ReviewCampaign(models.Model):
    """A 回头看 campaign (seed 001): the unsatisfied and/or unresolved orders visited in a period,
    optionally of one department subtree and line, sent back for handling with one reason."""

    name = models.CharField(_("活动名称"), max_length=100)
    period_start = models.DateField(_("回访日期自"))
    period_end = models.DateField(_("回访日期至"))
    unsatisfied = models.BooleanField(_("不满意"), default=True)
    unresolved = models.BooleanField(_("未解决"), default=True)
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("承办单位范围"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("该部门及其下级；空表示全部部门"),
    )
    line = models.CharField(_("分流条线"), max_length=32, blank=True)
    reason = models.TextField(_("重新办理理由"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=clock.now)
    last_run_at = models.DateTimeField(_("最近执行时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("回头看活动")
        verbose_name_plural = _("回头看活动")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="quality_campaign_period"
            ),
            models.CheckConstraint(
                condition=Q(unsatisfied=True) | Q(unresolved=True), name="quality_campaign_criteria"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReviewCampaignOrder(models.Model):
    """What a campaign did to one order: reopened it, or could not (and why). The visit's answers are
    kept here because reopening clears them from the order for its next visit."""

    campaign = models.ForeignKey(
        ReviewCampaign, verbose_name=_("回头看活动"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.ForeignKey(
        "orders.WorkOrder", verbose_name=_("工单"), on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(_("结果"), max_length=16, choices=CampaignResult.choices)
    detail = models.CharField(_("说明"), max_length=500, blank=True)
    status_before = models.CharField(_("原状态"), max_length=16, blank=True)
    satisfaction = models.CharField(_("满意度"), max_length=32, choices=Satisfaction.choices, blank=True)
    resolved = models.BooleanField(_("是否解决"), null=True, blank=True)
    visited_at = models.DateTimeField(_("回访时间"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("执行人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("执行时间"), default=clock.now)

    class Meta:
        verbose_name = _("回头看工单")
        verbose_name_plural = _("回头看工单")
        ordering = ["campaign", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "order"], name="quality_campaign_order_once")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.order}"
