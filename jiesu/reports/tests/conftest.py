"""The report tests' month of orders (factories.report_month); every report test draws charts, so
every one needs the CJK font (root conftest `cjk_font`)."""

import pytest

from jiesu.reports.tests.factories import report_month


@pytest.fixture(autouse=True)
def _font(cjk_font):
    return cjk_font


@pytest.fixture
def month(org):
    return report_month(org)
