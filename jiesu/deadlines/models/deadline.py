from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.deadlines.choices import DeadlineKind, DeadlineState, DeadlineUnit


class Deadline(models.Model):
    """One running or finished time limit of one order. Started, met, stopped and extended only by
    deadlines.services, called from the workflow actions inside their transaction."""

    order = models.ForeignKey(
        "orders.WorkOrder", verbose_name=_("工单"), on_delete=models.CASCADE, related_name="deadlines"
    )
    kind = models.CharField(_("时限类型"), max_length=32, choices=DeadlineKind.choices)
    state = models.CharField(_("状态"), max_length=16, choices=DeadlineState.choices, default=DeadlineState.RUNNING)
    started_at = models.DateTimeField(_("起算时间"))
    due_at = models.DateTimeField(_("到期时间"))
    met_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("终止时间"), null=True, blank=True)
    length = models.PositiveIntegerField(_("时长"))
    unit = models.CharField(_("单位"), max_length=16, choices=DeadlineUnit.choices)
    extended_working_days = models.PositiveIntegerField(_("延期工作日"), default=0)
    warning = models.CharField(_("计算提示"), max_length=200, blank=True)
    # The reminder ladder restarts (a new round of Reminder rows) when the due time moves.
    ladder_round = models.PositiveSmallIntegerField(_("提醒轮次"), default=0)
    # domain.md: time stopped for testing or appraisal (鉴定检测) does not count.
    paused_at = models.DateTimeField(_("暂停计时时间"), null=True, blank=True)
    pause_reason = models.CharField(_("暂停原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("时限")
        verbose_name_plural = _("时限")
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["state", "due_at"], name="deadline_state_due"),
            models.Index(fields=["order", "kind"], name="deadline_order_kind"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "kind"],
                condition=models.Q(state="running"),
                name="deadline_one_running_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def is_running(self) -> bool:
        return self.state == DeadlineState.RUNNING

    @property
    def is_paused(self) -> bool:
        return self.state == DeadlineState.RUNNING and self.paused_at is not None

    def is_overdue(self, now) -> bool:
        """Overdue while running past due, or met late: a late answer stays late in the record."""
        if self.state == DeadlineState.RUNNING:
            return self.paused_at is None and now > self.due_at
        if self.state == DeadlineState.MET and self.met_at:
            return self.met_at > self.due_at
        return False
