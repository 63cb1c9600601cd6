"""THE state machine of a consumer warning, as one table of data (style.md rule 4, like
orders/workflow/transitions.py). It feeds the services (which status may move where, who may move
it), the UI's buttons and the API's 409.

draft → submitted → approved → published → withdrawn; a leader sends a submitted or approved
warning back to draft with a reason. Editing is not a transition: it is allowed in draft only.
"""

from dataclasses import dataclass

from jiesu.advisories.choices import APPROVE_ROLES, DRAFT_ROLES, WarningAction, WarningStatus

A, S = WarningAction, WarningStatus


@dataclass(frozen=True)
class Transition:
    action: WarningAction
    sources: frozenset[WarningStatus]
    target: WarningStatus
    roles: frozenset[str]


def _table(*rows) -> dict[WarningAction, Transition]:
    return {action: Transition(action, frozenset(sources), target, frozenset(roles))
            for action, sources, target, roles in rows}  # fmt: skip


TRANSITIONS: dict[WarningAction, Transition] = _table(
    # action        allowed from                 to             who may take it
    (A.SUBMIT,      {S.DRAFT},                   S.SUBMITTED,   DRAFT_ROLES),
    (A.SEND_BACK,   {S.SUBMITTED, S.APPROVED},   S.DRAFT,       APPROVE_ROLES),
    (A.APPROVE,     {S.SUBMITTED},               S.APPROVED,    APPROVE_ROLES),
    (A.PUBLISH,     {S.APPROVED},                S.PUBLISHED,   APPROVE_ROLES),
    (A.WITHDRAW,    {S.PUBLISHED},               S.WITHDRAWN,   APPROVE_ROLES),
)  # fmt: skip
