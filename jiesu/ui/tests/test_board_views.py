"""The daily board page, its printable sheet and its Excel export, as a signed-in person uses them:
every number links to an order list that shows exactly the orders behind it."""

import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jiesu.board.tests.factories import acknowledged, consultation_at, order_at
from jiesu.orders.tests.checks import sh
from jiesu.organisations.tests.factories import StaffFactory

DAY = "2025-09-30"


@pytest.fixture
def orders(org, time_machine):
    """The Tuesday before the National Day break: one order due today with office A1 (its
    acknowledge overdue), one owing nothing soon with office A2, one received yesterday at the centre."""
    time_machine.move_to(sh(2025, 9, 30, 9), tick=False)
    due = order_at(org, sh(2025, 9, 22, 10), department=org.office_a1)
    calm = acknowledged(order_at(org, sh(2025, 9, 30, 8), department=org.office_a2), org.handler_a2)
    fresh = consultation_at(org, sh(2025, 9, 29, 10))
    return {"due": due.number, "calm": calm.number, "fresh": fresh.number}


def row_html(html: str, code: str) -> str:
    match = re.search(rf'<tr[^>]*data-department="{code}"[^>]*>(.*?)</tr>', html, re.S)
    assert match, f"no board row for {code}"
    return match.group(1)


def cell_link(row: str, column: str) -> str:
    match = re.search(rf'<td class="num[^"]*" data-column="{column}"><a class="[^"]*" href="([^"]+)">', row)
    assert match, f"no link in {column}"
    return match.group(1).replace("&amp;", "&")


def listed(client, url: str) -> set[str]:
    html = client.get(url).content.decode()
    return set(re.findall(r'href="/orders/(\d{14})/"', html))


def test_the_page_shows_the_day_with_links_to_exactly_the_orders_counted(client_for, org, orders):
    client = client_for(org.centre_leader)
    html = client.get(reverse("ui:board")).content.decode()

    assert f'value="{DAY}"' in html  # the picker defaults to today
    office = row_html(html, "office-a1")
    assert 'class="n-today"' in office and 'class="n-overdue"' in office
    assert listed(client, cell_link(office, "due_today")) == {orders["due"]}
    assert listed(client, cell_link(office, "overdue")) == {orders["due"]}
    assert listed(client, cell_link(row_html(html, "centre"), "received")) == {orders["fresh"]}
    assert listed(client, cell_link(row_html(html, "dist-a"), "unresolved")) == {orders["due"], orders["calm"]}
    total = row_html(html, "total")
    assert listed(client, cell_link(total, "due_today")) == {orders["due"], orders["fresh"]}


def test_the_cleared_mark_shows_in_green_only_where_nothing_is_left(client_for, org, orders):
    html = client_for(org.centre_leader).get(reverse("ui:board"), {"date": DAY}).content.decode()

    assert "mark-cleared" in row_html(html, "office-a2")
    assert "mark-cleared" not in row_html(html, "office-a1")
    assert "mark-cleared" in row_html(html, "fast-team")


def test_another_day_is_picked_by_date_and_print_and_export_keep_it(client_for, org, orders):
    html = client_for(org.centre_leader).get(reverse("ui:board"), {"date": "2025-10-09"}).content.decode()

    assert 'value="2025-10-09"' in html
    assert f'{reverse("ui:board_print")}?date=2025-10-09' in html
    assert f'{reverse("ui:board_export")}?date=2025-10-09' in html


def test_a_bad_date_is_a_400_with_the_reason_next_to_the_picker(client_for, org):
    response = client_for(org.centre_leader).get(reverse("ui:board"), {"date": "2025-02-30"})

    assert response.status_code == 400
    assert "日期格式应为 YYYY-MM-DD" in response.content.decode()


def test_a_district_leader_sees_their_subtree_only(client_for, org, orders):
    html = client_for(org.leader_b).get(reverse("ui:board")).content.decode()

    assert 'data-department="office-b1"' in html
    assert 'data-department="office-a1"' not in html and 'data-department="centre"' not in html


def test_the_print_sheet_is_a4_without_navigation(client_for, org, orders):
    html = client_for(org.leader_a).get(reverse("ui:board_print"), {"date": DAY}).content.decode()

    assert "@media print" in html and "A4" in html
    assert 'class="nav"' not in html
    assert "西长安街所" in html and "东华门所" not in html
    assert "2025-09-30" in html


def test_the_export_is_an_xlsx_of_the_same_board(client_for, org, orders):
    response = client_for(org.leader_a).get(reverse("ui:board_export"), {"date": DAY})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="daily-board-2025-09-30.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content), read_only=True).worksheets[0]
    names = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert [name.strip("\u3000") for name in names] == ["西城区局", "西长安街所", "金融街所", "合计"]


def test_the_export_refuses_a_bad_date(client_for, org):
    assert client_for(org.centre_leader).get(reverse("ui:board_export"), {"date": "nope"}).status_code == 400


@pytest.mark.parametrize(("username", "shown"), [
    ("leader_a", True), ("dispatcher", True), ("operator", True), ("handler_a1", False),
])
def test_the_nav_link_shows_for_leaders_dispatchers_and_centre_staff(client_for, org, username, shown):
    html = client_for(getattr(org, username)).get(reverse("ui:order_list")).content.decode()

    assert (f'href="{reverse("ui:board")}"' in html) is shown


def test_the_page_needs_a_login(client):
    response = client.get(reverse("ui:board"))

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_municipal_bureau_leader_sees_every_department(client_for, org, orders):
    bureau = StaffFactory(username="bureau", department=org.city, roles=["leader"])
    html = client_for(bureau).get(reverse("ui:board")).content.decode()

    assert 'data-department="centre"' in html and 'data-department="office-b1"' in html
