from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.orders.choices import Action, Status


class OrderEvent(models.Model):
    """One action taken on an order: who, when, from which status to which, and what was recorded.
    Written only by orders.workflow.events.record_event inside the action's transaction; never
    updated or deleted, so the timeline is the legal record of the handling."""

    order = models.ForeignKey("orders.WorkOrder", verbose_name=_("工单"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("动作"), max_length=32, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.PROTECT
    )
    at = models.DateTimeField(_("时间"))
    from_status = models.CharField(_("原状态"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, choices=Status.choices)
    data = models.JSONField(_("记录内容"), default=dict, blank=True)

    class Meta:
        verbose_name = _("工单事件")
        verbose_name_plural = _("工单事件")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["order", "at"], name="event_order_at"),
            models.Index(fields=["action", "at"], name="event_action_at"),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("OrderEvent rows are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("OrderEvent rows are immutable")
