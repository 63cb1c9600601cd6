from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def attachment_path(instance, filename: str) -> str:
    return f"attachments/{instance.order.number[:6]}/{instance.order.number}/{filename}"


class Attachment(models.Model):
    """Evidence sent in with an order (receipts, photos, recordings); type and size are checked by
    orders.services.attachment_add against the deployment's settings."""

    order = models.ForeignKey("orders.WorkOrder", verbose_name=_("工单"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path)
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, blank=True, on_delete=models.PROTECT
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name
