"""A stored analysis report: which period and scope it covers and the findings staff edit before
publishing. The numbers, rankings and charts are not stored: the document is rendered from the
live data each time, so a report downloaded later agrees with the dashboard and the roll-ups."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jiesu.core import clock
from jiesu.reports.choices import ReportKind, ReportStatus


class AnalysisReport(models.Model):
    kind = models.CharField(_("报告类型"), max_length=16, choices=ReportKind.choices)
    #: The period as typed (2025-03, 2025-Q1, 2025-H1, 2025, 2025-01-28..2025-02-04).
    period = models.CharField(_("统计期"), max_length=32)
    date_from = models.DateField(_("统计期自"))
    date_to = models.DateField(_("统计期至"))
    name = models.CharField(_("节假日名称"), max_length=50, blank=True, help_text=_("如：春节、国庆"))
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("统计范围"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("该部门及其下级；空表示全部部门"),
    )
    title = models.CharField(_("标题"), max_length=200)
    #: Written from the data when the draft is made, then edited by staff (issue 6 item 4).
    findings = models.TextField(_("分析与建议"), blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("生成人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("生成时间"), default=clock.now)
    updated_at = models.DateTimeField(_("修改时间"), default=clock.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("分析报告")
        verbose_name_plural = _("分析报告")
        ordering = ["-date_from", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(date_to__gte=models.F("date_from")), name="reports_period"),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT) | Q(published_at__isnull=False),
                name="reports_published_at",
            ),
        ]

    def __str__(self) -> str:
        return self.title
