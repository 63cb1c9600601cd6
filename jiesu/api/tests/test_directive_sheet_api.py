"""GET /api/v1/orders/{number}/directive-sheet: the fast-response directive sheet as a PDF, scoped
like the order itself, with the standard error JSON when there is none to give."""

import io
from urllib.parse import quote

import pypdf
import pytest

from jiesu.orders.tests.factories import register, walk
from jiesu.organisations.models import PersonalDataAccess


@pytest.fixture
def fast(org):
    """A fast-response complaint with office A1 (its handler and leader see it; district B does not)."""
    return walk(register(org.operator, fast_response_reasons=["on_site"]), org, "dispatch")


def sheet(client, order):
    return client.get(f"/orders/{order.number}/directive-sheet")


def pdf_text(pdf: bytes) -> str:
    return "".join("".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_a_fast_order_in_scope_is_a_pdf_named_after_the_sheet(org, api_as, fast):
    response = sheet(api_as("handler_a1"), fast)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"inline; filename*=utf-8''{quote(f'快速响应指令书-{fast.number}.pdf')}"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "快速响应指令书" in text and fast.number in text and "13800138000" in text
    assert PersonalDataAccess.objects.filter(staff=org.handler_a1, subject=fast.number, via="api").exists()


def test_a_caller_without_the_personal_data_right_gets_the_phone_masked(org, api_as, fast):
    response = sheet(api_as("leader_a1"), fast)

    text = pdf_text(response.content)
    assert "138****8000" in text and "13800138000" not in text
    assert not PersonalDataAccess.objects.exists()


def test_an_order_of_another_department_is_not_found(api_as, fast):
    response = sheet(api_as("handler_b1"), fast)

    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "detail": "工单不存在", "fields": {}}


def test_an_order_that_is_not_fast_response_has_no_sheet(org, api_as):
    order = walk(register(org.operator), org, "dispatch")

    response = sheet(api_as("handler_a1"), order)

    assert response.status_code == 404
    assert response.json() == {
        "error": "not_found", "detail": "该工单不是快速响应工单，没有快速响应指令书", "fields": {},
    }


def test_an_anonymous_caller_is_refused(anonymous, fast):
    response = sheet(anonymous, fast)

    assert response.status_code == 401
    assert response.json()["error"] == "unauthenticated"


def test_the_schema_documents_a_pdf_answer(db, anonymous):
    operation = anonymous.get("/openapi.json").json()["paths"]["/api/v1/orders/{number}/directive-sheet"]["get"]

    assert "application/pdf" in operation["responses"]["200"]["content"]
    assert operation["responses"]["404"]["content"]["application/json"]
