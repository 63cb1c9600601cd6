import pytest

from jiesu.orders.tests.checks import NOW


@pytest.fixture
def clock(time_machine):
    """Freeze time at the workflow tests' NOW (Monday 3 March 2025) so periods are fixed dates."""
    time_machine.move_to(NOW, tick=False)
    return time_machine
