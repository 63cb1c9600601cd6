"""Codes of analysis reports. Values are the API's and the CLI's codes: never renamed within v1."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.organisations.choices import Role


class ReportKind(models.TextChoices):
    """Seed 004: "分析以月度为主，包括季度、半年、年度分析和节假日等特殊时段的分析"."""

    MONTHLY = "monthly", _("月度")
    QUARTERLY = "quarterly", _("季度")
    HALF = "half", _("半年")
    ANNUAL = "annual", _("年度")
    HOLIDAY = "holiday", _("节假日")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


#: Who writes and publishes reports: those who brief the agency on its numbers (leaders) and the
#: centre's dispatchers who keep them; `Staff.has_role` lets administrators in as well.
REPORT_ROLES = (Role.LEADER, Role.DISPATCHER)
