"""A streaming writer of one-sheet .xlsx workbooks: a bold header row kept in view, then rows of
text, numbers and dates, written into the zip as they come so memory stays flat.

Exports write it themselves rather than through openpyxl because openpyxl's per-cell layer made
100,000 orders take about 63 s against issue 6's 30 s (docs/architecture.md, "Why exports write
the sheet themselves"). It holds only what exports need: inline strings (no shared-strings table
to keep in memory, and never a formula, whatever the text starts with), numbers, dates and
datetimes with a date format, column widths and a frozen header.
"""

import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from math import isfinite
from typing import IO

#: Excel's limit on the characters of one cell; a longer text makes Excel report a damaged file.
CELL_MAX_CHARS = 32_767
#: Rows gathered before one write into the zip: each write deflates and checksums, so fewer,
#: larger writes are cheaper, and a few hundred rows are still only tens of kilobytes.
_ROWS_PER_WRITE = 200

#: Characters XML 1.0 cannot hold even escaped (control characters, lone surrogates, U+FFFE/F):
#: one of them makes Excel refuse the whole file, so they are dropped.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Anything that needs more than copying the text through; most cells have none of it.
_NEEDS_CARE = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: Serial numbers count days from 30 December 1899 (with Lotus 1-2-3's phantom 29 February 1900).
_EPOCH = datetime(1899, 12, 30)
_EPOCH_DATE = _EPOCH.date()

#: Indexes into styles.xml's cellXfs below.
_HEAD_STYLE, _DATE_STYLE, _DATETIME_STYLE = 1, 2, 3

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_CONTENT_TYPES = (
    f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
#: Fill 1 (gray125) is reserved by Excel; cellXfs: 0 plain, 1 header, 2 date, 3 date and time.
_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDE7F3"/></patternFill></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def sheet_write(
    target: IO[bytes], *, title: str, header: Sequence[str], widths: Sequence[float], rows: Iterable[Sequence]
) -> int:
    """Write `header` (bold, filled, frozen) and then `rows` as the only sheet of an .xlsx into
    `target`; return the number of rows after the header.

    A value is None or empty text (an empty cell), text, a number, a date or a naive datetime
    (Excel holds no time zone). Text is cleaned of what XML cannot hold and cut at Excel's cell
    limit. A date before 1900 has no Excel serial number and is written as its ISO text.
    """
    letters = [_column_letter(index) for index in range(1, len(header) + 1)]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("xl/workbook.xml", _workbook(title))
        package.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        package.writestr("xl/styles.xml", _STYLES)
        with package.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(_sheet_start(widths).encode())
            head = "".join(
                f'<c r="{letter}1" s="{_HEAD_STYLE}" t="inlineStr"><is>{_inline(str(text))}</is></c>'
                for letter, text in zip(letters, header, strict=True)
            )
            pending = [f'<row r="1">{head}</row>']
            number = 1
            for values in rows:
                number += 1
                pending.append(_row(number, letters, values))
                if len(pending) >= _ROWS_PER_WRITE:
                    sheet.write("".join(pending).encode())
                    pending.clear()
            pending.append("</sheetData></worksheet>")
            sheet.write("".join(pending).encode())
    return number - 1


def _row(number: int, letters: list[str], values: Sequence) -> str:
    """One `<row>`. Empty cells are left out, so every cell written names its place; text and whole
    numbers, most of an export's cells, are written here without a further call."""
    cells = [f'<row r="{number}">']
    for letter, value in zip(letters, values, strict=True):
        if value is None:
            continue
        kind = type(value)
        if kind is str:
            if not value:
                continue
            cells.append(f'<c r="{letter}{number}" t="inlineStr"><is>{_inline(value)}</is></c>')
        elif kind is int:
            cells.append(f'<c r="{letter}{number}"><v>{value}</v></c>')
        else:
            cells.append(_cell(f"{letter}{number}", value))
    cells.append("</row>")
    return "".join(cells)


def _cell(ref: str, value) -> str:
    """Dates become serial numbers shown through a date format, so Excel sorts and filters them as
    dates. An infinite or NaN number has no numeric cell and, like a date before 1900, is written
    as its text."""
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is>{_inline(value)}</is></c>' if value else ""
    if isinstance(value, datetime):
        if value.year < 1900:
            return _cell(ref, value.isoformat(sep=" "))
        delta = value - _EPOCH
        fraction = (delta.seconds + delta.microseconds / 1_000_000) / 86_400
        return f'<c r="{ref}" s="{_DATETIME_STYLE}"><v>{_serial_day(delta.days) + fraction}</v></c>'
    if isinstance(value, date):
        if value.year < 1900:
            return _cell(ref, value.isoformat())
        return f'<c r="{ref}" s="{_DATE_STYLE}"><v>{_serial_day((value - _EPOCH_DATE).days)}</v></c>'
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if isfinite(value):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return _cell(ref, str(value))
    raise TypeError(f"an .xlsx cell cannot hold {type(value).__name__}")


def _serial_day(days: int) -> int:
    """Excel counts a 29 February 1900 that never was: days before 1 March 1900 are one less."""
    return days - 1 if days <= 60 else days


def _inline(text: str) -> str:
    """The `<t>` of an inline string; the rare text with markup or illegal characters costs a
    second look. Leading or trailing spaces are kept only when marked so."""
    if _NEEDS_CARE.search(text) is not None:
        text = _ILLEGAL.sub("", text)[:CELL_MAX_CHARS]
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    elif len(text) > CELL_MAX_CHARS:
        text = text[:CELL_MAX_CHARS]
    if text.strip() != text:
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


def _workbook(title: str) -> str:
    return (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f'<sheets><sheet name="{_attribute(title)}" sheetId="1" r:id="rId1"/></sheets>'
        "</workbook>"
    )


def _sheet_start(widths: Sequence[float]) -> str:
    """Everything before the first row: the header frozen (a pane split below row 1) and the
    column widths, which the schema requires ahead of the data."""
    columns = "".join(
        f'<col min="{index}" max="{index}" width="{width}" customWidth="1"/>'
        for index, width in enumerate(widths, start=1)
    )
    return (
        f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        "</sheetView></sheetViews>"
        f"{f'<cols>{columns}</cols>' if columns else ''}<sheetData>"
    )


def _attribute(text: str) -> str:
    return _ILLEGAL.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def _column_letter(index: int) -> str:
    """1 → A, 26 → Z, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
