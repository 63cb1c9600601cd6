"""Fixtures of the order tests."""

import pytest

from jiesu.deadlines import holidays
from jiesu.deadlines.policies import policy_cache_clear

_kept = {"generation": None}


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Overrides the root conftest's fixture of the same name, keeping its promise (a test's
    rolled-back calendar or policy edits never leak) at a fraction of the cost: rebuilding the
    calendar from the ~8,000 seeded rows before each of several hundred order tests costs more than
    the tests. The deadline policies (a dozen rows) are still forgotten before and after each test.

    The calendar built from the seeded table is kept from test to test while nothing touched the
    schedule. Every edit clears the cache (signals.py, the seeding services, or a test's own
    `calendar_cache_clear()`), which bumps the cache generation; a test that bumped it leaves the
    cache cleared for the next one, which then rebuilds from the rolled-back table."""
    policy_cache_clear()
    if holidays._generation != _kept["generation"]:
        holidays.calendar_cache_clear()
    start = holidays._generation
    yield
    policy_cache_clear()
    if holidays._generation != start:
        holidays.calendar_cache_clear()
    _kept["generation"] = holidays._generation
