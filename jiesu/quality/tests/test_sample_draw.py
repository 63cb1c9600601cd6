"""Drawing a sample (seed 004: a share of the concluded complaints, at random, per department)."""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from jiesu.core.errors import Forbidden, InvalidInput
from jiesu.orders.tests.checks import NOW
from jiesu.orders.tests.factories import drive_to
from jiesu.organisations.tests.factories import StaffFactory
from jiesu.quality import sampling
from jiesu.quality.models import Inspection, SampleBatch
from jiesu.quality.services import quality_sample_monthly, sample_draw
from jiesu.quality.tests.factories import concluded, visited

MARCH = {"period_start": date(2025, 3, 1), "period_end": date(2025, 3, 31)}


def by_department(batch) -> Counter:
    return Counter(batch.inspections.values_list("department__code", flat=True))


@pytest.fixture
def march(org, clock):
    """Office A1: six orders concluded, visited or archived in March and two still open; office A2:
    three; office B1: one; and one of A1 concluded in February."""
    clock.move_to(NOW - timedelta(days=10), tick=False)
    february = concluded(org)
    clock.move_to(NOW, tick=False)
    a1 = [concluded(org) for _ in range(4)] + [visited(org), visited(org, close=True)]
    open_a1 = [drive_to("in_progress", org), drive_to("dispatched", org)]
    a2 = [concluded(org, org.office_a2, org.handler_a2) for _ in range(3)]
    b1 = [concluded(org, org.office_b1, org.handler_b1)]
    return {"a1": a1, "a2": a2, "b1": b1, "open": open_a1, "february": february}


def test_each_department_gets_the_rate_of_its_concluded_orders(org, march):
    batch = sample_draw(actor=org.visitor, rate="0.25", **MARCH)

    # round(0.25 × 6) = 2 (half up), round(0.25 × 3) = 1, round(0.25 × 1) = 0
    assert by_department(batch) == {"office-a1": 2, "office-a2": 1}
    sampled = set(batch.inspections.values_list("order_id", flat=True))
    assert sampled <= {o.pk for o in march["a1"] + march["a2"]}
    assert (batch.population, batch.rate, batch.drawn_by, batch.drawn_at) == (
        10,
        Decimal("0.250"),
        org.visitor,
        NOW,
    )
    assert batch.strata == [
        {"code": "office-a1", "name": "西长安街所", "population": 6, "already": 0, "drawn": 2},
        {"code": "office-a2", "name": "金融街所", "population": 3, "already": 0, "drawn": 1},
        {"code": "office-b1", "name": "东华门所", "population": 1, "already": 0, "drawn": 0},
    ]


def test_open_orders_and_other_periods_are_never_drawn(org, march):
    batch = sample_draw(actor=org.visitor, rate="1", **MARCH)

    sampled = set(batch.inspections.values_list("order_id", flat=True))
    assert sampled == {o.pk for o in march["a1"] + march["a2"] + march["b1"]}
    assert not sampled & {o.pk for o in march["open"] + [march["february"]]}


def test_a_second_draw_tops_up_and_never_samples_an_order_twice(org, march):
    first = sample_draw(actor=org.visitor, rate="0.1", department=org.office_a1, **MARCH)  # round(0.6) = 1
    [earlier] = first.inspections.values_list("order_id", flat=True)

    second = sample_draw(actor=org.visitor, rate="0.25", **MARCH)

    assert earlier not in set(second.inspections.values_list("order_id", flat=True))
    assert by_department(second) == {"office-a1": 1, "office-a2": 1}
    assert Counter(Inspection.objects.values_list("department__code", flat=True)) == {
        "office-a1": 2,
        "office-a2": 1,
    }
    assert second.strata[0] == {
        "code": "office-a1",
        "name": "西长安街所",
        "population": 6,
        "already": 1,
        "drawn": 1,
    }
    assert by_department(sample_draw(actor=org.visitor, rate="0.25", **MARCH)) == {}


def test_the_draw_can_be_audited_from_its_seed(org, march):
    batch = sample_draw(actor=org.visitor, rate="0.5", **MARCH)

    for code, orders in (("office-a1", march["a1"]), ("office-a2", march["a2"])):
        expected = sampling.pick(
            batch.seed, [o.number for o in orders], sampling.sample_size(Decimal("0.5"), len(orders))
        )
        drawn = batch.inspections.filter(department__code=code).order_by("rank")
        assert [(i.order.number, i.rank) for i in drawn] == expected


def test_the_rate_defaults_to_the_setting(org, march, settings):
    settings.JIESU_QUALITY_SAMPLE_RATE = 0.5

    batch = sample_draw(actor=org.visitor, **MARCH)

    assert batch.rate == Decimal("0.500")
    assert by_department(batch) == {"office-a1": 3, "office-a2": 2, "office-b1": 1}


def test_a_district_inspector_draws_in_their_district_only(org, march):
    inspector = StaffFactory(username="visitor_a", department=org.district_a, roles=["visitor"])

    batch = sample_draw(actor=inspector, rate="1", **MARCH)

    assert batch.department == org.district_a
    assert set(by_department(batch)) == {"office-a1", "office-a2"}
    with pytest.raises(InvalidInput) as refused:
        sample_draw(actor=inspector, rate="1", department=org.office_b1, **MARCH)
    assert "department" in refused.value.fields


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"rate": "0"}, "rate"),
        ({"rate": "1.5"}, "rate"),
        ({"rate": "abc"}, "rate"),
        ({"period_end": date(2025, 2, 1)}, "period_end"),
        ({"period_start": None}, "period_start"),
    ],
)
def test_bad_input_names_the_field_and_draws_nothing(org, march, values, field):
    with pytest.raises(InvalidInput) as refused:
        sample_draw(actor=org.visitor, **{**MARCH, "rate": "0.1", **values})

    assert field in refused.value.fields
    assert not SampleBatch.objects.exists()


def test_a_handler_may_not_draw(org, march):
    with pytest.raises(Forbidden):
        sample_draw(actor=org.handler_a1, rate="0.1", **MARCH)
    assert not SampleBatch.objects.exists()


class TestMonthly:
    def test_draws_last_month_once_at_the_setting(self, org, clock, settings):
        settings.JIESU_QUALITY_SAMPLE_RATE = 1.0
        orders = [concluded(org), concluded(org, org.office_b1, org.handler_b1)]
        clock.move_to(NOW + timedelta(days=30), tick=False)  # 2 April

        assert quality_sample_monthly().sampled == 2
        assert quality_sample_monthly().sampled == 0

        batch = SampleBatch.objects.get()
        assert (batch.period_start, batch.period_end, batch.scheduled, batch.drawn_by) == (
            date(2025, 3, 1),
            date(2025, 3, 31),
            True,
            None,
        )
        assert set(batch.inspections.values_list("order_id", flat=True)) == {o.pk for o in orders}

    def test_one_scheduled_batch_per_period(self, org, clock):
        """What keeps two workers from drawing the same month twice."""
        SampleBatch.objects.create(
            period_start=date(2025, 2, 1), period_end=date(2025, 2, 28), rate="0.1", seed="a", scheduled=True
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            SampleBatch.objects.create(
                period_start=date(2025, 2, 1),
                period_end=date(2025, 2, 28),
                rate="0.1",
                seed="b",
                scheduled=True,
            )
