"""Writes of the intelligence app: recording an operator's correction of a suggestion."""

from __future__ import annotations

from django.utils.translation import gettext as _

from jiesu.core.errors import field_error
from jiesu.intelligence.models import ClassificationCorrection, CorrectionField
from jiesu.orders.choices import Urgency
from jiesu.orders.models import WorkOrder
from jiesu.organisations.models import Staff
from jiesu.taxonomy.selectors import Kind, taxonomy_codes

#: Where each field's values come from: the taxonomy, except urgency, which API v1 fixes.
TAXONOMY_KINDS = {
    CorrectionField.LINE: Kind.LINE,
    CorrectionField.CATEGORY: Kind.CATEGORY,
    CorrectionField.ISSUE: Kind.ISSUE,
    CorrectionField.REQUESTS: Kind.REQUEST,
    CorrectionField.FAST_RESPONSE_REASONS: Kind.FAST_RESPONSE_REASON,
}
LIST_FIELDS = frozenset({CorrectionField.REQUESTS, CorrectionField.FAST_RESPONSE_REASONS})


def allowed_values(field: str) -> set[str]:
    """The values a field may take now: a correction teaches the model, so it must be a real label
    (an active taxonomy code)."""
    if field == CorrectionField.URGENCY:
        return set(Urgency.values)
    return set(taxonomy_codes(TAXONOMY_KINDS[field]))


def _checked_choice(field: str, chosen):
    """A single field takes one allowed value; a list field a list of them, de-duplicated in order."""
    allowed = allowed_values(field)
    if field in LIST_FIELDS:
        if not isinstance(chosen, list) or not all(isinstance(v, str) and v in allowed for v in chosen):
            raise field_error("chosen", _("包含无效的选项"))
        return list(dict.fromkeys(chosen))
    if not isinstance(chosen, str) or chosen not in allowed:
        raise field_error("chosen", _("无效的选项"))
    return chosen


def correction_record(
    *, actor: Staff, text: str, field: str, suggested, chosen, order: WorkOrder | None = None
) -> ClassificationCorrection | None:
    """Keep what the operator chose instead of the suggestion, for the next `jiesu classifier
    train`. Accepting the suggestion unchanged records nothing: only disagreements teach."""
    if field not in CorrectionField.values:
        raise field_error("field", _("无效的字段"))
    if not text.strip():
        raise field_error("text", _("必填"))
    chosen = _checked_choice(field, chosen)
    if chosen == suggested:
        return None
    correction = ClassificationCorrection(
        order=order, text=text.strip(), field=field, suggested=suggested, chosen=chosen, staff=actor
    )
    correction.full_clean()
    correction.save()
    return correction
