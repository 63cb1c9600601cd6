"""Order exports over the API (issue 6 item 5): the order list's filters in, an Excel file out.

`GET /api/v1/exports/orders.xlsx?<the order list's filters>&columns=number,received_at,...` streams
the workbook the export service wrote to a temporary file; the service checks columns and filters
(400 naming the field), keeps to the caller's scope, masks personal data by role and records the
export. `GET /api/v1/exports/columns` lists the column codes.
"""

from django.http import FileResponse
from ninja import Query, Router

from jiesu.api.v1.schemas.common import ERRORS, ErrorOut
from jiesu.api.v1.schemas.exports import ExportColumnPage, OrderExportQuery
from jiesu.exports.selectors import export_column_list
from jiesu.exports.services import order_export_create

router = Router(tags=["导出 exports"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_RESPONSE = {
    "description": "Excel (.xlsx)",
    "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
}


@router.get(
    "/exports/orders.xlsx",
    response={ERRORS: ErrorOut},
    url_name="export-orders",
    summary="导出工单 export orders to Excel",
    openapi_extra={"responses": {200: XLSX_RESPONSE}},
)
def export_orders(request, query: Query[OrderExportQuery]):
    """The orders `GET /api/v1/orders` would list for the same filters, newest first, all of them
    (no paging), one column per code in `columns`. Phone, ID number and address are masked unless
    the caller's roles need them; the export is written to the export log either way."""
    export = order_export_create(
        actor=request.auth, filters=query.filters(), columns=query.column_codes(), via="api"
    )
    return FileResponse(export.file, as_attachment=True, filename=export.filename, content_type=XLSX)


@router.get(
    "/exports/columns",
    response={200: ExportColumnPage, ERRORS: ErrorOut},
    url_name="export-columns",
    summary="可导出列 exportable columns",
)
def export_columns(request):
    """Every column code with its header, whether it is personal data and whether the caller would
    get it masked."""
    return {"items": export_column_list(viewer=request.auth), "next_cursor": None}
