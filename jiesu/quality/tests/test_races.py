"""Two workers run the monthly draw at the same moment: exactly one batch and one sample, the other
worker changes nothing. PostgreSQL with two real connections; SQLite serialises writers with
IMMEDIATE transactions instead, so there is no race there to test."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections

from jiesu.orders.tests.checks import NOW
from jiesu.quality.models import Inspection, SampleBatch
from jiesu.quality.services import quality_sample_monthly
from jiesu.quality.tests.factories import concluded

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: two connections racing"),
    pytest.mark.django_db(transaction=True),
]


def test_two_workers_draw_the_month_once(org, time_machine, settings):
    settings.JIESU_QUALITY_SAMPLE_RATE = 1.0
    time_machine.move_to(NOW, tick=False)
    orders = [concluded(org) for _ in range(3)]
    time_machine.move_to(NOW + timedelta(days=30), tick=False)
    start = threading.Barrier(2)
    results = []

    def worker():
        try:
            start.wait(timeout=15)
            results.append(quality_sample_monthly().sampled)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results) == [0, 3]
    assert SampleBatch.objects.count() == 1
    assert set(Inspection.objects.values_list("order_id", flat=True)) == {o.pk for o in orders}
