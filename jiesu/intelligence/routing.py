"""Which department an order should go to, and why (issue 5 item 3).

The respondent's address (or the complainant's, for services at home, when the respondent's names
no area) is matched to an office's jurisdiction, the longest area name winning: the office of the
place handles the order. The line picks the business section instead where the line is a
specialist's alone (professional claims go to consumer protection, lifts and boilers to special
equipment: SECTION_LINES), and wherever no office's jurisdiction matches. Ambiguity is reported,
not guessed. An address outside every jurisdiction proposes no office;
an external department whose keywords appear in the text is offered as the transfer target.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from jiesu.orders.choices import Line
from jiesu.organisations.choices import DepartmentKind
from jiesu.organisations.models import Department, JurisdictionArea
from jiesu.organisations.selectors import jurisdiction_matches

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
        line = Line(order.line).label
        via = _("%(where)s命中“%(area)s”（%(office)s），") % {"where": where, "area": area, "office": office.name} if office else ""
        return Proposal(section, via + _("条线“%(line)s”由%(section)s负责") % {"line": line, "section": section.name})
    if office is not None:
        return Proposal(office, _("%(where)s命中辖区“%(area)s”") % {"where": where, "area": area})
    transfer = _transfer_for(f"{order.respondent_name} {order.description}")
    if transfer is not None:
        return Proposal(transfer=transfer, reason=_("不在任何所的辖区，内容涉及%(dept)s职责，建议转办") % {"dept": transfer.name})
    return Proposal(reason=_("地址未命中任何辖区，请人工派单"))
