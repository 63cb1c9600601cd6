from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyRecord(models.Model):
    """The first response to a write sent with an `Idempotency-Key` (api-v1.md "Conventions").

    A caller that retries after a timeout gets this response back instead of registering the order
    or taking the action twice. The row is written in the same transaction as the write it answers,
    so a failed request leaves none, and the unique (user, key) constraint, not a check before the
    insert, decides which of two concurrent requests wins.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("调用人"), on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("幂等键"), max_length=255)
    request_hash = models.CharField(_("请求摘要"), max_length=64)
    response_status = models.PositiveSmallIntegerField(_("响应状态码"))
    response_body = models.JSONField(_("响应内容"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("幂等请求记录")
        verbose_name_plural = _("幂等请求记录")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="api_idempotency_user_key")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key}"
