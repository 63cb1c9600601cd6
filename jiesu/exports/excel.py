"""Writing the orders' sheet: openpyxl's write-only mode, one row at a time into a file.

Write-only mode serialises each appended row at once into a temporary file and writes strings inline
(no shared-strings table), so memory stays flat however many rows stream through: 100,000 orders
cost what a hundred do (docs/benchmarks.md, "Order export").
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from jiesu.exports.columns import Column

#: Excel's limit on the characters of one cell; a longer text makes Excel report a damaged file.
CELL_MAX_CHARS = 32_767
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F3")


def orders_workbook_write(
    target: IO[bytes], *, columns: list[Column], rows: Iterable[dict], unmasked: bool, now: datetime
) -> int:
    """Write a header and one line per row of `rows` (dicts of `WorkOrder.objects.values()`) as
    .xlsx into `target`; return the number of orders written. Personal columns go through their
    mask unless `unmasked`."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("工单"))
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.append([_head(sheet, str(column.header)) for column in columns])
    cells = [_cell_reader(column, unmasked=unmasked, now=now) for column in columns]
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, read(row)) for read in cells])
        count += 1
    workbook.save(target)
    return count


def _cell_reader(column: Column, *, unmasked: bool, now: datetime) -> Callable[[dict], object]:
    read = column.reader(now)
    if column.mask is None or unmasked:
        return read
    mask = column.mask
    return lambda row: mask(read(row))


def _cell(sheet, value):
    """Text as staff typed it, made safe for a cell: characters XML cannot hold are dropped (openpyxl
    would refuse the whole sheet), overlong text is cut at Excel's limit, and text starting with
    "=" stays text, because openpyxl would otherwise store it as a formula that runs when the file
    is opened (a complainant's description is not trusted input)."""
    if not isinstance(value, str):
        return value
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > CELL_MAX_CHARS:
        value = value[:CELL_MAX_CHARS]
    if value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value or None


def _head(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = _BOLD
    cell.fill = _HEAD_FILL
    return cell
