"""Which department an order should go to, and why (issue 5 item 3).

The respondent's address (or the complainant's, for services at home, when the respondent's names
no area) is matched to an office's jurisdiction, the longest area name winning: the office of the
place handles the order. The line picks the business section instead where the line is a
specialist's alone (professional claims go to consumer protection, lifts and boilers to special
equipment: SECTION_LINES), and wherever no office's jurisdiction matches. Ambiguity is reported,
not guessed. An address outside every jurisdiction proposes no office;
an external department whose keywords appear in the text is offered as the transfer target.

A department that opted in (`auto_dispatch`, 高置信度自动派单) receives a new order without waiting
for the dispatcher when the proposal is certain: order_auto_dispatch.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from jiesu.core.errors import DomainError
from jiesu.intelligence.suggestions import suggest
from jiesu.orders.choices import Action, Line, OrderType, Status
from jiesu.orders.models import WorkOrder
from jiesu.orders.workflow.actions import do_dispatch
from jiesu.orders.workflow.transitions import TRANSITIONS
from jiesu.organisations.choices import DepartmentKind
from jiesu.organisations.models import Department, JurisdictionArea
from jiesu.organisations.scope import department_in_scope
from jiesu.organisations.selectors import jurisdiction_matches
from jiesu.taxonomy.selectors import Kind, taxonomy_label

log = logging.getLogger(__name__)

#: Lines a business section handles whatever the place (seeds 001-003).
SECTION_LINES = frozenset({Line.PROFESSIONAL_CLAIM, Line.SPECIAL_EQUIPMENT})


@dataclass
class Proposal:
    department: Department | None = None
    reason: str = ""
    ambiguous: list[Department] = field(default_factory=list)
    transfer: Department | None = None


def _section_for(line: str, office: Department | None) -> Department | None:
    """The section owning `line` nearest the office: its district's own, else the city's."""
    if not line:
        return None
    sections = list(Department.objects.filter(kind=DepartmentKind.SECTION, line=line, is_active=True))
    if not sections:
        return None
    if office is not None:
        ancestors = [int(part) for part in office.path.strip("/").split("/") if part]
        for ancestor in reversed(ancestors):
            near = [s for s in sections if s.parent_id == ancestor]
            if near:
                return min(near, key=lambda s: s.path)
    return min(sections, key=lambda s: (s.depth, s.path))


def _transfer_for(text: str) -> Department | None:
    areas = JurisdictionArea.objects.filter(department__kind=DepartmentKind.EXTERNAL, department__is_active=True)
    hits = [a for a in areas.select_related("department") if a.name and a.name in text]
    return max(hits, key=lambda a: len(a.name)).department if hits else None


def route_proposal(order) -> Proposal:
    offices, area = jurisdiction_matches(order.respondent_address)
    where = _("被诉方地址")
    if not offices:
        offices, area = jurisdiction_matches(order.complainant_address)
        where = _("诉求人地址")
    if len(offices) > 1:
        return Proposal(ambiguous=offices, reason=_("%(where)s命中“%(area)s”，属于多个所的辖区，请人工判断")
                        % {"where": where, "area": area})
    office = offices[0] if offices else None
    section = _section_for(order.line, office) if (office is None or order.line in SECTION_LINES) else None
    if section is not None:
        line = taxonomy_label(Kind.LINE, order.line)
        via = _("%(where)s命中“%(area)s”（%(office)s），") % {"where": where, "area": area, "office": office.name} if office else ""
        return Proposal(section, via + _("条线“%(line)s”由%(section)s负责") % {"line": line, "section": section.name})
    if office is not None:
        return Proposal(office, _("%(where)s命中辖区“%(area)s”") % {"where": where, "area": area})
    transfer = _transfer_for(f"{order.respondent_name} {order.description}")
    if transfer is not None:
        return Proposal(transfer=transfer, reason=_("不在任何所的辖区，内容涉及%(dept)s职责，建议转办") % {"dept": transfer.name})
    return Proposal(reason=_("地址未命中任何辖区，请人工派单"))


def line_confidence(order: WorkOrder) -> float:
    """How sure the classifier is of the line the order carries: its probability among the top
    three candidates, 0 when the operator chose a line the classifier does not rank there."""
    found = suggest(description=order.description, respondent=order.respondent_name)
    if found is None:
        return 0.0
    return dict(found.line_candidates).get(order.line, 0.0)


def order_auto_dispatch(*, order: WorkOrder) -> WorkOrder | None:
    """Dispatch a newly registered order at once when nobody needs to decide where it goes: the
    routing proposal names exactly one department, that department has auto_dispatch on, and the
    classifier gives the order's line at least JIESU_AUTO_DISPATCH_CONFIDENCE. Returns the
    dispatched order, or None when it stays in the dispatch queue with its proposal.

    The actor is the registering user, and only when they hold dispatch authority themselves (the
    dispatcher or leader role of the transition table, with the department inside their scope).
    A department's checkbox grants nobody a power they lack, no hidden system account has to be
    provisioned and guarded, and the event names a person who answers for the order until it is
    handed on (首接负责制). Where operators only register, orders wait for the dispatcher as before.
    The dispatch is the ordinary do_dispatch, so its event, deadlines and notifications are the
    normal ones; its note says it was automatic and why.

    Left to people: consultations (answered on the spot), fast-response orders (the directive to
    the fast-response team is their own rule, orders.workflow.actions._direct_fast_response), and
    orders without a line. The cheap checks come first so the classifier runs only for orders a
    department would accept."""
    actor = order.registered_by
    if (
        actor is None or order.status != Status.REGISTERED or order.type == OrderType.CONSULTATION
        or order.is_fast or not order.line or not actor.has_role(*TRANSITIONS[Action.DISPATCH].roles)
    ):  # fmt: skip
        return None
    proposal = route_proposal(order)
    department = proposal.department
    if department is None or proposal.ambiguous or not department.auto_dispatch:
        return None
    if not department_in_scope(actor, department):
        return None
    confidence, threshold = line_confidence(order), settings.JIESU_AUTO_DISPATCH_CONFIDENCE
    if confidence < threshold:
        return None
    note = _("高置信度自动派单：条线“%(line)s”置信度 %(confidence).2f（阈值 %(threshold).2f）；%(reason)s") % {
        "line": taxonomy_label(Kind.LINE, order.line), "confidence": confidence, "threshold": threshold,
        "reason": proposal.reason,
    }  # fmt: skip
    try:
        dispatched = do_dispatch(order=order, actor=actor, department=department, note=note)
    except DomainError as exc:  # the workflow refused (its savepoint is undone): the dispatcher decides
        log.info("order %s not dispatched automatically: %s", order.number, exc.detail)
        return None
    # do_register answers with the instance it announced; let it show the dispatch just made.
    order.refresh_from_db()
    return dispatched
