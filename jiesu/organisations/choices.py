"""Department kinds and staff roles. Values are the API's codes (api-v1.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartmentKind(models.TextChoices):
    MUNICIPAL_BUREAU = "municipal_bureau", _("市局")
    CENTRE = "centre", _("12315中心")
    DISTRICT_BUREAU = "district_bureau", _("区县局")
    OFFICE = "office", _("市场监管所")
    SECTION = "section", _("业务科室")
    FAST_RESPONSE_TEAM = "fast_response_team", _("快反分队")
    EXTERNAL = "external", _("外部部门")


#: Kinds whose staff see every order in the system (domain.md: the centre and the municipal bureau).
CITYWIDE_KINDS = frozenset({DepartmentKind.MUNICIPAL_BUREAU, DepartmentKind.CENTRE})


class Role(models.TextChoices):
    OPERATOR = "operator", _("受理员")
    DISPATCHER = "dispatcher", _("派单员")
    HANDLER = "handler", _("承办人")
    LEADER = "leader", _("领导")
    VISITOR = "visitor", _("回访/质检员")
    ADMIN = "admin", _("管理员")


class JurisdictionKind(models.TextChoices):
    STREET = "street", _("街道/乡镇")
    COMMUNITY = "community", _("社区/村")
    MARKET = "market", _("市场/商圈")
    KEYWORD = "keyword", _("地址关键词")
