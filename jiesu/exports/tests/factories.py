"""Orders for the export tests, built through the real workflow (orders.tests.factories), and the
exported workbook read back with openpyxl."""

from openpyxl import load_workbook

from jiesu.orders.tests.checks import sh
from jiesu.orders.tests.factories import register
from jiesu.orders.workflow import actions

ID_NUMBER = "11010519491231002X"


def exported_rows(file) -> list[tuple]:
    """Every row of the export's only sheet, header first, as values (empty cells as None: a
    read-only load would drop a row's trailing empty cells, since write-only mode leaves the
    sheet's dimensions unrecorded)."""
    [sheet] = load_workbook(file).worksheets
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def export_orders(org):
    """Two orders of 西城区局's office A1 (one dispatched to its handler, one only dispatched) and one
    of 东城区局's office B1, received on 1, 2 and 3 March 2025."""
    a1 = register(
        org.operator, received_at=sh(2025, 3, 1, 10), complainant_name="张三", complainant_phone="13800138000",
        complainant_id_number=ID_NUMBER, complainant_address="西城区西长安街1号院3号楼",
        respondent_name="某某商场", requests=["退货", "赔偿"],
    )  # fmt: skip
    a1 = actions.do_dispatch(order=a1, actor=org.dispatcher, department=org.office_a1, handler=org.handler_a1)
    a2 = register(
        org.operator, received_at=sh(2025, 3, 2, 9, 30), type="consultation", line="", complainant_name="李四",
        complainant_phone="13900139000", respondent_name="某某健身会所", requests=[],
    )  # fmt: skip
    a2 = actions.do_dispatch(order=a2, actor=org.dispatcher, department=org.office_a1)
    b1 = register(
        org.operator, received_at=sh(2025, 3, 3, 8), complainant_name="王五", complainant_phone="13700137000",
        respondent_name="东城某超市",
    )  # fmt: skip
    b1 = actions.do_dispatch(order=b1, actor=org.dispatcher, department=org.office_b1)
    return a1, a2, b1
