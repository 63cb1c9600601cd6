"""Notification codes; the values are the API's codes (issue 4, item 3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationStep(models.TextChoices):
    """What a message is: a rung of the reminder ladder (提醒 / 催办 / 督办), a fast-response
    directive (快反指令), a call-back task (回拨) or an alert from the intake intelligence (预警:
    a group complaint, a rising merchant)."""

    REMINDER = "reminder", _("提醒")
    URGE = "urge", _("催办")
    SUPERVISE = "supervise", _("督办")
    DIRECTIVE = "directive", _("快反指令")
    CALLBACK = "callback", _("回拨")
    ALERT = "alert", _("预警")


class NotificationChannel(models.TextChoices):
    INBOX = "inbox", _("站内消息")
    LOG = "log", _("日志")
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")
    WEBHOOK = "webhook", _("工作群机器人")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
    CANCELLED = "cancelled", _("已取消")


class RecipientRole(models.TextChoices):
    """Who a ladder step goes to (domain.md: handler, the department's duty staff, its leader)."""

    HANDLER = "handler", _("承办人")
    DUTY = "duty", _("部门值班人员")
    LEADER = "leader", _("部门领导")
