"""The classifier's keyword rules, as data a deployment can edit, and the code that matches them.

Line rules are taxonomy.md section 1's boundary rules in their order. The first three *decide* the
line whatever the product (职业索赔, 预付式消费, 特种设备): the wording is unambiguous and the
statistical model would otherwise follow the product named in the text. Rules 4-8 only *hint*: they
add a little weight to their line and the model still decides, because their words ("标价", "汽车")
also appear in orders that belong elsewhere. Rule 9 (everything else → general) is the model's job.

Danger rules mark fast response (seed 002, taxonomy.md section 5) with the reason intake shows;
request rules catch the plain words of the nine requests (诉求) so a request stated in the text is
never missed by the model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from jiesu.orders.choices import FastResponseReason, Line, Urgency


@dataclass(frozen=True)
class LineRule:
    """`markers` are substrings; the rule fires on the first one present unless one of `unless` is
    present too (a supermarket's 会员积分 is no prepaid card, an 电梯房 is a flat)."""

    number: int
    line: str
    name: str
    markers: tuple[str, ...]
    decides: bool = False
    unless: tuple[str, ...] = ()
    boost: float = 0.0

    def match(self, found: set[str]) -> str | None:
        if found.isdisjoint(self.unless):
            return next((word for word in self.markers if word in found), None)
        return None


@dataclass(frozen=True)
class DangerRule:
    """Words that qualify an order for fast response and the reasons they give."""

    name: str
    markers: tuple[str, ...]
    reasons: tuple[str, ...]
    unless: tuple[str, ...] = ()

    def match(self, found: set[str]) -> str | None:
        if found.isdisjoint(self.unless):
            return next((word for word in self.markers if word in found), None)
        return None


@dataclass(frozen=True)
class RuleSet:
    lines: tuple[LineRule, ...]
    dangers: tuple[DangerRule, ...]
    requests: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Confidence a deciding rule gives its line; the model's candidates share what is left.
    decide_confidence: float = 0.95

    def words(self) -> set[str]:
        """Every marker, so the word segmenter keeps them whole (惩罚性赔偿, not 惩罚/性/赔偿)."""
        return {w for w in self._all_words() if len(w) > 1}

    def _all_words(self) -> set[str]:
        found = {w for rule in self.lines for w in (*rule.markers, *rule.unless)}
        found |= {w for rule in self.dangers for w in (*rule.markers, *rule.unless)}
        return found | {w for words in self.requests.values() for w in words}

    def scan(self, text: str) -> set[str]:
        """The rule words present in `text`, found once for all rules. Words are looked up by their
        first two characters, so a text costs one dict lookup per character instead of a substring
        search per word: the rules must keep up with batch classification (2,000 texts a second)."""
        index = self.__dict__.get("_index")
        if index is None:
            index = {}
            for word in self._all_words():
                index.setdefault(word[:2] if len(word) > 1 else "", []).append(word)
            object.__setattr__(self, "_index", index)
        found = {word for word in index.get("", ()) if word in text}
        for i in range(len(text) - 1):
            for word in index.get(text[i : i + 2], ()):
                if text.startswith(word, i):
                    found.add(word)
        return found


LINE_RULES = (
    LineRule(1, Line.PROFESSIONAL_CLAIM, "惩罚性赔偿", decides=True, markers=(
        "十倍赔偿", "十倍的赔偿", "价款十倍", "十倍价款", "退一赔十", "退一赔三", "三倍赔偿", "三倍的赔偿",
        "惩罚性赔偿", "假一赔十", "举报奖励", "奖励", "第一百四十八条", "第148条", "第五十五条第一款",
        "第五十五条", "第55条",
    ), unless=("积分奖励", "奖励积分", "推荐奖励")),
    LineRule(2, Line.PREPAID, "预付式消费", decides=True, markers=(
        "预付", "储值", "会员卡", "办卡", "办了卡", "充值卡", "充值", "课时", "卷款跑路", "卷钱跑路",
        "次卡", "年卡", "季卡", "月卡", "健身卡", "美容卡", "美发卡", "洗车卡", "课程包", "余额不退",
        "不认老卡", "老卡",
    ), unless=("话费充值", "充值话费", "手机充值", "游戏充值", "会员积分", "积分")),
    LineRule(3, Line.SPECIAL_EQUIPMENT, "特种设备", decides=True, markers=(
        "电梯", "扶梯", "锅炉", "压力容器", "气瓶", "液化气罐", "煤气罐", "索道", "游乐设施", "过山车",
        "摩天轮", "大摆锤", "蹦极",
    ), unless=("电梯房", "电梯广告", "电梯口", "电梯间广告")),
    LineRule(4, Line.FOOD, "食品安全", boost=0.3, markers=(
        "变质", "异物", "发霉", "过期食品", "吃出", "腹泻", "拉肚子", "食物中毒", "外卖", "餐厅", "饭店",
    )),
    LineRule(4, Line.DRUG, "药品化妆品", boost=0.3, markers=("药店", "药房", "处方", "化妆品", "面霜", "口红")),
    LineRule(4, Line.MEDICAL_DEVICE, "医疗器械", boost=0.3, markers=(
        "血压计", "血糖仪", "助听器", "隐形眼镜", "医疗器械", "口罩", "理疗仪", "试剂盒",
    )),
    LineRule(5, Line.PRICE, "价格", boost=0.3, markers=(
        "明码标价", "原价", "多收", "标价", "价格欺诈", "先涨后降", "虚构原价", "收费标准", "乱收费",
        "停车费", "加价",
    )),
    LineRule(6, Line.AUTO, "汽车", boost=0.2, markers=("4S店", "汽车", "新车", "二手车", "车辆", "轮胎")),
    LineRule(6, Line.REAL_ESTATE, "房地产", boost=0.2, markers=(
        "开发商", "物业", "中介", "装修", "租房", "房东", "交房", "全屋定制",
    )),
    LineRule(7, Line.SUPERMARKET, "商超", boost=0.2, markers=("超市", "商场", "百货", "专柜", "存包柜")),
)

DANGER_RULES = (
    DangerRule("人员被困", ("被困", "困在电梯", "电梯困人", "关在电梯", "困在里面", "困在轿厢", "电梯关人",
                            "电悌关人", "停在半空", "悬在半空", "卡在半空"),
               (FastResponseReason.SAFETY, FastResponseReason.ON_SITE),
               unless=("被困了一个多小时", "后来")),
    DangerRule("燃气泄漏", ("燃气泄漏", "煤气泄漏", "天然气泄漏", "液化气泄漏", "燃气味", "煤气味"),
               (FastResponseReason.SAFETY,)),
    DangerRule("群体中毒", ("多人呕吐", "多人腹泻", "多人中毒", "集体中毒", "群体中毒", "多人食物中毒",
                            "陆续出现", "呕吐症状"),
               (FastResponseReason.SAFETY, FastResponseReason.GROUP)),
    DangerRule("人身危险", ("中毒", "受伤", "起火", "冒烟", "爆炸", "触电", "电击", "夹住", "误食",
                            "救护车", "叫了120", "打了120", "打了119", "急诊", "呼吸困难", "送往医院"),
               (FastResponseReason.SAFETY,), unless=("轻度中毒", "缝了", "差点着火", "差点把")),
    DangerRule("现场投诉", ("正在现场", "人在现场", "现在就在", "现在在", "现正在", "正在店", "还在店里",
                            "当场", "不让走", "不让离开", "不让下车", "不让拿", "僵持", "正在争执",
                            "到场", "现场"),
               (FastResponseReason.ON_SITE,),
               unless=("当场没发现", "当场没有发现", "当场未发现", "当场发现", "当场要求")),
    DangerRule("固定证据", ("监控会被覆盖", "监控被覆盖", "证据会被销毁", "马上销毁", "正在销毁", "正在卸",
                            "还在卸货", "还在后厨", "亲眼看到"),
               (FastResponseReason.EVIDENCE,)),
    DangerRule("外地游客", ("外地游客", "外地人", "外地旅客", "来旅游", "出差", "明天就要离开", "明天就走",
                            "马上要走", "必须离开", "赶飞机", "赶火车", "的航班", "的火车", "返程"),
               (FastResponseReason.VISITOR,)),
    DangerRule("群访舆情", ("群访", "集体投诉", "几十名", "上百名", "上百人", "聚集", "围堵", "舆情",
                            "媒体曝光", "网上热传"),
               (FastResponseReason.GROUP,)),
    DangerRule("领导批示", ("领导批示", "领导批转", "领导交办", "批示要求"), (FastResponseReason.LEADER,)),
)

#: Plain words of each request (taxonomy.md section 3); the model adds what they miss.
REQUEST_RULES = {
    "退货": ("退货", "要求退掉", "退回商品"),
    "换货": ("换货", "更换", "换新", "换一台", "换一个", "调换"),
    "维修": ("维修", "修理", "保修", "返修"),
    "退款": ("退款", "退钱", "退费", "退还", "退回费用", "返还"),
    "赔偿": ("赔偿", "赔付", "索赔", "损失"),
    "履行约定": ("履行", "兑现", "按约定", "按合同", "如期交付", "交付", "发货"),
    "赔礼道歉": ("道歉", "赔礼"),
    "查处": ("查处", "处罚", "查办", "依法处理", "严肃处理", "举报"),
    "解答": ("咨询", "请问", "是否合法", "是否合规", "怎么办", "能否", "可不可以"),
}

#: Issue natures of taxonomy.md section 4, the values the issue head suggests.
ISSUES = ("质量", "安全", "价格", "计量", "虚假宣传", "合同", "售后服务", "人格尊严", "个人信息", "假冒",
          "格式条款", "无证无照", "其他")  # fmt: skip

DEFAULT_RULES = RuleSet(lines=LINE_RULES, dangers=DANGER_RULES, requests=REQUEST_RULES)


@dataclass(frozen=True)
class LineHit:
    rule: LineRule
    word: str

    @property
    def explanation(self) -> str:
        """A deciding rule is named as the rule; a hint only as the word that leant towards it."""
        if self.rule.decides:
            return f"命中规则：{self.rule.name}（{self.word}）"
        return f"提示词：{self.word}"


@dataclass(frozen=True)
class Danger:
    urgency: str
    reasons: list[str]
    words: list[str]


def line_hits(found: set[str], rules: RuleSet = DEFAULT_RULES) -> list[LineHit]:
    """Every line rule that fires, in taxonomy order, so the first deciding hit is the boundary rule
    that wins (a 十倍赔偿 demand about a gym card is professional_claim, rule 1 before rule 2).
    `found` is `rules.scan(text)`, computed once per text for every rule."""
    hits = []
    for rule in rules.lines:
        word = rule.match(found)
        if word:
            hits.append(LineHit(rule, word))
    return hits


def deciding_hit(hits: Iterable[LineHit]) -> LineHit | None:
    return next((hit for hit in hits if hit.rule.decides), None)


def danger(found: set[str], rules: RuleSet = DEFAULT_RULES) -> Danger:
    """Fast response when any danger rule fires, with the union of their reasons in code order."""
    reasons: set[str] = set()
    words = []
    for rule in rules.dangers:
        word = rule.match(found)
        if word:
            reasons.update(rule.reasons)
            words.append(word)
    ordered = [code for code in FastResponseReason.values if code in reasons]
    return Danger(Urgency.FAST if ordered else Urgency.NORMAL, ordered, words)


def requests_stated(found: set[str], rules: RuleSet = DEFAULT_RULES) -> list[str]:
    """Requests named in the text, in taxonomy order."""
    return [name for name, words in rules.requests.items() if not found.isdisjoint(words)]
