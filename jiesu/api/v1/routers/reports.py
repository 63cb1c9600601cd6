"""Analysis reports over the API (issue 6 item 4): `GET /api/v1/reports/{kind}.docx?period=P` gives
the Word report of a period over the caller's scope, as `jiesu report` writes it. The service
checks the role (403), the kind and period (400 naming the field) and the department (404 outside
the scope); the findings are those of the published report of the same period and scope, else
written from the data now.
"""

from django.http import HttpResponse
from ninja import Router

from jiesu.api.v1.schemas.common import ERRORS, ErrorOut
from jiesu.reports.services import DOCX, report_document

router = Router(tags=["分析报告 reports"])

DOCX_RESPONSE = {
    "description": "Word (.docx)",
    "content": {DOCX: {"schema": {"type": "string", "format": "binary"}}},
}


@router.get(
    "/reports/{kind}.docx",
    response={ERRORS | {503}: ErrorOut},
    url_name="report-docx",
    summary="分析报告 analysis report (Word)",
    openapi_extra={"responses": {200: DOCX_RESPONSE}},
)
def report_docx(request, kind: str, period: str = "", department: str = "", name: str = ""):
    """`kind`: monthly | quarterly | half | annual | holiday; `period`: 2025-03, 2025-Q1, 2025-H1,
    2025 or 2025-01-28..2025-02-04; `department`: a code inside the caller's scope; `name`: the
    holiday's name (春节). 503 `font_missing` when the server has no CJK font for the charts."""
    document = report_document(
        viewer=request.auth, kind=kind, period=period, department=department, name=name
    )
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response
