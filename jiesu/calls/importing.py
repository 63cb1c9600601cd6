"""Reading the telephony system's call log (来电零遗漏, seed 004): CSV or Excel, any column names.

Pure parsing, no database: a file becomes rows of (caller, time, answered, wait) plus a list of
what was wrong where, by line number as a spreadsheet shows it (the header is line 1). A bad row
never stops the good ones: the operator fixes the few lines the report names and imports again,
which adds only what is new. A file that cannot be read at all, or a column mapping that does not
fit it, is an InvalidInput instead: then nothing is imported.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _

from jiesu.core import clock
from jiesu.core.errors import InvalidInput, field_error
from jiesu.core.identity import phone_is_valid, phone_normalise

#: The fields of a call, in the order of `--map caller=COL,time=COL,answered=COL,wait=COL`.
FIELDS = ("caller", "time", "answered", "wait")
REQUIRED = ("caller", "time", "answered")

#: Headers recognised without a mapping: the English export and the Chinese one (issue item 6).
KNOWN_HEADERS = {
    "caller": ("caller", "主叫号码"),
    "time": ("time", "来电时间"),
    "answered": ("answered", "是否接通"),
    "wait": ("wait_seconds", "等待秒数"),
}

_YES = frozenset({"yes", "true", "1", "是"})
_NO = frozenset({"no", "false", "0", "否"})
_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
    "%Y.%m.%d %H:%M:%S", "%Y.%m.%d %H:%M", "%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H:%M",
    "%Y%m%d%H%M%S",
)
#: Excel serial day numbers between 1970 and 2120: a number outside is not a date at all.
_EXCEL_SERIALS = (25569, 80000)
_EXCEL_EPOCH = datetime(1899, 12, 30)
_FUTURE_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True)
class RowError:
    """What was wrong with one cell: reported as `line L: <field>: <message>`."""

    line: int
    field: str
    message: str


@dataclass(frozen=True)
class CallRow:
    line: int
    caller: str
    called_at: datetime
    answered: bool
    wait_seconds: int


@dataclass
class Sheet:
    """The file's header and its data rows, each with the line it stands on."""

    headers: list[str]
    header_line: int
    rows: list[tuple[int, list]]


# --- reading the file ----------------------------------------------------------------------------


def sheet_read(content: bytes) -> Sheet:
    """Read an .xlsx workbook (its first sheet) or a CSV in UTF-8 (with or without BOM) or GBK, the
    two encodings telephony exports come in. The first non-empty row is the header."""
    if content.startswith(b"PK\x03\x04"):
        lines = _xlsx_lines(content)
    elif content.startswith(b"\xd0\xcf\x11\xe0"):
        raise field_error("file", _("不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后导入"))
    else:
        lines = _csv_lines(_decode(content))
    return _sheet(lines)


def _decode(content: bytes) -> str:
    """UTF-8 first (a GBK file is almost never valid UTF-8), then GB18030, the superset of GBK."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise field_error("file", _("无法识别文件编码，请保存为 UTF-8 或 GBK 编码的 CSV"))


def _csv_lines(text: str) -> Iterable[tuple[int, list]]:
    """Records with the line each starts on (a quoted cell may span lines). Comma, tab or
    semicolon, whichever the header uses most."""
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for record in reader:
            yield start, record
            start = reader.line_num + 1
    except csv.Error as exc:
        raise field_error("file", _("第 %(line)d 行 CSV 格式有误：%(error)s") % {
            "line": reader.line_num, "error": exc}) from None


def _xlsx_lines(content: bytes) -> list[tuple[int, list]]:
    import openpyxl  # only an Excel import pays for loading it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise field_error("file", _("无法读取 Excel 文件：%(error)s") % {"error": exc}) from None
    try:
        sheet = workbook.worksheets[0]
        lines = []
        for cells in sheet.iter_rows():
            row = next((c.row for c in cells if getattr(c, "row", None)), None)
            if row is not None:
                lines.append((row, [c.value for c in cells]))
        return lines
    finally:
        workbook.close()


def _blank(cells: list) -> bool:
    return all(c is None or str(c).strip() == "" for c in cells)


def _sheet(lines: Iterable[tuple[int, list]]) -> Sheet:
    header, header_line, rows = None, 0, []
    for line, cells in lines:
        if _blank(cells):
            continue
        if header is None:
            header, header_line = [header_name(c) for c in cells], line
        else:
            rows.append((line, list(cells)))
    if header is None:
        raise field_error("file", _("文件是空的"))
    while header and header[-1] == "":
        header.pop()
    return Sheet(headers=header, header_line=header_line, rows=rows)


def header_name(cell) -> str:
    return "" if cell is None else str(cell).replace("\ufeff", "").strip()


# --- which column is which -------------------------------------------------------------------------


def mapping_guess(headers: list[str]) -> dict[str, str]:
    """Field → header for every field whose name the file uses (KNOWN_HEADERS), case-insensitively."""
    by_key = {h.casefold(): h for h in headers if h}
    guessed = {}
    for field, names in KNOWN_HEADERS.items():
        for name in names:
            if name.casefold() in by_key:
                guessed[field] = by_key[name.casefold()]
                break
    return guessed


def mapping_parse(text: str) -> dict[str, str]:
    """`caller=主叫,time=开始时间,answered=状态,wait=排队时长` as the shell's --map gives it."""
    mapping = {}
    for part in (p.strip() for p in (text or "").split(",")):
        if not part:
            continue
        field, sep, column = (s.strip() for s in part.partition("="))
        if not sep or not column:
            raise field_error("map", _("“%(part)s”应写作 字段=列名") % {"part": part})
        if field not in FIELDS:
            raise field_error("map", _("未知字段“%(field)s”，可用 %(fields)s") % {
                "field": field, "fields": "、".join(FIELDS)})
        mapping[field] = column
    return mapping


def mapping_columns(headers: list[str], mapping: Mapping[str, str] | None) -> dict[str, int]:
    """Field → column index. Without a mapping the known headers are used; with one, what it names
    wins and the known headers fill in fields it leaves out. Every required field needs a column,
    and no column may serve two fields."""
    chosen = {**mapping_guess(headers), **{k: v for k, v in (mapping or {}).items() if v}}
    index = {h.casefold(): i for i, h in reversed(list(enumerate(headers))) if h}
    errors: dict[str, list[str]] = {}
    columns = {}
    for field, column in chosen.items():
        position = index.get(header_name(column).casefold())
        if position is None:
            errors.setdefault(field, []).append(_("文件中没有列“%(column)s”") % {"column": column})
        else:
            columns[field] = position
    for field in REQUIRED:
        if field not in chosen:
            errors.setdefault(field, []).append(_("请指定这一项对应的列"))
    taken: dict[int, str] = {}
    for field, position in columns.items():
        if position in taken:
            errors.setdefault(field, []).append(
                _("与 %(other)s 指定了同一列") % {"other": taken[position]})
        taken[position] = field
    if errors:
        raise InvalidInput(_("列对应关系有误，表头为：%(headers)s") % {"headers": "、".join(headers)},
                           fields=errors)
    return columns


# --- reading one row -----------------------------------------------------------------------------


def rows_parse(sheet: Sheet, columns: Mapping[str, int]) -> tuple[list[CallRow], list[RowError]]:
    """Every good row and every bad cell; a row with any bad cell is left out whole."""
    good, errors = [], []
    now = clock.now()
    for line, cells in sheet.rows:
        if _blank(cells):
            continue
        row, row_errors = _row_parse(line, cells, columns, now)
        errors.extend(row_errors)
        if row is not None:
            good.append(row)
    return good, errors


def _cell(cells: list, columns: Mapping[str, int], field: str):
    position = columns.get(field)
    if position is None or position >= len(cells):
        return None
    value = cells[position]
    return value.strip() if isinstance(value, str) else value


def _row_parse(line: int, cells: list, columns: Mapping[str, int], now: datetime):
    errors = []
    values = {}
    for field, parse in (("caller", caller_parse), ("time", called_at_parse),
                         ("answered", answered_parse), ("wait", wait_parse)):
        try:
            values[field] = parse(_cell(cells, columns, field))
        except ValueError as exc:
            errors.append(RowError(line, field, str(exc)))
    if "time" in values and values["time"] > now + _FUTURE_TOLERANCE:
        errors.append(RowError(line, "time", _("来电时间晚于当前时间")))
    if errors:
        return None, errors
    return CallRow(line, values["caller"], values["time"], values["answered"], values["wait"]), []


def caller_parse(value) -> str:
    """The number as intake would store it (core.identity), so a call-back's phone finds the
    caller's orders. Excel keeps a long number as an integer or a float."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValueError(_("缺少主叫号码"))
    phone = phone_normalise(text)
    if not phone_is_valid(phone):
        raise ValueError(_("号码“%(value)s”格式不正确，应为手机号或带区号的固定电话") % {"value": text})
    return phone


def called_at_parse(value) -> datetime:
    """An aware time; a time without an offset is Beijing time, as the telephony system logs it.
    Excel gives a datetime, or a serial day number when the cell is not formatted as a date."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        raise ValueError(_("来电时间缺少时分"))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        moment = _excel_serial(value)
    else:
        moment = _time_text(value)
    if moment is None:
        raise ValueError(_("无法识别来电时间“%(value)s”，应如 2025-03-04 09:15:00") % {"value": value or ""})
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=clock.SHANGHAI)


def _excel_serial(number: float) -> datetime | None:
    if not _EXCEL_SERIALS[0] <= number <= _EXCEL_SERIALS[1]:
        return None
    return (_EXCEL_EPOCH + timedelta(days=number)).replace(microsecond=0)


def _time_text(value) -> datetime | None:
    text = re.sub(r"\s+", " ", str(value or "")).strip()
    if not text:
        raise ValueError(_("缺少来电时间"))
    for fmt in _TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _excel_serial(float(text))
    return None


def answered_parse(value) -> bool:
    """yes/no, true/false, 1/0 or 是/否, in any case; Excel may give a real boolean or a number."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(value if value is not None else "").strip().casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    if not text:
        raise ValueError(_("缺少是否接通"))
    raise ValueError(_("无法识别“%(value)s”，应为 是/否、yes/no、true/false 或 1/0") % {"value": value})


def wait_parse(value) -> int:
    """Whole seconds in the queue; an empty cell (or no such column) is 0."""
    if value is None or (isinstance(value, str) and not value):
        return 0
    if isinstance(value, bool):
        raise ValueError(_("等待秒数应为非负整数"))
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(_("等待秒数“%(value)s”应为非负整数") % {"value": value}) from None
    if number < 0 or not number.is_integer():
        raise ValueError(_("等待秒数“%(value)s”应为非负整数") % {"value": value})
    return int(number)
