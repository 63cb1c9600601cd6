"""The demo merchant registry: about 130 businesses inside the demo offices' jurisdictions, weighted
as the seeds describe them: the Xidan malls and their counters (seed 000: 94 % of complaints),
phone shops, gyms and beauty salons selling prepaid cards, restaurants, 4S shops, decoration firms,
pharmacies, training schools, rental agents and mini-KTV operators (the two seed 000 transfers).

Names and credit codes are invented but well formed: every code carries a valid GB 11714
organisation-code check character and a valid GB 32100 check character, so intake's validation and
the registry's links behave exactly as with real businesses.
"""

import random
from dataclasses import dataclass

from jiesu.merchants.credit_code import ALPHABET, credit_code_check_char
from jiesu.merchants.models import Merchant
from jiesu.merchants.services import merchant_create

SEED = "jiesu-demo-merchants-2025"

#: Per office: the district's administrative-division code (GB/T 2260), its name, the label
#: people use for the area and the streets a shop's address is drawn from.
OFFICE_PLACES = {
    "xichangan": ("110102", "西城区", "西单", ("西单北大街", "西长安街", "宣武门内大街", "灵境胡同", "横二条")),
    "jinrongjie": ("110102", "西城区", "金融街", ("金融街", "太平桥大街", "阜成门内大街", "闹市口大街", "武定侯街")),
    "shichahai": ("110102", "西城区", "什刹海", ("地安门外大街", "烟袋斜街", "后海北沿", "鼓楼西大街", "前海西街")),
    "donghuamen": ("110101", "东城区", "王府井", ("王府井大街", "东单北大街", "金鱼胡同", "灯市口大街", "东安门大街")),
    "dongzhimen": ("110101", "东城区", "东直门", ("东直门内大街", "东四十条", "东直门外大街", "香河园路")),
    "qianmen": ("110101", "东城区", "前门", ("前门大街", "鲜鱼口", "前门东大街", "长巷头条")),
    "jianwai": ("110105", "朝阳区", "国贸", ("建国门外大街", "光华路", "东三环中路", "永安里")),
    "sanlitun": ("110105", "朝阳区", "三里屯", ("三里屯路", "工人体育场北路", "幸福村中路", "新东路")),
    "wangjing": ("110105", "朝阳区", "望京", ("阜通东大街", "广顺北大街", "望京街", "宏昌路", "利泽中园")),
}

#: The big malls, written out: most complaints name them (seed 000).
MALLS = (
    ("xichangan", "北京锦华购物中心有限公司", "锦华购物中心", "西单北大街110号"),
    ("xichangan", "北京明珠时代百货有限公司", "明珠时代百货", "西单北大街132号"),
    ("xichangan", "北京汇德商厦有限公司", "汇德商厦", "西单北大街176号"),
    ("xichangan", "北京西单新天地商城有限公司", "西单新天地", "西长安街88号"),
    ("xichangan", "北京华融百货有限责任公司", "华融百货", "宣武门内大街2号"),
    ("jinrongjie", "北京金街汇购物中心有限公司", "金街汇购物中心", "金融街9号"),
    ("donghuamen", "北京王府井鸿运百货有限公司", "鸿运百货", "王府井大街255号"),
    ("donghuamen", "北京东方金街购物中心有限公司", "东方金街购物中心", "王府井大街138号"),
    ("jianwai", "北京国贸天成商业管理有限公司", "天成国贸商城", "建国门外大街1号"),
    ("sanlitun", "北京三里屯悦时商业管理有限公司", "悦时里购物中心", "三里屯路19号"),
)

#: sector: (((legal-name pattern, what callers call it), ...), individual business?, inside a mall?)
SECTORS = {
    "clothing": ((("北京{tn}服饰有限公司{area}分公司", "{tn}服饰专卖店"), ("北京{tn}鞋业有限公司{area}店", "{tn}鞋店")), False, True),
    "phone": ((("北京{tn}通讯器材有限公司{area}分公司", "{tn}手机店"), ("北京{tn}数码科技有限公司", "{tn}数码")), False, True),
    "appliance": ((("北京{tn}电器销售有限公司", "{tn}电器"),), False, False),
    "jewellery": ((("北京{tn}珠宝首饰有限公司", "{tn}珠宝"), ("北京{tn}黄金珠宝有限公司", "{tn}金店")), False, True),
    "cosmetics": ((("北京{tn}化妆品有限公司{area}店", "{tn}美妆店"),), False, True),
    "supermarket": ((("北京{tn}超市连锁有限公司{area}店", "{tn}超市"), ("北京{tn}便利店有限公司{area}店", "{tn}便利店")), False, False),
    "restaurant": ((("北京{tn}餐饮管理有限公司{area}分店", "{tn}餐厅"), ("北京市{area}{tn}饭庄", "{tn}饭庄"),
                    ("北京{tn}火锅餐饮有限公司", "{tn}火锅")), False, False),
    "bakery": ((("北京{tn}食品有限公司{area}店", "{tn}烘焙"), ("北京{tn}茶饮管理有限公司", "{tn}奶茶店")), False, True),
    "bar": ((("北京{tn}酒吧有限公司", "{tn}酒吧"), ("北京{tn}文化餐饮有限公司", "{tn}清吧")), False, False),
    "pharmacy": ((("北京{tn}大药房有限公司{area}店", "{tn}大药房"),), False, False),
    "optical": ((("北京{tn}眼镜有限公司", "{tn}眼镜店"),), False, True),
    "health": ((("北京{tn}健康科技有限公司", "{tn}健康体验店"), ("北京{tn}生物科技有限公司", "{tn}养生馆")), False, False),
    "gym": ((("北京{tn}健身服务有限公司{area}分公司", "{tn}健身"), ("北京{tn}体育文化发展有限公司", "{tn}健身工作室")), False, False),
    "beauty": ((("北京{tn}美容有限公司", "{tn}美容院"), ("北京{tn}美业管理有限公司{area}店", "{tn}美容美发")), False, False),
    "training": ((("北京{tn}教育科技有限公司", "{tn}教育"), ("北京{tn}培训学校有限公司", "{tn}培训学校")), False, False),
    "auto": ((("北京{tn}汽车销售服务有限公司", "{tn}4S店"),), False, False),
    "car_repair": ((("北京市{area}{tn}汽车修理部", "{tn}汽修厂"),), True, False),
    "decoration": ((("北京{tn}装饰工程有限公司", "{tn}装饰"), ("北京{tn}建筑装饰有限公司", "{tn}装修公司")), False, False),
    "furniture": ((("北京{tn}家居有限公司", "{tn}定制家居"),), False, False),
    "rental": ((("北京{tn}房地产经纪有限公司{area}分店", "{tn}房产中介"),), False, False),
    "property": ((("北京{tn}物业管理有限公司", "{tn}物业"),), False, False),
    "mini_ktv": ((("北京{tn}文化传播有限公司", "{tn}迷你KTV"),), False, True),
    "hotel": ((("北京{tn}酒店管理有限公司{area}分公司", "{tn}酒店"),), False, False),
    "travel": ((("北京{tn}国际旅行社有限公司", "{tn}旅行社"),), False, False),
    "telecom": ((("北京{tn}通信技术服务有限公司", "{tn}通信营业厅"),), False, False),
    "parking": ((("北京{tn}停车管理有限公司", "{tn}停车场"),), False, False),
    "laundry": ((("北京市{area}{tn}洗衣店", "{tn}洗衣店"),), True, False),
    "photo": ((("北京市{area}{tn}摄影工作室", "{tn}摄影"),), True, False),
    "hair": ((("北京市{area}{tn}美发店", "{tn}理发店"),), True, False),
}

#: How many businesses of each sector each office holds.
LAYOUT = {
    "xichangan": {"clothing": 6, "phone": 5, "jewellery": 1, "cosmetics": 2, "restaurant": 3, "bakery": 1,
                  "beauty": 2, "gym": 2, "training": 2, "mini_ktv": 1, "optical": 1, "pharmacy": 1,
                  "telecom": 1, "appliance": 1, "parking": 1},
    "jinrongjie": {"restaurant": 2, "gym": 2, "beauty": 1, "training": 1, "pharmacy": 1, "supermarket": 1,
                   "property": 2, "rental": 1, "hotel": 1, "laundry": 1},
    "shichahai": {"bar": 3, "restaurant": 2, "hotel": 1, "property": 1, "supermarket": 1, "photo": 1, "rental": 1},
    "donghuamen": {"jewellery": 2, "clothing": 2, "restaurant": 2, "hotel": 2, "travel": 1, "pharmacy": 1,
                   "health": 1, "phone": 1, "bakery": 1},
    "dongzhimen": {"restaurant": 4, "supermarket": 1, "gym": 1, "property": 1, "car_repair": 1, "rental": 1},
    "qianmen": {"restaurant": 2, "travel": 1, "hotel": 1, "bakery": 1, "jewellery": 1, "health": 1},
    "jianwai": {"clothing": 1, "gym": 2, "beauty": 2, "training": 2, "restaurant": 1, "decoration": 1,
                "auto": 1, "optical": 1},
    "sanlitun": {"clothing": 1, "phone": 1, "restaurant": 2, "bar": 1, "gym": 1, "beauty": 1, "mini_ktv": 1,
                 "parking": 1, "cosmetics": 1},
    "wangjing": {"auto": 3, "decoration": 3, "furniture": 1, "gym": 1, "training": 2, "supermarket": 1,
                 "property": 1, "rental": 1, "appliance": 1, "beauty": 1, "pharmacy": 1, "laundry": 1, "hair": 1},
}  # fmt: skip

TRADE_NAMES = (
    "锦程", "恒信", "瑞丰", "博雅", "嘉禾", "鑫源", "华美", "金鼎", "盛世", "宏达", "永泰", "天成", "和润", "安泰",
    "佳和", "德瑞", "康宁", "同信", "众合", "百川", "乐活", "悦动", "力美", "尚品", "卓越", "君悦", "新锐", "启航",
    "思源", "明德", "致远", "星河", "京华", "华尊", "恒通", "广源", "优品", "鼎盛", "福满", "长乐", "祥瑞", "正阳",
    "光华", "金桥", "金辉", "润泽", "丰泽", "聚源", "立信", "伟业", "兴隆", "盈丰", "安和", "荣昌", "泰和", "万和",
    "合众", "禾丰", "品尚", "美途", "逸家", "宜居", "筑美", "匠心", "美家", "欧雅", "名匠", "家和", "鹏程", "腾飞",
    "晨曦", "朗润", "清源", "若水", "青禾", "沐光", "知行", "博睿", "书香", "童趣", "小树", "橙子", "麦田", "蓝湾",
    "云端", "拾光", "悦颜", "丽人", "雅姿", "初见", "花语", "月朗", "星耀", "优动", "超燃", "铁馆", "燃脂", "塑形",
    "驰骋", "远航", "众诚", "信诚", "宝驰", "恒驰", "通达", "四季", "福来", "聚福", "老街", "胡同", "京味", "海棠",
    "玉兰", "银杏", "晴川", "南山", "北辰", "东篱", "西岭", "鸿福", "瑞祥", "吉庆", "顺和", "万福", "嘉悦", "悦享",
    "优选", "惠民", "家乐", "邻里", "便民", "好邻", "康健", "益寿", "仁和", "济民", "同仁", "明目", "视界", "清晰",
)  # fmt: skip


@dataclass
class DemoMerchant:
    """A registry entry plus what the order replay needs to talk about it."""

    merchant: Merchant
    display: str  # what a caller calls it ("锦华购物中心", "力美健身")
    sector: str
    office: str

    @property
    def name(self) -> str:
        return self.merchant.name

    @property
    def address(self) -> str:
        return self.merchant.address

    @property
    def credit_code(self) -> str:
        return self.merchant.credit_code or ""


def org_code(rng: random.Random) -> str:
    """A nine-character GB 11714 organisation code: eight characters and their check character
    (weights 3 7 9 10 5 8 4 2, modulus 11, 10 written X)."""
    if rng.random() < 0.5:
        body = "MA0" + rng.choice("0123456789") + "".join(rng.choice(ALPHABET) for _ in range(4))
    else:
        body = "".join(rng.choice("0123456789") for _ in range(8))
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def credit_code_make(rng: random.Random, *, division: str, individual: bool = False) -> str:
    """91 = enterprise, 92 = individual business (个体工商户), registered by market regulation."""
    first17 = ("92" if individual else "91") + division + org_code(rng)
    return first17 + credit_code_check_char(first17)


@dataclass(frozen=True)
class _Spec:
    office: str
    sector: str
    name: str
    display: str
    address: str
    credit_code: str
    phone: str
    is_odr: bool
    dual_commitment: bool
    seven_day_return: bool


def _specs() -> list[_Spec]:
    """The registry as data, drawn from its own seeded generator so adding orders never shifts it."""
    rng = random.Random(SEED)
    names = list(TRADE_NAMES)
    rng.shuffle(names)
    codes: set[str] = set()

    def code_for(division: str, individual: bool) -> str:
        while True:
            code = credit_code_make(rng, division=division, individual=individual)
            if code not in codes:
                codes.add(code)
                return code

    def landline() -> str:
        return f"010-{rng.choice('568')}{rng.randint(1000000, 9999999)}"

    specs = []
    malls_of: dict[str, list[tuple[str, str]]] = {}
    for office, name, display, street in MALLS:
        division, district, _area, _streets = OFFICE_PLACES[office]
        malls_of.setdefault(office, []).append((display, street))
        specs.append(_Spec(
            office, "mall", name, display, f"北京市{district}{street}", code_for(division, False), landline(),
            is_odr=rng.random() < 0.8, dual_commitment=rng.random() < 0.7, seven_day_return=rng.random() < 0.6,
        ))
    for office, sectors in LAYOUT.items():
        division, district, area, streets = OFFICE_PLACES[office]
        for sector, count in sectors.items():
            patterns, individual, in_mall = SECTORS[sector]
            for _ in range(count):
                tn = names.pop()
                legal, spoken = rng.choice(patterns)
                name, display = legal.format(tn=tn, area=area), spoken.format(tn=tn)
                if in_mall and office in malls_of and rng.random() < 0.7:
                    mall, street = rng.choice(malls_of[office])
                    address = f"北京市{district}{street}{mall}{rng.choice(('B1', '1', '2', '3', '4', '5', '6'))}层{rng.randint(1, 60):02d}号"
                else:
                    address = f"北京市{district}{rng.choice(streets)}{rng.randint(1, 220)}号"
                    if rng.random() < 0.3:
                        address += f"{rng.randint(1, 12)}号楼{rng.randint(1, 3)}层"
                phone = f"1{rng.choice(('39', '58', '86', '35'))}{rng.randint(10000000, 99999999)}" if individual else landline()
                odr_share = {"phone": 0.5, "auto": 0.6, "supermarket": 0.5, "appliance": 0.6, "clothing": 0.2}.get(sector, 0)
                specs.append(_Spec(
                    office, sector, name, display, address, code_for(division, individual), phone,
                    is_odr=rng.random() < odr_share,
                    dual_commitment=sector in ("hotel", "restaurant", "jewellery", "travel") and rng.random() < 0.5,
                    seven_day_return=sector in ("clothing", "supermarket", "cosmetics") and rng.random() < 0.5,
                ))
    return specs


def merchants_build(*, departments: dict) -> list[DemoMerchant]:
    """Register the missing businesses through merchant_create and return the whole demo registry."""
    specs = _specs()
    existing = {m.credit_code: m for m in Merchant.objects.filter(credit_code__in=[s.credit_code for s in specs])}
    result = []
    for spec in specs:
        merchant = existing.get(spec.credit_code)
        if merchant is None:
            merchant = merchant_create(
                name=spec.name, credit_code=spec.credit_code, address=spec.address, phone=spec.phone,
                department=departments[spec.office], is_odr=spec.is_odr, dual_commitment=spec.dual_commitment,
                seven_day_return=spec.seven_day_return,
            )
        result.append(DemoMerchant(merchant=merchant, display=spec.display, sector=spec.sector, office=spec.office))
    return result
