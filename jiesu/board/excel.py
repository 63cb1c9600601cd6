"""The daily board as an Excel sheet: what the centre files or forwards after the morning meeting
(seed 000's daily review; seed 000 also asks for exports that break the numbers down). The same
rows and columns as the page, from the same `Board`, so the sheet never disagrees with the screen.
"""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from jiesu.board.selectors import COLUMN_LABELS, COLUMNS, Board, BoardRow

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F3")
_OVERDUE = Font(bold=True, color="C42B1C")
_CLEARED = Font(bold=True, color="15803D")


def board_workbook(board: Board) -> bytes:
    """The .xlsx bytes of `board`: a title row naming the day and the scope, a note of the bands,
    the headers, one row per department (indented by depth) and the total. Written in openpyxl's
    write-only mode, which streams rows instead of holding a cell object per value."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("每日清单"))
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 12
    for index in range(3, len(COLUMNS) + 4):  # the counts and the cleared mark
        sheet.column_dimensions[get_column_letter(index)].width = 11
    sheet.freeze_panes = "C4"
    sheet.append([_cell(sheet, board_title(board), _TITLE)])
    sheet.append([board_note(board)])
    sheet.append([_head(sheet, text) for text in _headers()])
    for row in board.rows:
        sheet.append(_line(sheet, row, row.department.name, row.department.get_kind_display()))
    sheet.append(_line(sheet, board.total, _("合计"), "", bold=True))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def board_title(board: Board) -> str:
    scope = board.scope.name if board.scope else _("全部单位")
    return _("每日工单清单 %(day)s（范围：%(scope)s）") % {"day": board.day.isoformat(), "scope": scope}


def board_note(board: Board) -> str:
    """How to read the bands; the same words as the page's legend."""
    return _(
        "新收：%(received)s 接收的工单；未办结：当前在办；当日到期：%(day)s 到期的计时中时限；"
        "2/3个工作日内：至 %(two)s / %(three)s 到期（累计，不含当日）；已超期：%(day)s 之前到期仍未完成"
    ) % {
        "received": board.received_on.isoformat(),
        "day": board.day.isoformat(),
        "two": board.due_2wd_until.isoformat(),
        "three": board.due_3wd_until.isoformat(),
    }


def board_filename(board: Board) -> str:
    return f"daily-board-{board.day.isoformat()}.xlsx"


def _headers() -> list[str]:
    return [_("单位"), _("类型"), *(str(COLUMN_LABELS[c]) for c in COLUMNS), _("当日清零")]


def _line(sheet, row: BoardRow, name: str, kind: str, *, bold: bool = False) -> list:
    counts = row.counts
    cells = [_cell(sheet, "\u3000" * row.depth + name, _BOLD if bold else None), kind]
    for column in COLUMNS:
        value = getattr(counts, column)
        font = _OVERDUE if column == "overdue" and value else (_BOLD if bold else None)
        cells.append(_cell(sheet, value, font))
    cleared = _cell(sheet, _("已清零") if row.cleared else _("未清零"), _CLEARED if row.cleared else _OVERDUE)
    return [*cells, cleared]


def _cell(sheet, value, font=None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    return cell


def _head(sheet, text: str) -> WriteOnlyCell:
    cell = _cell(sheet, text, _BOLD)
    cell.fill = _HEAD_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    return cell
