from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.deadlines.choices import DeadlineKind, DeadlineUnit


class DeadlinePolicy(models.Model):
    """How long a deadline kind runs for orders of a type, channel and urgency (domain.md's table
    is the default, seeded by a data migration; agencies edit it in the admin).

    Blank type/channel/urgency match anything; among matching active rows the most specific one
    wins, so "fast complaints" can override "complaints". A deadline kind with no matching active
    row does not apply to that order at all.
    """

    kind = models.CharField(_("时限类型"), max_length=32, choices=DeadlineKind.choices)
    order_type = models.CharField(_("工单类型"), max_length=16, blank=True, help_text=_("留空表示全部"))
    channel = models.CharField(_("来源渠道"), max_length=32, blank=True, help_text=_("留空表示全部"))
    urgency = models.CharField(_("紧急程度"), max_length=16, blank=True, help_text=_("留空表示全部"))
    length = models.PositiveIntegerField(_("时长"), validators=[MinValueValidator(1)])
    unit = models.CharField(_("单位"), max_length=16, choices=DeadlineUnit.choices)
    is_active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("依据"), max_length=200, blank=True)
    # Part of the fingerprint policies.py compares to notice edits made by other processes.
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("时限规则")
        verbose_name_plural = _("时限规则")
        ordering = ["kind", "order_type", "channel", "urgency"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "order_type", "channel", "urgency"], name="deadline_policy_unique_scope"
            )
        ]

    def __str__(self) -> str:
        scope = "/".join(x for x in (self.order_type, self.channel, self.urgency) if x) or "*"
        return f"{self.get_kind_display()} [{scope}] {self.length} {self.get_unit_display()}"

    @property
    def specificity(self) -> int:
        return sum(1 for x in (self.order_type, self.channel, self.urgency) if x)
