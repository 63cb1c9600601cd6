"""Department assessment (issue 6 item 6; seeds 001 and 004): the weights, each month's scores and
the interviews (约谈) of lagging departments and of merchants with many complaints.

The formula is written out in docs/statistics.md ("部门考核"); `scoring.py` applies it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiesu.assessment.choices import DATA_QUALITY, InterviewOrigin, InterviewStatus, Tier
from jiesu.core import clock


def weight_key_choices() -> list[tuple[str, str]]:
    """The rate measures of analytics.measures plus the data-quality deduction."""
    from jiesu.analytics.measures import measures

    return [(m.key, m.label) for m in measures() if m.is_rate] + [(DATA_QUALITY, _("数据质量（扣分）"))]


class AssessmentWeight(models.Model):
    """One weight of the score (style.md rule 8: weights are data an administrator edits). A rate's
    weight is its share of the weighted average; the data-quality weight is the points a department
    loses when every field checked is missing (proportionally fewer for fewer)."""

    key = models.CharField(_("指标"), max_length=40, unique=True, choices=weight_key_choices)
    weight = models.DecimalField(
        _("权重"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("0 表示不计入；比率指标按权重加权平均，数据质量为缺项率 100% 时扣除的分数"),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("考核权重")
        verbose_name_plural = _("考核权重")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=0), name="assessment_weight_not_negative")
        ]

    def __str__(self) -> str:
        return str(self.get_key_display())


class AssessmentRun(models.Model):
    """One month's scoring. Its row is the lock every scorer of the month takes first, so two
    workers (or the worker and a CLI run) never score the same month at once."""

    month = models.DateField(_("考核月份"), unique=True, help_text=_("当月第一天"))
    scored_at = models.DateTimeField(_("计算时间"), null=True, blank=True)
    weights = models.JSONField(_("所用权重"), default=dict, blank=True)

    class Meta:
        verbose_name = _("月度考核")
        verbose_name_plural = _("月度考核")
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class DepartmentScore(models.Model):
    """A department's score for one month with everything it was computed from, so the ranking can
    be audited and re-read after the weights change."""

    run = models.ForeignKey(
        AssessmentRun, verbose_name=_("月度考核"), on_delete=models.CASCADE, related_name="scores"
    )
    month = models.DateField(_("考核月份"))
    department = models.ForeignKey(
        "organisations.Department", verbose_name=_("部门"), on_delete=models.PROTECT, related_name="+"
    )
    tier = models.CharField(_("排名组"), max_length=16, choices=Tier.choices)
    #: {key: {"value", "numerator", "denominator"}} of every measure, as analytics computed them.
    measures = models.JSONField(_("指标"), default=dict)
    measure_part = models.DecimalField(_("指标得分"), max_digits=7, decimal_places=2, null=True, blank=True)
    orders = models.PositiveIntegerField(_("当月投诉举报"), default=0)
    concluded = models.PositiveIntegerField(_("当月办结投诉举报"), default=0)
    missing_category = models.PositiveIntegerField(_("缺商品服务类别"), default=0)
    missing_address = models.PositiveIntegerField(_("缺被诉方地址"), default=0)
    missing_reply = models.PositiveIntegerField(_("缺办结答复"), default=0)
    quality_deduction = models.DecimalField(
        _("数据质量扣分"), max_digits=7, decimal_places=2, default=Decimal("0")
    )
    score = models.DecimalField(_("得分"), max_digits=7, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("排名"), null=True, blank=True)
    average = models.DecimalField(_("组平均分"), max_digits=7, decimal_places=2, null=True, blank=True)
    below_average = models.BooleanField(_("低于平均分"), default=False)
    months_below = models.PositiveSmallIntegerField(_("连续低于平均月数"), default=0)
    interview_flag = models.BooleanField(_("建议约谈"), default=False)
    interview = models.ForeignKey(
        "Interview",
        verbose_name=_("约谈"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("部门考核得分")
        verbose_name_plural = _("部门考核得分")
        ordering = ["month", "tier", "rank", "department__path"]
        constraints = [models.UniqueConstraint(fields=["department", "month"], name="assessment_score_once")]
        indexes = [models.Index(fields=["month", "tier", "rank"], name="assessment_score_month")]

    def __str__(self) -> str:
        return f"{self.department} {self.month:%Y-%m}"

    @property
    def missing(self) -> int:
        return self.missing_category + self.missing_address + self.missing_reply


class Interview(models.Model):
    """A 约谈 of a department (seed 001: three months below the average) or of a merchant (seed 004:
    the businesses most complained about): when, who sat at the table, the problems, what must be
    corrected by when, and how it ended. The follow-up is chased like any deadline (services)."""

    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("被约谈部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    merchant = models.ForeignKey(
        "merchants.Merchant",
        verbose_name=_("被约谈经营者"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organiser = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("组织单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("组织约谈、跟踪整改的部门"),
    )
    origin = models.CharField(_("约谈原因"), max_length=16, choices=InterviewOrigin.choices)
    month = models.DateField(_("依据月份"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=InterviewStatus.choices)
    planned_on = models.DateField(_("约谈日期"), null=True, blank=True)
    held_on = models.DateField(_("实际约谈日期"), null=True, blank=True)
    participants = models.TextField(_("参加人员"), blank=True)
    problems = models.TextField(_("存在问题"))
    result = models.TextField(_("约谈情况"), blank=True)
    follow_up = models.TextField(_("整改要求"), blank=True)
    follow_up_due = models.DateField(_("整改期限"), null=True, blank=True)
    follow_up_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("整改跟踪人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    follow_up_result = models.TextField(_("整改结果"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("空：由月度考核自动提出"),
    )
    created_at = models.DateTimeField(_("创建时间"), default=clock.now)
    held_recorded_at = models.DateTimeField(_("约谈登记时间"), null=True, blank=True)
    done_at = models.DateTimeField(_("整改完成时间"), null=True, blank=True)
    #: The follow-up's reminder ladder: the `at` of the last rung sent, and when the next may go out.
    chased_until = models.DateTimeField(_("已催办至"), null=True, blank=True)
    chase_next_at = models.DateTimeField(_("下次催办"), null=True, blank=True)

    class Meta:
        verbose_name = _("约谈")
        verbose_name_plural = _("约谈")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(department__isnull=False, merchant__isnull=True)
                | Q(department__isnull=True, merchant__isnull=False),
                name="interview_one_subject",
            ),
            # The monthly scoring runs in every worker and may be re-run: one proposal a month each.
            models.UniqueConstraint(
                fields=["department", "month"],
                condition=Q(origin="assessment"),
                name="interview_assessment_once",
            ),
            models.CheckConstraint(
                condition=~Q(status="held") | Q(follow_up_due__isnull=False, held_on__isnull=False),
                name="interview_held_has_follow_up",
            ),
        ]
        indexes = [
            models.Index(fields=["chase_next_at"], name="interview_chase", condition=Q(status="held")),
        ]

    def __str__(self) -> str:
        return str(self.subject_name)

    @property
    def subject_name(self) -> str:
        return self.department.name if self.department_id else self.merchant.name

    @property
    def is_open(self) -> bool:
        return self.status != InterviewStatus.DONE
