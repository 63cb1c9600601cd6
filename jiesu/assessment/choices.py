"""Codes of department assessment and interviews (约谈); the values are the API's codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiesu.organisations.choices import DepartmentKind, Role

#: The data-quality weight's key beside the measure keys of AssessmentWeight.
DATA_QUALITY = "data_quality"


class Tier(models.TextChoices):
    """Departments are ranked against their peers. District bureaus are measured with their whole
    subtree, so ranking them beside their own offices would count every order twice in one average;
    seed 001 compares a district with the city's average, seed 004 ranks its offices with each other."""

    DISTRICT = "district", _("区县局")
    UNIT = "unit", _("所、科室与快反分队")


#: Kinds assessed and their tier. The centre and the municipal bureau dispatch and supervise rather
#: than handle; external departments are only transfer targets outside the system.
ASSESSED_KINDS = {
    DepartmentKind.DISTRICT_BUREAU: Tier.DISTRICT,
    DepartmentKind.OFFICE: Tier.UNIT,
    DepartmentKind.SECTION: Tier.UNIT,
    DepartmentKind.FAST_RESPONSE_TEAM: Tier.UNIT,
}


class InterviewStatus(models.TextChoices):
    PROPOSED = "proposed", _("拟约谈")
    PLANNED = "planned", _("已安排")
    HELD = "held", _("已约谈，整改中")
    DONE = "done", _("整改完成")


OPEN_STATUSES = (InterviewStatus.PROPOSED, InterviewStatus.PLANNED, InterviewStatus.HELD)


class InterviewOrigin(models.TextChoices):
    ASSESSMENT = "assessment", _("连续低于平均分")
    COMPLAINTS = "complaints", _("投诉集中")
    MANUAL = "manual", _("其他")


#: Who looks at the ranking: leaders answer for it, dispatchers (the centre) compile the 通报.
VIEW_ROLES = (Role.LEADER, Role.DISPATCHER)
#: A summons is a leader's act (seed 001: 约谈 of lagging departments; seed 004: 约请单位负责人面谈).
INTERVIEW_ROLES = (Role.LEADER,)
