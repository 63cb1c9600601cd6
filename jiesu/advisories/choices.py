"""Codes of consumer warnings (消费警示, issue 6 item 8). Values are the API's codes: never renamed
within v1."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.organisations.choices import Role


class WarningStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    APPROVED = "approved", _("已审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class WarningAction(models.TextChoices):
    DRAFT = "draft", _("起草")
    EDIT = "edit", _("修改")
    SUBMIT = "submit", _("提交审核")
    SEND_BACK = "send_back", _("退回修改")
    APPROVE = "approve", _("审核通过")
    PUBLISH = "publish", _("发布")
    WITHDRAW = "withdraw", _("撤回")


#: Who writes warnings: those who watch the rankings (leaders, and the centre's dispatchers who keep
#: the numbers, as for analysis reports); `Staff.has_role` lets administrators in as well.
DRAFT_ROLES = (Role.LEADER, Role.DISPATCHER)
#: Who answers for what the public reads: a leader (seed 004 has warnings published in the
#: agency's name through the media), or an administrator.
APPROVE_ROLES = (Role.LEADER,)

#: The rankings a warning may be drawn from (the dashboard's top lists and the lines): what
#: consumers buy and whom from. Channels and order types describe the agency, not a market risk.
WARNING_DIMENSIONS = {
    "respondent": _("被诉经营者"),
    "category": _("商品服务类别"),
    "brand": _("品牌"),
    "request": _("诉求"),
    "issue": _("问题性质"),
    "line": _("分流条线"),
}
