"""Reading call logs without a database: encodings, Excel, headers, mapping and each cell's rules."""

from datetime import datetime

import pytest

from jiesu.calls.importing import (
    RowError,
    answered_parse,
    called_at_parse,
    mapping_columns,
    mapping_guess,
    mapping_parse,
    rows_parse,
    sheet_read,
    wait_parse,
)
from jiesu.calls.tests.factories import CHINESE_HEADER, ENGLISH_HEADER, at, csv_bytes, xlsx_bytes
from jiesu.core.errors import InvalidInput

ROWS = [("13800138000", "2025-03-04 09:15:00", "no", 30), ("010-88889999", "2025/3/4 9:20", "yes", 5)]


def parse(content: bytes, mapping=None):
    sheet = sheet_read(content)
    return rows_parse(sheet, mapping_columns(sheet.headers, mapping))


def test_english_headers_are_recognised_without_a_mapping():
    rows, errors = parse(csv_bytes(ROWS))
    assert errors == []
    assert [(r.line, r.caller, r.called_at, r.answered, r.wait_seconds) for r in rows] == [
        (2, "13800138000", at(2025, 3, 4, 9, 15), False, 30),
        (3, "010-88889999", at(2025, 3, 4, 9, 20), True, 5),
    ]


def test_chinese_headers_in_a_gbk_csv_with_chinese_yes_no():
    content = csv_bytes([("138 0013 8000", "2025-03-04 09:15", "否", "")], header=CHINESE_HEADER, encoding="gbk")
    [row], errors = parse(content)
    assert errors == []
    assert (row.caller, row.answered, row.wait_seconds) == ("13800138000", False, 0)


def test_utf8_with_a_byte_order_mark_keeps_the_first_header():
    content = b"\xef\xbb\xbf" + csv_bytes(ROWS)
    assert sheet_read(content).headers == ENGLISH_HEADER


def test_an_xlsx_workbook_with_excel_datetimes_and_numbers():
    content = xlsx_bytes([(13800138000, datetime(2025, 3, 4, 9, 15), "是", 12.0), (None, None, None, None),
                          (13900139000, 45720.5, 0, None)])
    rows, errors = parse(content)
    assert errors == []
    assert [(r.line, r.caller, r.called_at, r.answered, r.wait_seconds) for r in rows] == [
        (2, "13800138000", at(2025, 3, 4, 9, 15), True, 12),
        (4, "13900139000", at(2025, 3, 4, 12, 0), False, 0),
    ]


def test_bad_rows_are_reported_by_line_and_field_and_good_rows_kept():
    content = csv_bytes([ROWS[0], ("12345", "2025-03-04 09:16", "maybe", "-3"), ("", "", "yes", ""), ROWS[1]])
    rows, errors = parse(content)
    assert [r.line for r in rows] == [2, 5]
    assert [(e.line, e.field) for e in errors] == [(3, "caller"), (3, "answered"), (3, "wait"), (4, "caller"),
                                                   (4, "time")]
    assert "12345" in errors[0].message and "maybe" in errors[1].message


def test_a_call_in_the_future_is_refused():
    _rows, [error] = parse(csv_bytes([("13800138000", "2099-01-01 09:00", "no", 0)]))
    assert error == RowError(2, "time", "来电时间晚于当前时间")


def test_a_mapping_names_the_files_own_columns():
    content = csv_bytes([("2025-03-04 09:15", "13800138000", "未接", "1"), ("2025-03-04 09:16", "13800138001", "x", "0")],
                        header=["开始时间", "主叫", "备注", "接通"])
    rows, errors = parse(content, mapping_parse("caller=主叫,time=开始时间,answered=接通"))
    assert errors == []
    assert [(r.caller, r.answered) for r in rows] == [("13800138000", True), ("13800138001", False)]


def test_unknown_headers_without_a_mapping_name_every_missing_field():
    sheet = sheet_read(csv_bytes([], header=["a", "b", "c"]))
    with pytest.raises(InvalidInput) as caught:
        mapping_columns(sheet.headers, None)
    assert set(caught.value.fields) == {"caller", "time", "answered"}
    assert "a、b、c" in caught.value.detail


def test_a_mapping_to_a_missing_column_or_the_same_column_twice_is_refused():
    with pytest.raises(InvalidInput) as missing:
        mapping_columns(ENGLISH_HEADER, {"caller": "主叫"})
    assert "主叫" in missing.value.fields["caller"][0]
    with pytest.raises(InvalidInput) as twice:
        mapping_columns(ENGLISH_HEADER, {"time": "caller"})
    assert "time" in twice.value.fields or "caller" in twice.value.fields


@pytest.mark.parametrize("text", ["caller", "phone=x", "caller="])
def test_a_malformed_map_is_refused(text):
    with pytest.raises(InvalidInput) as caught:
        mapping_parse(text)
    assert "map" in caught.value.fields


def test_headers_are_guessed_whatever_their_case():
    assert mapping_guess(["Caller", "TIME", "Answered"]) == {"caller": "Caller", "time": "TIME", "answered": "Answered"}


@pytest.mark.parametrize(("value", "expected"), [
    ("yes", True), ("No", False), ("TRUE", True), ("false", False), ("1", True), ("0", False),
    ("是", True), ("否", False), (True, True), (0, False), (1.0, True),
])
def test_answered_values(value, expected):
    assert answered_parse(value) is expected


@pytest.mark.parametrize("value", ["maybe", "2", "", None])
def test_answered_values_that_are_not_yes_or_no(value):
    with pytest.raises(ValueError):
        answered_parse(value)


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-03-04 09:15:00", at(2025, 3, 4, 9, 15)),
    ("2025/3/4 9:15", at(2025, 3, 4, 9, 15)),
    ("2025年3月4日 09:15", at(2025, 3, 4, 9, 15)),
    ("2025-03-04T01:15:00+00:00", at(2025, 3, 4, 9, 15)),
    (datetime(2025, 3, 4, 9, 15), at(2025, 3, 4, 9, 15)),
    ("45720.25", at(2025, 3, 4, 6, 0)),
])
def test_time_formats(value, expected):
    assert called_at_parse(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "2025-13-01 09:00", "", "12"])
def test_times_that_cannot_be_read(value):
    with pytest.raises(ValueError):
        called_at_parse(value)


@pytest.mark.parametrize(("value", "expected"), [("", 0), (None, 0), ("17", 17), (8.0, 8)])
def test_wait_seconds(value, expected):
    assert wait_parse(value) == expected


@pytest.mark.parametrize("value", ["-1", "1.5", "abc"])
def test_wait_seconds_must_be_a_whole_non_negative_number(value):
    with pytest.raises(ValueError):
        wait_parse(value)


@pytest.mark.parametrize(("content", "word"), [(b"", "空"), (b"\xd0\xcf\x11\xe0rest", ".xls"),
                                               (b"PK\x03\x04broken", "Excel")])
def test_files_that_cannot_be_read_at_all(content, word):
    with pytest.raises(InvalidInput) as caught:
        sheet_read(content)
    assert word in caught.value.detail
