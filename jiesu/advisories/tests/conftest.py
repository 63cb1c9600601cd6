"""Fixtures of the consumer-warning tests: the gym scenario, seen from 2 April 2025."""

import pytest

from jiesu.core import clock

from .scenario import at, build_gym


@pytest.fixture
def gym(org):
    ns = build_gym(org)
    with clock.travel(at(4, 2)):
        yield ns
