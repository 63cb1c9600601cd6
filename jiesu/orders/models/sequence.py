from django.db import models
from django.utils.translation import gettext_lazy as _


class DailySequence(models.Model):
    """The last order number handed out per day. Incremented by one atomic upsert
    (orders.services.order_number_next) so concurrent registrations never share a number."""

    day = models.DateField(_("日期"), primary_key=True)
    last = models.PositiveIntegerField(_("当日最后序号"), default=0)

    class Meta:
        verbose_name = _("工单日序号")
        verbose_name_plural = _("工单日序号")

    def __str__(self) -> str:
        return f"{self.day}: {self.last}"
