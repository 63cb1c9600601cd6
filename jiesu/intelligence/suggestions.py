"""The classifier at intake (issue 5): suggestions while the operator types, a draft filled where
the API caller left fields out, and the operator's disagreements kept as corrections.

Composes classifier.py (pure, one trained model per process) with the order draft of
orders/intake.py and the corrections of services.py; domain apps below never call the classifier.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from jiesu.core.errors import DomainError
from jiesu.intelligence.classifier import Classification, classifier_get
from jiesu.intelligence.models import ClassificationCorrection, CorrectionField
from jiesu.intelligence.services import LIST_FIELDS, allowed_values, correction_record
from jiesu.orders.choices import Urgency
from jiesu.orders.intake import OrderDraft
from jiesu.orders.models import WorkOrder
from jiesu.organisations.models import Staff
from jiesu.taxonomy.selectors import Kind, taxonomy_codes

log = logging.getLogger(__name__)

#: The fields an operator sees suggested at intake, and the order field each one ends up in.
INTAKE_FIELDS = {
    CorrectionField.LINE: "line",
    CorrectionField.CATEGORY: "category",
    CorrectionField.REQUESTS: "requests",
    CorrectionField.URGENCY: "urgency",
    CorrectionField.FAST_RESPONSE_REASONS: "fast_response_reasons",
}


def suggestion_text(*, description: str, respondent: str = "") -> str:
    """The respondent's name often names the trade (某某健身、某某大药房) that the caller does not
    repeat, so it is read with the description unless the description already names it."""
    description, respondent = description.strip(), respondent.strip()
    if respondent and respondent not in description:
        return f"{description}\n被诉方：{respondent}"
    return description


def suggest(*, description: str, respondent: str = "") -> Classification | None:
    """The default classifier's suggestion, or None for an empty description. The classifier is
    loaded (or trained) once per process under a lock by `classifier_get`; after that a suggestion
    is one sparse matrix product, well inside the second intake allows."""
    text = suggestion_text(description=description, respondent=respondent)
    if not text:
        return None
    return classifier_get().classify(text)


def draft_fill(draft: OrderDraft) -> OrderDraft:
    """Fill, in place, what the caller left empty: line, product category, requests, issue, and
    urgency with its fast-response reasons. A value the caller gave is never overridden, and only
    active taxonomy codes are filled: the model may have learnt one the admin has since retired.

    Urgency is "left out" only when it is empty or the default "normal" and no fast-response reason
    was given: the API cannot tell an omitted urgency from a deliberate "normal", and a danger the
    text names (被困电梯、燃气泄漏) must not wait for the caller to spot it. The classifier may then
    only raise it to fast, with the reasons its danger rules found (seed 002 needs a reason for
    every fast order); a model-only "urgent" guess names no danger and is not applied.
    """
    found = suggest(description=draft.description or "", respondent=draft.respondent_name or "")
    if found is None:
        return draft
    if not (draft.line or "").strip() and found.line.code in taxonomy_codes(Kind.LINE):
        draft.line = found.line.code
    if not (draft.product_category or "").strip() and found.category in taxonomy_codes(Kind.CATEGORY):
        draft.product_category = found.category
    if not draft.requests:
        requests = taxonomy_codes(Kind.REQUEST)
        draft.requests = [code for code in found.requests if code in requests]
    if not (draft.issue or "").strip() and found.issue in taxonomy_codes(Kind.ISSUE):
        draft.issue = found.issue
    urgency_left_out = (draft.urgency or Urgency.NORMAL) == Urgency.NORMAL and not draft.fast_response_reasons
    if urgency_left_out and found.urgency == Urgency.FAST and found.fast_response_reasons:
        draft.urgency = Urgency.FAST
        draft.fast_response_reasons = list(found.fast_response_reasons)
    return draft


def _same(field: str, suggested, chosen) -> bool:
    if field in LIST_FIELDS:
        return set(suggested) == set(chosen)
    return suggested == chosen


def suggestion_corrections_record(
    *, actor: Staff, order: WorkOrder, suggested: Mapping[str, object]
) -> list[ClassificationCorrection]:
    """One correction per intake field where the registered order differs from what was suggested
    (`suggested` maps CorrectionField codes to a code, a name or a list, as the intake form posted
    them back). A field left empty on the order chose nothing and teaches nothing; a suggested value
    that is not a real label (a tampered form) is ignored. The text is the order's description,
    the text `jiesu classifier train` reads for the order."""
    recorded = []
    for field, attribute in INTAKE_FIELDS.items():
        if field not in suggested:
            continue
        value, chosen = suggested[field], getattr(order, attribute)
        allowed = allowed_values(field)
        if field in LIST_FIELDS:
            if not isinstance(value, list) or not set(value) <= allowed:
                continue
            chosen = list(chosen or [])
        elif value not in allowed or not chosen:
            continue
        if _same(field, value, chosen):
            continue
        try:
            correction = correction_record(
                actor=actor, order=order, text=order.description, field=field, suggested=value, chosen=chosen
            )
        except DomainError as exc:  # a correction teaches; it never stands in the way of the order
            log.warning("correction of %s on %s not recorded: %s", field, order.number, exc.detail)
            continue
        if correction is not None:
            recorded.append(correction)
    return recorded
