import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.organisations.choices import Role


class Staff(AbstractUser):
    """A member of staff: one department, one or more roles (domain.md "Organisation")."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    roles = models.JSONField(_("角色"), default=list, blank=True, help_text=_("角色代码列表"))
    phone = models.CharField(_("手机"), max_length=32, blank=True)
    is_duty = models.BooleanField(_("部门值班人员"), default=False)
    may_view_personal_data = models.BooleanField(
        _("可查看个人信息"),
        default=False,
        help_text=_("领导等默认看到脱敏信息的人员，勾选后可查看完整电话、证件号和地址（访问会被记录）"),
    )

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def has_role(self, *roles: str) -> bool:
        return bool(set(self.roles or ()) & set(roles)) or Role.ADMIN in (self.roles or ())

    @property
    def is_admin_role(self) -> bool:
        return Role.ADMIN in (self.roles or ())

    @property
    def role_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels.get(code, code)) for code in self.roles or ()]


class ApiToken(models.Model):
    """A bearer token for another system (api-v1.md "Auth"). Only the SHA-256 of the token is
    stored, so a leaked database does not leak working credentials."""

    staff = models.ForeignKey(Staff, verbose_name=_("工作人员"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("用途"), max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("前缀"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.staff})"

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()
