"""Fixtures of the statistics tests."""

import pytest

from .scenario import build_march


@pytest.fixture
def march(org):
    return build_march(org)
