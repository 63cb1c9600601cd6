"""Deadline kinds and units (domain.md "Deadlines"). Values are codes used by the API."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeadlineKind(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("回应受理情况")
    ACCEPT_DECISION = "accept_decision", _("受理决定（初查）")
    CONCLUDE = "conclude", _("办结")
    VERIFY = "verify", _("核查（立案决定）")
    NOTIFY_REPORTER = "notify_reporter", _("告知举报人")
    CONCLUDE_12345 = "conclude_12345", _("接诉即办办结")
    ODR = "odr", _("企业自行处理")
    DISPATCH_FAST = "dispatch_fast", _("发出快反指令")
    RESPOND_FAST = "respond_fast", _("快反回应")
    ARRIVE_FAST = "arrive_fast", _("到达现场")
    FEEDBACK_FAST = "feedback_fast", _("快反办结反馈")
    RETURN_WINDOW = "return_window", _("退单时限")
    RE_RESPOND = "re_respond", _("退单后回应")
    VISIT = "visit", _("回访")


class DeadlineUnit(models.TextChoices):
    MINUTES = "minutes", _("分钟")
    HOURS = "hours", _("小时")
    CALENDAR_DAYS = "calendar_days", _("自然日")
    WORKING_DAYS = "working_days", _("工作日")


class DeadlineState(models.TextChoices):
    RUNNING = "running", _("计时中")
    MET = "met", _("已完成")
    STOPPED = "stopped", _("已终止")


class ReminderState(models.TextChoices):
    PENDING = "pending", _("待触发")
    FIRED = "fired", _("已触发")
    CANCELLED = "cancelled", _("已取消")


class ChaseStep(models.TextChoices):
    """The rules of the admin-editable ladder: the rungs of `ladder.Step` plus the fast-response
    directive, which is not a rung but goes to people the same way."""

    REMINDER = "reminder", _("过半提醒")
    URGE_3WD = "urge_3wd", _("到期前3个工作日催办（工作群）")
    URGE_2WD = "urge_2wd", _("到期前2个工作日催办（平台消息）")
    URGE_DUE_DAY = "urge_due_day", _("到期当日催办（电话督促）")
    URGE_80 = "urge_80", _("短时限80%催办")
    SUPERVISE = "supervise", _("超期督办")
    DIRECTIVE = "directive", _("快反指令")
