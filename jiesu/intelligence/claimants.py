"""Professional claimants (职业索赔人; issue 5 item 6, seeds 001 and 002).

Seed 001 names "职业索赔人重复举报、恶意举报 … 以谋取利益为目的" as a cause of low satisfaction, and seed
002 gives 职业索赔 its own line. A complainant is scored 0-100 over their complaints and reports of
the last JIESU_CLAIMANT_WINDOW_DAYS: how many different respondents and months they cover, and how
often their texts demand punitive damages or a reward, use a legal template or point at label flaws
(taxonomy.md, `professional_claim`). Each signal earns JIESU_CLAIMANT_WEIGHTS points per unit up to
JIESU_CLAIMANT_CAPS, so no single order and no single signal decides: one consumer asking once for
三倍赔偿 stays far below the threshold, a series of templated 十倍赔偿 complaints against different
shops crosses it. Every point comes with the sentence and the order numbers behind it.

The score only routes and informs. A flagged order is never refused on that ground: the law still
requires an acceptance decision on each complaint (《市场监督管理投诉举报处理暂行办法》第十五条).
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce

from django.conf import settings
from django.db.models import Q

from jiesu.core import clock
from jiesu.core.identity import phone_normalise
from jiesu.orders.choices import Flag, Line, OrderType
from jiesu.orders.models import WorkOrder
from jiesu.orders.services import flag_add

#: Demands for punitive damages: 《食品安全法》第一百四十八条 (价款十倍), 《消费者权益保护法》第五十五条
#: (退一赔三, 三倍赔偿). The two articles are shown as citations, the rest as what was demanded.
PUNITIVE = ("十倍赔偿", "退一赔三", "退一赔十", "惩罚性赔偿", "价款十倍", "三倍赔偿", "第一百四十八条", "第五十五条")
PUNITIVE_ARTICLES = ("第一百四十八条", "第五十五条")
#: Reward demands (举报奖励 under the reporting-reward rules): a report filed for the bounty.
REWARD = ("举报奖励", "奖励", "奖金")
#: The headings and formulas of a legal complaint template.
TEMPLATED = ("投诉人", "被投诉人", "事实与理由", "依据《", "根据《", "特此投诉", "请求事项")
#: An order is templated only with this many different formulas: operators' own summaries often
#: read "投诉人称在被投诉人处…", a filled-in template carries several of its headings. Naming the
#: parties is one formula, and so is citing a law.
TEMPLATED_MIN_MARKERS = 2
TEMPLATED_SAME_FORMULA = {"被投诉人": "投诉人", "根据《": "依据《"}
#: Label and advertising flaws, the usual ground of a claim that harmed nobody (GB 7718 labels,
#: 《广告法》第九条 absolute terms).
LABEL_FLAWS = (
    "标签", "标识", "GB 7718", "生产日期", "保质期标注", "配料表", "中文标签", "进口食品无中文", "绝对化用语", "广告法",
)  # fmt: skip

SIGNALS = ("respondents", "orders", "months", "punitive", "reward", "templated", "label")
EXCERPT_CHARS = 30


def _normal(text: str) -> str:
    """Full-width letters and digits folded, spaces dropped, upper case: "ＧＢ７７１８", "GB 7718"
    and "gb7718" are one marker."""
    return "".join(unicodedata.normalize("NFKC", text or "").split()).upper()


def _markers(phrases: Iterable[str]) -> tuple[tuple[str, str], ...]:
    return tuple((phrase, _normal(phrase)) for phrase in phrases)


_PUNITIVE, _REWARD, _TEMPLATED, _LABEL = (_markers(p) for p in (PUNITIVE, REWARD, TEMPLATED, LABEL_FLAWS))


def _found(text: str, markers) -> list[str]:
    """The phrases in the text, longest first, each consuming what it matched: "被投诉人" is one
    formula, not also "投诉人"; "举报奖励" is not also "奖励"."""
    found = []
    for phrase, needle in sorted(markers, key=lambda m: -len(m[1])):
        if needle in text:
            found.append(phrase)
            text = text.replace(needle, "\0")
    return found


@dataclass(frozen=True)
class ClaimantRecord:
    """One earlier complaint or report of the complainant. `respondent` is any key that is equal
    for the same business (the registry entry, else the name as written); empty when unknown."""

    number: str
    received_at: datetime
    respondent: str
    description: str


@dataclass(frozen=True)
class Evidence:
    signal: str
    text: str
    points: int
    orders: tuple[str, ...]


@dataclass(frozen=True)
class ClaimantScore:
    score: int
    threshold: int
    evidence: tuple[Evidence, ...]

    @property
    def flagged(self) -> bool:
        return self.score >= self.threshold


def _points(signal: str, units: int, weights: dict, caps: dict) -> int:
    return min(max(units, 0) * weights.get(signal, 0), caps.get(signal, 0))


def claimant_score(
    records: Iterable[ClaimantRecord], *, now: datetime, window_days: int, threshold: int,
    weights: dict[str, int], caps: dict[str, int],
) -> ClaimantScore:
    """Score a complainant's history as seen at `now`. Pure: no database, no settings."""
    since = now - timedelta(days=window_days)
    records = sorted((r for r in records if since <= r.received_at <= now), key=lambda r: r.received_at)
    if not records:
        return ClaimantScore(score=0, threshold=threshold, evidence=())
    numbers = tuple(r.number for r in records)
    evidence: list[Evidence] = []

    respondents = {r.respondent for r in records if r.respondent}
    points = _points("respondents", len(respondents) - 1, weights, caps) + _points(
        "orders", len(records) - 1, weights, caps
    )
    evidence.append(Evidence(
        "respondents",
        f"近{window_days}天对 {len(respondents)} 个不同经营者投诉 {len(records)} 件",
        points, numbers,
    ))
    months = {(clock.local(r.received_at).year, clock.local(r.received_at).month) for r in records}
    if len(months) > 1:
        evidence.append(Evidence(
            "months", f"跨 {len(months)} 个月持续投诉", _points("months", len(months) - 1, weights, caps), numbers
        ))

    hits: dict[str, list[tuple[ClaimantRecord, list[str], str]]] = {s: [] for s in ("punitive", "reward", "templated", "label")}
    for record in records:
        text = _normal(record.description)
        for signal, markers in (("punitive", _PUNITIVE), ("reward", _REWARD), ("label", _LABEL)):
            found = _found(text, markers)
            if found:
                hits[signal].append((record, found, text))
        found = _found(text, _TEMPLATED)
        if len({TEMPLATED_SAME_FORMULA.get(p, p) for p in found}) >= TEMPLATED_MIN_MARKERS:
            hits["templated"].append((record, found, text))

    for signal in ("punitive", "reward", "templated", "label"):
        rows = hits[signal]
        if not rows:
            continue
        counts = Counter(p for _r, found, _t in rows for p in found)
        evidence.append(Evidence(
            signal, f"{len(rows)} 件{_describe(signal, counts, rows)}",
            _points(signal, len(rows), weights, caps), tuple(r.number for r, _f, _t in rows),
        ))

    score = min(100, sum(e.points for e in evidence))
    return ClaimantScore(score=score, threshold=threshold, evidence=tuple(evidence))


def _describe(signal: str, counts: Counter, rows) -> str:
    phrases = [p for p, _n in counts.most_common()]
    if signal == "punitive":
        demands = [p for p in phrases if p not in PUNITIVE_ARTICLES]
        articles = [p for p in phrases if p in PUNITIVE_ARTICLES]
        cited = f"（援引{'、'.join(articles)}）" if articles else ""
        return f"要求{'/'.join(demands) or '惩罚性赔偿'}{cited}"
    if signal == "reward":
        return f"要求{'/'.join(phrases)}"
    if signal == "templated":
        return f"使用格式化法律文书用语（{_template_excerpt(rows) or '、'.join(phrases[:3])}…）"
    return f"指向标签瑕疵（{'、'.join(phrases[:3])}{'…' if len(phrases) > 3 else ''}）"


def _template_excerpt(rows) -> str:
    """The legal basis as the template words it ("依据《食品安全法》第一百四十八条"), from the first
    templated order that cites one."""
    for _record, _phrases, text in rows:
        for needle in ("依据《", "根据《"):
            at = text.find(needle)
            if at >= 0:
                return re.split(r"[,;:.!?。，；：！？]", text[at:at + EXCERPT_CHARS])[0]
    return ""


def _respondent_key(merchant_id, name: str) -> str:
    """The registry entry when linked, else the name as written (repeats.py's rule)."""
    if merchant_id:
        return f"merchant:{merchant_id}"
    name = (name or "").strip()
    return f"name:{name}" if name else ""


def claimant_assessment(
    *, phone: str, id_number: str = "", exclude_order_id=None, at: datetime | None = None
) -> ClaimantScore:
    """Score the complainant with this phone number, or this ID number when given, over their
    complaints and reports received in the window ending `at` (now by default). Consultations are
    questions, not claims, and are left out. Reads every department's orders: a claimant's pattern
    only shows across the whole city (seed 001: 群体性举报).

    Judged as of the order's own receipt, the assessment of a flagged order reproduces what its
    registration saw, later orders of the same person notwithstanding."""
    at = at or clock.now()
    window_days = settings.JIESU_CLAIMANT_WINDOW_DAYS
    threshold = settings.JIESU_CLAIMANT_THRESHOLD
    phone = phone_normalise(phone)
    id_number = (id_number or "").strip().upper()
    who = [Q(**{field: value}) for field, value in (
        ("complainant_phone", phone), ("complainant_id_number", id_number)
    ) if value]
    if not who:
        return ClaimantScore(score=0, threshold=threshold, evidence=())
    rows = (
        WorkOrder.objects.filter(reduce(operator.or_, who))
        .exclude(type=OrderType.CONSULTATION)
        .filter(received_at__gte=at - timedelta(days=window_days), received_at__lte=at)
    )
    if exclude_order_id is not None:
        rows = rows.exclude(pk=exclude_order_id)
    records = [
        ClaimantRecord(number=number, received_at=received_at, respondent=_respondent_key(merchant_id, name),
                       description=description)
        for number, received_at, merchant_id, name, description in rows.values_list(
            "number", "received_at", "merchant_id", "respondent_name", "description"
        )
    ]
    return claimant_score(
        records, now=at, window_days=window_days, threshold=threshold,
        weights=settings.JIESU_CLAIMANT_WEIGHTS, caps=settings.JIESU_CLAIMANT_CAPS,
    )


def claimant_flag(*, order: WorkOrder) -> ClaimantScore | None:
    """At registration (its row is locked): when the complainant's score with this order reaches
    the threshold, flag it `professional_claimant` and route it to the professional_claim line.
    Status, deadlines and the duty to decide on acceptance are untouched."""
    if not order.complainant_phone or order.type == OrderType.CONSULTATION:
        return None
    assessment = claimant_assessment(
        phone=order.complainant_phone, id_number=order.complainant_id_number, at=order.received_at
    )
    if not assessment.flagged:
        return assessment
    flag_add(order=order, flag=Flag.PROFESSIONAL_CLAIMANT)
    order.line = Line.PROFESSIONAL_CLAIM
    WorkOrder.objects.filter(pk=order.pk).update(flags=order.flags, line=order.line)
    return assessment
