"""Who hears of a ladder step (domain.md: the handler, the department's duty staff, its leader).

Resolved when the step fires, not when the deadline starts, so a re-dispatched or re-assigned order
chases the people who hold it now. Before dispatch the department is the one that took the order in
(首接负责制). A department without a leader of its own is supervised by the nearest one above it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from jiesu.notifications.choices import RecipientRole
from jiesu.organisations.choices import Role
from jiesu.organisations.models import Department, Staff


class Directory:
    """Duty staff, leaders and members of a set of departments, read in two queries per sweep batch."""

    def __init__(self, department_ids: Iterable[int]):
        wanted = {pk for pk in department_ids if pk}
        paths = dict(Department.objects.filter(pk__in=wanted).values_list("pk", "path"))
        self._chain = {pk: [int(part) for part in reversed(path.strip("/").split("/")) if part] for pk, path in paths.items()}
        everyone = {ancestor for chain in self._chain.values() for ancestor in chain}
        self._members: dict[int, list[Staff]] = defaultdict(list)
        for staff in Staff.objects.filter(department_id__in=everyone, is_active=True).order_by("pk"):
            self._members[staff.department_id].append(staff)

    def duty(self, department_id: int | None) -> list[int]:
        return [s.pk for s in self._members.get(department_id, ()) if s.is_duty]

    def members(self, department_id: int | None) -> list[int]:
        return [s.pk for s in self._members.get(department_id, ())]

    def leaders(self, department_id: int | None) -> list[int]:
        for pk in self._chain.get(department_id, ()):
            leaders = [s.pk for s in self._members.get(pk, ()) if Role.LEADER in (s.roles or ())]
            if leaders:
                return leaders
        return []

    def resolve(self, roles: Iterable[str], *, department_id: int | None, handler_id: int | None) -> list[int]:
        """Staff ids for the rule's recipient roles; with no handler yet the duty staff stand in,
        so a step is never addressed to nobody."""
        found: list[int] = []
        for role in roles:
            if role == RecipientRole.HANDLER:
                found += [handler_id] if handler_id else self.duty(department_id)
            elif role == RecipientRole.DUTY:
                found += self.duty(department_id)
            elif role == RecipientRole.LEADER:
                found += self.leaders(department_id)
        return list(dict.fromkeys(found))
