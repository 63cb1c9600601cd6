"""The report tests' month of orders (factories.report_month)."""

import pytest

from jiesu.reports.tests.factories import report_month


@pytest.fixture
def month(org):
    return report_month(org)
