"""Codes of quality control (issue 6 item 7). Values are the API's codes: never renamed within v1."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.orders.choices import Status
from jiesu.organisations.choices import Role

#: The orders a sample is drawn from: handling has finished (seed 004: "从已办结的申诉中按比例随机抽取").
CONCLUDED_STATUSES = (Status.CONCLUDED, Status.VISITED, Status.CLOSED)
#: The orders a 回头看 campaign looks at: the complainant has been asked (seed 001's "不满意工单和应解决未解决事项").
VISITED_STATUSES = (Status.VISITED, Status.CLOSED)

#: Who draws samples: the designated inspectors (seed 004 "由专人…抽取") and leaders who order one.
SAMPLE_ROLES = (Role.VISITOR, Role.LEADER)
#: Who records a verdict: the visitors / quality inspectors of domain.md (回访/质检员).
INSPECT_ROLES = (Role.VISITOR,)
#: Who runs 回头看: those who may send orders back to departments in bulk, as dispatch and leaders do.
CAMPAIGN_ROLES = (Role.DISPATCHER, Role.LEADER)


class Verdict(models.TextChoices):
    QUALIFIED = "qualified", _("合格")
    BASICALLY_QUALIFIED = "basically_qualified", _("基本合格")
    UNQUALIFIED = "unqualified", _("不合格")


class Problem(models.TextChoices):
    """What an inspection may find wrong, after seed 004's 质量通报: time limits, accuracy of the
    record and the reply, how the case was handled and the handler's attitude."""

    LATE = "late", _("未按时限办理")
    NO_CONTACT = "no_contact", _("未及时联系诉求人")
    RECORD_INACCURATE = "record_inaccurate", _("登记信息不准确或不完整")
    REPLY_INADEQUATE = "reply_inadequate", _("答复不规范或不到位")
    OUTCOME_WRONG = "outcome_wrong", _("办理结果认定不当")
    LEGAL_BASIS = "legal_basis", _("适用依据错误")
    EVIDENCE_MISSING = "evidence_missing", _("材料或证据不全")
    ATTITUDE = "attitude", _("服务态度问题")
    OTHER = "other", _("其他")


class CampaignResult(models.TextChoices):
    REOPENED = "reopened", _("已重新办理")
    FAILED = "failed", _("未能重新办理")
