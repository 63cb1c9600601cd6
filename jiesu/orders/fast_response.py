"""The fast-response directive (快反指令, seed 002): which team it goes to and the message itself.

The directive starts the team's 45-minute response and 90-minute arrival clocks; it reaches every
member of the team at once, inbox first, and on the group robot / SMS where those are switched on.
Called by the dispatch actions inside their transaction; the external channels are pushed out on
commit through the task queue instead of waiting for the worker's next period.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from jiesu.core import clock
from jiesu.deadlines.choices import DeadlineKind, DeadlineState
from jiesu.deadlines.models import Deadline, ReminderRule
from jiesu.deadlines.recipients import Directory
from jiesu.notifications.choices import NotificationStep
from jiesu.notifications.services import Draft, notifications_create
from jiesu.notifications.tasks import deliver_notifications
from jiesu.organisations.models import Department
from jiesu.organisations.selectors import fast_response_team_near, jurisdiction_office_for
from jiesu.taxonomy.selectors import Kind, taxonomy_label


def fast_response_team_for(order) -> Department | None:
    """The team of the jurisdiction: of the handling department if there is one, else of the office
    whose area the respondent's (or, for services at home, the complainant's) address is in."""
    if order.department_id:
        return fast_response_team_near(order.department)
    office = jurisdiction_office_for(order.respondent_address) or jurisdiction_office_for(order.complainant_address)
    return fast_response_team_near(office or order.intake_department)


def _directive_text(order, respond: Deadline | None, arrive: Deadline | None) -> tuple[str, str]:
    reasons = "、".join(taxonomy_label(Kind.FAST_RESPONSE_REASON, code) for code in order.fast_response_reasons or ())
    due = respond.due_at if respond else None
    title = _("【快反指令】工单%(number)s：%(respondent)s，请于%(due)s前响应") % {
        "number": order.number,
        "respondent": order.respondent_name or _("（未提供被投诉方）"),
        "due": formats.date_format(clock.local(due), "H:i") if due else "-",
    }
    lines = [
        _("快反事由：%(reasons)s") % {"reasons": reasons or "-"},
        _("地址：%(address)s") % {"address": order.respondent_address or order.complainant_address or "-"},
        _("诉求：%(text)s") % {"text": (order.description or "")[:200]},
    ]
    if arrive is not None:
        lines.append(_("需到场：请于%(due)s前到达现场") % {"due": formats.date_format(clock.local(arrive.due_at), "H:i")})
    return title, "\n".join(lines)


def directive_send(*, order, department: Department, event_id: int) -> None:
    """Send the directive for the dispatch recorded as `event_id` to everyone in `department`."""
    rule = ReminderRule.objects.filter(step="directive", is_active=True).first()
    if rule is None:
        return
    running = {
        d.kind: d
        for d in Deadline.objects.filter(
            order_id=order.pk, state=DeadlineState.RUNNING,
            kind__in=[DeadlineKind.RESPOND_FAST, DeadlineKind.ARRIVE_FAST],
        )
    }
    respond, arrive = running.get(DeadlineKind.RESPOND_FAST), running.get(DeadlineKind.ARRIVE_FAST)
    title, body = _directive_text(order, respond, arrive)
    directory = Directory([department.pk])
    recipients = directory.members(department.pk) if "handler" in rule.recipients else []
    recipients += directory.resolve([r for r in rule.recipients if r != "handler"], department_id=department.pk,
                                    handler_id=order.handler_id)
    notifications_create([
        Draft(
            key=f"directive:{order.pk}:{event_id}", step=NotificationStep.DIRECTIVE, title=title, body=body,
            recipients=recipients, channels=rule.channels, deliver_after=clock.now(), order_id=order.pk,
            deadline_id=respond.pk if respond else None,
            deadline_kind=DeadlineKind.RESPOND_FAST if respond else "",
            due_at=respond.due_at if respond else None,
        )
    ])
    transaction.on_commit(deliver_notifications.enqueue)
