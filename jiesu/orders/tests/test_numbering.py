"""Order numbers (工单编号): YYYYMMDD of the Shanghai date the order was received, then a six-digit
sequence of that day, handed out by one atomic upsert so concurrent registrations never collide."""

import re
import threading

import pytest
from django.db import connection

from jiesu.orders.models import DailySequence
from jiesu.orders.services import order_number_next
from jiesu.orders.tests.checks import sh
from jiesu.orders.tests.factories import register


def test_a_number_is_the_received_date_and_a_six_digit_sequence(org):
    order = register(org.operator, received_at=sh(2025, 3, 3, 10, 0))

    assert re.fullmatch(r"\d{14}", order.number)
    assert order.number == "20250303000001"


def test_numbers_run_on_within_a_day_and_start_again_the_next(org):
    numbers = [register(org.operator, received_at=sh(2025, 3, 3, h, 0)).number for h in (9, 10, 23)]
    numbers.append(register(org.operator, received_at=sh(2025, 3, 4, 0, 5)).number)
    numbers.append(register(org.operator, received_at=sh(2025, 3, 3, 11, 0)).number)

    assert numbers == ["20250303000001", "20250303000002", "20250303000003", "20250304000001", "20250303000004"]


def test_the_day_is_the_shanghai_date_of_receipt_not_the_utc_one(org):
    """00:30 in Shanghai on 4 March is 16:30 UTC on 3 March; registered days later, it still
    takes the 4 March sequence."""
    order = register(org.operator, received_at=sh(2025, 3, 4, 0, 30))

    assert order.number == "20250304000001"
    assert DailySequence.objects.get().day.isoformat() == "2025-03-04"


def test_the_sequence_is_shared_with_direct_calls(db):
    from datetime import date

    assert order_number_next(day=date(2025, 3, 3)) == "20250303000001"
    assert order_number_next(day=date(2025, 3, 3)) == "20250303000002"
    assert DailySequence.objects.get(day=date(2025, 3, 3)).last == 2


def test_a_day_with_a_million_orders_is_refused(db):
    from datetime import date

    from jiesu.core.errors import InvalidInput

    DailySequence.objects.create(day=date(2025, 3, 3), last=999_999)
    with pytest.raises(InvalidInput):
        order_number_next(day=date(2025, 3, 3))


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite serialises writers")
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_unique_consecutive_numbers(org):
    """Several operators press "register" at the same instant, each on its own connection."""
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    numbers, errors = [], []

    def register_one():
        try:
            barrier.wait(timeout=10)
            numbers.append(register(org.operator, received_at=sh(2025, 3, 3, 10, 0)).number)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register_one) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not any(t.is_alive() for t in threads)
    assert errors == []
    assert sorted(numbers) == [f"20250303{n:06d}" for n in range(1, threads_count + 1)]
    assert DailySequence.objects.get().last == threads_count
