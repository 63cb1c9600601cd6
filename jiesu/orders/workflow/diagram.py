"""docs/workflow.md, rendered from the transition table so the document cannot drift from the code.

The table is the one source (style.md rule 4); this module only presents it: a row per action with
its code, Chinese label, the statuses it may start from, where it leads and who may take it, and a
Mermaid state diagram of the moves that change the status. A test compares docs/workflow.md with
`workflow_markdown()` and fails when the file is stale. Regenerate with

    python -m jiesu.orders.workflow.diagram > docs/workflow.md
"""

from jiesu.orders.choices import OPEN_STATUSES, Action, Status
from jiesu.orders.workflow.transitions import TRANSITIONS, Transition
from jiesu.organisations.choices import Role

_STATUS_ORDER = list(Status)
_ROLE_ORDER = list(Role)

#: Moves an action makes besides its row's target, which the table cannot express: the row of
#: `review` keeps the status (approval), but sending the result back reopens handling.
CONDITIONAL_MOVES = {
    Action.REVIEW: (Status.CONCLUDED, Status.IN_PROGRESS, "退回重办 send back"),
}


def _statuses(sources: frozenset) -> str:
    if not sources:
        return "—（新建工单）"
    if sources == frozenset(Status):
        return "任意状态 (any)"
    if sources == OPEN_STATUSES:
        return "任一未办结状态 (any open): " + ", ".join(f"`{s.value}`" for s in _STATUS_ORDER if s in sources)
    return ", ".join(f"`{s.value}`" for s in _STATUS_ORDER if s in sources)


def _target(step: Transition) -> str:
    text = f"`{step.target.value}`" if step.target is not None else "（状态不变）"
    if step.action in CONDITIONAL_MOVES:
        _source, target, note = CONDITIONAL_MOVES[step.action]
        text += f"; {note}: `{target.value}`"
    return text


def _roles(step: Transition) -> str:
    return ", ".join(f"`{r.value}` {r.label}" for r in _ROLE_ORDER if r in step.roles)


def _table() -> list[str]:
    lines = [
        "| action | 中文 | from | to | roles |",
        "|---|---|---|---|---|",
    ]
    for action, step in TRANSITIONS.items():
        lines.append(
            f"| `{action.value}` | {Action(action).label} | {_statuses(step.sources)} | {_target(step)} | {_roles(step)} |"
        )
    return lines


def _mermaid() -> list[str]:
    """Only the moves that change the status: the status-keeping actions (assign, contact, …) are
    self-loops on most states and would bury the shape of the machine; the table lists them."""
    edges: dict[tuple[str, str], list[str]] = {}
    for action, step in TRANSITIONS.items():
        if step.target is None:
            continue
        if not step.sources:
            edges.setdefault(("[*]", step.target.value), []).append(action.value)
            continue
        for source in _STATUS_ORDER:
            if source in step.sources and source != step.target:
                edges.setdefault((source.value, step.target.value), []).append(action.value)
    for action, (source, target, _note) in CONDITIONAL_MOVES.items():
        edges.setdefault((source.value, target.value), []).append(f"{action.value} (send back)")
    lines = ["```mermaid", "stateDiagram-v2"]
    lines += [f"    {s.value} : {s.label} {s.value}" for s in _STATUS_ORDER]
    lines += [f"    {a} --> {b} : {' / '.join(names)}" for (a, b), names in edges.items()]
    lines.append("```")
    return lines


def workflow_markdown() -> str:
    """The whole of docs/workflow.md."""
    statuses = [f"| `{s.value}` | {s.label} |" for s in _STATUS_ORDER]
    keeping = ", ".join(
        f"`{a.value}`" for a, step in TRANSITIONS.items() if step.target is None and a not in CONDITIONAL_MOVES
    )
    parts = [
        "# The work-order workflow",
        "",
        "<!-- Generated from jiesu/orders/workflow/transitions.py by jiesu/orders/workflow/diagram.py;",
        "     do not edit by hand: `python -m jiesu.orders.workflow.diagram > docs/workflow.md`.",
        "     jiesu/orders/tests/test_workflow_docs.py fails when this file is stale. -->",
        "",
        "Every action locks the order, checks scope (404), status (409 `invalid_transition`) and role (403),",
        "changes the order, moves its deadlines and writes one immutable event (style.md rules 4 and 5).",
        "",
        "## Statuses",
        "",
        "| status | 中文 |",
        "|---|---|",
        *statuses,
        "",
        "## Actions",
        "",
        *_table(),
        "",
        "## State diagram",
        "",
        f"Moves that change the status; the status-keeping actions ({keeping}) are in the table only.",
        "",
        *_mermaid(),
        "",
    ]
    return "\n".join(parts)


if __name__ == "__main__":  # pragma: no cover - the regeneration command in the docstring
    from django.conf import settings

    if not settings.configured:
        # The labels are lazy translations whose message ids are already the Chinese text.
        settings.configure(USE_I18N=False)
    print(workflow_markdown(), end="")
