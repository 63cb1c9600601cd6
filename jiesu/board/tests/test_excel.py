"""The Excel export read back with openpyxl: the title names the day and the scope, the headers are
the page's, and each row carries the board's numbers."""

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from jiesu.board.excel import board_workbook
from jiesu.board.selectors import COLUMN_LABELS, COLUMNS, board_for
from jiesu.board.tests.factories import consultation_at, order_at
from jiesu.orders.tests.checks import sh


def sheet_rows(content: bytes) -> list[tuple]:
    workbook = load_workbook(BytesIO(content), read_only=True)
    [sheet] = workbook.worksheets
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_the_sheet_has_title_headers_a_row_per_department_and_the_total(org, time_machine):
    time_machine.move_to(sh(2025, 9, 30, 9), tick=False)
    order_at(org, sh(2025, 9, 22, 10), department=org.office_a1)  # due today, acknowledge overdue
    consultation_at(org, sh(2025, 9, 29, 10))  # received yesterday at the centre, due today
    board = board_for(viewer=org.leader_a, day=date(2025, 9, 30))

    title, note, headers, *lines = sheet_rows(board_workbook(board))

    assert "2025-09-30" in title[0] and "西城区局" in title[0]
    assert "2025-10-10" in note[0] and "2025-10-11" in note[0]  # where the 2 and 3 working-day bands end
    assert headers == ("单位", "类型", *(str(COLUMN_LABELS[c]) for c in COLUMNS), "当日清零")
    assert "未办结" in headers and "待派单" in headers and "其中延期审批中" in headers
    names = [line[0].strip("\u3000") for line in lines]
    assert names == ["西城区局", "西长安街所", "金融街所", "合计"]
    office = dict(zip(headers, lines[1], strict=True))
    assert office["单位"] == "\u3000西长安街所" and office["类型"] == "市场监管所"
    assert (office["未办结"], office["已派单未受理"], office["当日到期"], office["已超期"]) == (1, 1, 1, 1)
    assert office["当日清零"] == "未清零"
    assert dict(zip(headers, lines[2], strict=True))["当日清零"] == "已清零"
    total = dict(zip(headers, lines[-1], strict=True))
    assert [total[str(COLUMN_LABELS[c])] for c in COLUMNS] == [getattr(board.total.counts, c) for c in COLUMNS]


def test_the_centres_sheet_covers_all_departments(org):
    board = board_for(viewer=org.centre_leader, day=date(2025, 3, 3))

    title, _note, _headers, *lines = sheet_rows(board_workbook(board))

    assert "全部单位" in title[0]
    assert len(lines) == len(board.rows) + 1
