"""The first text of a consumer warning, written from the ranking figures (seed 004: warnings
"揭示一定时期申诉举报的热点……提醒消费者增强自我保护意识", with 消费小常识 against the usual
pitfalls). A person edits it before it is submitted; nothing here is published unread.

Pure functions over the frozen figures: no database, so the wording is tested on its own.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

#: Consumer advice by line code (taxonomy.md's lines), the pitfalls its complaints show most.
ADVICE: dict[str, tuple[str, ...]] = {
    "prepaid": (
        "理性办理预付卡、会员卡，不要一次性预付大额费用，尽量选择按次、按月付费或短期卡；",
        "办卡前查看经营者的证照和经营状况，签订书面合同，写明服务内容、期限、退费办法，保存好合同和付款凭证；",
        "警惕“低价促销”“限时优惠”诱导充值，发现门店停业、转让、更换经营者等情况及时保存证据。",
    ),
    "food": (
        "到证照齐全的正规商店和餐饮单位购买食品、就餐，查看食品标签、生产日期和保质期；",
        "发现食品变质、有异物时停止食用，保存好实物、包装和购物小票，必要时及时就医并保存病历。",
    ),
    "drug": (
        "到正规药店购买药品，凭处方购买处方药，查看药品批准文号和有效期；",
        "购买化妆品注意查看备案信息和成分标识，不轻信夸大功效的宣传。",
    ),
    "medical_device": (
        "购买医疗器械查看产品注册证或备案凭证，不轻信“包治百病”等宣传；",
        "警惕以免费体验、健康讲座为名推销器械和保健品，不要冲动购买。",
    ),
    "supermarket": (
        "购物时核对商品价格、质量和售后服务承诺，索要并保存购物小票和发票；",
        "了解商场、超市的退换货规定，商品有质量问题可依法要求退货、更换或修理。",
    ),
    "professional_claim": ("经营者应依法规范标签标识和广告用语；消费者遇到问题请如实反映、依法维权。",),
    "general": (
        "消费前了解经营者资质和服务内容，收费项目和价格事先问清；",
        "签订合同或确认订单时仔细阅读条款，保存好订单、聊天记录和付款凭证。",
    ),
    "auto": (
        "购车和维修保养时签订书面合同，写明车辆配置、价格、交付时间和维修项目；",
        "保存好发票、保养和维修记录，车辆出现质量问题时依照汽车“三包”规定主张权利。",
    ),
    "real_estate": (
        "租房、买房和家装选择证照齐全的中介和企业，认真查看合同条款，不轻易交付大额定金；",
        "装修合同写明材料品牌、工期、验收标准和付款节点，按工程进度分期付款。",
    ),
    "price": (
        "购物、消费时留意明码标价，结账时核对价格和小票，警惕虚构原价、先涨后降等价格陷阱；",
        "发现多收费、标价与结算价不一致等情况，保存标价照片和付款凭证。",
    ),
    "quality": (
        "购买商品认准正规渠道，查看产品合格证明和“三包”凭证，保存好发票；",
        "商品出现质量问题时，依照“三包”规定要求修理、更换或退货，不要自行拆修。",
    ),
    "special_equipment": (
        "乘坐电梯、扶梯和游乐设施时遵守安全须知，留意使用标志和检验合格标志；",
        "发现设备异常或存在安全隐患，立即停止使用并向管理单位和12315反映。",
    ),
}
GENERAL_ADVICE = ADVICE["general"]
HOW_TO_COMPLAIN = (
    "如遇消费纠纷，请先与经营者协商，保留好合同、票据、付款凭证和聊天记录等证据；协商不成的，"
    "可拨打12315热线，或登录全国12315平台（www.12315.cn）投诉举报。"
)
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Figures:
    """The ranking figures a warning is written from (the frozen data of ConsumerWarning)."""

    dimension: str
    key_name: str
    line: str
    line_name: str
    date_from: date
    date_to: date
    count: int
    previous: int
    last_year: int
    mom: Decimal | None
    yoy: Decimal | None


def subject(dimension: str, name: str) -> str:
    """What the complaints are about, as the sentence "涉及……的消费者诉求" needs it."""
    return {
        "respondent": f"“{name}”",
        "brand": f"“{name}”品牌",
        "category": f"{name}类商品和服务",
        "request": f"“{name}”",
        "issue": f"{name}问题",
        "line": f"{name}领域",
    }.get(dimension, f"“{name}”")


def _whole_month(start: date, end: date) -> bool:
    return (start.day == 1 and (start.year, start.month) == (end.year, end.month)
            and end.day == calendar.monthrange(end.year, end.month)[1])  # fmt: skip


def period_text(start: date, end: date) -> str:
    if _whole_month(start, end):
        return f"{start.year}年{start.month}月"
    if start.year == end.year:
        return f"{start.year}年{start.month}月{start.day}日至{end.month}月{end.day}日"
    return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"


def _percent(change: Decimal) -> str:
    return f"{abs(change) * 100:.1f}".rstrip("0").rstrip(".") + "%"


def trend(figures: Figures) -> str:
    """增多 only when the numbers say so: a rise of a fifth or more is 明显; a flat or falling count
    is 集中 (it still ranks high), never an invented rise. None means there were none before."""
    if figures.mom is None:
        return "增多"
    if figures.mom >= Decimal("0.2"):
        return "明显增多"
    if figures.mom > 0:
        return "有所增多"
    return "较为集中"


def title_write(figures: Figures) -> str:
    return f"消费警示：近期涉及{subject(figures.dimension, figures.key_name)}的投诉{trend(figures)}"


def _changes(figures: Figures) -> str:
    earlier = "上月" if _whole_month(figures.date_from, figures.date_to) else "上一统计期"
    if figures.mom is None:
        parts = [f"{earlier}没有此类诉求"]
    elif figures.mom == 0:
        parts = [f"与{earlier}（{figures.previous}件）持平"]
    else:
        direction = "上升" if figures.mom > 0 else "下降"
        parts = [f"环比{direction}{_percent(figures.mom)}（{earlier}{figures.previous}件）"]
    if figures.yoy is not None and figures.yoy != 0:
        direction = "上升" if figures.yoy > 0 else "下降"
        parts.append(f"同比{direction}{_percent(figures.yoy)}（去年同期{figures.last_year}件）")
    return "，".join(parts)


def body_write(figures: Figures) -> str:
    """What happened, the advice of the line, how to complain: the three things seed 004's warnings
    tell consumers."""
    opening = (
        f"{period_text(figures.date_from, figures.date_to)}，12315共受理涉及"
        f"{subject(figures.dimension, figures.key_name)}的消费者投诉、举报和咨询{figures.count}件，"
        f"{_changes(figures)}。"
    )
    if figures.line_name and figures.dimension != "line":
        opening += f"相关诉求主要集中在{figures.line_name}领域。"
    advice = ADVICE.get(figures.line, GENERAL_ADVICE)
    tips = [f"{NUMERALS[i]}、{tip}" for i, tip in enumerate(advice)]
    tips[-1] = tips[-1].rstrip("；。") + "。"
    return "\n".join([opening, "", "消费提示：", *tips, "", HOW_TO_COMPLAIN])
