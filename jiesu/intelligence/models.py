"""What operators changed in the classifier's suggestions, kept to learn from (issue 5).

One row per field changed: the text the suggestion was made from, what was suggested and what the
operator chose. The order may not exist yet (a suggestion corrected at intake before registering),
so the text is stored with the row rather than read from the order.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.core import clock


class CorrectionField(models.TextChoices):
    LINE = "line", _("分流条线")
    CATEGORY = "category", _("商品服务类别")
    REQUESTS = "requests", _("诉求")
    ISSUE = "issue", _("问题性质")
    URGENCY = "urgency", _("紧急程度")
    FAST_RESPONSE_REASONS = "fast_response_reasons", _("快速响应情形")


class ClassificationCorrection(models.Model):
    """`suggested` and `chosen` are JSON: a code or name for single fields, a list for requests and
    fast-response reasons. Rows are never edited; a later correction of the same field wins."""

    order = models.ForeignKey(
        "orders.WorkOrder", verbose_name=_("工单"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("诉求内容"))
    field = models.CharField(_("字段"), max_length=32, choices=CorrectionField.choices)
    suggested = models.JSONField(_("系统建议"), null=True, blank=True)
    chosen = models.JSONField(_("人工选择"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("修改人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("修改时间"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("分类修正")
        verbose_name_plural = _("分类修正")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_field_display()}: {self.suggested} → {self.chosen}"
