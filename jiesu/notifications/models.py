from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.notifications.choices import NotificationChannel, NotificationStatus, NotificationStep


class Notification(models.Model):
    """One message on one channel to a set of staff. Created once per `key` (a unique key per
    ladder rung and channel, or per directive), so a sweep run twice, or by two workers, adds
    nothing; delivered by notifications.services with retries, and kept whatever happens to it."""

    key = models.CharField(_("唯一键"), max_length=120)
    order = models.ForeignKey(
        "orders.WorkOrder", verbose_name=_("工单"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="notifications", db_index=False,  # notification_order leads with it
    )
    deadline = models.ForeignKey(
        "deadlines.Deadline", verbose_name=_("时限"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="notifications", db_index=False,  # notification_deadline leads with it
    )
    step = models.CharField(_("环节"), max_length=16, choices=NotificationStep.choices)
    deadline_kind = models.CharField(_("时限类型"), max_length=32, blank=True)
    due_at = models.DateTimeField(_("到期时间"), null=True, blank=True)
    channel = models.CharField(_("渠道"), max_length=16, choices=NotificationChannel.choices)
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), through="NotificationRecipient",
        related_name="notifications", blank=True,
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    deliver_after = models.DateTimeField(_("最早发送时间"))
    attempts = models.PositiveSmallIntegerField(_("发送次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次重试"), null=True, blank=True)
    attempt_log = models.JSONField(_("发送记录"), default=list, blank=True)
    created_at = models.DateTimeField(_("创建时间"))
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("消息通知")
        verbose_name_plural = _("消息通知")
        ordering = ["-created_at", "-id"]
        # Every index costs each of the sweep's inserts: no single-column FK indexes the composite
        # ones already lead with, and a plain unique constraint on `key` (unique=True would add a
        # second, LIKE-pattern index on PostgreSQL that nothing uses).
        constraints = [models.UniqueConstraint(fields=["key"], name="notification_key_unique")]
        indexes = [
            # The delivery pass reads only what is waiting: its cost follows the queue, not history.
            models.Index(
                fields=["deliver_after"], name="notification_pending",
                condition=models.Q(status="pending"),
            ),
            models.Index(fields=["order", "created_at"], name="notification_order"),
            models.Index(fields=["deadline", "status"], name="notification_deadline"),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()} {self.get_channel_display()} {self.title}"


class NotificationRecipient(models.Model):
    """A member of staff a notification is addressed to, with their own read mark (the inbox)."""

    notification = models.ForeignKey(  # the unique constraint's index leads with it
        Notification, verbose_name=_("消息"), on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )
    staff = models.ForeignKey(  # notification_inbox leads with it
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE, db_index=False
    )
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接收人")
        verbose_name_plural = _("接收人")
        constraints = [
            models.UniqueConstraint(fields=["notification", "staff"], name="notification_recipient_unique")
        ]
        indexes = [models.Index(fields=["staff", "read_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return f"{self.staff} ← {self.notification_id}"
