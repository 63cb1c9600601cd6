"""THE state machine of a work order (domain.md "Statuses and actions"), as one table of data.

It feeds the action services (which status may move where, who may move it), the API's 409, the
UI's buttons, docs/workflow.md and the parametrised test over every (action, status) pair. A
`target` of None keeps the status; REGISTER has no source: it creates the order.
"""

from dataclasses import dataclass

from jiesu.orders.choices import OPEN_STATUSES, Action, Status
from jiesu.organisations.choices import Role

A, S, R = Action, Status, Role
ANY = frozenset(Status)


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[Status]
    target: Status | None
    roles: frozenset[Role]

    def allows_from(self, status: str) -> bool:
        return status in self.sources


def table(*rows) -> dict[Action, Transition]:
    result = {}
    for action, sources, target, roles in rows:
        assert action not in result, f"duplicate row for {action}"
        result[action] = Transition(action, frozenset(sources), target, frozenset(roles))
    return result


TRANSITIONS: dict[Action, Transition] = table(
    # action                 allowed from                               to              who may take it
    (A.REGISTER,             set(),                                     S.REGISTERED,   {R.OPERATOR}),
    (A.ANSWER,               {S.REGISTERED},                            S.CONCLUDED,    {R.OPERATOR, R.HANDLER}),
    (A.SEND_TO_ODR,          {S.REGISTERED},                            S.ODR,          {R.OPERATOR, R.DISPATCHER}),
    (A.ODR_SETTLE,           {S.ODR},                                   S.CONCLUDED,    {R.OPERATOR, R.DISPATCHER}),
    (A.ODR_FAIL,             {S.ODR},                                   S.REGISTERED,   {R.OPERATOR, R.DISPATCHER}),
    (A.DISPATCH,             {S.REGISTERED, S.RETURNED},                S.DISPATCHED,   {R.DISPATCHER, R.LEADER}),
    (A.ACCEPT,               {S.DISPATCHED},                            S.IN_PROGRESS,  {R.HANDLER, R.LEADER}),
    (A.NOT_ACCEPT,           {S.DISPATCHED},                            S.CONCLUDED,    {R.HANDLER, R.LEADER}),
    (A.RETURN,               {S.DISPATCHED},                            S.RETURNED,     {R.HANDLER, R.LEADER}),
    (A.TRANSFER,             {S.REGISTERED, S.RETURNED},                S.TRANSFERRED,  {R.DISPATCHER, R.LEADER}),
    (A.ASSIGN,               {S.DISPATCHED, S.IN_PROGRESS},             None,           {R.LEADER, R.DISPATCHER}),
    (A.CONTACT,              {S.IN_PROGRESS},                           None,           {R.HANDLER}),
    (A.ARRIVE,               {S.IN_PROGRESS},                           None,           {R.HANDLER}),
    (A.EXTEND,               {S.IN_PROGRESS},                           None,           {R.HANDLER}),
    (A.APPROVE_EXTENSION,    {S.IN_PROGRESS},                           None,           {R.LEADER}),
    (A.DENY_EXTENSION,       {S.IN_PROGRESS},                           None,           {R.LEADER}),
    (A.ESCALATE,             OPEN_STATUSES,                             None,           {R.LEADER}),
    (A.ADD_COHANDLER,        OPEN_STATUSES,                             None,           {R.HANDLER, R.LEADER, R.DISPATCHER}),
    (A.MEDIATE,              {S.IN_PROGRESS},                           None,           {R.HANDLER}),
    (A.FILE_CASE,            {S.IN_PROGRESS},                           None,           {R.HANDLER}),
    (A.CONCLUDE,             {S.IN_PROGRESS},                           S.CONCLUDED,    {R.HANDLER}),
    (A.REVIEW,               {S.CONCLUDED},                             None,           {R.DISPATCHER, R.LEADER}),
    (A.REQUEST_EXCLUSION,    ANY,                                       None,           {R.HANDLER, R.LEADER}),
    (A.DECIDE_EXCLUSION,     ANY,                                       None,           {R.DISPATCHER, R.LEADER}),
    (A.VISIT,                {S.CONCLUDED},                             S.VISITED,      {R.VISITOR}),
    (A.CLOSE,                {S.VISITED},                               S.CLOSED,       {R.VISITOR, R.DISPATCHER}),
    (A.REOPEN,               {S.CONCLUDED, S.VISITED, S.CLOSED},        S.IN_PROGRESS,  {R.DISPATCHER, R.LEADER, R.VISITOR}),
    (A.WITHDRAW,             OPEN_STATUSES,                             S.CONCLUDED,    {R.OPERATOR, R.HANDLER, R.DISPATCHER}),
    # jiesu's additions for chasing deadlines (issue 4): the 鉴定检测 pause of domain.md "Deadlines",
    # and correcting the classification, which recomputes the deadlines.
    (A.PAUSE_CLOCK,          {S.IN_PROGRESS},                           None,           {R.HANDLER, R.LEADER}),
    (A.RESUME_CLOCK,         {S.IN_PROGRESS},                           None,           {R.HANDLER, R.LEADER}),
    (A.RECLASSIFY,           OPEN_STATUSES,                             None,           {R.DISPATCHER, R.LEADER}),
    # Issue 5 item 4: a repeat call recorded on the earlier order instead of a new one.
    (A.ADD_CALL,             OPEN_STATUSES | {S.CONCLUDED, S.VISITED},  None,           {R.OPERATOR, R.DISPATCHER}),
)  # fmt: skip
