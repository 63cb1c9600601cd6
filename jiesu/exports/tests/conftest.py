import pytest

from jiesu.exports.tests.factories import export_orders
from jiesu.orders.tests.checks import sh


@pytest.fixture
def orders(org, time_machine):
    """The three orders of `export_orders`, seen on 5 March 2025."""
    time_machine.move_to(sh(2025, 3, 5, 9), tick=False)
    return export_orders(org)
