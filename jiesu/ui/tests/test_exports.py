"""The order list's "导出Excel": the picker on the list page, the download it produces with the
list's filters and the ticked columns, and the page again with the reason when it is refused."""

from io import BytesIO

import pytest

from jiesu.exports.models import OrderExport
from jiesu.exports.tests.factories import export_orders, exported_rows
from jiesu.orders.tests.checks import sh

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def orders(org, time_machine):
    time_machine.move_to(sh(2025, 3, 5, 9), tick=False)
    return export_orders(org)


def test_the_list_page_offers_the_picker_with_the_default_columns_ticked(client_for, org):
    html = client_for(org.leader_a).get("/orders/", {"type": "complaint"}).content.decode()

    assert "导出Excel" in html and 'action="/orders/export.xlsx"' in html
    assert '<input type="checkbox" name="columns" value="received_at" checked>' in html
    assert '<input type="checkbox" name="columns" value="reply">' in html
    assert '<input type="hidden" name="type" value="complaint" data-filter>' in html
    assert '诉求人电话<span class="muted small">（脱敏）</span>' in html  # a leader gets phones masked


def test_a_handler_is_not_told_the_phone_is_masked(client_for, org):
    html = client_for(org.handler_a1).get("/orders/").content.decode()

    assert "诉求人电话" in html and "（脱敏）" not in html


def test_the_export_downloads_the_filtered_list_with_the_ticked_columns(client_for, org, orders):
    a1, a2, b1 = orders

    response = client_for(org.leader_a).get(
        "/orders/export.xlsx",
        {"department": "dist-a", "columns": ["number", "respondent_name", "complainant_phone"]},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith('attachment; filename="orders-20250305-')
    assert exported_rows(BytesIO(b"".join(response.streaming_content))) == [
        ("工单编号", "被诉方名称", "诉求人电话"),
        (a2.number, "某某健身会所", "139****9000"),
        (a1.number, "某某商场", "138****8000"),
    ]
    record = OrderExport.objects.get()
    assert (record.staff, record.via, record.filters) == (org.leader_a, "ui", {"department": "dist-a"})


def test_no_column_ticked_shows_the_list_page_with_the_reason(client_for, org, orders):
    response = client_for(org.admin).get("/orders/export.xlsx", {"type": "complaint"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "请至少选择一列" in html
    assert '<details class="card filters-card" id="order-export" open>' in html
    assert not OrderExport.objects.exists()


def test_a_bad_filter_shows_the_list_page_with_the_field_marked(client_for, org, orders):
    response = client_for(org.admin).get(
        "/orders/export.xlsx",
        {"received_from": "2025-03-09", "received_to": "2025-03-01", "columns": ["number", "status"]},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "结束日期不能早于开始日期" in html
    assert (
        '<input type="checkbox" name="columns" value="status" checked>' in html
    )  # the user's ticks are kept
    assert '<input type="checkbox" name="columns" value="received_at">' in html
    assert not OrderExport.objects.exists()


def test_the_export_needs_a_login(client, org):
    response = client.get("/orders/export.xlsx", {"columns": "number"})

    assert response.status_code == 302 and "/login/" in response["Location"]
