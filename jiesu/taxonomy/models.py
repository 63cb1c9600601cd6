"""The classification of orders as data each deployment edits in its admin (taxonomy.md: "loaded as
data, never hard-coded in logic"): routing lines with the classifier's boundary rules, product and
service categories in two levels, requests, issue natures, and the fast-response reasons with the
danger words that suggest them. Everything else reads these through taxonomy.selectors."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

_KEYWORD_SPLIT = re.compile(r"[\s,，、;；]+")


def keywords_split(text: str) -> tuple[str, ...]:
    """The words of a keyword box, in the order written, each once: staff type one per line or
    separate them with 、，, ; or spaces, whichever their keyboard gives them."""
    return tuple(dict.fromkeys(word for word in _KEYWORD_SPLIT.split(text or "") if word))


KEYWORDS_HELP = _("每行一个词，或用顿号、逗号、分号、空格分隔；包含其中任一词即命中")
EXCEPTIONS_HELP = _("同时包含其中任一词时不命中（例如“会员积分”不是预付卡）")


class Entry(models.Model):
    """What every kind of the taxonomy has. The code is what orders, the API, the classifier's
    corpus and exports carry, so it is fixed once created (the admin shows it read-only); the name
    is what staff read and may change. A retired entry is deactivated, never deleted: orders that
    carry its code keep their label and new orders can no longer choose it."""

    code = models.CharField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("说明"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Line(Entry):
    """A routing line (分流条线, taxonomy.md section 1): which specialist line handles the order. A
    business section names its line in Department.line, which is how routing finds it."""

    class Meta(Entry.Meta):
        verbose_name = _("分流条线")
        verbose_name_plural = _("分流条线")


class LineRule(models.Model):
    """A boundary rule of taxonomy.md section 1 for the classifier. Rules are tried by precedence;
    a deciding rule settles the line whatever the product (职业索赔, 预付式消费, 特种设备), the
    others only lean the statistical model towards their line by `boost`."""

    line = models.ForeignKey(Line, verbose_name=_("分流条线"), on_delete=models.CASCADE, related_name="rules")
    name = models.CharField(_("规则名称"), max_length=50)
    precedence = models.PositiveSmallIntegerField(
        _("规则序号"), default=9, help_text=_("taxonomy.md 边界规则的先后顺序，序号小的先判断")
    )
    decides = models.BooleanField(
        _("直接判定"), default=False, help_text=_("命中即定为本条线，优先于模型判断")
    )
    boost = models.FloatField(
        _("提示权重"),
        default=0.2,
        help_text=_("不直接判定时，命中后给本条线增加的权重（0–1），只在相近时起作用"),
    )
    keywords = models.TextField(_("关键词"), help_text=KEYWORDS_HELP)
    exceptions = models.TextField(_("排除词"), blank=True, help_text=EXCEPTIONS_HELP)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("条线关键词规则")
        verbose_name_plural = _("条线关键词规则")
        ordering = ["precedence", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["line", "name"], name="taxonomy_line_rule_unique")]

    def __str__(self) -> str:
        return f"{self.precedence}. {self.name}"

    def clean(self) -> None:
        if not 0 <= self.boost <= 1:
            raise ValidationError({"boost": _("提示权重应在 0 到 1 之间")})
        if not keywords_split(self.keywords):
            raise ValidationError({"keywords": _("请至少填写一个关键词")})


class Category(Entry):
    """A product or service category (商品服务类别, taxonomy.md section 2), ranked in statistics.
    Two levels: an order carries the code of either level, a second-level one being the finer."""

    code = models.CharField(_("代码"), max_length=50, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级类别"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
        help_text=_("留空为一级类别"),
    )

    class Meta(Entry.Meta):
        verbose_name = _("商品服务类别")
        verbose_name_plural = _("商品服务类别")

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def clean(self) -> None:
        """Two levels only: statistics roll a second-level category up to its parent and no further."""
        if self.parent_id and (self.parent.parent_id or self.parent_id == self.pk):
            raise ValidationError({"parent": _("上级类别必须是一级类别")})


class Request(Entry):
    """A request (诉求, taxonomy.md section 3); an order may make several."""

    alias = models.CharField(
        _("英文代码"), max_length=32, blank=True, help_text=_("接口也接受的英文代码，例如 return")
    )
    keywords = models.TextField(_("关键词"), blank=True, help_text=KEYWORDS_HELP)

    class Meta(Entry.Meta):
        verbose_name = _("诉求")
        verbose_name_plural = _("诉求")
        constraints = [
            models.UniqueConstraint(
                fields=["alias"], condition=~models.Q(alias=""), name="taxonomy_request_alias_unique"
            )
        ]


class IssueNature(Entry):
    """An issue nature (问题性质, taxonomy.md section 4)."""

    alias = models.CharField(
        _("英文代码"), max_length=32, blank=True, help_text=_("接口也接受的英文代码，例如 quality")
    )

    class Meta(Entry.Meta):
        verbose_name = _("问题性质")
        verbose_name_plural = _("问题性质")
        constraints = [
            models.UniqueConstraint(
                fields=["alias"], condition=~models.Q(alias=""), name="taxonomy_issue_alias_unique"
            )
        ]


class FastResponseReason(Entry):
    """A case that makes an order fast (快速响应情形, seed 002, taxonomy.md section 5); intake shows
    which one applies and the order keeps the codes in `fast_response_reasons`."""

    class Meta(Entry.Meta):
        verbose_name = _("快速响应情形")
        verbose_name_plural = _("快速响应情形")


class DangerRule(models.Model):
    """Words that suggest fast response, and the cases they give (被困电梯 → safety and on_site).
    A rule may give several cases, so the rules are their own table rather than words on a case."""

    name = models.CharField(_("规则名称"), max_length=50, unique=True)
    keywords = models.TextField(_("关键词"), help_text=KEYWORDS_HELP)
    exceptions = models.TextField(_("排除词"), blank=True, help_text=EXCEPTIONS_HELP)
    reasons = models.ManyToManyField(
        FastResponseReason, verbose_name=_("对应情形"), related_name="danger_rules"
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("快速响应关键词规则")
        verbose_name_plural = _("快速响应关键词规则")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not keywords_split(self.keywords):
            raise ValidationError({"keywords": _("请至少填写一个关键词")})
