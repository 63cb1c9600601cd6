"""The deployment's own labelled texts, added to the shipped corpus when retraining: orders whose
line an operator set, with later corrections applied, and corrections made before an order existed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from jiesu.intelligence.classifier import Labels, training_rows
from jiesu.intelligence.models import ClassificationCorrection, CorrectionField
from jiesu.orders.models import WorkOrder

ORDER_FIELDS = ("id", "description", "line", "category", "requests", "issue", "urgency", "fast_response_reasons")


@dataclass
class DeploymentRows:
    rows: list[tuple[str, Labels]]
    orders: int
    corrections: int


def _label_value(field: str, value):
    """Lists become tuples (Labels is hashable); an empty single field means "not set"."""
    if field in (CorrectionField.REQUESTS, CorrectionField.FAST_RESPONSE_REASONS):
        return tuple(value or ())
    return value or None


def _order_labels(values: dict) -> Labels:
    return Labels(**{name: _label_value(name, values[name]) for name in ORDER_FIELDS[2:]})


def _corrections_by_order() -> tuple[dict[int, dict[str, object]], list[tuple[str, Labels]], int]:
    """Latest chosen value per order and field; standalone corrections become one-field rows."""
    by_order: dict[int, dict[str, object]] = {}
    standalone: list[tuple[str, Labels]] = []
    count = 0
    for correction in ClassificationCorrection.objects.order_by("created_at", "id").iterator():
        count += 1
        value = _label_value(correction.field, correction.chosen)
        if correction.order_id is None:
            standalone.append((correction.text, Labels(**{correction.field: value})))
        else:
            by_order.setdefault(correction.order_id, {})[correction.field] = value
    return by_order, standalone, count


def deployment_rows() -> DeploymentRows:
    """Orders with a line set (an operator chose or confirmed it at intake or on dispatch), with
    any corrections on them applied, plus corrections recorded without an order."""
    by_order, rows, corrections = _corrections_by_order()
    orders = 0
    for values in WorkOrder.objects.exclude(line="").values(*ORDER_FIELDS).iterator():
        labels = replace(_order_labels(values), **by_order.get(values["id"], {}))
        rows.append((values["description"], labels))
        orders += 1
    return DeploymentRows(rows=rows, orders=orders, corrections=corrections)


def all_training_rows() -> Iterator[tuple[str, Labels]]:
    """The shipped corpus first, then what this deployment confirmed."""
    yield from training_rows()
    yield from deployment_rows().rows
