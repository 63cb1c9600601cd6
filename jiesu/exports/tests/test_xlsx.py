"""The streaming .xlsx writer read back with openpyxl, in normal and read-only mode: what each kind
of value becomes, the header's look, and text that XML or Excel could not take as it is."""

import zipfile
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from jiesu.exports.xlsx import CELL_MAX_CHARS, sheet_write


def written(rows, *, header=("A", "B"), widths=(10, 20), title="工单") -> tuple[BytesIO, int]:
    file = BytesIO()
    count = sheet_write(file, title=title, header=list(header), widths=list(widths), rows=rows)
    file.seek(0)
    return file, count


def sheet_of(rows, **options):
    file, _ = written(rows, **options)
    return load_workbook(file).active


def test_the_package_holds_the_parts_excel_needs_and_opens_in_both_openpyxl_modes():
    file, count = written([["x", 1]])

    with zipfile.ZipFile(file) as package:
        assert package.testzip() is None
        assert set(package.namelist()) == {
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
        }
        assert package.getinfo("xl/worksheets/sheet1.xml").compress_type == zipfile.ZIP_DEFLATED
    file.seek(0)
    normal = load_workbook(file)
    file.seek(0)
    read_only = load_workbook(file, read_only=True)

    assert count == 1
    assert normal.sheetnames == read_only.sheetnames == ["工单"]
    expected = [("A", "B"), ("x", 1)]
    assert list(normal.active.iter_rows(values_only=True)) == expected
    assert list(read_only.active.iter_rows(values_only=True)) == expected


def test_text_numbers_and_empty_cells_keep_their_kind():
    sheet = sheet_of(
        [["text", 42, Decimal("299.50"), 1.25, None, "", Decimal("0.00"), -7]],
        header="ABCDEFGH",
        widths=[10] * 8,
    )

    cells = sheet[2]
    assert [cell.value for cell in cells] == ["text", 42, 299.5, 1.25, None, None, 0, -7]
    assert [cell.data_type for cell in cells] == ["s", "n", "n", "n", "n", "n", "n", "n"]


def test_dates_and_datetimes_are_excel_dates_with_a_date_format():
    sheet = sheet_of([[date(2025, 2, 20), datetime(2025, 3, 8, 23, 59, 59)]])

    day, moment = sheet[2]
    assert day.is_date and moment.is_date
    assert (day.number_format, moment.number_format) == ("yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss")
    assert day.value == datetime(2025, 2, 20)
    assert moment.value == datetime(2025, 3, 8, 23, 59, 59)


def test_dates_around_excels_phantom_29_february_1900_keep_their_day():
    days = [date(1900, 1, 1), date(1900, 2, 28), date(1900, 3, 1), datetime(1900, 1, 1, 12)]

    sheet = sheet_of([days], header="ABCD", widths=[10] * 4)

    assert [cell.value for cell in sheet[2]] == [
        datetime(1900, 1, 1),
        datetime(1900, 2, 28),
        datetime(1900, 3, 1),
        datetime(1900, 1, 1, 12),
    ]


def test_values_without_an_excel_number_are_written_as_their_text():
    sheet = sheet_of([[date(1899, 12, 31), float("inf")]])

    assert [(cell.value, cell.data_type) for cell in sheet[2]] == [("1899-12-31", "s"), ("inf", "s")]


def test_a_value_the_writer_does_not_know_is_refused():
    with pytest.raises(TypeError):
        written([[True, None]])


def test_the_header_is_bold_filled_and_frozen_with_the_column_widths():
    sheet = sheet_of([["x", "y"]], widths=(17, 60))

    assert all(cell.font.b and cell.fill.fgColor.rgb == "FFDDE7F3" for cell in sheet[1])
    assert not sheet["A2"].font.b and sheet["A2"].fill.fill_type is None
    assert sheet.freeze_panes == "A2"
    assert (sheet.sheet_view.pane.ySplit, sheet.sheet_view.pane.state) == (1, "frozen")
    assert (sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width) == (17, 60)


def test_text_that_looks_like_a_formula_stays_text():
    formula = '=HYPERLINK("http://example.com","点我")'

    cell = sheet_of([[formula, "=1+1"]])["A2"]

    assert (cell.value, cell.data_type) == (formula, "s")


def test_markup_and_edge_spaces_survive_and_characters_xml_cannot_hold_are_dropped():
    file, _ = written([["a < b & c > d", "  说明\n第二行 "], ["响\x00应\x1f\x0b", "\ufffe\ud800ok\tfine"]])
    with zipfile.ZipFile(file) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
    sheet = load_workbook(file).active

    # Excel trims a text's edge spaces unless told to keep them; openpyxl keeps them either way.
    assert '<t xml:space="preserve">  说明' in xml
    assert [cell.value for cell in sheet[2]] == ["a < b & c > d", "  说明\n第二行 "]
    assert [cell.value for cell in sheet[3]] == ["响应", "ok\tfine"]


def test_text_longer_than_an_excel_cell_is_cut_at_its_limit():
    sheet = sheet_of([["长" * (CELL_MAX_CHARS + 10), "<" * (CELL_MAX_CHARS + 1)]])

    assert sheet["A2"].value == "长" * CELL_MAX_CHARS
    assert sheet["B2"].value == "<" * CELL_MAX_CHARS


def test_the_sheet_title_is_escaped():
    file, _ = written([], title="A&B <1>")

    assert load_workbook(file).sheetnames == ["A&B <1>"]


def test_many_rows_stream_through_in_order_and_are_counted():
    rows = ([f"order-{n}", n] for n in range(1, 5_001))

    file, count = written(rows)
    sheet = load_workbook(file, read_only=True).active
    values = list(sheet.iter_rows(min_row=2, values_only=True))

    assert count == 5_000
    assert values == [(f"order-{n}", n) for n in range(1, 5_001)]


def test_no_rows_is_a_header_alone():
    file, count = written(iter(()))

    assert count == 0
    assert list(load_workbook(file).active.iter_rows(values_only=True)) == [("A", "B")]
