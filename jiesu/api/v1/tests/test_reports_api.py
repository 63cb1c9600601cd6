"""`GET /api/v1/reports/{kind}.docx` over HTTP: the document, a bad period as 400 naming the field,
and the role."""

import pytest
from django.test import Client

from jiesu.core import clock
from jiesu.organisations.services import api_token_create
from jiesu.reports.services import DOCX
from jiesu.reports.tests.factories import GYM, at, report_month
from jiesu.reports.tests.helpers import open_docx, text_of

#: Every report draws its charts in a Chinese font.
pytestmark = pytest.mark.usefixtures("cjk_font")


@pytest.fixture
def get(org):
    def call(username: str, kind: str, **params):
        headers = {"Authorization": f"Bearer {api_token_create(username=username)}"}
        with clock.travel(at(4, 2)):
            return Client(headers=headers).get(f"/api/v1/reports/{kind}.docx", params, secure=True)

    return call


def test_the_report_is_a_word_document(get, org):
    report_month(org)
    response = get("admin", "monthly", period="2025-03")

    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert GYM in text_of(open_docx(response.content))


def test_a_bad_period_is_400_naming_the_field(get, org):
    response = get("admin", "monthly", period="March")

    assert response.status_code == 400
    assert response.json()["error"] == "validation_error" and "period" in response.json()["fields"]


def test_a_handler_may_not(get, org):
    assert get("handler_a1", "monthly", period="2025-03").status_code == 403
