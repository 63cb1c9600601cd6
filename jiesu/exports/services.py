"""Exporting a filtered order list to Excel for the UI and the API alike (issue 6 item 5).

The orders are those the viewer's order list shows for the same filters: the list's own scope and
filter definition (orders.selectors), so nobody exports an order they could not open. They stream
from the database in chunks of plain values into the streaming sheet writer of `exports.xlsx` in a temporary file;
the caller streams that file out. Only a workbook written in full is recorded and handed over.
"""

import tempfile
from dataclasses import asdict, dataclass
from typing import IO

from django.db import transaction

from jiesu.core import clock
from jiesu.exports.columns import Column, columns_parse
from jiesu.exports.excel import orders_workbook_write
from jiesu.exports.models import OrderExport
from jiesu.orders.selectors import OrderFilters, order_filter, order_scope
from jiesu.organisations.models import Staff
from jiesu.organisations.scope import may_view_personal_data
from jiesu.organisations.services import personal_data_access_record

#: Rows fetched per round trip (a server-side cursor on PostgreSQL): large enough that the
#: database is not the bottleneck, small enough that a chunk is a few megabytes at most.
CHUNK_ROWS = 2_000


@dataclass
class OrderExportFile:
    #: The .xlsx, positioned at its start; closing it deletes it.
    file: IO[bytes]
    filename: str
    record: OrderExport


def order_export_create(
    *, actor: Staff, filters: OrderFilters, columns: list[str], via: str
) -> OrderExportFile:
    """Write the viewer's filtered orders, newest first as the list shows them, with `columns`.

    Bad columns or filters are refused naming the field before anything is read. Personal columns
    are masked unless the viewer's roles need them (organisations.scope.may_view_personal_data);
    unmasked ones are a read of personal data and are also written to the access log.
    """
    chosen = columns_parse(columns)
    orders = order_filter(order_scope(actor), filters)
    fields = list(dict.fromkeys(name for column in chosen for name in column.fields))
    rows = orders.order_by("-received_at", "-id").values(*fields).iterator(chunk_size=CHUNK_ROWS)
    unmasked = may_view_personal_data(actor)
    now = clock.now()
    file = tempfile.TemporaryFile(suffix=".xlsx")
    try:
        count = orders_workbook_write(file, columns=chosen, rows=rows, unmasked=unmasked, now=now)
        record = _record(
            actor=actor, filters=filters, columns=chosen, count=count, unmasked=unmasked, via=via
        )
    except BaseException:
        file.close()
        raise
    file.seek(0)
    return OrderExportFile(file=file, filename=f"orders-{clock.local(now):%Y%m%d-%H%M%S}.xlsx", record=record)


@transaction.atomic
def _record(
    *, actor: Staff, filters: OrderFilters, columns: list[Column], count: int, unmasked: bool, via: str
) -> OrderExport:
    personal = [column.personal_field for column in columns if column.personal]
    record = OrderExport.objects.create(
        staff=actor,
        via=via,
        filters={name: value for name, value in asdict(filters).items() if value},
        columns=[column.code for column in columns],
        row_count=count,
        unmasked=unmasked and bool(personal),
    )
    if record.unmasked and count:
        personal_data_access_record(
            staff=actor,
            subject=f"export-{record.pk}",
            fields=personal,
            via=via,
            detail={"export": record.pk, "rows": count},
        )
    return record
