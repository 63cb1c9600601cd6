from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalDataAccess(models.Model):
    """One unmasked read of personal data, or one export (style.md "Personal data"): who, when,
    what and through which interface. Rows are never edited."""

    staff = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("查看人"), on_delete=models.PROTECT)
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    subject = models.CharField(_("对象"), max_length=64, help_text=_("例如工单编号"))
    fields = models.JSONField(_("字段"), default=list)
    via = models.CharField(_("途径"), max_length=16)
    detail = models.JSONField(_("说明"), default=dict, blank=True)

    class Meta:
        verbose_name = _("个人信息访问记录")
        verbose_name_plural = _("个人信息访问记录")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.staff} {self.subject} {self.at:%Y-%m-%d %H:%M}"
