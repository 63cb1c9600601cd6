"""Who calls and what they say: callers (with repeat callers and a few professional claimants) and
the texts of orders, replies and visits.

A description is composed from independent parts (how the record opens, what was bought where,
what went wrong, what the shop said, what is wanted, a colloquial tail), each drawn from its own
pool and in the voice of its channel: an operator's third-person record for the hotlines, the
12345 worksheet's "市民诉求" for transfers, the caller's own words on the web and mini program, a
letter's salutation. So two orders about the same problem rarely read alike.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from jiesu.core import clock
from jiesu.demo.merchants import DemoMerchant
from jiesu.demo.scenarios import WHO, Demand, Problem, Product, Scenario, Topic
from jiesu.orders.choices import Channel

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田"
    "任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文"
)
GIVEN_NAMES = (
    "伟", "芳", "秀英", "建华", "晓燕", "志强", "丽娟", "海涛", "子涵", "欣怡", "雨桐", "浩然", "梓轩", "思琪", "宇航", "俊杰",
    "雅婷", "明轩", "淑珍", "桂兰", "建军", "国庆", "玉梅", "春燕", "丹", "磊", "静怡", "文博", "嘉怡", "一鸣", "晓东", "红梅",
    "立新", "凤英", "永刚", "海燕", "建平", "秀兰", "振宇", "佳琪", "天宇", "诗涵", "晓峰", "宏伟", "亚楠", "婉清", "瑞", "昊",
    "琳", "倩", "鑫", "博", "欣", "颖", "帅", "璐", "晨", "蕾", "新民", "玉珍", "德明", "淑华", "卫国", "志红", "金凤", "桂芝",
    "少华", "晓丽", "春生", "冬梅", "若曦", "梦瑶", "嘉豪", "子墨", "一诺", "可馨", "浩宇", "语嫣", "铭泽", "乐瑶",
)  # fmt: skip
MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158",
    "159", "166", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "198", "199",
)  # fmt: skip
HOME_ROADS = {
    "西城区": ("西直门南小街", "广安门内大街", "月坛北街", "德胜门外大街", "白纸坊东街", "新街口外大街"),
    "东城区": ("东四北大街", "朝阳门北大街", "安定门外大街", "崇文门外大街", "和平里中街"),
    "朝阳区": ("朝阳路", "望京西路", "双井街", "潘家园路", "劲松路", "北苑路", "团结湖路"),
    "海淀区": ("学院路", "中关村南大街", "万寿路", "西三旗路", "上地十街", "紫竹院路"),
    "丰台区": ("丰台北路", "马家堡东路", "方庄路", "南三环西路"),
    "石景山区": ("鲁谷路", "古城大街"),
    "通州区": ("新华大街", "梨园路", "九棵树东路"),
    "昌平区": ("回龙观西大街", "天通苑北路"),
    "大兴区": ("黄村西大街", "文化园西路"),
}
HOME_DISTRICT_WEIGHTS = (("西城区", 4), ("东城区", 3), ("朝阳区", 4), ("海淀区", 3), ("丰台区", 2), ("石景山区", 1),
                         ("通州区", 1.5), ("昌平区", 1.5), ("大兴区", 1))  # fmt: skip
OUT_OF_TOWN = ("河北省石家庄市长安区中山东路", "山东省济南市历下区泉城路", "河南省郑州市金水区花园路", "黑龙江省哈尔滨市南岗区红军街",
               "四川省成都市武侯区人民南路", "江苏省南京市鼓楼区中山北路", "内蒙古自治区呼和浩特市新城区新华大街",
               "湖北省武汉市江汉区解放大道", "陕西省西安市碑林区东大街")  # fmt: skip
ID_REGIONS = ("110102", "110105", "110108", "110101", "110106", "130102", "370102", "410105", "230103", "510107", "320106")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@dataclass
class Person:
    name: str
    phone: str
    address: str
    id_number: str = ""
    visitor: bool = False
    professional: bool = False


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99999999):08d}"


def id_number(rng: random.Random) -> str:
    """An 18-character resident ID with a correct GB 11643 check character."""
    birth = date(rng.randint(1948, 2004), rng.randint(1, 12), rng.randint(1, 28))
    first17 = f"{rng.choice(ID_REGIONS)}{birth:%Y%m%d}{rng.randint(1, 999):03d}"
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def home_address(rng: random.Random) -> str:
    districts, weights = zip(*HOME_DISTRICT_WEIGHTS, strict=True)
    district = rng.choices(districts, weights)[0]
    road = rng.choice(HOME_ROADS[district])
    if rng.random() < 0.7:
        return f"北京市{district}{road}{rng.randint(1, 200)}号院{rng.randint(1, 16)}号楼{rng.randint(1, 6)}单元{rng.randint(1, 24)}{rng.randint(1, 4):02d}"
    return f"北京市{district}{road}{rng.randint(1, 300)}号"


class Callers:
    """People who call: mostly new, about one in ten a repeat caller (seed 004's "repeat" flag and
    the intake screen's list of the caller's earlier orders), and four professional claimants who
    file the templated ten-fold demands again and again."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.seen: list[Person] = []
        self.professionals = [
            Person("郭振东", "13910682235", "北京市丰台区南三环西路16号院3号楼2单元1102", professional=True),
            Person("林宏宇", "18611739846", "河北省廊坊市广阳区新华路88号", professional=True),
            Person("韩丽萍", "15801457723", "北京市朝阳区北苑路170号", professional=True),
            Person("陶永", "13701392618", "天津市河西区友谊路25号", professional=True),
        ]

    def name(self) -> str:
        surname = self.rng.choice(SURNAMES)
        if self.rng.random() < 0.1:
            return surname + self.rng.choice(("先生", "女士"))
        return surname + self.rng.choice(GIVEN_NAMES)

    def new(self, *, visitor: bool = False) -> Person:
        rng = self.rng
        phone = mobile(rng) if rng.random() < 0.95 else f"010-{rng.choice('568')}{rng.randint(1000000, 9999999)}"
        address = f"{rng.choice(OUT_OF_TOWN)}{rng.randint(1, 300)}号" if visitor else home_address(rng)
        person = Person(self.name(), phone, address, visitor=visitor)
        self.seen.append(person)
        return person

    def pick(self, *, professional: bool = False, visitor: bool = False) -> Person:
        if professional:
            return self.rng.choices(self.professionals, (5, 3, 2, 1))[0]
        if not visitor and len(self.seen) > 20 and self.rng.random() < 0.1:
            return self.rng.choice(self.seen[-400:])
        return self.new(visitor=visitor)


# ---------------------------------------------------------------------------------------------
# Voices


THIRD = "third"
FIRST = "first"
WORKSHEET = "worksheet"  # the 12345 platform's transfer sheet
LETTER = "letter"
VISIT = "visit"


def voice_of(channel: str) -> str:
    if channel == Channel.TRANSFER_12345:
        return WORKSHEET
    if channel in (Channel.WEB, Channel.MINI_PROGRAM, Channel.QR, Channel.SOCIAL_MEDIA):
        return FIRST
    if channel == Channel.LETTER:
        return LETTER
    if channel == Channel.VISIT:
        return VISIT
    return THIRD


def _third_person(text: str) -> str:
    """The operator's record speaks of the caller, so the caller's "我" becomes "其"."""
    return text.replace("我们", "他们").replace("我", "其")


def date_phrase(rng: random.Random, day: date, received: datetime, *, formal: bool) -> str:
    delta = (clock.local(received).date() - day).days
    if formal or rng.random() < 0.45:
        if day.year != clock.local(received).year or formal and rng.random() < 0.5:
            return f"{day.year}年{day.month}月{day.day}日"
        return f"{day.month}月{day.day}日"
    if delta <= 1:
        return "昨天" if delta == 1 else "今天"
    if delta < 7:
        return rng.choice(("前几天", f"{delta}天前", "这周"))
    if delta < 14:
        return "上周"
    if delta < 45:
        return rng.choice((f"{delta}天前", "上个月", "大概一个月前"))
    return rng.choice((f"今年{day.month}月" if day.year == clock.local(received).year else f"去年{day.month}月", "几个月前"))


def place_phrase(rng: random.Random, merchant: DemoMerchant) -> str:
    """How a caller names the shop: its everyday name, with the mall or street around it."""
    address = merchant.address
    if merchant.sector == "mall":
        floor = rng.choice(("一", "二", "三", "四", "五", "六", "地下一"))
        return rng.choice((f"{merchant.display}{floor}层的一个专柜", f"西单{merchant.display}" if "西单" in address and "西单" not in merchant.display else merchant.display,
                           merchant.display))
    for mall in ("锦华购物中心", "明珠时代百货", "汇德商厦", "西单新天地", "华融百货", "金街汇购物中心", "鸿运百货",
                 "东方金街购物中心", "天成国贸商城", "悦时里购物中心"):
        if mall in address:
            return rng.choice((f"{mall}里的{merchant.display}", f"{mall}的{merchant.display}", merchant.display))
    street = next((s for s in ("西单北大街", "王府井大街", "簋街", "东直门内大街", "三里屯路", "建国门外大街", "望京街", "阜通东大街",
                               "前门大街", "烟袋斜街", "金融街") if s in address), "")
    if street and rng.random() < 0.4:
        return f"{street}的{merchant.display}"
    return merchant.display


# ---------------------------------------------------------------------------------------------
# Descriptions


@dataclass
class Story:
    """The facts of one dispute, shared by its description, its agreement and its reply."""

    scenario: Scenario
    merchant: DemoMerchant
    place: str
    product: Product
    brand: str
    amount: Decimal | None
    purchased_on: date | None
    problem: Problem
    problem_text: str
    excuse: str
    demand: Demand
    x: int | None
    group: bool = False

    @property
    def who(self) -> str:
        return WHO.get(self.merchant.sector, "商家")

    @property
    def category(self) -> str:
        return self.product.category or self.scenario.category_by_sector.get(self.merchant.sector, self.scenario.category)


def story_make(rng: random.Random, scenario: Scenario, merchant: DemoMerchant, received: datetime) -> Story:
    products = [p for p in scenario.products if not p.sectors or merchant.sector in p.sectors] or list(scenario.products)
    product = rng.choice(products)
    problem = rng.choice(product.problems + scenario.problems)
    brand = rng.choice(product.brands) if product.brands else ""
    amount = None  # a problem met while shopping is not about the price of anything bought
    if product.high and not problem.visit:
        raw = rng.uniform(product.low, product.high)
        amount = Decimal(int(raw / 10) * 10 + rng.choice((0, 0, 9, 8))) if raw > 100 else Decimal(f"{raw:.1f}")
    if problem.x:
        x = rng.randint(*problem.x)
    else:
        x = max(5, int((amount or 200) * Decimal(str(rng.uniform(0.1, 0.4)))))
    local_day = clock.local(received).date()
    if scenario.key in ("gym", "beauty", "training", "decoration", "rental"):
        back = rng.randint(40, 500)
    elif scenario.key in ("food", "price", "mini_ktv") or problem.visit:
        back = rng.randint(0, 3)
    else:
        back = rng.randint(1, 60)
    purchased_on = date.fromordinal(local_day.toordinal() - back) if product.verb or problem.visit else None
    codes = problem.wants or "".join(scenario.demands)
    demand = scenario.demands[rng.choice(codes)] if scenario.demands else Demand("要求依法查处", ("查处",), ())
    text = problem.text.format(x=x, p=int((amount or 100) * Decimal("1.8")), q=int(amount or 100))
    if problem.excuse and (rng.random() < 0.75 or not scenario.excuses):
        excuse = problem.excuse
    else:
        excuse = rng.choice(scenario.excuses) if scenario.excuses else ""
    place = product.phrase.format(merchant=merchant.display) if not product.verb else place_phrase(rng, merchant)
    return Story(
        scenario=scenario, merchant=merchant, place=place, product=product, brand=brand, amount=amount,
        purchased_on=purchased_on, problem=problem, problem_text=text, excuse=excuse, demand=demand, x=x,
        group=rng.random() < scenario.group_share,
    )


def story_refund(rng: random.Random, story: Story) -> Decimal:
    """What a successful mediation of this demand returns to the consumer (挽回经济损失)."""
    refund = story.demand.refund
    if refund == "x":
        return Decimal(story.x or 0)
    low, high = refund
    if not high or not story.amount:
        return Decimal("0")
    if low >= 10:  # 食品安全法 148: ten times the price, at least 1,000 yuan
        return max(story.amount * 10, Decimal("1000")).quantize(Decimal("1"))
    return (story.amount * Decimal(str(round(rng.uniform(low, high), 2)))).quantize(Decimal("1"))


def _amount(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".")


GOODS_JOINERS = ("结果", "没想到", "回家后发现", "用了以后发现", "但是", "")
SERVICE_JOINERS = ("结果", "没想到", "但是", "后来", "")


def _purchase(rng: random.Random, story: Story, voice: str, received: datetime) -> str:
    """What was bought, where, when and for how much; or, for a problem met while shopping, where
    and when it happened (then the problem is part of the sentence)."""
    product = story.product
    formal = voice in (LETTER, WORKSHEET) or rng.random() < 0.45
    when = date_phrase(rng, story.purchased_on, received, formal=formal) if story.purchased_on else ""
    dated = when[:1].isdigit()
    if voice == FIRST:
        subject = rng.choice(("我", "本人于" if dated else "我", ""))
    elif voice == LETTER:
        subject = "本人于" if dated else "本人"
    else:
        subject = rng.choice(("其", "其", ""))
        subject += "于" if subject and dated and rng.random() < 0.5 else ""
    place = f"{story.merchant.name}（{story.merchant.address}）" if voice == LETTER else story.place
    problem = story.problem_text if voice in (FIRST, LETTER) else _third_person(story.problem_text)
    if story.problem.visit:
        return f"{subject}{when}在{place}购物时，{problem}。"
    thing = product.phrase.format(brand=story.brand, n=rng.choice((20, 30, 40)), merchant=story.merchant.display)
    money = _amount(story.amount)
    paid = rng.choice((f"花了{money}元", f"价格{money}元", f"共支付{money}元", f"付了{money}元"))
    joiner = "" if story.problem.plain else rng.choice(GOODS_JOINERS if product.goods else SERVICE_JOINERS)
    if voice == FIRST and subject == "我" and rng.random() < 0.3:
        bought = f"我是{when}在{place}{product.verb}{thing}的，{paid}。"
    elif voice not in (FIRST, LETTER) and rng.random() < 0.4:
        bought = f"{when}，{subject.rstrip('于') or '其'}在{place}{product.verb}{thing}（{money}元）。"
    else:
        bought = f"{subject}{when}在{place}{product.verb}{thing}，{paid}。"
    return f"{bought}{joiner}{problem}。"


def complaint_text(rng: random.Random, story: Story, voice: str, received: datetime, person: Person) -> str:
    """A complaint in the voice of its channel, from independent parts."""
    third = voice not in (FIRST, LETTER)
    parts = []
    if voice == THIRD:
        surname = person.name[0]
        parts.append(rng.choice(("来电人反映：", "消费者来电反映，", "来电人称，", "诉求人来电反映：",
                                 f"消费者{surname}{rng.choice(('先生', '女士'))}来电反映，")))
    elif voice == WORKSHEET:
        parts.append(rng.choice(("市民来电反映：", "来电人反映：", "【12345转办】市民反映：", "市民反映：")))
    elif voice == VISIT:
        parts.append(rng.choice(("消费者到所反映：", "来访人称，")))
    elif voice == LETTER:
        parts.append("尊敬的市场监督管理局：\n　　")
    else:
        parts.append(rng.choice(("", "", "您好，", "你好！", "市场监管局的同志你们好，")))

    if story.product.verb or story.problem.visit:
        parts.append(_purchase(rng, story, voice, received))
    else:  # a lift: where it is, then what is wrong with it
        where = _third_person(story.place) if third else story.place
        problem = _third_person(story.problem_text) if third else story.problem_text
        parts.append(f"{where}{problem}。")
    if story.excuse:
        excuse = _third_person(story.excuse) if third else story.excuse
        lead = rng.choice(("找商家协商，", "多次与商家沟通，", "联系商家后，", f"去店里找了{rng.randint(2, 5)}次，", "打客服电话反映，", ""))
        if story.merchant.sector == "property":
            lead = rng.choice(("找物业反映，", "多次找物业，", ""))
        parts.append(f"{lead}{excuse}。")
    if rng.random() < 0.3:
        parts.append(rng.choice((f"至今已过去{rng.randint(5, 40)}天，问题仍未解决。", "到现在也没有处理结果。", "对方一直拖着不解决。")))
    if story.group:
        parts.append("来电人称涉及会员数十人，已自发建立维权群。" if third else "跟我一样情况的会员有几十个，已经建了维权群。")
    if person.visitor:
        parts.append("来电人系外地游客，近日即将返程。" if third else "我是外地来北京旅游的，过几天就要回去了。")

    demand = story.demand.text
    if voice == WORKSHEET:
        closing = f"市民诉求：{demand}。"
    elif third:
        closing = rng.choice((f"现{demand}。", f"来电人{demand}。", f"诉求：{demand}。", f"希望市场监管部门督促处理，{demand}。"))
    elif voice == LETTER:
        closing = f"为此，本人{demand}，望贵局予以调查处理。\n此致\n敬礼"
    else:
        closing = rng.choice((f"我{demand}。", f"希望你们帮忙协调，{demand}。", f"请求市场监管部门介入，{demand}。", f"{demand}！"))
    tails_third = ("来电人情绪激动。", "来电人表示已保留相关凭证。", "来电人称此前已多次协商未果。", "来电人表示如得不到解决将向媒体反映。",
                   "请承办单位尽快联系来电人。")
    tails_first = ("真是太气人了！", "请尽快处理，谢谢！", "希望尽快给个答复。", "小票和聊天记录我都留着。", "现在连电话都不接了。",
                   "这已经是我第二次反映了。")
    tail = ""
    if voice != LETTER and rng.random() < 0.45:
        tail = rng.choice(tails_third if third else tails_first)
    if tail and rng.random() < 0.3:
        parts.extend([tail, closing])
    else:
        parts.extend([closing, tail])
    return "".join(parts).strip()


def fast_text(rng: random.Random, story: Story, voice: str) -> str:
    """Seed 002's fast-response cases are called in from the spot, so they read as a live report."""
    lead = rng.choice(("【快速响应】", "【现场投诉】", ""))
    where = f"{story.merchant.display}（{story.merchant.address}）"
    now_bits = rng.choice(("现在", "此刻", "目前"))
    text = f"{lead}来电人反映：{now_bits}在{where}，{story.scenario.fast_story}。"
    text += rng.choice(("请求立即派人到场处理。", "要求监管部门马上到现场。", "情况紧急，请尽快处置。"))
    return text


def professional_text(rng: random.Random, story: Story, person: Person, *, report: bool) -> str:
    """The templated legal wording professional claimants send (taxonomy rule 1)."""
    amount = story.amount or Decimal("99")
    quantity = rng.choice((2, 3, 5, 10, 20))
    total = amount * quantity
    when = f"{story.purchased_on.year}年{story.purchased_on.month}月{story.purchased_on.day}日"
    law = story.problem.law or "《中华人民共和国食品安全法》第六十七条"
    if report:
        return (
            f"举报人：{person.name}，联系电话：{person.phone}。\n被举报人：{story.merchant.name}，地址：{story.merchant.address}。\n"
            f"举报事项：举报人于{when}在被举报人处购买{story.product.name}{quantity}件，经查看，{story.problem_text}，违反了{law}的规定。"
            f"请求贵局依法立案查处，并依据《市场监督管理领域重大违法行为举报奖励暂行办法》给予举报奖励，在法定期限内书面告知举报人处理结果。"
        )
    if story.product.food:
        claim = f"支付价款十倍赔偿金{max(total * 10, Decimal('1000')):.2f}元"
        basis = "依据《中华人民共和国食品安全法》第一百四十八条第二款之规定"
    else:
        claim = f"支付价款三倍赔偿金{max(total * 3, Decimal('500')):.2f}元"
        basis = "依据《中华人民共和国消费者权益保护法》第五十五条第一款之规定"
    return (
        f"投诉人：{person.name}，联系电话：{person.phone}。\n被投诉人：{story.merchant.name}，地址：{story.merchant.address}。\n"
        f"投诉请求：1.退还货款{total:.2f}元；2.{claim}。\n"
        f"事实与理由：投诉人于{when}在被投诉人处购买{story.product.name}{quantity}件，共计{total:.2f}元。经查看，{story.problem_text}，"
        f"违反了{law}的规定。{basis}，请求贵局依法组织调解，支持投诉人的合法诉求。"
    )


def report_text(rng: random.Random, violation: str, merchant: DemoMerchant, voice: str, *, anonymous: bool) -> str:
    place = f"{merchant.display}（{merchant.address}）"
    detail = rng.choice(("", "已经持续好几个月了。", "周边居民反映很多次了。", "有照片可以证明。", "不是一次两次了。", "很多人都遇到过。"))
    if voice == FIRST:
        return f"{rng.choice(('我发现', '举报：', '实名举报，'))}{place}{violation}。{detail}希望你们去查一查。"
    if voice == WORKSHEET:
        return f"市民反映：{place}{violation}。{detail}市民诉求：希望相关部门依法查处。"
    if voice == LETTER:
        return f"尊敬的市场监督管理局：\n　　本人举报{place}{violation}。{detail}请依法查处并告知处理结果。"
    lead = "匿名举报：" if anonymous else rng.choice(("举报人反映：", "来电人举报，", "举报人称，"))
    ask = rng.choice(("要求依法查处。", "请求监管部门调查处理。", "要求查处并反馈结果。" if not anonymous else "请求依法查处。"))
    return f"{lead}{place}{violation}。{detail}{ask}"


def consultation_text(rng: random.Random, topic: Topic, voice: str, merchant: DemoMerchant | None) -> str:
    question = rng.choice(topic.questions).replace("{shop}", merchant.display if merchant else "这家店")
    asks = question.endswith("？")
    if voice == FIRST:
        lead = rng.choice(("请问", "你好，想问一下", "", "咨询一下，") if asks else ("", "你好，", "您好，"))
        return f"{lead}{question}"
    if voice == WORKSHEET:
        return f"市民来电咨询：{question}市民诉求：希望得到答复。"
    if voice == LETTER:
        return f"尊敬的市场监督管理局：\n　　{question}盼复。"
    return rng.choice((f"来电人咨询：{question}", f"来电人称想咨询一下：{question}", f"市民询问：{question}",
                       f"消费者来电询问：{question}"))


# ---------------------------------------------------------------------------------------------
# What handlers and visitors write


def agreement_text(rng: random.Random, story: Story, refund: Decimal) -> str:
    """A settlement of the demand actually made; a template naming a sum is used only when
    money changed hands."""
    templates = story.demand.agreements or ("{who}同意处理",)
    if not refund:
        templates = tuple(t for t in templates if "{refund}" not in t) or ("{who}向消费者赔礼道歉",)
    return rng.choice(templates).format(refund=_amount(refund), who=story.who)


def reply_mediated(rng: random.Random, agreement: str, office: str) -> str:
    return rng.choice((
        f"经{office}组织调解，{agreement}，双方达成一致意见。已电话告知诉求人，诉求人表示认可。",
        f"承办人联系双方进行调解，{agreement}。调解协议已履行。",
        f"经调解，{agreement}。诉求人对处理结果表示接受。",
    ))


def reply_failed(rng: random.Random) -> str:
    return rng.choice((
        "经调解，双方分歧较大，商家仅同意部分诉求，诉求人不接受，未能达成一致。已告知诉求人可依法申请仲裁或向人民法院起诉。",
        "承办人多次组织调解，双方对赔偿金额意见差距较大，调解不成。已告知诉求人其他救济途径。",
        "经调解未能达成协议，已向诉求人说明相关法律规定，建议通过司法途径解决。",
    ))


def reply_terminated(rng: random.Random, ground_label: str) -> str:
    return rng.choice((
        f"因{ground_label}，依据《市场监督管理投诉举报处理暂行办法》第二十二条终止调解，已告知诉求人可通过其他途径维权。",
        f"调解过程中出现{ground_label}的情形，依法终止调解，已电话告知诉求人。",
    ))


def reply_report(rng: random.Random, outcome: str, case_number: str = "") -> str:
    texts = {
        "unfounded": ("经执法人员现场检查，未发现举报所述问题，举报内容不属实。", "经核查，被举报人经营行为正常，举报内容不属实。"),
        "verified_no_case": ("经核查，被举报人存在轻微问题，已责令当场改正。违法行为轻微并及时改正，没有造成危害后果，依法不予立案。",
                             "经核查，现有证据不足以证明存在违法行为，决定不予立案，已对经营者进行行政指导。"),
        "partly_founded": ("经核查，举报内容部分属实，已责令被举报人限期整改。", "经现场检查，举报反映的部分问题属实，已督促经营者整改完毕。"),
        "case_filed": (f"经核查，举报内容属实，已立案调查（{case_number}），将依法作出处理。",
                       f"举报线索经核查属实，已于近日立案（{case_number}），案件正在办理中，结果将另行告知。"),
    }
    return rng.choice(texts[outcome])


def reply_answered(rng: random.Random, topic: Topic) -> str:
    return rng.choice(("经核实后电话答复来电人。", "已电话答复来电人。", "")) + topic.answer


NOT_ACCEPT_EXPLANATIONS = {
    "not_consumption": ("经审查，投诉人短期内多次购买同类商品并以标签瑕疵为由主张惩罚性赔偿，不能证明为生活消费需要，依据《市场监督管理投诉举报处理暂行办法》第十五条第一款第三项，决定不予受理。",
                        "投诉人购买商品并非为生活消费需要，依法不予受理；其反映的标签问题已作为举报线索另行核查。"),
    "time_barred": ("经审查，投诉人知道其权益受到侵害之日起已超过三年，依法不予受理。",),
    "missing_materials": ("经告知补正，投诉人未能提供购买凭证及被投诉人的具体名称、地址，依法不予受理。",
                          "投诉人无法提供消费凭证，经联系补充材料未果，决定不予受理。"),
    "already_handled": ("经核实，该消费争议已由人民法院受理，依法不予受理。", "该争议此前已由消费者协会调解处理完毕，依法不予受理。"),
    "not_competent": ("经审查，投诉事项不属于市场监督管理部门职责范围，已告知投诉人向有关部门反映。",),
    "other_law": ("根据相关法律法规规定，该投诉不予受理。",),
}


def visit_comment(rng: random.Random, satisfaction: str, resolved: bool) -> str:
    if satisfaction == "satisfied":
        return rng.choice(("对处理结果满意，感谢工作人员。", "问题已经解决了，谢谢。", "满意，处理很及时。", "工作人员很负责，满意。"))
    if satisfaction == "basically_satisfied":
        return rng.choice(("基本满意，就是处理时间有点长。", "问题解决了一部分，基本满意。", "基本满意，希望以后加强对商家的监管。"))
    if resolved:
        return rng.choice(("问题虽然解决了，但商家态度很差，不满意。", "解决是解决了，但拖得太久。"))
    return rng.choice(("不满意，商家至今没有退款。", "认为监管部门偏向商家。", "对调解结果不满意，要求重新处理。", "问题根本没解决。"))


CONTACT_SUMMARIES = (
    "已电话联系诉求人，告知已受理，正在与被投诉方核实。", "电话联系诉求人了解情况，诉求人补充提供了购物小票照片。",
    "已联系诉求人，约定于近日组织双方调解。", "联系诉求人核实诉求，告知办理流程和时限。",
)
RETURN_REASONS_WRONG_OFFICE = (
    "经核实，被投诉方经营地址不在本所辖区，请重新派单。", "被诉方位于{street}，属{office}管辖，申请退单。",
    "该商户已迁址，现经营地不属本所辖区。",
)
RETURN_REASONS_NOT_COMPETENT = {
    "housing": "反映的是住房租赁中介克扣押金问题，依据《北京市房屋租赁管理若干规定》，属住房城乡建设部门职责，申请退单并建议转住建委。",
    "culture-tourism": "反映的是迷你歌咏亭（迷你KTV）消费纠纷，依据《文化部关于引导迷你歌咏亭市场健康发展的通知》，应由文化行政部门管辖，申请退单。",
}
TRANSFER_REASONS = {
    "housing": "住房租赁中介机构违规收费、克扣押金等问题的责任单位为市住建委，转住建委依职责处理。",
    "culture-tourism": "迷你歌咏亭市场由文化行政部门管辖（《文化部关于引导迷你歌咏亭市场健康发展的通知》），转市文化和旅游局处理。",
}
EXTENSION_REASONS = (
    "需委托检验机构对商品进行检测，检测周期较长，申请延期。", "被投诉方负责人出差，双方约定的调解时间在期限之后。",
    "涉及人数较多，需逐一核实会员信息。", "需等待厂家出具鉴定意见。", "双方正在协商分期退款方案，申请延期。",
)
ESCALATION_REASONS = ("涉及会员人数多，存在群体性风险，领导包案。", "多次重复投诉，矛盾较深，提级调度。", "涉及舆情关注，由领导牵头协调。")
COHANDLER_REASONS = ("吹哨报到：请{name}协助核查相关问题。", "涉及专业领域，请{name}派员协办。", "联合{name}共同开展调查。")
EXCLUSION_REASONS = {
    "unreasonable_demand": ("消费者穿着后以不喜欢为由要求退货，不属于质量问题，诉求不合理。", "消费者要求超出法律规定的赔偿，经多次解释仍坚持，诉求不合理。"),
    "malicious": ("投诉人短期内以同类理由投诉多家商户，具有职业索赔特征。", "投诉人系职业索赔人，以牟利为目的反复投诉。"),
    "duplicate": ("同一诉求已在其他工单中办理。",),
    "unreachable": ("多次联系诉求人均无法接通。",),
}
