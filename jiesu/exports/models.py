from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.core import clock


class OrderExport(models.Model):
    """One export of an order list to Excel (issue 6 item 5): who, when, through which interface,
    the filters, the columns, how many orders and whether personal data left unmasked.

    Its own table rather than a `PersonalDataAccess` row: every export is recorded, also one
    without personal data, and the row count, filters and columns are what an auditor sorts and
    sums by, which that log's free-form `detail` would bury. An export that does carry unmasked
    personal data writes a `PersonalDataAccess` row as well, pointing here, so that log still holds
    every unmasked read (style.md "Personal data"). Rows are never edited.
    """

    staff = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("导出人"), on_delete=models.PROTECT)
    # From core.clock, like every other time jiesu records, so tests and the demo can move it.
    at = models.DateTimeField(_("时间"), default=clock.now, db_index=True)
    via = models.CharField(_("途径"), max_length=16)
    filters = models.JSONField(_("筛选条件"), default=dict, blank=True)
    columns = models.JSONField(_("导出列"), default=list)
    row_count = models.PositiveIntegerField(_("工单数"))
    unmasked = models.BooleanField(_("含未脱敏个人信息"), default=False)

    class Meta:
        verbose_name = _("工单导出记录")
        verbose_name_plural = _("工单导出记录")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.staff} {self.at:%Y-%m-%d %H:%M} {self.row_count}"
