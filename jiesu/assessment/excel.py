"""The month's ranking as an Excel sheet, the 考核排名表 seed 001 circulates: the same rows and
numbers as the page, from the same `ScoreTable`, so the sheet never disagrees with the screen."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from jiesu.assessment.selectors import ScoreTable, measure_labels, rate_keys

_BOLD = Font(bold=True)


def scores_title(table: ScoreTable) -> str:
    return _("部门考核排名 %(month)s") % {"month": f"{table.month:%Y-%m}"}


def scores_headers() -> list[str]:
    labels = measure_labels()
    return [
        _("排名组"), _("排名"), _("部门"), _("部门代码"), _("得分"), _("组平均分"), _("低于平均"), _("连续低于平均月数"),
        _("建议约谈"), *(labels[key] for key in rate_keys()), labels["recovered_loss"], _("当月投诉举报"),
        _("缺商品服务类别"), _("缺被诉方地址"), _("办结数"), _("缺办结答复"), _("数据质量扣分"),
    ]  # fmt: skip


def _rate(value) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def scores_workbook(table: ScoreTable) -> bytes:
    """Rates as "82.5%" with numerator/denominator beside them, as the page shows them."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("部门考核"))
    sheet.append([_cell(sheet, scores_title(table), _BOLD)])
    sheet.append([_cell(sheet, text, _BOLD) for text in scores_headers()])
    for _tier, label, rows in table.tiers:
        for row in rows:
            s = row.score
            measures = s.measures
            rates = [
                f"{_rate(measures[key]['value'])} ({measures[key]['numerator']}/{measures[key]['denominator']})"
                if measures[key]["denominator"]
                else "—"
                for key in rate_keys()
            ]
            sheet.append([
                label, s.rank, s.department.name, s.department.code,
                None if s.score is None else float(s.score), None if s.average is None else float(s.average),
                _("是") if s.below_average else _("否"), s.months_below, _("是") if s.interview_flag else _("否"),
                *rates, float(measures["recovered_loss"]["value"] or 0), s.orders, s.missing_category,
                s.missing_address, s.concluded, s.missing_reply, float(s.quality_deduction),
            ])  # fmt: skip
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def scores_filename(table: ScoreTable) -> str:
    return f"assessment-{table.month:%Y-%m}.xlsx"


def _cell(sheet, value, font=None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    return cell
