"""Reads on the organisation that several apps need: whose jurisdiction an address is in, and which
fast-response team answers for a department."""

from __future__ import annotations

from jiesu.organisations.choices import DepartmentKind
from jiesu.organisations.models import Department, JurisdictionArea


def jurisdiction_matches(address: str) -> tuple[list[Department], str]:
    """The offices whose area name is the longest one found in `address`, and that name: one office
    is a match, several are an ambiguity to report, none is an address outside every jurisdiction."""
    address = (address or "").strip()
    if not address:
        return [], ""
    matches = [
        area for area in JurisdictionArea.objects.select_related("department").filter(department__is_active=True)
        if area.name and area.name in address
    ]
    if not matches:
        return [], ""
    longest = max(len(area.name) for area in matches)
    best = [area for area in matches if len(area.name) == longest]
    offices = sorted({area.department for area in best}, key=lambda d: d.path)
    return offices, best[0].name


def jurisdiction_office_for(address: str) -> Department | None:
    """The office whose jurisdiction area name appears in `address`, the longest name winning
    (domain.md "Organisation": "西单北大街" beats "西城"). None when nothing matches or when two
    offices tie on the longest match: that is for a person to decide, not to guess."""
    offices, _name = jurisdiction_matches(address)
    return offices[0] if len(offices) == 1 else None


def fast_response_team_near(department: Department | None) -> Department | None:
    """The fast-response team of the jurisdiction (seed 002): the team hanging from the nearest
    department up the tree from `department` that has one, so a district's own team wins over the
    city's. With no department known, the team nearest the top of the tree."""
    teams = list(Department.objects.filter(kind=DepartmentKind.FAST_RESPONSE_TEAM, is_active=True))
    if not teams:
        return None
    if department is not None:
        ancestors = [int(part) for part in department.path.strip("/").split("/") if part]
        for ancestor in reversed(ancestors):
            nearby = sorted((t for t in teams if t.parent_id == ancestor), key=lambda t: t.path)
            if nearby:
                return nearby[0]
    return min(teams, key=lambda t: (t.depth, t.path))
