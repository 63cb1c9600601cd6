"""What the statistics are computed from (issue 6 items 1 and 9).

Three tables, each with one job:
- `OrderFact`: one row per order holding exactly what the measures read from it (the dates that
  count, whether each deadline was met in time, the outcome and the visit), computed by
  `facts.order_facts` from the order and its deadlines. It is what drill-down lists filter on.
- `DailyMeasure`: the daily roll-up, summed per day, responsible department and one dimension
  (all orders, or per line, channel or type). A year of measures reads a few thousand of these rows
  however many orders there are.
- `RollupQueue`: orders whose facts may have changed. An event appends a row in the action's
  transaction; the worker drains the queue (SKIP LOCKED), recomputes the facts and applies the
  difference to the roll-ups.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeadlineOutcome(models.TextChoices):
    """How one deadline stands for the on-time measures. `pending` (running, not yet due, or its
    clock paused) is in no rate yet; `overdue` (running past due) already counts as missed."""

    NONE = "", _("无")
    PENDING = "pending", _("未到期")
    ON_TIME = "on_time", _("按时")
    LATE = "late", _("超时完成")
    OVERDUE = "overdue", _("已超期")


class OrderFact(models.Model):
    order = models.OneToOneField(
        "orders.WorkOrder",
        verbose_name=_("工单"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="fact",
    )
    #: The id of the department answering for the order (its handling department, or the one that
    #: took it in; 0 for none), as the daily board's `responsible_q` has it. A plain integer: the
    #: roll-ups key on it and a department is never deleted.
    holder = models.IntegerField(_("责任单位"), default=0)
    type = models.CharField(_("类型"), max_length=16)
    channel = models.CharField(_("来源渠道"), max_length=32)
    line = models.CharField(_("分流条线"), max_length=32, blank=True)
    excluded = models.BooleanField(_("已剔除"), default=False)

    received_on = models.DateField(_("接收日"))
    review_due_on = models.DateField(_("初查到期日"), null=True)
    review = models.CharField(_("初查"), max_length=8, choices=DeadlineOutcome.choices, blank=True)
    conclusion_due_on = models.DateField(_("办结到期日"), null=True)
    conclusion = models.CharField(_("办结"), max_length=8, choices=DeadlineOutcome.choices, blank=True)
    verification_due_on = models.DateField(_("核查到期日"), null=True)
    verification = models.CharField(_("核查"), max_length=8, choices=DeadlineOutcome.choices, blank=True)
    odr_due_on = models.DateField(_("ODR到期日"), null=True)
    odr = models.CharField(_("ODR"), max_length=8, choices=DeadlineOutcome.choices, blank=True)
    response = models.CharField(_("响应"), max_length=8, choices=DeadlineOutcome.choices, blank=True)
    #: The next moment a pending deadline falls due and the fact turns `overdue` with no event.
    flips_at = models.DateTimeField(_("下次到期"), null=True)

    concluded_on = models.DateField(_("办结日"), null=True)
    outcome = models.CharField(_("办理结果"), max_length=32, blank=True)
    recovered_amount = models.DecimalField(
        _("挽回经济损失"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    visited_on = models.DateField(_("回访日"), null=True)
    resolved = models.BooleanField(_("是否解决"), null=True)
    satisfaction = models.CharField(_("满意度"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("工单统计事实")
        verbose_name_plural = _("工单统计事实")
        indexes = [
            models.Index(fields=["received_on"], name="fact_received"),
            models.Index(fields=["review_due_on"], name="fact_review_due"),
            models.Index(fields=["conclusion_due_on"], name="fact_conclusion_due"),
            models.Index(fields=["verification_due_on"], name="fact_verification_due"),
            models.Index(fields=["odr_due_on"], name="fact_odr_due"),
            models.Index(fields=["concluded_on"], name="fact_concluded"),
            models.Index(fields=["visited_on"], name="fact_visited"),
            models.Index(fields=["flips_at"], name="fact_flips", condition=models.Q(flips_at__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"fact {self.order_id}"


class DailyMeasure(models.Model):
    """Counts of one day for one responsible department (0: none) and one dimension value. Every
    column is counted on its own date (see `facts.contributions`), so summing a date range of rows
    gives each measure by the date the definitions in docs/statistics.md name."""

    day = models.DateField(_("日期"))
    holder = models.IntegerField(_("责任单位"), default=0)
    dimension = models.CharField(_("维度"), max_length=8)
    value = models.CharField(_("维度值"), max_length=32, blank=True)

    orders = models.IntegerField(default=0)
    review_on_time = models.IntegerField(default=0)
    review_late = models.IntegerField(default=0)
    review_overdue = models.IntegerField(default=0)
    conclusion_on_time = models.IntegerField(default=0)
    conclusion_late = models.IntegerField(default=0)
    conclusion_overdue = models.IntegerField(default=0)
    verification_on_time = models.IntegerField(default=0)
    verification_late = models.IntegerField(default=0)
    verification_overdue = models.IntegerField(default=0)
    odr_on_time = models.IntegerField(default=0)
    odr_late = models.IntegerField(default=0)
    odr_overdue = models.IntegerField(default=0)
    response_on_time = models.IntegerField(default=0)
    response_late = models.IntegerField(default=0)
    response_overdue = models.IntegerField(default=0)
    concluded = models.IntegerField(default=0)
    mediated = models.IntegerField(default=0)
    mediation_failed = models.IntegerField(default=0)
    mediation_terminated = models.IntegerField(default=0)
    recovered = models.DecimalField(max_digits=16, decimal_places=2, default=Decimal("0"))
    visited = models.IntegerField(default=0)
    resolved = models.IntegerField(default=0)
    satisfied = models.IntegerField(default=0)
    basically_satisfied = models.IntegerField(default=0)
    unsatisfied = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("每日统计")
        verbose_name_plural = _("每日统计")
        constraints = [
            models.UniqueConstraint(fields=["dimension", "day", "holder", "value"], name="daily_measure_key")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.holder} {self.dimension}={self.value}"


class RollupQueue(models.Model):
    """Insert-only: actions never wait for each other or for the worker on this table."""

    order_pk = models.BigIntegerField(_("工单"))
    queued_at = models.DateTimeField(_("入队时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("统计待更新")
        verbose_name_plural = _("统计待更新")

    def __str__(self) -> str:
        return f"queued {self.order_pk}"
