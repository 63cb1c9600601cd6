"""Recording operators' corrections and turning the deployment's orders into training rows, against
the database."""

import pytest

from jiesu.core.errors import InvalidInput
from jiesu.intelligence.classifier import Labels
from jiesu.intelligence.models import ClassificationCorrection
from jiesu.intelligence.services import correction_record
from jiesu.intelligence.training import deployment_rows
from jiesu.orders.tests.factories import register

pytestmark = pytest.mark.django_db


def test_a_changed_line_is_recorded_with_who_and_what(org):
    order = register(org.operator)
    correction = correction_record(
        actor=org.operator, order=order, text=order.description, field="line", suggested="quality", chosen="supermarket"
    )
    stored = ClassificationCorrection.objects.get()
    assert stored == correction
    assert (stored.order, stored.staff, stored.field) == (order, org.operator, "line")
    assert (stored.suggested, stored.chosen) == ("quality", "supermarket")
    assert stored.created_at is not None


def test_accepting_the_suggestion_records_nothing(org):
    assert correction_record(actor=org.operator, text="要求退货", field="requests", suggested=["退货"], chosen=["退货"]) is None
    assert not ClassificationCorrection.objects.exists()


@pytest.mark.parametrize(("field", "chosen", "bad"), [
    ("line", "bakery", "chosen"),
    ("requests", ["退货", "飞走"], "chosen"),
    ("requests", "退货", "chosen"),
    ("urgency", "now", "chosen"),
    ("colour", "red", "field"),
])  # fmt: skip
def test_an_invalid_choice_is_refused_and_nothing_written(org, field, chosen, bad):
    with pytest.raises(InvalidInput) as refused:
        correction_record(actor=org.operator, text="要求退货", field=field, suggested=None, chosen=chosen)
    assert bad in refused.value.fields
    assert not ClassificationCorrection.objects.exists()


def test_deployment_rows_are_orders_with_a_line_and_their_corrections_applied(org):
    corrected = register(org.operator, line="quality", requests=["退货"])
    register(org.operator, line="")
    correction_record(actor=org.operator, order=corrected, text=corrected.description, field="line",
                      suggested="quality", chosen="supermarket")  # fmt: skip
    correction_record(actor=org.operator, text="加油站多收钱", field="line", suggested="general", chosen="price")

    result = deployment_rows()

    assert (result.orders, result.corrections) == (1, 2)
    by_text = dict(result.rows)
    assert by_text[corrected.description].line == "supermarket"
    assert by_text[corrected.description].requests == ("退货",)
    assert by_text["加油站多收钱"] == Labels(line="price")
