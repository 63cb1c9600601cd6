import pytest

from jiesu.orders.tests.checks import NOW


@pytest.fixture
def clock(time_machine):
    """Freeze time at NOW so due dates in the assertions are fixed dates."""
    time_machine.move_to(NOW, tick=False)
    return time_machine
