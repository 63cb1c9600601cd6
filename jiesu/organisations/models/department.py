from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.organisations.choices import CITYWIDE_KINDS, DepartmentKind, JurisdictionKind


class Department(models.Model):
    """A node of the organisation tree (domain.md "Organisation").

    `path` is a materialised path ("/1/4/9/") kept by organisations.services so that "this
    department and everything below it" is one indexed prefix match, which every scope check uses.
    """

    code = models.SlugField(_("代码"), max_length=64, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=32, choices=DepartmentKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(_("路径"), max_length=255, editable=False, db_index=True, default="")
    line = models.CharField(
        _("负责条线"), max_length=32, blank=True, help_text=_("业务科室对应的分流条线代码，例如 food、price")
    )
    phone = models.CharField(_("值班电话"), max_length=32, blank=True)
    auto_dispatch = models.BooleanField(
        _("自动派单"), default=False,
        help_text=_("快反分队：快速响应工单登记后立即自动下达指令；其他部门：高置信度工单自动派单"),
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def sees_everything(self) -> bool:
        return self.kind in CITYWIDE_KINDS

    @property
    def is_external(self) -> bool:
        return self.kind == DepartmentKind.EXTERNAL

    @property
    def depth(self) -> int:
        return self.path.count("/") - 1


class JurisdictionArea(models.Model):
    """A street, community, market or address keyword an office answers for; routing matches the
    respondent's address against these (the longest match wins)."""

    department = models.ForeignKey(
        Department, verbose_name=_("所属部门"), on_delete=models.CASCADE, related_name="jurisdiction_areas"
    )
    kind = models.CharField(_("类型"), max_length=16, choices=JurisdictionKind.choices)
    name = models.CharField(_("名称或关键词"), max_length=100)

    class Meta:
        verbose_name = _("辖区")
        verbose_name_plural = _("辖区")
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="jurisdiction_area_unique")]
        ordering = ["department", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.department}）"
