from django.db import models
from django.utils.translation import gettext_lazy as _


class Merchant(models.Model):
    """A business in the registry (经营者名录). Orders link their respondent to one when known, so
    complaints against the same business are counted together whatever the caller called it."""

    name = models.CharField(_("名称"), max_length=200, db_index=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, null=True, blank=True)
    address = models.CharField(_("经营地址"), max_length=300, blank=True)
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("属地监管部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merchants",
    )
    phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    is_odr = models.BooleanField(_("ODR 在线纠纷解决企业"), default=False)
    dual_commitment = models.BooleanField(_("快速响应双承诺单位"), default=False)
    seven_day_return = models.BooleanField(_("线下七日无理由退货承诺"), default=False)
    is_active = models.BooleanField(_("在营"), default=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("经营者")
        verbose_name_plural = _("经营者")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
