"""Writing the orders' sheet: each order becomes one row of `jiesu.exports.xlsx`'s streaming writer.

The writer deflates rows into the file as they arrive and writes text as inline strings (no
shared-strings table), so memory stays flat however many rows stream through: 100,000 orders cost
what a hundred do (docs/benchmarks.md, "Order export to Excel"). It writes the sheet XML itself,
without openpyxl's per-cell layer, to meet issue 6's 30 s for them (docs/architecture.md).
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import IO

from django.utils.translation import gettext as _

from jiesu.exports.columns import Column
from jiesu.exports.xlsx import sheet_write


def orders_workbook_write(
    target: IO[bytes], *, columns: list[Column], rows: Iterable[dict], unmasked: bool, now: datetime
) -> int:
    """Write a header and one line per row of `rows` (dicts of `WorkOrder.objects.values()`) as
    .xlsx into `target`; return the number of orders written. Personal columns go through their
    mask unless `unmasked`.

    Staff's text is not trusted input: the writer drops what XML cannot hold, cuts at Excel's cell
    limit and stores every text as an inline string, which Excel never runs as a formula, so a
    description starting with "=" stays the words the complainant gave.
    """
    cells = [_cell_reader(column, unmasked=unmasked, now=now) for column in columns]
    return sheet_write(
        target,
        title=_("工单"),
        header=[str(column.header) for column in columns],
        widths=[column.width for column in columns],
        rows=([read(row) for read in cells] for row in rows),
    )


def _cell_reader(column: Column, *, unmasked: bool, now: datetime) -> Callable[[dict], object]:
    read = column.reader(now)
    if column.mask is None or unmasked:
        return read
    mask = column.mask
    return lambda row: mask(read(row))
