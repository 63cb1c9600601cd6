"""docs/workflow.md is generated from the transition table; a stale copy fails here (style.md
section 4 step 7). Regenerate: python -m jiesu.orders.workflow.diagram > docs/workflow.md"""

from pathlib import Path

import pytest

from jiesu.orders.choices import Action, Status
from jiesu.orders.workflow import diagram
from jiesu.orders.workflow.diagram import workflow_markdown
from jiesu.orders.workflow.transitions import TRANSITIONS, Transition

DOC = Path(__file__).resolve().parents[3] / "docs" / "workflow.md"


def test_docs_workflow_md_is_what_the_table_renders():
    assert DOC.read_text(encoding="utf-8") == workflow_markdown(), (
        "docs/workflow.md is stale: python -m jiesu.orders.workflow.diagram > docs/workflow.md"
    )


def test_every_action_has_a_row_with_its_label_sources_target_and_roles():
    text = workflow_markdown()
    rows = {line.split("|")[1].strip(" `"): line for line in text.splitlines() if line.startswith("| `")}
    for action, step in TRANSITIONS.items():
        row = rows[action.value]
        assert str(Action(action).label) in row
        for status in step.sources:
            if step.sources != frozenset(Status):
                assert f"`{status.value}`" in row
        if step.target is not None:
            assert f"`{step.target.value}`" in row.split("|")[4]
        for role in step.roles:
            assert f"`{role.value}`" in row.split("|")[5]


def test_the_diagram_has_an_edge_for_every_status_changing_move():
    text = workflow_markdown()
    assert "stateDiagram-v2" in text
    for action, step in TRANSITIONS.items():
        if step.target is None:
            continue
        for source in step.sources - {step.target}:
            edge = next(line for line in text.splitlines() if line.strip().startswith(f"{source.value} --> {step.target.value} :"))
            assert action.value in edge
    assert "[*] --> registered : register" in text


def test_a_change_to_the_table_shows_in_the_rendering(monkeypatch):
    changed = dict(TRANSITIONS)
    step = changed[Action.CLOSE]
    changed[Action.CLOSE] = Transition(step.action, step.sources | {Status.CONCLUDED}, step.target, step.roles)
    monkeypatch.setattr(diagram, "TRANSITIONS", changed)

    assert "concluded --> closed : close" in workflow_markdown()
    assert workflow_markdown() != DOC.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_review_really_sends_an_order_back_to_in_progress_as_the_document_says(org):
    from jiesu.orders.tests.factories import drive_to
    from jiesu.orders.workflow.actions import do_review

    order = do_review(order=drive_to("concluded", org), actor=org.dispatcher, approve=False, reason="补充")

    source, target, _note = diagram.CONDITIONAL_MOVES[Action.REVIEW]
    assert (source, target) == (Status.CONCLUDED, Status.IN_PROGRESS)
    assert order.status == target
