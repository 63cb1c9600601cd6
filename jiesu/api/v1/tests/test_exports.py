"""`GET /api/v1/exports/orders.xlsx` and `GET /api/v1/exports/columns` over HTTP through Django's
test Client, so auth, middleware and the error mapping run: the file and its headers, the order
list's filters, masking per role, scope, the export record, and 400s that name the field."""

from dataclasses import fields as dataclass_fields
from io import BytesIO

import pytest
from django.test import Client

from jiesu.api.v1.schemas.exports import OrderExportQuery
from jiesu.exports.models import OrderExport
from jiesu.exports.tests.factories import ID_NUMBER, export_orders, exported_rows
from jiesu.orders.selectors import OrderFilters
from jiesu.orders.tests.checks import sh
from jiesu.organisations.services import api_token_create

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def get(org):
    """`get("leader_a", "/exports/orders.xlsx", columns=...)`: a GET with that user's bearer token."""

    def call(username: str | None, path: str, **params):
        headers = {"Authorization": f"Bearer {api_token_create(username=username)}"} if username else {}
        return Client(headers=headers).get(f"/api/v1{path}", params, secure=True)

    return call


@pytest.fixture
def orders(org, time_machine):
    time_machine.move_to(sh(2025, 3, 5, 9), tick=False)
    return export_orders(org)


def workbook(response) -> list[tuple]:
    return exported_rows(BytesIO(b"".join(response.streaming_content)))


def test_the_export_is_an_xlsx_download_with_the_picked_columns(get, org, orders):
    a1, a2, b1 = orders

    response = get(
        "admin", "/exports/orders.xlsx", columns="number,complainant_name,respondent_name,category"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="orders-20250305-090000.xlsx"'
    assert workbook(response) == [
        ("工单编号", "诉求人姓名", "被诉方名称", "商品服务类别"),
        (b1.number, "王五", "东城某超市", "服装鞋帽"),
        (a2.number, "李四", "某某健身会所", "服装鞋帽"),
        (a1.number, "张三", "某某商场", "服装鞋帽"),
    ]
    record = OrderExport.objects.get()
    assert (record.staff, record.via, record.row_count) == (org.admin, "api", 3)
    assert record.columns == ["number", "complainant_name", "respondent_name", "category"]


def test_the_order_lists_filters_select_the_orders_and_are_recorded(get, org, orders):
    a1, a2, b1 = orders

    response = get("admin", "/exports/orders.xlsx", columns="number", type="complaint", department="dist-a")

    assert workbook(response) == [("工单编号",), (a1.number,)]
    assert OrderExport.objects.get().filters == {"type": "complaint", "department": "dist-a"}


def test_personal_data_is_masked_for_a_leader_and_clear_for_a_handler(get, org, orders):
    columns = "number,complainant_phone,complainant_id_number"

    masked = workbook(get("leader_a", "/exports/orders.xlsx", columns=columns))
    clear = workbook(get("handler_a1", "/exports/orders.xlsx", columns=columns))

    assert masked[-1][1:] == ("138****8000", "1101**********002X")
    assert clear[-1][1:] == ("13800138000", ID_NUMBER)
    assert dict(OrderExport.objects.values_list("staff__username", "unmasked")) == {
        "leader_a": False, "handler_a1": True,
    }  # fmt: skip


def test_another_districts_orders_are_not_exported(get, org, orders):
    a1, a2, b1 = orders

    rows = workbook(get("leader_b", "/exports/orders.xlsx", columns="number"))

    assert rows == [("工单编号",), (b1.number,)]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"columns": "number,secret"}, "columns"),
        ({"columns": ""}, "columns"),
        ({}, "columns"),
        ({"columns": "number", "received_from": "2025-13-01"}, "received_from"),
        ({"columns": "number", "status": "lost"}, "status"),
        ({"columns": "number", "due": "someday"}, "due"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_nothing_is_recorded(get, orders, params, field):
    response = get("admin", "/exports/orders.xlsx", **params)

    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "validation_error" and list(body["fields"]) == [field]
    assert not OrderExport.objects.exists()


def test_an_unknown_column_is_named(get, org):
    body = get("admin", "/exports/orders.xlsx", columns="number,secret").json()

    assert body == {
        "error": "validation_error",
        "detail": "columns: 未知的列：secret",
        "fields": {"columns": ["未知的列：secret"]},
    }


def test_an_anonymous_caller_is_refused(get, org):
    response = get(None, "/exports/orders.xlsx", columns="number")

    assert response.status_code == 401
    assert response.json()["error"] == "unauthenticated"


def test_the_column_list_says_which_columns_the_caller_gets_masked(get, org):
    leader = {item["code"]: item for item in get("leader_a", "/exports/columns").json()["items"]}
    handler = {item["code"]: item for item in get("handler_a1", "/exports/columns").json()["items"]}

    assert leader["received_at"] == {
        "code": "received_at", "header": "接收时间", "personal": False, "masked": False, "default": True,
    }  # fmt: skip
    assert leader["complainant_phone"]["masked"] is True and handler["complainant_phone"]["masked"] is False
    assert {code for code, item in leader.items() if item["personal"]} == {
        "complainant_phone", "complainant_id_number", "complainant_address",
    }  # fmt: skip


def test_the_export_takes_every_filter_of_the_order_list():
    """One filter definition (style.md rule 7): a filter added to the list is offered here too."""
    assert set(OrderExportQuery.model_fields) - {"columns"} == {
        f.name for f in dataclass_fields(OrderFilters)
    }
