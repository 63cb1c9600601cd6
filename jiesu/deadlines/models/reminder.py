from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.deadlines.choices import ChaseStep, ReminderState
from jiesu.notifications.choices import NotificationChannel, RecipientRole


class Reminder(models.Model):
    """One rung of one deadline's reminder ladder, written when the deadline starts (or restarts
    after an extension, a pause or a reclassification: `round` then goes up).

    The sweep claims rows whose `fire_at` has come (partial index on pending rows, so its cost is
    the number due, not the number of open orders) and turns each into notifications exactly once:
    the row lock decides which worker does it, and (deadline, round, step) is unique."""

    deadline = models.ForeignKey(  # reminder_once_per_round's index leads with it
        "deadlines.Deadline", verbose_name=_("时限"), on_delete=models.CASCADE, related_name="reminders",
        db_index=False,
    )
    round = models.PositiveSmallIntegerField(_("轮次"), default=0)
    step = models.CharField(_("环节"), max_length=16, choices=ChaseStep.choices)
    at = models.DateTimeField(_("节点时间"))
    fire_at = models.DateTimeField(_("发送时间"), help_text=_("非快反工单的提醒顺延到工作时间"))
    state = models.CharField(_("状态"), max_length=16, choices=ReminderState.choices, default=ReminderState.PENDING)
    fired_at = models.DateTimeField(_("触发时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("提醒节点")
        verbose_name_plural = _("提醒节点")
        ordering = ["deadline", "round", "at"]
        constraints = [
            models.UniqueConstraint(fields=["deadline", "round", "step"], name="reminder_once_per_round")
        ]
        indexes = [
            models.Index(fields=["fire_at"], name="reminder_due", condition=models.Q(state="pending")),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()} {self.fire_at:%Y-%m-%d %H:%M}"


def _default_recipients():
    return [RecipientRole.HANDLER]


def _default_channels():
    return [NotificationChannel.INBOX, NotificationChannel.LOG]


class ReminderRule(models.Model):
    """Who a ladder step goes to and on which channels (the ladder configurable in the admin). The
    moments of the rungs are domain.md's rule; an agency switches steps off, and picks recipients
    and channels, here. A channel the deployment has not switched on is skipped."""

    step = models.CharField(_("环节"), max_length=16, choices=ChaseStep.choices, unique=True)
    is_active = models.BooleanField(_("启用"), default=True)
    recipients = models.JSONField(_("接收人"), default=_default_recipients, help_text=_("handler / duty / leader"))
    channels = models.JSONField(_("渠道"), default=_default_channels, help_text=_("inbox / log / email / sms / webhook"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("提醒规则")
        verbose_name_plural = _("提醒规则")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.get_step_display()
