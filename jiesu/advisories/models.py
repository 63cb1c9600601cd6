"""A consumer warning (消费警示, seed 004's 警示建议制度) and its history.

The warning keeps the ranking figures it was drafted from, frozen at drafting time: what the public
reads must stay explainable by the numbers staff approved, even after late orders or a rerun
roll-up change the live ranking. Only order numbers are kept as examples, never a complainant's
details, so nothing personal can reach the public page.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jiesu.advisories.choices import WARNING_DIMENSIONS, WarningAction, WarningStatus
from jiesu.core import clock

S = WarningStatus


def _who(label):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=label, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip


class ConsumerWarning(models.Model):
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("警示内容"), help_text=_("消费者看到的正文：发生了什么、消费提示、如何投诉"))
    status = models.CharField(_("状态"), max_length=16, choices=S.choices, default=S.DRAFT)

    # The ranking figures behind it, as they stood when drafted.
    dimension = models.CharField(_("排名维度"), max_length=16)
    key = models.CharField(_("排名项"), max_length=200)
    key_name = models.CharField(_("排名项名称"), max_length=200)
    department = models.ForeignKey(
        "organisations.Department", verbose_name=_("统计范围"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", help_text=_("该部门及其下级；空表示全部部门"),
    )  # fmt: skip
    date_from = models.DateField(_("统计期自"))
    date_to = models.DateField(_("统计期至"))
    rank = models.PositiveSmallIntegerField(_("本期排名"))
    count = models.PositiveIntegerField(_("本期件数"))
    previous = models.PositiveIntegerField(_("上期件数"))
    last_year = models.PositiveIntegerField(_("去年同期件数"))
    mom = models.DecimalField(_("环比"), max_digits=10, decimal_places=4, null=True, blank=True)
    yoy = models.DecimalField(_("同比"), max_digits=10, decimal_places=4, null=True, blank=True)
    #: The line most of the orders behind it are on: chooses the advice of the drafted text.
    line = models.CharField(_("主要条线"), max_length=32, blank=True)
    example_orders = models.JSONField(_("示例工单"), default=list, blank=True, help_text=_("工单编号列表"))

    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("起草人"), on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    drafted_at = models.DateTimeField(_("起草时间"), default=clock.now)
    updated_by = _who(_("最后修改人"))
    updated_at = models.DateTimeField(_("修改时间"), default=clock.now)
    submitted_by = _who(_("提交人"))
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    approved_by = _who(_("审核人"))
    approved_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    published_by = _who(_("发布人"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    withdrawn_by = _who(_("撤回人"))
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("消费警示")
        verbose_name_plural = _("消费警示")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at", "-id"], name="advisory_public")]
        constraints = [
            models.CheckConstraint(condition=Q(date_to__gte=F("date_from")), name="advisory_period"),
            models.CheckConstraint(
                condition=~Q(status__in=[S.APPROVED, S.PUBLISHED, S.WITHDRAWN])
                | Q(approved_at__isnull=False),
                name="advisory_approved_at",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[S.PUBLISHED, S.WITHDRAWN]) | Q(published_at__isnull=False),
                name="advisory_published_at",
            ),
            # Four eyes, as a last guard behind the service's check.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("drafted_by")),
                name="advisory_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def dimension_label(self) -> str:
        return str(WARNING_DIMENSIONS.get(self.dimension, self.dimension))

    @property
    def is_public(self) -> bool:
        return self.status == S.PUBLISHED


class WarningEvent(models.Model):
    """One step of a warning's life: who, when, from which status to which, and the reason given.
    A table rather than a JSON log on the warning: rows are written once and never changed (as
    OrderEvent), the four-eyes rule reads who wrote the text from them, and a lost concurrent
    update of one JSON column cannot drop history."""

    warning = models.ForeignKey(
        ConsumerWarning, verbose_name=_("消费警示"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("动作"), max_length=16, choices=WarningAction.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT,
                              related_name="+")  # fmt: skip
    at = models.DateTimeField(_("时间"))
    from_status = models.CharField(_("原状态"), max_length=16, choices=S.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, choices=S.choices)
    data = models.JSONField(_("记录内容"), default=dict, blank=True)

    class Meta:
        verbose_name = _("消费警示记录")
        verbose_name_plural = _("消费警示记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.warning_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("WarningEvent rows are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("WarningEvent rows are immutable")
