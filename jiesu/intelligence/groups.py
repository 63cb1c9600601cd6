"""Group complaints (issue 5 item 5; seed 004): at least JIESU_GROUP_MIN_COMPLAINANTS distinct
complainants against one respondent about the same problem within JIESU_GROUP_WINDOW_DAYS raise a
`group` flag on all of their orders, tell the leader, and suggest fast response and a case.

"The same problem" is decided against the order just registered, for each earlier order of the
same respondent in the window, and recorded as evidence: a copied text (MinHash of character
shingles at least JIESU_GROUP_NEAR_DUPLICATE), or the consumer's own words about it (the same line
when both are classified, a shared request, and naming the same concepts or close in TF-IDF at
least JIESU_GROUP_SIMILARITY).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from jiesu.core import clock
from jiesu.deadlines.recipients import Directory
from jiesu.intelligence.similarity import concept_score, meaning_scores, near_duplicate_scores
from jiesu.notifications.choices import NotificationChannel, NotificationStep
from jiesu.notifications.models import Notification
from jiesu.notifications.services import Draft, notifications_create
from jiesu.orders.choices import Flag
from jiesu.orders.models import WorkOrder
from jiesu.orders.services import flag_add


@dataclass(frozen=True)
class Member:
    order: WorkOrder
    score: float
    reason: str


@dataclass(frozen=True)
class Group:
    order: WorkOrder
    members: list[Member]  # the other orders of the respondent in the window about the same problem

    @property
    def complainants(self) -> int:
        return len({self.order.complainant_phone, *(m.order.complainant_phone for m in self.members)})

    @property
    def orders(self) -> list[WorkOrder]:
        return [self.order, *(m.order for m in self.members)]


def _respondent_filter(order: WorkOrder) -> dict | None:
    if order.merchant_id:
        return {"merchant_id": order.merchant_id}
    name = (order.respondent_name or "").strip()
    return {"respondent_name": name} if name else None


def _candidates(order: WorkOrder) -> list[WorkOrder]:
    respondent = _respondent_filter(order)
    if respondent is None or not order.complainant_phone:
        return []
    window = timedelta(days=settings.JIESU_GROUP_WINDOW_DAYS)
    # Both sides of the order: at registration nothing later exists yet, and on an earlier member's
    # page the evidence must include the orders that came after it.
    return list(
        WorkOrder.objects.filter(
            **respondent, received_at__gte=order.received_at - window, received_at__lte=order.received_at + window
        )
        .exclude(pk=order.pk)
        .exclude(complainant_phone="")
        .only("id", "number", "complainant_phone", "description", "line", "requests", "flags", "respondent_name",
              "received_at", "intake_department_id")
        # A busy chain store can have thousands in a week: the nearest ones in time are compared,
        # so registration stays fast (JIESU_GROUP_MAX_CANDIDATES).
        .order_by("-received_at", "-id")[: settings.JIESU_GROUP_MAX_CANDIDATES]
    )


def _without(text: str, name: str) -> str:
    """The respondent's own name says nothing about the problem: every candidate shares it."""
    return text.replace(name, "") if name else text


def _member(order: WorkOrder, other: WorkOrder, copied: float, meaning: float) -> Member | None:
    if copied >= settings.JIESU_GROUP_NEAR_DUPLICATE:
        return Member(other, copied, _("文本近似（相似度 %(s).2f）") % {"s": copied})
    if order.line and other.line and order.line != other.line:
        return None
    shared = set(order.requests or ()) & set(other.requests or ())
    if not shared:
        return None
    if meaning >= settings.JIESU_GROUP_SIMILARITY:
        return Member(other, meaning, _("同一诉求（%(requests)s），表述相近（%(s).2f）")
                      % {"requests": "、".join(sorted(shared)), "s": meaning})
    return None


def group_of(order: WorkOrder) -> Group | None:
    """The group `order` belongs to, with the evidence for each member, or None below the size."""
    candidates = _candidates(order)
    if not candidates:
        return None
    name = (order.respondent_name or "").strip()
    text = _without(order.description, name)
    lexical = meaning_scores(text, [_without(c.description, name) for c in candidates])
    copies = near_duplicate_scores(order.description, [c.description for c in candidates])
    members = []
    for candidate, tfidf, copied in zip(candidates, lexical, copies, strict=True):
        meaning = max(tfidf, concept_score(text, _without(candidate.description, name)))
        member = _member(order, candidate, copied, meaning)
        if member is not None:
            members.append(member)
    group = Group(order, members)
    return group if group.complainants >= settings.JIESU_GROUP_MIN_COMPLAINANTS else None


def group_flag(*, order: WorkOrder) -> Group | None:
    """At registration: flag every order of a new or growing group (the earlier ones are locked
    first, in id order, so two registrations of one group wait for each other instead of
    deadlocking), and tell the leaders once per group."""
    group = group_of(order)
    if group is None:
        return None
    others = [m.order.pk for m in group.members]
    for other in WorkOrder.objects.select_for_update().filter(pk__in=others).order_by("pk"):
        if flag_add(order=other, flag=Flag.GROUP):
            WorkOrder.objects.filter(pk=other.pk).update(flags=other.flags)
    flag_add(order=order, flag=Flag.GROUP)
    WorkOrder.objects.filter(pk=order.pk).update(flags=order.flags)
    _tell_leaders(group)
    return group


def _tell_leaders(group: Group) -> None:
    first = min(group.orders, key=lambda o: o.pk)
    key = f"group:{first.pk}"
    if Notification.objects.filter(key=f"{key}:{NotificationChannel.INBOX}").exists():
        return
    order = group.order
    directory = Directory([order.intake_department_id])
    recipients = directory.leaders(order.intake_department_id) + directory.duty(order.intake_department_id)
    notifications_create([
        Draft(
            key=key, step=NotificationStep.ALERT,
            title=_("【群体投诉预警】%(respondent)s：%(n)d 名消费者 %(days)d 天内反映同一问题") % {
                "respondent": order.respondent_name or "-", "n": group.complainants,
                "days": settings.JIESU_GROUP_WINDOW_DAYS},
            body=_("涉及工单：%(numbers)s\n建议：启动快速响应，必要时转立案调查。") % {
                "numbers": "、".join(o.number for o in sorted(group.orders, key=lambda o: o.pk))},
            recipients=recipients, channels=[NotificationChannel.INBOX], deliver_after=clock.now(),
            order_id=order.pk,
        )
    ])
