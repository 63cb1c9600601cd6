"""The export service against the database: the rows and columns of the workbook, masking by role,
the viewer's scope, the export record and the access log, and refusals that write nothing."""

from datetime import datetime

import pytest
from openpyxl import load_workbook

from jiesu.core.errors import InvalidInput
from jiesu.exports.columns import COLUMNS
from jiesu.exports.models import OrderExport
from jiesu.exports.services import order_export_create
from jiesu.exports.tests.factories import ID_NUMBER, exported_rows
from jiesu.orders.selectors import OrderFilters
from jiesu.orders.tests.checks import sh
from jiesu.orders.tests.factories import register
from jiesu.organisations.models import PersonalDataAccess

PERSONAL = ["complainant_phone", "complainant_id_number", "complainant_address"]


def export(actor, columns, **filters):
    return order_export_create(actor=actor, filters=OrderFilters(**filters), columns=columns, via="ui")


def test_the_sheet_has_the_picked_columns_in_order_and_one_row_per_order_newest_first(org, orders):
    a1, a2, b1 = orders

    result = export(
        org.admin, ["number", "received_at", "type", "status", "requests", "department", "handler"]
    )

    header, *rows = exported_rows(result.file)
    assert header == ("工单编号", "接收时间", "类型", "状态", "诉求", "承办单位", "承办人")
    assert rows == [
        (b1.number, datetime(2025, 3, 3, 8, 0), "投诉", "已派单", "退货", "东华门所", None),
        (a2.number, datetime(2025, 3, 2, 9, 30), "咨询", "已派单", None, "西长安街所", None),
        (
            a1.number,
            datetime(2025, 3, 1, 10, 0),
            "投诉",
            "已派单",
            "退货、赔偿",
            "西长安街所",
            org.handler_a1.full_name,
        ),
    ]
    assert result.filename.startswith("orders-20250305-") and result.filename.endswith(".xlsx")


def test_every_column_of_the_registry_can_be_exported(org, orders):
    header, *rows = exported_rows(export(org.admin, list(COLUMNS)).file)

    assert header == tuple(str(column.header) for column in COLUMNS.values())
    assert len(rows) == 3 and all(len(row) == len(COLUMNS) for row in rows)
    first = dict(zip(header, rows[-1], strict=True))
    assert first["被诉方名称"] == "某某商场" and first["诉求人姓名"] == "张三"
    assert first["分流条线"] == "商超" and first["商品服务类别"] == "服装鞋帽"
    assert first["受理机构"] == "12315中心" and first["金额"] == 299
    # Nothing recovered yet is a 0, not a blank; a visit that has not happened is a blank.
    assert first["挽回经济损失"] == 0 and first["回访时间"] is None


def test_a_viewer_without_the_right_gets_personal_data_masked_and_no_access_log_row(org, orders):
    result = export(org.leader_a, ["number", *PERSONAL])

    _, *rows = exported_rows(result.file)
    assert rows[-1][1:] == ("138****8000", "1101**********002X", "西城区西长安****")
    assert result.record.unmasked is False
    assert not PersonalDataAccess.objects.exists()


def test_a_viewer_with_the_right_gets_personal_data_in_clear_and_the_access_log_says_so(org, orders):
    result = export(org.handler_a1, ["number", *PERSONAL])

    _, *rows = exported_rows(result.file)
    assert rows[-1][1:] == ("13800138000", ID_NUMBER, "西城区西长安街1号院3号楼")
    assert result.record.unmasked is True
    access = PersonalDataAccess.objects.get()
    assert (access.staff, access.subject, access.via) == (org.handler_a1, f"export-{result.record.pk}", "ui")
    assert access.fields == ["phone", "id_number", "address"]
    assert access.detail == {"export": result.record.pk, "rows": 2}


def test_an_export_without_personal_columns_is_not_unmasked_even_for_a_viewer_with_the_right(org, orders):
    result = export(org.handler_a1, ["number", "complainant_name"])

    assert result.record.unmasked is False
    assert not PersonalDataAccess.objects.exists()


def test_a_viewer_exports_only_the_orders_of_their_scope(org, orders):
    a1, a2, b1 = orders

    _, *rows = exported_rows(export(org.leader_a, ["number"]).file)
    assert rows == [(a2.number,), (a1.number,)]
    _, *rows = exported_rows(export(org.handler_b1, ["number"]).file)
    assert rows == [(b1.number,)]


def test_the_order_lists_filters_apply(org, orders):
    a1, a2, b1 = orders

    _, *rows = exported_rows(export(org.admin, ["number"], type="complaint", department="dist-a").file)
    assert rows == [(a1.number,)]
    _, *rows = exported_rows(
        export(org.admin, ["number"], received_from="2025-03-02", received_to="2025-03-02").file
    )
    assert rows == [(a2.number,)]


def test_each_export_is_recorded_with_who_filters_columns_and_row_count(org, orders):
    result = export(
        org.leader_a, ["status", "number", "status"], type="complaint", received_from="2025-03-01"
    )

    record = OrderExport.objects.get()
    assert record == result.record
    assert record.staff == org.leader_a and record.via == "ui"
    assert record.filters == {"type": "complaint", "received_from": "2025-03-01"}
    assert record.columns == ["status", "number"]  # each column once, in the order first asked
    assert record.row_count == 1
    assert record.at == sh(2025, 3, 5, 9)


def test_an_export_of_nothing_is_a_header_and_still_recorded(org, orders):
    result = export(org.admin, ["number"], phone="13511112222")

    assert exported_rows(result.file) == [("工单编号",)]
    assert result.record.row_count == 0


@pytest.mark.parametrize(
    ("columns", "filters", "field"),
    [
        (["number", "password"], {}, "columns"),
        ([], {}, "columns"),
        (["", " "], {}, "columns"),
        (["number"], {"status": "lost"}, "status"),
        (["number"], {"received_from": "2025-02-30"}, "received_from"),
        (["number"], {"department": "nowhere"}, "department"),
    ],
)
def test_bad_columns_or_filters_are_refused_naming_the_field_and_nothing_is_recorded(
    org, orders, columns, filters, field
):
    with pytest.raises(InvalidInput) as refused:
        export(org.admin, columns, **filters)

    assert list(refused.value.fields) == [field]
    assert not OrderExport.objects.exists()


def test_an_unknown_column_is_named_in_the_message(org):
    with pytest.raises(InvalidInput) as refused:
        export(org.admin, ["number", "password"])

    assert refused.value.fields == {"columns": ["未知的列：password"]}


def test_text_that_looks_like_a_formula_stays_text(org, time_machine):
    """openpyxl stores a string starting with "=" as a formula unless told otherwise, and a formula
    runs when the file is opened: a complainant's words must never do that."""
    time_machine.move_to(sh(2025, 3, 5, 9), tick=False)
    register(org.operator, respondent_name='=HYPERLINK("http://example.com","点我")')

    sheet = load_workbook(export(org.admin, ["respondent_name"]).file).active
    cell = sheet["A2"]

    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.com","点我")', "s")
