"""The Word document (python-docx) of an analysis report, in the order seed 004 asks for: the
numbers compared with the previous period and the same period last year, the leading products,
services, merchants and brands, the hot issues with example orders, fixed charts, then the
findings as staff wrote or edited them.

Fonts are set for East Asian text as well (w:eastAsia), or Word falls back to a Latin font and
shows the Chinese in whatever it picks; 宋体 for the body and 黑体 for headings, as government
documents are set.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from jiesu.core import clock
from jiesu.reports import charts
from jiesu.reports.content import RANKINGS, ReportContent, period_label
from jiesu.reports.formats import DASH, change_text, fraction_text, relative_text, value_text

BODY_FONT, HEADING_FONT = "宋体", "黑体"
CHART_WIDTH = Cm(15.5)


def section_headings() -> list[str]:
    return [_("一、总体情况"), _("二、排名"), _("三、热点问题"), _("四、图表"), _("五、分析与建议")]


def _east_asian(style_or_run, name: str) -> None:
    fonts = style_or_run.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(11)
    _east_asian(normal, BODY_FONT)
    for name in ("Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        style.font.name = HEADING_FONT
        _east_asian(style, HEADING_FONT)


def _table(document, header: list[str], rows: list[list[str]], numeric_from: int = 1):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = text
            if i >= numeric_from:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def _overview(document, content: ReportContent) -> None:
    document.add_heading(section_headings()[0], level=1)
    labels = {
        "period": period_label(content.kind, content.period, content.name),
        "previous": f"{content.previous.date_from:%Y-%m-%d} 至 {content.previous.date_to:%Y-%m-%d}",
        "last_year": f"{content.last_year.date_from:%Y-%m-%d} 至 {content.last_year.date_to:%Y-%m-%d}",
    }
    document.add_paragraph(_("本期：%(period)s；上期：%(previous)s；去年同期：%(last_year)s。比率的变化以百分点计，"
                             "数量和金额的变化以百分比计。") % labels)  # fmt: skip
    rows = []
    for row in content.measures:
        m = row.measure
        rows.append([
            str(m.label), value_text(m, row.current), fraction_text(m, row.current) or DASH,
            value_text(m, row.previous), change_text(m, row.current, row.previous),
            value_text(m, row.last_year), change_text(m, row.current, row.last_year),
        ])  # fmt: skip
    _table(
        document, [_("指标"), _("本期"), _("分子/分母"), _("上期"), _("环比"), _("去年同期"), _("同比")], rows
    )
    if content.types:
        document.add_paragraph(_("按类型："))
        _table(document, [_("类型"), _("工单量"), _("办结量")], [
            [item.name, value_text(content.row("orders").measure, item.measures["orders"]),
             value_text(content.row("concluded").measure, item.measures["concluded"])]
            for item in content.types
        ])  # fmt: skip


def _rankings(document, content: ReportContent) -> None:
    document.add_heading(section_headings()[1], level=1)
    for number, (dimension, label) in enumerate(RANKINGS, start=1):
        document.add_heading(f"（{'一二三四五六'[number - 1]}）{label}", level=2)
        items = content.ranking(dimension).items
        if not items:
            document.add_paragraph(_("本期无数据。"))
            continue
        _table(document, [_("排名"), str(label), _("工单量"), _("上期"), _("环比"), _("去年同期"), _("同比")], [
            [str(rank), item.name, str(item.count), str(item.previous), relative_text(item.mom),
             str(item.last_year), relative_text(item.yoy)]
            for rank, item in enumerate(items, start=1)
        ], numeric_from=2)  # fmt: skip


def _hot_issues(document, content: ReportContent) -> None:
    document.add_heading(section_headings()[2], level=1)
    if not content.hot_issues:
        document.add_paragraph(_("本期工单未标注问题性质。"))
        return
    for number, issue in enumerate(content.hot_issues, start=1):
        item = issue.item
        document.add_heading(
            _("%(n)d. %(name)s：%(count)d 件（环比 %(mom)s，同比 %(yoy)s）") % {
                "n": number, "name": item.name, "count": item.count,
                "mom": relative_text(item.mom), "yoy": relative_text(item.yoy)},
            level=2,
        )  # fmt: skip
        for example in issue.examples:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{example.number}（{example.received_on:%Y-%m-%d}）").bold = True
            paragraph.add_run(f"：{example.excerpt}")


def _charts(document, content: ReportContent) -> None:
    document.add_heading(section_headings()[3], level=1)
    steps = {"day": _("日"), "week": _("周"), "month": _("月")}
    images = [charts.trend_chart(
        title=_("工单量趋势（按%(step)s）") % {"step": steps[content.trend.step]},
        labels=content.trend.labels, counts=content.trend.counts, step=content.trend.step,
    )]  # fmt: skip
    rates = [row for row in content.measures if row.measure.is_rate]
    images.append(charts.rates_chart(
        title=_("主要指标与上期对比（%）"), labels=[str(r.measure.label) for r in rates],
        current=[r.current.value for r in rates], previous=[r.previous.value for r in rates],
        current_label=_("本期"), previous_label=_("上期"),
    ))  # fmt: skip
    categories = content.ranking("category").items
    if categories:
        images.append(charts.top_chart(title=_("商品和服务类别前 %(n)d 位") % {"n": len(categories)},
                                       labels=[i.name for i in categories], counts=[i.count for i in categories]))  # fmt: skip
    for image in images:
        document.add_picture(io.BytesIO(image), width=CHART_WIDTH)
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _findings(document, findings: str) -> None:
    document.add_heading(section_headings()[4], level=1)
    for line in findings.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())


def report_docx(content: ReportContent, *, findings: str, title: str = "") -> bytes:
    """The .docx bytes: `content`'s live numbers with `findings` as staff left them. The CJK font is
    looked up first, so a server without one fails at once rather than after the tables."""
    charts.cjk_font()
    document = Document()
    _styles(document)
    heading = document.add_heading(title or content.title, level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle = document.add_paragraph(_("统计期：%(from)s 至 %(to)s　统计范围：%(scope)s　生成时间：%(now)s") % {
        "from": f"{content.period.date_from:%Y-%m-%d}", "to": f"{content.period.date_to:%Y-%m-%d}",
        "scope": content.department.name if content.department else _("全部单位"),
        "now": f"{clock.local(clock.now()):%Y-%m-%d %H:%M}",
    })  # fmt: skip
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _overview(document, content)
    _rankings(document, content)
    _hot_issues(document, content)
    _charts(document, content)
    _findings(document, findings)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
