"""The telephony system's call log and the call-backs it owes (来电零遗漏, seed 004).

Every caller the hotline could not answer, and who did not get through later that day, is called
back: `CallRecord` keeps the imported log, `Callback` the one task per caller and day.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.core import clock


class CallImport(models.Model):
    """One import of a call-log file: who brought it in, for which centre, and what came of it, so
    an operator can tell which file a record came from and what was refused."""

    department = models.ForeignKey(
        "organisations.Department", verbose_name=_("导入部门"), on_delete=models.PROTECT, related_name="+"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("文件名"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("导入时间"), default=clock.now, editable=False)
    rows = models.PositiveIntegerField(_("数据行数"), default=0)
    imported = models.PositiveIntegerField(_("新增通话记录"), default=0)
    callbacks = models.PositiveIntegerField(_("新增回拨任务"), default=0)
    errors = models.JSONField(_("错误行"), default=list, blank=True)

    class Meta:
        verbose_name = _("话单导入")
        verbose_name_plural = _("话单导入")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} {clock.local(self.created_at):%Y-%m-%d %H:%M}"


class CallRecord(models.Model):
    """One incoming call as the telephony system logged it. Unique on (caller, time) so importing the
    same file twice, or two overlapping exports, adds nothing."""

    caller = models.CharField(_("主叫号码"), max_length=32)
    called_at = models.DateTimeField(_("来电时间"))
    answered = models.BooleanField(_("是否接通"))
    wait_seconds = models.PositiveIntegerField(_("等待秒数"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), on_delete=models.PROTECT, related_name="+"
    )
    batch = models.ForeignKey(
        CallImport, verbose_name=_("导入批次"), on_delete=models.PROTECT, related_name="records"
    )

    class Meta:
        verbose_name = _("来电记录")
        verbose_name_plural = _("来电记录")
        ordering = ["-called_at"]
        constraints = [models.UniqueConstraint(fields=["caller", "called_at"], name="call_record_unique")]

    def __str__(self) -> str:
        return f"{self.caller} {clock.local(self.called_at):%Y-%m-%d %H:%M:%S}"


class CallbackStatus(models.TextChoices):
    """API codes of a call-back's state; never renamed within v1."""

    PENDING = "pending", _("待回拨")
    REACHED = "reached", _("已联系")
    UNREACHABLE = "unreachable", _("未联系上")
    CONVERTED = "converted", _("已登记工单")
    CANCELLED = "cancelled", _("已取消（当日已接通）")


#: States in which the caller is still owed something: a first try, or another after "unreachable".
OPEN_CALLBACK_STATUSES = frozenset({CallbackStatus.PENDING, CallbackStatus.UNREACHABLE})


class Callback(models.Model):
    """Calling back one caller the hotline missed on one day (seed 004: 逐一回复).

    One per (centre, caller, local day) however often they tried; `missed_calls` counts the tries
    still unanswered and `called_at` is the last of them. `order` is set when the call-back is
    registered as a work order (a string reference: calls sits beside orders, not above it).
    """

    department = models.ForeignKey(
        "organisations.Department", verbose_name=_("负责部门"), on_delete=models.PROTECT, related_name="+"
    )
    phone = models.CharField(_("来电号码"), max_length=32)
    call_date = models.DateField(_("来电日期"))
    called_at = models.DateTimeField(_("最后未接来电时间"))
    missed_calls = models.PositiveIntegerField(_("未接次数"), default=1)
    due_at = models.DateTimeField(_("回拨期限"))
    status = models.CharField(
        _("状态"), max_length=16, choices=CallbackStatus.choices, default=CallbackStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("回拨次数"), default=0)
    outcome_note = models.TextField(_("回拨情况"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("回拨人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("回拨时间"), null=True, blank=True)
    order = models.ForeignKey(
        "orders.WorkOrder", verbose_name=_("登记的工单"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), default=clock.now, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("回拨任务")
        verbose_name_plural = _("回拨任务")
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["department", "phone", "call_date"], name="callback_one_per_day")
        ]
        indexes = [models.Index(fields=["status", "due_at", "id"], name="callback_status_due")]

    def __str__(self) -> str:
        return f"{self.phone} {self.call_date.isoformat()}"
