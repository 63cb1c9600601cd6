"""The ranking's Excel sheet read back: title, headers, and the same numbers as the page."""

from io import BytesIO

from openpyxl import load_workbook

from jiesu.assessment.excel import scores_workbook
from jiesu.assessment.selectors import score_table

from .conftest import MARCH


def test_the_sheet_holds_the_ranking(scored):
    sheet = load_workbook(
        BytesIO(scores_workbook(score_table(viewer=scored.org.dispatcher, month=MARCH)))
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "部门考核排名 2025-03"
    headers = rows[1]
    assert headers[:5] == ("排名组", "排名", "部门", "部门代码", "得分")
    a2 = next(r for r in rows[2:] if r[3] == "office-a2")
    assert a2[1] == 2 and a2[4] == 50.5 and a2[6] == "是"
    assert a2[headers.index("投诉按时初查率")] == "50.0% (1/2)"
    assert a2[headers.index("投诉按时办结率")] == "—"
    assert (
        a2[headers.index("缺商品服务类别")],
        a2[headers.index("缺被诉方地址")],
        a2[headers.index("缺办结答复")],
    ) == (1, 1, 1)
    assert a2[headers.index("数据质量扣分")] == 12.0
    b1 = next(r for r in rows[2:] if r[3] == "office-b1")
    assert b1[headers.index("建议约谈")] == "是"
