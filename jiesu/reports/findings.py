"""The findings paragraph of a report (section 五、分析与建议), written from the data as a first
draft for staff to edit before publishing (issue 6 item 4): how many orders came in and how that
compares, which lines and categories rose, which merchants drew many complaints or set off an
early warning, how satisfaction and the other rates moved, and what to do about it (seed 004:
重点监督对象、约谈、消费警示).

Pure text from a `ReportContent`: no query here, so what it says is exactly what the tables show.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from jiesu.analytics.rankings import RankItem
from jiesu.reports.content import ReportContent, period_label
from jiesu.reports.formats import change, fraction_text, money, percent, relative_text

#: Rates that judge how orders were handled in time; a fall in any is a call to chase deadlines.
ON_TIME = ("on_time_initial_review_rate", "on_time_conclusion_rate", "on_time_verification_rate",
           "odr_on_time_rate", "response_rate")  # fmt: skip
RISES_QUOTED = 3
MERCHANTS_QUOTED = 3


def findings_write(content: ReportContent) -> str:
    """Paragraphs separated by blank lines; the suggestions one per line."""
    suggestions = _suggestions(content)
    paragraphs = [
        _overview(content), _rises(content), _merchants(content), _rates(content),
        "\n".join([_("建议：")] + [f"{n}. {text}" for n, text in enumerate(suggestions, start=1)]),
    ]  # fmt: skip
    return "\n\n".join(p for p in paragraphs if p)


def _versus(now: int, then: int, what: str) -> str:
    if now == then:
        return _("与%(what)s持平") % {"what": what}
    if not then:
        return _("%(what)s为 0 件") % {"what": what}
    values = {"what": what, "n": abs(now - then), "pct": relative_text((now - then) / then)}
    return (
        _("较%(what)s增加 %(n)d 件（%(pct)s）") if now > then else _("较%(what)s减少 %(n)d 件（%(pct)s）")
    ) % values


def _overview(content: ReportContent) -> str:
    orders = content.row("orders")
    now = int(orders.current.value or 0)
    kinds = "、".join(_("%(type)s %(n)d 件") % {"type": item.name, "n": item.measures["orders"].value}
                     for item in content.types if item.measures["orders"].value)  # fmt: skip
    text = _("%(period)s，共受理消费者咨询、投诉、举报 %(n)d 件") % {
        "period": period_label(content.kind, content.period, content.name),
        "n": now,
    }
    if kinds:
        text += _("（其中%(kinds)s）") % {"kinds": kinds}
    text += _("，%(mom)s，%(yoy)s；办结 %(concluded)d 件，为消费者挽回经济损失 %(money)s 元。") % {
        "mom": _versus(now, int(orders.previous.value or 0), _("上期")),
        "yoy": _versus(now, int(orders.last_year.value or 0), _("去年同期")),
        "concluded": content.row("concluded").current.value or 0,
        "money": money(content.row("recovered_loss").current.value),
    }  # fmt: skip
    return text


def _rising_items(content: ReportContent, dimension: str) -> list[RankItem]:
    items = [item for item in content.ranking(dimension).items if item.count > item.previous]
    return sorted(items, key=lambda i: (-(i.count - i.previous), -i.count, i.name))[:RISES_QUOTED]


def _rises(content: ReportContent) -> str:
    parts = []
    for dimension, label in (("line", _("行业条线")), ("category", _("商品和服务类别"))):
        items = _rising_items(content, dimension)
        if items:
            listed = "、".join(_("%(name)s %(n)d 件（上期 %(before)d 件）") % {
                "name": i.name, "n": i.count, "before": i.previous} for i in items)  # fmt: skip
            parts.append(_("从%(label)s看，%(items)s增长较多") % {"label": label, "items": listed})
    if not parts:
        return _("居前的行业条线和商品服务类别工单量均未超过上期。")
    return "；".join(parts) + _("。")


def _merchants(content: ReportContent) -> str:
    total = int(content.row("orders").current.value or 0)
    repeated = [i for i in content.ranking("respondent").items if i.count > 1][:MERCHANTS_QUOTED]
    if repeated:
        listed = "、".join(_("%(name)s %(n)d 件（占 %(share)s，上期 %(before)d 件）") % {
            "name": i.name, "n": i.count, "share": percent(i.count / total if total else None),
            "before": i.previous} for i in repeated)  # fmt: skip
        text = _("被投诉较多的经营者有：%(items)s。") % {"items": listed}
    else:
        text = _("本期没有被重复投诉的经营者。")
    if content.rising:
        days = settings.JIESU_WARNING_RECENT_DAYS
        listed = "、".join(
            _("%(label)s %(n)d 件（以往几乎没有）") % {"label": r.label, "n": r.recent} if r.ratio is None
            else _("%(label)s %(n)d 件（约为以往的 %(ratio)s 倍）") % {"label": r.label, "n": r.recent,
                                                                   "ratio": f"{r.ratio:g}"}
            for r in content.rising
        )  # fmt: skip
        text += _("统计期末近 %(days)d 天，%(items)s明显高于以往，已达到预警条件。") % {
            "days": days,
            "items": listed,
        }
    return text


def _rate_sentence(content: ReportContent, key: str) -> str | None:
    row = content.row(key)
    if not row.current.denominator:
        return None
    delta = change(row.measure, row.current, row.previous)
    values = {"label": row.measure.label, "value": percent(row.current.value),
              "fraction": fraction_text(row.measure, row.current), "points": abs(delta or 0)}  # fmt: skip
    if delta is None:
        return _("%(label)s %(value)s（%(fraction)s），上期无可比数据") % values
    if delta > 0:
        return _("%(label)s %(value)s（%(fraction)s），较上期上升 %(points).1f 个百分点") % values
    if delta < 0:
        return _("%(label)s %(value)s（%(fraction)s），较上期下降 %(points).1f 个百分点") % values
    return _("%(label)s %(value)s（%(fraction)s），与上期持平") % values


def _rates(content: ReportContent) -> str:
    visits = [
        s
        for s in (_rate_sentence(content, "satisfaction_rate"), _rate_sentence(content, "resolution_rate"))
        if s
    ]
    text = (
        _("回访情况：%(items)s。") % {"items": "；".join(visits)}
        if visits
        else _("本期没有回访记录，满意率和解决率无法计算。")
    )
    others = [s for key in (*ON_TIME, "mediation_success_rate") if (s := _rate_sentence(content, key))]
    if others:
        text += _("其他指标：%(items)s。") % {"items": "；".join(others)}
    return text


def _fell(content: ReportContent, key: str) -> bool:
    row = content.row(key)
    delta = change(row.measure, row.current, row.previous)
    return delta is not None and delta < 0


def _suggestions(content: ReportContent) -> list[str]:
    out = []
    rising = _rising_items(content, "line") or _rising_items(content, "category")
    if rising:
        out.append(
            _("针对%(name)s等增长较快的领域开展专项检查，分析成因，必要时发布消费警示。")
            % {"name": rising[0].name}
        )
    repeated = [i for i in content.ranking("respondent").items if i.count > 1]
    if repeated:
        out.append(
            _("对%(name)s等被投诉较多的经营者开展约谈，督促其落实经营者主体责任、及时化解纠纷。")
            % {"name": repeated[0].name}
        )
    if content.rising:
        out.append(_("对已达到预警条件的对象提前介入，防范群体性纠纷。"))
    fallen = [
        str(content.row(key).measure.label)
        for key in ("satisfaction_rate", "resolution_rate")
        if _fell(content, key)
    ]
    if fallen:
        out.append(
            _("%(names)s较上期下降，对不满意、未解决的工单开展“回头看”。") % {"names": "、".join(fallen)}
        )
    late = [str(content.row(key).measure.label) for key in ON_TIME if _fell(content, key)]
    if late:
        out.append(_("%(names)s较上期下降，加强时限提醒和督办。") % {"names": "、".join(late)})
    if not out:
        out.append(_("各项指标总体平稳，继续做好受理、分流和回访工作。"))
    return out
