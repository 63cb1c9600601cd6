"""What the demo's complaints, reports and consultations are about, as data the narratives are
composed from. The mix follows the seeds: clothing and phones at the Xidan malls with return and
free-repair demands (seed 000), prepaid gyms and beauty salons closing or refusing refunds, rising
through the year (seeds 000, 001, 003), food safety first in seed 001's ranking, old lifts (seed
003), price marking (seed 003's convenience store), rental deposits and mini-KTV booths that belong
to other departments (seed 000), and professional claimants with templated ten-fold demands.

The pieces hang together so the composed text stays coherent: a problem belongs to a product
(yoghurt goes off in a supermarket, not in a hot-pot restaurant), may carry what the shop typically
answered, and names the demands that fit it; a demand carries the agreements that settle it.
Brands and shop names are invented; streets are real, so routing by address behaves as it would.
"""

from dataclasses import dataclass, field

from jiesu.orders.choices import FastResponseReason as Fast
from jiesu.orders.choices import Line
from jiesu.orders.choices import NotAcceptGround as Ground

HOUSING = "housing"
CULTURE = "culture-tourism"


@dataclass(frozen=True)
class Problem:
    text: str
    excuse: str = ""  # what the shop typically answered to this very problem
    wants: str = ""  # codes of the scenario's demands that fit it; blank: any
    visit: bool = False  # happened while shopping, not about a thing bought
    x: tuple[int, int] | None = None  # the sum {x} in the text, when it is not a share of the price
    law: str = ""  # professional claims cite the article the label breaks
    plain: bool = False  # a statement of its own: no "结果 / 回家后发现" in front of it


@dataclass(frozen=True)
class Demand:
    text: str
    requests: tuple[str, ...]
    agreements: tuple[str, ...]  # how a successful mediation of this demand reads; {refund}, {who}
    refund: tuple[float, float] | str = (0.3, 1.0)  # share of the price returned, or "x": the sum at stake


@dataclass(frozen=True)
class Product:
    name: str  # what is stored as the product name
    phrase: str  # how a caller says it ({brand}, {n}; {merchant} for places)
    low: int
    high: int
    brands: tuple[str, ...] = ()
    verb: str = "购买了"
    sectors: tuple[str, ...] = ()  # the kinds of business that sell it; blank: all of the scenario's
    problems: tuple[Problem, ...] = ()
    goods: bool = True
    category: str = ""
    food: bool = False


@dataclass(frozen=True)
class Violation:
    text: str
    sectors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    key: str
    weight: float
    sectors: tuple[str, ...]
    line: str
    category: str
    issue: str
    products: tuple[Product, ...]
    demands: dict
    problems: tuple[Problem, ...] = ()  # apply to every product
    excuses: tuple[str, ...] = ()  # fit every problem
    report_share: float = 0.05
    violations: tuple[Violation, ...] = ()
    fast_reasons: tuple[str, ...] = ()
    fast_story: str = ""
    transfer_to: str = ""
    line_by_sector: dict = field(default_factory=dict)
    category_by_sector: dict = field(default_factory=dict)
    not_accept_share: float = 0.05
    not_accept_grounds: tuple[str, ...] = (Ground.MISSING_MATERIALS, Ground.MISSING_MATERIALS, Ground.ALREADY_HANDLED)
    unreasonable_share: float = 0.05
    trend: float = 0.0  # weight grows by this share of itself across the year (prepaid rising)
    peak_months: tuple[int, ...] = ()
    group_share: float = 0.0
    professional: bool = False
    online_share: float = 0.0


P, D, V = Problem, Demand, Violation

#: How a settlement names the other party.
WHO = {
    "mall": "商场", "supermarket": "超市", "restaurant": "餐厅", "bakery": "商家", "auto": "4S店", "car_repair": "修理厂",
    "hotel": "酒店", "travel": "旅行社", "pharmacy": "药店", "gym": "健身房", "beauty": "美容院", "hair": "理发店",
    "training": "机构", "decoration": "装修公司", "furniture": "商家", "rental": "中介", "telecom": "营业厅",
    "laundry": "洗衣店", "photo": "影楼", "property": "物业",
}  # fmt: skip

CLOTHING_BRANDS = ("冰川纪", "云裳阁", "简木", "素朴", "野原", "步云", "行者", "北原", "暖冬", "丝路", "青衫")
PHONE_BRANDS = ("星耀", "远图", "启明", "极光", "云帆", "凌越")
APPLIANCE_BRANDS = ("冰峰", "暖阳", "清风", "匠品", "洁万家")
FOOD_BRANDS = ("田园记", "麦香坊", "康源", "鲜采", "御膳斋", "海之味")

SHOES = (
    P("鞋底开胶，下雨天走路直进水", wants="ref"), P("鞋跟没穿几天就断了，差点崴脚", wants="rc"),
    P("穿了一天鞋帮内侧就开线了", wants="ref"),
)
FOOD_LABELS = (
    P("该产品为进口预包装食品，但没有中文标签", law="《中华人民共和国食品安全法》第九十七条"),
    P("标签未标注生产许可证编号", law="《中华人民共和国食品安全法》第六十七条"),
    P("标签未标注贮存条件", law="《中华人民共和国食品安全法》第六十七条"),
    P("普通食品宣称具有降血糖功效", law="《中华人民共和国食品安全法》第七十一条"),
    P("配料表标注的成分与实际不符", law="《中华人民共和国食品安全法》第七十一条"),
)

RENOVATION = (
    P("工期已经拖了两个多月还没完工", plain=True, excuse="项目经理说是工人的问题", wants="pc"),
    P("施工中不断增项加价，比报价多出{x}元", plain=True, excuse="公司说增项是业主签字同意的", wants="o", x=(8000, 36000)),
    P("刚住进去墙面就开裂，瓷砖空鼓", wants="fc"),
    P("交了预付款后公司一直不开工", plain=True, excuse="公司说工人都在别的工地", wants="r"),
    P("用的材料跟合同约定的品牌不一样", plain=True, wants="fc"),
)

SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        key="clothing", weight=14, sectors=("mall", "clothing"), line=Line.QUALITY, category="服装鞋帽", issue="quality",
        line_by_sector={"mall": Line.SUPERMARKET}, peak_months=(11, 12, 1), unreasonable_share=0.25,
        products=(
            Product("羽绒服", "一件{brand}羽绒服", 599, 2999, CLOTHING_BRANDS, problems=(
                P("一直往外钻绒，毛衣上全是绒毛", wants="ref"),
                P("吊牌标着含绒量90%，自己拿去检测只有60%多", excuse="专柜说只认厂家的检测报告", wants="rc"),
                P("拉链坏了，修过一次又坏了", excuse="商家只同意再修一次，不同意退换", wants="re"),
            )),
            Product("运动鞋", "一双{brand}运动鞋", 399, 1299, CLOTHING_BRANDS, problems=SHOES),
            Product("皮鞋", "一双{brand}真皮皮鞋", 499, 1899, CLOTHING_BRANDS, problems=SHOES),
            Product("皮靴", "一双{brand}长筒皮靴", 699, 2599, CLOTHING_BRANDS, problems=SHOES),
            Product("羊绒大衣", "一件{brand}羊绒大衣", 1299, 5999, CLOTHING_BRANDS, problems=(
                P("面料起球特别严重，跟宣传的纯羊毛完全不一样", wants="rc"),
                P("第一次干洗完就缩水变形", excuse="商家说是洗衣店洗坏的", wants="rc"),
            )),
            Product("连衣裙", "一条{brand}连衣裙", 299, 1299, CLOTHING_BRANDS, problems=(
                P("第一次洗完就严重掉色，把别的衣服也染了", wants="rc"),
                P("回家才发现裙摆有污渍和一个小破洞", wants="re"),
            )),
            Product("牛仔裤", "一条{brand}牛仔裤", 199, 799, CLOTHING_BRANDS, problems=(
                P("第一次洗完就严重掉色，把别的衣服也染了", wants="rc"),
                P("裤腿两边长短不一", wants="re"),
            )),
        ),
        problems=(
            P("穿了两次觉得不喜欢，想退掉", plain=True, excuse="商家以“已经穿过、影响二次销售”为由拒绝退货", wants="r"),
            P("买的时候店员说七天内可以无理由退，去退的时候又不认了", plain=True, excuse="店长说“七天无理由”只适用于网购", wants="r"),
            P("尺码偏小想换一个码", plain=True, excuse="店员说特价商品概不退换", wants="e"),
        ),
        excuses=("商场让找专柜，专柜又让找商场，互相推诿", "店长一直说要请示总部，至今没有答复", "导购说是穿着不当造成的，不属于质量问题",
                 "专柜说只能寄回厂家鉴定，要等一个月"),
        demands={
            "r": D("要求退货退款", ("退货", "退款"), ("{who}同意为消费者办理退货，退款{refund}元", "专柜同意退货，退还货款{refund}元",
                                                 "双方协商按七折退货，退还{refund}元"), (0.7, 1.0)),
            "e": D("要求更换新品", ("换货",), ("专柜同意更换同款新品", "商家同意为消费者调换"), (0, 0)),
            "f": D("要求免费维修", ("维修",), ("商家同意免费维修并补偿{refund}元购物卡", "专柜同意免费维修"), (0.05, 0.2)),
            "c": D("要求商家赔偿损失", ("赔偿",), ("商家赔偿消费者{refund}元", "{who}同意退货并补偿{refund}元"), (0.3, 1.0)),
        },
        report_share=0.03, violations=(V("销售的服装吊牌标注的成分与实际不符"), V("以次充好，销售含绒量不达标的羽绒服")),
        fast_reasons=(Fast.ON_SITE, Fast.VISITOR), fast_story="其正与店员争执，要求退货，现场僵持不下",
    ),
    Scenario(
        key="phone", weight=11, sectors=("phone", "mall"), line=Line.QUALITY, category="手机及电子产品", issue="after_sales",
        peak_months=(11, 12, 1, 9), unreasonable_share=0.1, online_share=0.1,
        products=(
            Product("手机", "一部{brand}手机", 1999, 8999, PHONE_BRANDS, problems=(
                P("摄像头进灰，拍照全是黑点", wants="ef"), P("用了不到半个月屏幕就出现绿线", wants="erf"),
            )),
            Product("平板电脑", "一台{brand}平板电脑", 1599, 5999, PHONE_BRANDS, problems=(P("屏幕有一块亮斑，越来越大", wants="erf"),)),
            Product("蓝牙耳机", "一副{brand}蓝牙耳机", 299, 1999, PHONE_BRANDS, problems=(P("左耳经常断连，声音时有时无", wants="erf"),)),
            Product("智能手表", "一块{brand}智能手表", 699, 2999, PHONE_BRANDS, problems=(P("心率测量一直不准，还经常死机", wants="erf"),)),
            Product("笔记本电脑", "一台{brand}笔记本电脑", 4999, 12999, PHONE_BRANDS, problems=(P("用了一个月键盘就有好几个键失灵", wants="erf"),)),
        ),
        problems=(
            P("频繁自动重启，还特别烫", wants="erf"), P("充电口接触不良，经常充不进电", wants="ef"),
            P("拿到官方售后检测说是翻新机，跟店员承诺的全新正品不符", plain=True, excuse="店员坚称是正品行货", wants="rp"),
            P("售后检测说进水了不给保修，可我从来没沾过水", plain=True, excuse="售后说是人为损坏，不在三包范围内", wants="f"),
            P("三包期内同一个问题修了两次还是没修好", plain=True, excuse="店里还是只同意维修，不同意换", wants="er"),
            P("买的时候店员承诺的赠品和延保都没给", plain=True, excuse="店员说活动已经结束了", wants="p"),
            P("激活时间比购买日期还早一个月", plain=True, excuse="商家说激活了就不能退", wants="rp"),
            P("电池续航不到半天，明显不正常", wants="ef"),
        ),
        excuses=("商家让联系厂家售后，厂家又让找商家", "说要寄回检测，15个工作日后才有结果", "店员态度很强硬，说“爱找谁找谁”"),
        demands={
            "e": D("依据三包规定要求更换新机", ("换货",), ("商家同意为消费者更换新机", "厂家同意换新"), (0, 0)),
            "r": D("要求退货退款", ("退货", "退款"), ("商家同意退货退款{refund}元",), (0.8, 1.0)),
            "f": D("要求免费维修", ("维修",), ("厂家同意免费维修并延长保修期一年", "商家同意免费更换主板"), (0, 0)),
            "p": D("要求商家兑现承诺并赔偿", ("履行约定", "赔偿"), ("商家补发承诺的赠品并赠送一年延保", "商家补偿消费者{refund}元"),
                   (0.05, 0.3)),
        },
        report_share=0.05, violations=(V("销售翻新手机冒充新机"), V("店员夸大宣传，虚构“官方授权”")),
        fast_reasons=(Fast.ON_SITE, Fast.EVIDENCE), fast_story="其发现刚买的手机是翻新机，要求现场封存证据",
    ),
    Scenario(
        key="appliance", weight=4, sectors=("appliance", "mall"), line=Line.QUALITY, category="家用电器", issue="quality",
        peak_months=(6, 7, 11),
        products=(
            Product("冰箱", "一台{brand}对开门冰箱", 2999, 8999, APPLIANCE_BRANDS, problems=(P("用了一个月就不制冷了", wants="erf"),)),
            Product("空调", "一台{brand}变频空调", 2599, 7999, APPLIANCE_BRANDS, problems=(
                P("安装时师傅额外收了{x}元材料费，事先没说", plain=True, excuse="商家说安装是第三方负责的，与他们无关", wants="m", x=(300, 900)),
                P("制热效果很差，屋里只有十几度", wants="erf"),
            )),
            Product("洗衣机", "一台{brand}滚筒洗衣机", 1999, 5999, APPLIANCE_BRANDS, problems=(P("脱水时噪音特别大、整机晃动", wants="erf"),)),
            Product("热水器", "一台{brand}燃气热水器", 1599, 4999, APPLIANCE_BRANDS, problems=(
                P("漏水把楼下邻居家的天花板泡了", wants="c", x=(1500, 6000)),)),
            Product("扫地机器人", "一台{brand}扫地机器人", 999, 3999, APPLIANCE_BRANDS, problems=(
                P("用了两周就找不到充电座，频繁报错", wants="erf"),)),
        ),
        problems=(P("送货时外包装完好，打开发现侧面有凹痕", plain=True, wants="er"), P("维修了三次还是同一个故障", plain=True, wants="er")),
        excuses=("厂家说要上门检测，约了三次都没来", "商家让直接找厂家售后"),
        demands={
            "e": D("要求换货", ("换货",), ("商家同意为消费者换货",), (0, 0)),
            "r": D("要求退货", ("退货", "退款"), ("厂家同意退货退款{refund}元",), (0.85, 1.0)),
            "f": D("要求上门免费维修", ("维修",), ("厂家派人上门免费维修，并延长保修一年",), (0, 0)),
            "m": D("要求退还多收的安装费", ("退款",), ("商家退还安装材料费{refund}元",), "x"),
            "c": D("要求赔偿损失", ("赔偿",), ("商家赔偿{refund}元",), "x"),
        },
        report_share=0.03, violations=(V("销售的电器没有3C认证标志"), V("以旧换新活动虚标原价")),
    ),
    Scenario(
        key="jewellery", weight=3, sectors=("jewellery", "mall"), line=Line.QUALITY, category="珠宝首饰", issue="counterfeit",
        peak_months=(5, 10, 2),
        products=(
            Product("黄金手镯", "一只黄金手镯", 5999, 25999, problems=(
                P("回家称重比标签上轻了将近1克", plain=True, excuse="店员说是称的误差", wants="w", x=(450, 600)),
                P("以旧换新时折旧费和工费怎么算的根本说不清", plain=True, wants="r"),
            )),
            Product("和田玉吊坠", "一块和田玉吊坠", 1999, 19999, problems=(
                P("拿去检测发现不是和田玉，是石英岩", excuse="商家坚持说货是真的", wants="rc"),
                P("证书编号在鉴定机构查不到", plain=True, wants="rc"),
            )),
            Product("钻石戒指", "一枚钻石戒指", 3999, 29999, problems=(
                P("证书编号在鉴定机构查不到", plain=True, wants="rc"), P("戴了一周钻石就掉了", wants="r"))),
            Product("翡翠手镯", "一只翡翠手镯", 2999, 39999, problems=(P("检测是B货，经过酸洗充胶处理", wants="rc"),)),
        ),
        problems=(P("导购说“今天特价明天恢复原价”，后来发现一直是这个价", plain=True, wants="r"),),
        excuses=("店员说售出商品一律不退", "商家说检测机构不是他们认可的"),
        demands={
            "r": D("要求退货退款", ("退货", "退款"), ("商家同意退货，退还货款{refund}元", "商家同意按原价回购"), (0.9, 1.0)),
            "c": D("要求按假一赔三赔偿", ("退货", "赔偿"), ("商家退货退款并赔偿{refund}元",), (0.3, 1.0)),
            "w": D("要求补足克重差价", ("退款",), ("商家补偿克重差价{refund}元",), "x"),
        },
        report_share=0.12, violations=(V("销售以假充真的玉器，证书造假"), V("金饰标注克重与实际不符")),
        fast_reasons=(Fast.VISITOR, Fast.ON_SITE), fast_story="其是外地游客，刚买的玉器证书可疑，明天就要返程",
    ),
    Scenario(
        key="cosmetics", weight=3, sectors=("cosmetics", "mall"), line=Line.DRUG, category="化妆品", issue="safety",
        products=(
            Product("面霜", "一瓶{brand}面霜", 299, 1599, ("雪颜", "花语", "若初")),
            Product("精华液", "一瓶{brand}精华液", 399, 1999, ("雪颜", "花语", "若初")),
            Product("染发剂", "一盒{brand}染发剂", 59, 299, ("黛丽", "青丝"), problems=(
                P("染完头皮过敏，去医院看了皮肤科", wants="c", x=(300, 1500)),)),
        ),
        problems=(
            P("用了两天脸上起红疹、又痒又疼", excuse="专柜说是个人体质问题", wants="c", x=(300, 2000)),
            P("专柜说是正品，但包装批号在官网查不到", plain=True, wants="r"),
            P("快过期了还当新品卖，生产日期是两年半以前", plain=True, wants="r"),
        ),
        excuses=("商家说开封了就不能退", "店员让自己去找品牌方"),
        demands={
            "r": D("要求退货退款", ("退货", "退款"), ("专柜同意退货退款{refund}元",), (1.0, 1.0)),
            "c": D("要求退款并赔偿医药费", ("退款", "赔偿"), ("商家同意退款并承担医药费{refund}元",), "x"),
        },
        report_share=0.15, violations=(V("销售临期、过期化妆品"), V("销售无中文标签的进口化妆品")),
    ),
    Scenario(
        key="gym", weight=7, sectors=("gym",), line=Line.PREPAID, category="健身", issue="contract", trend=1.2, group_share=0.2,
        products=(
            Product("健身年卡", "一张健身年卡", 2999, 8999, verb="办了", goods=False),
            Product("私教课", "{n}节私教课", 6000, 24000, verb="买了", goods=False, problems=(
                P("私教课上了不到三分之一教练就离职了，一直没人给上课", plain=True, wants="r"),)),
            Product("游泳季卡", "一张游泳季卡", 1200, 3600, verb="办了", goods=False),
        ),
        problems=(
            P("健身房突然关门了，门上贴了张停业通知，老板电话打不通", excuse="店里只剩一个保安，说老板联系不上", wants="rq"),
            P("门店转给了新老板，新老板不认原来的会员卡", plain=True, excuse="新老板说原来的账跟他没关系", wants="p"),
            P("办卡时说随时可以退，现在退卡要扣30%手续费", plain=True, excuse="商家说合同写了“一经售出概不退款”", wants="r"),
            P("说是装修停业一个月，结果两个多月了还没开门", wants="rp"),
            P("微信群里突然通知搬到二十公里外的新店，不去就不给退", plain=True, wants="rp"),
        ),
        excuses=("店里只有前台，说负责人不在", "老板说现在没钱，等经营好转再说", "店员一直推销续卡，就是不谈退费"),
        demands={
            "r": D("要求退还剩余费用", ("退款",), ("商家同意退还剩余费用{refund}元", "商家同意分两期退还预付款{refund}元"), (0.3, 0.8)),
            "p": D("要求继续履行合同或退款", ("履行约定", "退款"), ("新经营者同意承接原会员卡剩余期限", "商家同意顺延会员期三个月"), (0, 0)),
            "q": D("希望监管部门查处这种卷款跑路的行为", ("查处", "退款"), ("商家同意退还预付款{refund}元",), (0.3, 0.7)),
        },
        report_share=0.08, violations=(V("办卡后闭店跑路，涉及会员上百人"), V("以“转店”为名拒不退还预付款")),
        fast_reasons=(Fast.GROUP, Fast.EVIDENCE), fast_story="几十名会员聚集在健身房门口，店内正在搬运器材",
        not_accept_share=0.03, not_accept_grounds=(Ground.ALREADY_HANDLED, Ground.MISSING_MATERIALS),
    ),
    Scenario(
        key="beauty", weight=6, sectors=("beauty", "hair"), line=Line.PREPAID, category="美容美发", issue="contract", trend=1.0,
        products=(
            Product("美容护理卡", "一张美容护理卡", 3000, 30000, verb="办了", goods=False, sectors=("beauty",)),
            Product("美发储值卡", "一张美发储值卡", 1000, 5000, verb="充了", goods=False),
            Product("祛斑疗程", "一个祛斑疗程", 3800, 16800, verb="做了", goods=False, sectors=("beauty",), problems=(
                P("做了三次斑一点没淡，说好的无效退款也不认了", plain=True, wants="r"),)),
        ),
        problems=(
            P("办卡时说好的项目，到店后要额外加钱", plain=True, wants="pr"), P("每次去都推销续卡，不续就态度很差", plain=True, wants="r"),
            P("店突然关门了，卡里还有几千块", excuse="店员电话全都打不通", wants="r"),
            P("做完项目脸上过敏，红肿好几天", excuse="店员说这是正常反应，过几天就好", wants="c", x=(500, 3000)),
            P("要求退卡，说充值金额只能消费不能退", plain=True, excuse="店长说卡是“促销卡”，不能退", wants="r"),
            P("店员趁我做护理时推销，稀里糊涂签了协议", plain=True, wants="r"),
        ),
        excuses=("老板说要扣除按原价计算的已消费项目",),
        demands={
            "r": D("要求退还卡内余额", ("退款",), ("商家同意退还卡内余额{refund}元", "商家同意按实际消费扣除后退还{refund}元"), (0.3, 0.8)),
            "c": D("要求赔偿医药费", ("赔偿",), ("商家承担医药费{refund}元并赔礼道歉",), "x"),
            "p": D("要求按约定提供服务", ("履行约定",), ("商家同意按办卡时的约定提供服务，不再额外收费",), (0, 0)),
        },
        report_share=0.06, violations=(V("无医疗资质开展医疗美容项目", ("beauty",)), V("宣传“三次祛斑无效退款”，实际拒不退款", ("beauty",))),
    ),
    Scenario(
        key="training", weight=4, sectors=("training",), line=Line.PREPAID, category="教育培训", issue="contract", trend=0.8,
        peak_months=(3, 9),
        products=(
            Product("少儿英语课程", "孩子的少儿英语课程（96课时）", 9800, 26800, verb="报了", goods=False),
            Product("编程课程", "一年的少儿编程课", 6800, 18800, verb="报了", goods=False),
            Product("职业资格培训", "一个职业资格考试培训班", 3980, 12800, verb="报了", goods=False, problems=(
                P("宣传“不过全额退款”，没考过却不退", plain=True, wants="w"),)),
        ),
        problems=(
            P("机构突然通知停课，说是在“升级调整”", wants="r"), P("老师一学期换了四个，教学质量很差", wants="r"),
            P("退费时把赠送的课时按原价扣除", plain=True, wants="r"), P("签约时口头承诺可以随时退，合同上却写着不退", plain=True, wants="r"),
        ),
        excuses=("机构说合同约定不予退费", "前台说退费要总部审批，审批了两个月", "课程顾问已经离职，新来的说不清楚"),
        demands={
            "r": D("要求退还剩余课时费", ("退款",), ("机构同意退还剩余课时费{refund}元", "机构同意按实际上课课时结算后退还{refund}元"),
                   (0.3, 0.8)),
            "w": D("要求按宣传承诺退款", ("退款", "履行约定"), ("机构同意按承诺退还{refund}元",), (0.6, 1.0)),
        },
        report_share=0.06, violations=(V("宣传“百分之百通过”属虚假宣传"),),
    ),
    Scenario(
        key="food", weight=10, sectors=("restaurant", "bakery", "supermarket"), line=Line.FOOD, category="食品", issue="safety",
        category_by_sector={"restaurant": "餐饮服务"}, peak_months=(6, 7, 8, 9),
        products=(
            Product("晚餐", "一顿晚餐", 120, 900, verb="吃了", goods=False, sectors=("restaurant",), problems=(
                P("菜里吃出了一根钢丝球的丝", plain=True, excuse="店长说只能退这道菜的钱", wants="aq"),
                P("吃完回家全家都拉肚子，去医院诊断是急性肠胃炎", plain=True, wants="cq", x=(300, 2000)),
                P("汤里有一根头发，服务员还不承认", plain=True, wants="a"),
                P("肉闻着有一股酸臭味，吃了两口就吐了", plain=True, excuse="服务员说吃了一半才说有问题，不给处理", wants="a"),
            )),
            Product("外卖套餐", "一份外卖套餐", 35, 120, verb="点了", goods=False, sectors=("restaurant",), problems=(
                P("盒饭里吃出一只蟑螂", plain=True, wants="aq"), P("吃完半夜上吐下泻", plain=True, wants="c", x=(200, 1200)))),
            Product("面包", "几个{brand}面包", 25, 90, FOOD_BRANDS, sectors=("bakery", "supermarket"), problems=(
                P("打开发现里面已经长毛了", excuse="商家说是在家里放坏的", wants="at"),
                P("生产日期是三天后的，提前打了日期", wants="tq"))),
            Product("酸奶", "一箱{brand}酸奶", 39, 89, FOOD_BRANDS, sectors=("supermarket",), problems=(
                P("喝了才发现已经过期三天了，货架上还有好多", wants="tq"), P("盒子胀得鼓鼓的，一打开有股酸臭味", wants="at"))),
            Product("熟食", "一盒{brand}卤味熟食", 29, 99, FOOD_BRANDS, sectors=("supermarket",), problems=(
                P("闻着有一股酸臭味", wants="at"), P("里面吃出了塑料片", wants="tq"))),
            Product("奶茶", "两杯奶茶", 26, 60, sectors=("bakery",), problems=(
                P("奶茶里喝出一只小虫子", wants="a"), P("喝完胃疼了一晚上", plain=True, wants="c", x=(100, 600)))),
        ),
        excuses=("商家态度很差，不承认有问题", "店员说要先送检才能处理", "店里说只能退钱，不能赔偿"),
        demands={
            "a": D("要求退款并道歉", ("退款", "赔礼道歉"), ("{who}退款并赔礼道歉", "{who}免单并赔礼道歉"), (0, 0)),
            "c": D("要求退款并赔偿医药费", ("退款", "赔偿"), ("{who}退还费用并赔偿医药费{refund}元",), "x"),
            "q": D("要求赔偿并依法查处", ("赔偿", "查处"), ("{who}赔偿{refund}元",), (1.0, 3.0)),
            "t": D("要求按食品安全法规定赔偿", ("赔偿",), ("{who}按规定赔偿{refund}元并下架同批次商品",), (10.0, 10.0)),
        },
        report_share=0.22,
        violations=(V("后厨卫生脏乱差，有老鼠出没", ("restaurant", "bakery")), V("销售过期食品", ("supermarket", "bakery")),
                    V("从业人员无健康证上岗", ("restaurant", "bakery")), V("使用过期原料制作食品", ("restaurant", "bakery"))),
        fast_reasons=(Fast.SAFETY, Fast.GROUP, Fast.EVIDENCE), fast_story="同一桌六人就餐后陆续出现呕吐腹泻，已有人去医院",
        not_accept_share=0.04,
    ),
    Scenario(
        key="supermarket", weight=4, sectors=("supermarket", "mall"), line=Line.SUPERMARKET, category="日用百货", issue="after_sales",
        products=(
            Product("电饭煲", "一个电饭煲", 199, 699, problems=(P("用了一周就不加热了", excuse="超市让找厂家", wants="r"),)),
            Product("床上四件套", "一套床上四件套", 199, 899, problems=(P("洗了一次就严重掉色起球", wants="r"),)),
            Product("保温杯", "一个保温杯", 99, 299, problems=(P("根本不保温，热水两个小时就凉了", wants="r"),)),
        ),
        problems=(
            P("结账时说好的满减赠品没给", excuse="收银员说活动已经结束", wants="p", visit=True),
            P("被保安怀疑没结账，当众要求搜包", excuse="商场说保安是外包公司的", wants="a", visit=True),
            P("存包柜里的东西丢了，监控说看不清", excuse="超市说存包柜是免费服务，丢失不负责", wants="c", visit=True,
              x=(200, 3000)),
            P("会员积分被无故清零", excuse="客服说积分规则已经调整", wants="k", visit=True),
        ),
        demands={
            "r": D("要求退货", ("退货",), ("{who}同意退货退款{refund}元",), (1.0, 1.0)),
            "c": D("要求赔偿丢失物品", ("赔偿",), ("{who}赔偿消费者{refund}元",), "x"),
            "a": D("要求赔礼道歉", ("赔礼道歉",), ("{who}向消费者当面赔礼道歉", "{who}向消费者赔礼道歉并赠送购物卡"), (0, 0)),
            "k": D("要求恢复积分", ("履行约定",), ("{who}恢复会员积分并赠送购物券",), (0, 0)),
            "p": D("要求补发赠品", ("履行约定",), ("{who}补发了满减赠品",), (0, 0)),
        },
        report_share=0.03, violations=(V("销售“三无”产品"), V("收银台的促销规则与宣传不一致")),
    ),
    Scenario(
        key="price", weight=6, sectors=("supermarket", "restaurant", "bar", "parking", "mall"), line=Line.PRICE,
        category="生活服务其他", issue="price",
        category_by_sector={"supermarket": "日用百货", "restaurant": "餐饮服务", "bar": "餐饮服务", "parking": "交通出行",
                            "mall": "日用百货"},
        products=(
            Product("日用品", "几样日用品", 60, 400, verb="买了", sectors=("supermarket", "mall"), problems=(
                P("结账的价格比货架标签贵了{x}元", plain=True, excuse="店员说标签是旧的，以结账价格为准", wants="rq", x=(3, 40)),
                P("商品标着原价{p}元、现价{q}元，可从来没按原价卖过", plain=True, wants="q"),
                P("先涨价再打折，打完折比以前还贵", plain=True, wants="q"),
            )),
            Product("餐费", "一顿饭", 180, 1500, verb="吃了", goods=False, sectors=("restaurant",), problems=(
                P("菜单上没有标价，结账时一盘菜收了{x}元", plain=True, excuse="老板说价格都写在后厨的牌子上", wants="rq", x=(188, 688)),)),
            Product("酒水", "几瓶啤酒和一个果盘", 300, 2800, verb="点了", goods=False, sectors=("bar",), problems=(
                P("一瓶普通啤酒收{x}元，点单时没有告知价格", plain=True, excuse="服务员说酒水单上写了", wants="rq", x=(80, 260)),)),
            Product("停车费", "停车", 20, 200, verb="临时", goods=False, sectors=("parking",), problems=(
                P("收费标准没有公示，停了两个小时收了{x}元", plain=True, excuse="收费员说这是统一标准", wants="rq", x=(40, 120)),)),
        ),
        demands={
            "r": D("要求退还多收的钱", ("退款",), ("{who}退还多收款项{refund}元",), "x"),
            "q": D("要求退款并查处价格违法行为", ("退款", "查处"), ("{who}退还差价{refund}元并赔礼道歉",), (0.1, 0.3)),
        },
        report_share=0.45,
        violations=(V("未明码标价"), V("标价与结算价不一致", ("supermarket", "mall")), V("虚构原价进行促销", ("supermarket", "mall")),
                    V("停车场未公示收费标准", ("parking",)), V("酒水单不标价，结账时漫天要价", ("bar",))),
        not_accept_share=0.03,
    ),
    Scenario(
        key="lift", weight=4, sectors=("property", "mall", "hotel"), line=Line.SPECIAL_EQUIPMENT, category="生活服务其他",
        issue="safety", peak_months=(7, 8, 1),
        products=(
            Product("电梯", "我住的小区（{merchant}负责物业管理）里，", 0, 0, verb="", sectors=("property",), problems=(
                P("电梯最近一个月坏了三次，上周还困过人", wants="mf"), P("电梯运行时有异响、晃得厉害，老人孩子都不敢坐", wants="mi"),
                P("电梯里的检验合格证已经过期半年了", wants="i"), P("电梯按键失灵，报修以后一直没人来修", excuse="物业说已经报修了，让等着", wants="f"),
                P("电梯经常平层不准，出门要跨一个台阶", excuse="物业说维修资金还没批下来", wants="mf"),
            )),
            Product("酒店电梯", "我入住的{merchant}", 0, 0, verb="", sectors=("hotel",), problems=(
                P("电梯入住期间两次突然停运", wants="mi"), P("电梯运行时有异响、晃得厉害", wants="mi"))),
            Product("扶梯", "{merchant}", 0, 0, verb="", sectors=("mall",), problems=(
                P("的扶梯突然停了，有位老人摔倒了", wants="mi"), P("的扶梯梳齿板缺了好几个齿，孩子的鞋差点被夹住", wants="mf"))),
        ),
        excuses=("维保公司说配件要从厂家订", "对方说已经通知维保单位了"),
        demands={
            "m": D("要求尽快维修并依法查处", ("维修", "查处"), ("使用单位已更换故障部件，电梯恢复运行",), (0, 0)),
            "i": D("要求对电梯进行检验", ("查处",), ("使用单位已申报检验，电梯经检验合格后恢复运行",), (0, 0)),
            "f": D("要求尽快修好", ("维修",), ("维保单位完成维修并经检验合格",), (0, 0)),
        },
        report_share=0.45, violations=(V("电梯超期未检验仍在使用"), V("电梯维保记录造假"), V("电梯带病运行")),
        fast_reasons=(Fast.SAFETY,), fast_story="一部电梯停在两层之间，里面有人被困，维保人员尚未到场",
        not_accept_share=0.02,
    ),
    Scenario(
        key="auto", weight=4, sectors=("auto", "car_repair"), line=Line.AUTO, category="汽车及配件", issue="contract",
        products=(
            Product("新车", "一辆{brand}轿车", 89800, 329800, ("驰远", "星途", "凌风"), sectors=("auto",), problems=(
                P("提车时发现车漆有划痕和补漆痕迹", plain=True, excuse="销售顾问说是运输中的正常磕碰", wants="xc"),
                P("新车交付时里程表已经有两百多公里", plain=True, wants="xc"),
                P("被强制收取了{x}元金融服务费", plain=True, excuse="销售顾问说金融服务费是“自愿”的", wants="s", x=(3000, 9000)),
                P("不买{x}元的精品装潢就不给提车", plain=True, excuse="店里说这是店里的规定", wants="s", x=(5000, 15000)),
            )),
            Product("购车定金", "购车定金", 5000, 20000, verb="交了", goods=False, sectors=("auto",), problems=(
                P("交了定金后车型配置跟当初说的不一样", plain=True, excuse="4S店说合同里写了定金不退", wants="d"),)),
            Product("汽车保养", "一次常规保养", 580, 2800, verb="做了", goods=False, problems=(
                P("保养完第二天发动机故障灯就亮了", excuse="店里说故障跟保养无关", wants="f"),
                P("换的配件不是原厂件，还按原厂件收费", plain=True, wants="p"),
            )),
        ),
        demands={
            "s": D("要求退还这笔费用", ("退款",), ("{who}退还相关费用{refund}元",), "x"),
            "d": D("要求退还定金", ("退款",), ("{who}同意退还定金{refund}元",), (1.0, 1.0)),
            "x": D("要求换车或退车", ("换货", "退货"), ("{who}补偿{refund}元并延长整车质保两年",), (0.01, 0.04)),
            "c": D("要求赔偿", ("赔偿",), ("{who}补偿{refund}元",), (0.01, 0.03)),
            "f": D("要求免费维修并赔偿", ("维修", "赔偿"), ("{who}免费维修并赠送两次保养",), (0, 0)),
            "p": D("要求退还差价", ("退款",), ("{who}退还配件差价{refund}元",), (0.2, 0.5)),
        },
        report_share=0.06, violations=(V("捆绑销售精品装潢", ("auto",)), V("以副厂件冒充原厂件")),
    ),
    Scenario(
        key="decoration", weight=4, sectors=("decoration", "furniture"), line=Line.REAL_ESTATE, category="房屋及装修",
        issue="contract", category_by_sector={"furniture": "家具"}, not_accept_share=0.08,
        not_accept_grounds=(Ground.ALREADY_HANDLED, Ground.MISSING_MATERIALS),
        products=(
            Product("家装工程", "全包装修合同", 60000, 260000, verb="签了", goods=False, sectors=("decoration",),
                    problems=RENOVATION),
            Product("卫生间翻新", "卫生间翻新工程", 12000, 36000, verb="签了", goods=False, sectors=("decoration",),
                    problems=RENOVATION),
            Product("定制衣柜", "一套定制衣柜", 8000, 38000, verb="订了", sectors=("furniture",), problems=(
                P("衣柜尺寸做错了，柜门关不上，还有色差", excuse="设计师已离职，公司让重新签确认单", wants="fr"),
                P("板材有刺鼻的气味，检测甲醛超标", wants="rc"),
            )),
        ),
        demands={
            "f": D("要求返工并赔偿", ("维修", "赔偿"), ("{who}同意返工并赔偿{refund}元",), (0.03, 0.1)),
            "r": D("要求退还预付款", ("退款",), ("{who}退还预付款{refund}元",), (0.3, 0.6)),
            "p": D("要求按合同履行", ("履行约定",), ("{who}承诺按新的工期完工并支付违约金{refund}元",), (0.01, 0.05)),
            "c": D("要求赔偿损失", ("赔偿",), ("{who}赔偿{refund}元",), (0.05, 0.2)),
            "o": D("要求核减多收的增项费用", ("退款",), ("{who}核减增项费用{refund}元",), "x"),
        },
        report_share=0.04, violations=(V("使用不合格的装修材料", ("decoration",)), V("家具甲醛释放量超标", ("furniture",))),
    ),
    Scenario(
        key="rental", weight=3, sectors=("rental",), line=Line.REAL_ESTATE, category="房屋及装修", issue="contract",
        transfer_to=HOUSING,
        products=(
            Product("租房押金", "租房押金", 3000, 15000, verb="交了", goods=False, problems=(
                P("退租时中介以“墙面脏了”为由扣了{x}元押金", plain=True, excuse="中介说扣押金是合同规定的", wants="d", x=(800, 4000)),
                P("租期没到中介就让搬走，押金也不退", plain=True, wants="d"),
            )),
            Product("中介服务费", "中介服务费", 2000, 9000, verb="交了", goods=False, problems=(
                P("交了服务费后房东说不租了，服务费不给退", plain=True, excuse="店长说要等房东同意", wants="s"),)),
        ),
        demands={
            "d": D("要求退还押金", ("退款",), ("中介同意退还押金{refund}元",), (0.5, 1.0)),
            "s": D("要求退还服务费", ("退款",), ("中介同意退还服务费{refund}元",), (0.5, 1.0)),
        },
        report_share=0.0,
    ),
    Scenario(
        key="mini_ktv", weight=1.2, sectors=("mini_ktv",), line=Line.GENERAL, category="文化娱乐", issue="contract",
        transfer_to=CULTURE,
        products=(Product("迷你KTV", "商场里的迷你KTV", 20, 120, verb="扫码唱了", goods=False),),
        problems=(P("付了钱机器就死机了，一首歌都没唱成"), P("付款页面默认勾选了自动续费，连扣了好几次", plain=True),
                  P("唱到一半断电，剩余时间不给退")),
        excuses=("客服电话一直打不通", "平台说要等运维核实"),
        demands={"r": D("要求退款", ("退款",), ("运营方退还{refund}元",), (1.0, 1.0))},
        report_share=0.0,
    ),
    Scenario(
        key="drug", weight=2.5, sectors=("pharmacy",), line=Line.DRUG, category="药品", issue="quality",
        products=(
            Product("感冒药", "一盒感冒药", 18, 68), Product("降压药", "两盒降压药", 45, 180),
            Product("中药饮片", "几副中药饮片", 120, 680, problems=(P("有的饮片发霉结块了", wants="rq"),)),
        ),
        problems=(
            P("回家发现药已经过期两个月了", excuse="店员说过期是我自己放的", wants="rq"),
            P("药盒是拆开过的，里面少了一板", plain=True, wants="r"),
            P("店员推荐的药吃了以后出现不良反应", excuse="药店说药品售出不退", wants="c", x=(200, 1500)),
        ),
        demands={
            "r": D("要求退款", ("退款",), ("药店同意退款{refund}元",), (1.0, 1.0)),
            "q": D("要求退款并依法查处", ("退款", "查处"), ("药店退还药款并下架同批次药品",), (1.0, 1.0)),
            "c": D("要求赔偿", ("赔偿",), ("药店赔偿{refund}元",), "x"),
        },
        report_share=0.4, violations=(V("无处方销售处方药"), V("销售过期药品"), V("执业药师不在岗")),
    ),
    Scenario(
        key="medical_device", weight=2.5, sectors=("optical", "health", "pharmacy"), line=Line.MEDICAL_DEVICE,
        category="医疗器械", issue="false_advertising", group_share=0.1,
        products=(
            Product("隐形眼镜", "几副隐形眼镜", 150, 600, sectors=("optical",), problems=(
                P("戴了以后眼睛红肿，医院说是镜片问题", wants="rc", x=(300, 1500)),)),
            Product("理疗仪", "一台理疗仪", 2980, 19800, sectors=("health",), problems=(
                P("讲座上说理疗仪能治高血压、糖尿病，老人一下就买了", plain=True, excuse="讲座的人都找不着了", wants="rq"),
                P("宣称“包治百病”，用了没有任何效果", plain=True, wants="rq"),
            )),
            Product("血压计", "一个电子血压计", 199, 599, sectors=("pharmacy", "health"), problems=(
                P("跟医院测的差了二三十", wants="r"),)),
            Product("助听器", "一副助听器", 3800, 16800, sectors=("optical", "health"), problems=(
                P("戴上全是杂音，效果很差", excuse="店员说试用期过了不能退", wants="r"),)),
        ),
        demands={
            "r": D("要求退货退款", ("退货", "退款"), ("商家同意退货退款{refund}元",), (0.8, 1.0)),
            "q": D("要求退款并查处虚假宣传", ("退款", "查处"), ("商家退还{refund}元",), (0.6, 1.0)),
            "c": D("要求赔偿医药费", ("赔偿",), ("商家赔偿医药费{refund}元",), "x"),
        },
        report_share=0.3, violations=(V("以健康讲座形式虚假宣传医疗器械功效", ("health",)), V("销售无注册证的医疗器械")),
    ),
    Scenario(
        key="travel", weight=3, sectors=("hotel", "travel"), line=Line.GENERAL, category="旅游住宿", issue="contract",
        peak_months=(5, 7, 8, 10),
        products=(
            Product("酒店住宿", "两晚酒店住宿", 680, 3200, verb="订了", goods=False, sectors=("hotel",), problems=(
                P("到店后说预订的房型没有了，只能加钱升级", plain=True, excuse="前台说是系统问题", wants="r"),
                P("退房一周了押金还没退", plain=True, excuse="酒店说押金原路退回需要时间", wants="d", x=(300, 1000)),
                P("房间卫生很差，跟网上的照片完全不一样", wants="ra"),
            )),
            Product("一日游", "长城一日游", 168, 680, verb="报了", goods=False, sectors=("travel",), problems=(
                P("被带到玉器店强制购物，不买不让走", plain=True, excuse="导游说购物是自愿的", wants="ra"),
                P("行程里的景点少去了两个", plain=True, wants="r"),
            )),
        ),
        demands={
            "r": D("要求退款", ("退款",), ("{who}退还费用{refund}元",), (0.3, 1.0)),
            "d": D("要求退还押金", ("退款",), ("{who}已退还押金{refund}元",), "x"),
            "a": D("要求赔偿并道歉", ("赔偿", "赔礼道歉"), ("{who}退还部分费用{refund}元并赔礼道歉",), (0.3, 0.6)),
        },
        report_share=0.1, violations=(V("旅行社强制游客购物", ("travel",)),),
        fast_reasons=(Fast.VISITOR,), fast_story="其是外地游客，被旅行团带到购物点强制消费，今晚就要离京",
    ),
    Scenario(
        key="telecom", weight=1.5, sectors=("telecom",), line=Line.GENERAL, category="电信网络", issue="unfair_terms",
        products=(
            Product("手机套餐", "一个手机套餐", 59, 299, verb="办了", goods=False, problems=(
                P("办套餐时被捆绑开通了好几项增值业务", plain=True, excuse="营业厅说业务是运营商的，他们只是代理"),)),
            Product("宽带", "两年宽带", 960, 2400, verb="办了", goods=False, problems=(P("宽带装好后一直连不上，要求退费被拒", plain=True),)),
        ),
        demands={"r": D("要求退还费用", ("退款",), ("营业厅退还费用{refund}元",), (0.3, 1.0))},
        report_share=0.02, violations=(V("营业厅擅自为用户开通增值业务"),),
    ),
    Scenario(
        key="services", weight=2.5, sectors=("laundry", "photo", "hair"), line=Line.GENERAL, category="生活服务其他",
        issue="quality", category_by_sector={"hair": "美容美发"},
        products=(
            Product("洗衣服务", "一件羊绒大衣送洗", 60, 200, verb="拿了", goods=False, sectors=("laundry",), problems=(
                P("衣服洗完缩水变形", excuse="店里只肯赔三倍洗衣费", wants="c", x=(800, 4000)),)),
            Product("婚纱摄影", "一套婚纱照", 3999, 12999, verb="拍了", goods=False, sectors=("photo",), problems=(
                P("拍完要底片得加钱，精修还要另收费", plain=True, excuse="老板说合同里写了", wants="r"),)),
            Product("烫发", "一次烫发", 380, 1280, verb="做了", goods=False, sectors=("hair",), problems=(
                P("烫完头发干枯断裂，跟说的效果完全不一样", excuse="老板说效果是我自己选的", wants="r"),)),
        ),
        demands={
            "c": D("要求按衣物价值赔偿", ("赔偿",), ("{who}赔偿{refund}元",), "x"),
            "r": D("要求退款", ("退款",), ("{who}退还费用{refund}元",), (0.5, 1.0)),
        },
        report_share=0.02, violations=(V("店堂告示“损坏只赔三倍洗衣费”排除消费者权利", ("laundry",)),
                                       V("服务项目没有明码标价", ("hair", "photo"))),
    ),
    Scenario(
        key="professional", weight=4, sectors=("supermarket", "bakery", "pharmacy", "cosmetics", "health"),
        line=Line.PROFESSIONAL_CLAIM, category="食品", issue="false_advertising", professional=True,
        products=(
            Product("进口饼干", "进口饼干", 39, 168, sectors=("supermarket", "bakery"), problems=FOOD_LABELS, food=True),
            Product("蜂蜜", "蜂蜜", 68, 298, sectors=("supermarket", "health"), problems=FOOD_LABELS, food=True),
            Product("橄榄油", "橄榄油", 88, 368, sectors=("supermarket",), problems=FOOD_LABELS, food=True),
            Product("保健食品", "保健食品", 198, 1280, sectors=("pharmacy", "health"), problems=FOOD_LABELS, food=True),
            Product("面膜", "面膜", 99, 399, sectors=("cosmetics",), category="化妆品", problems=(
                P("宣传页使用“最好”“第一”等绝对化用语", law="《中华人民共和国广告法》第九条"),
                P("标签未标注生产企业名称和地址", law="《化妆品监督管理条例》第三十五条"),
                P("宣称具有“医学级修复”功效", law="《化妆品监督管理条例》第三十七条"),
            )),
        ),
        demands={"t": D("要求退还货款并支付惩罚性赔偿金", ("退款", "赔偿"), ("商家同意退还货款{refund}元",), (1.0, 1.0))},
        report_share=0.45, violations=(V("销售标签不合格的预包装食品"), V("广告使用绝对化用语"), V("普通食品宣传疾病治疗功能")),
        not_accept_share=0.35, not_accept_grounds=(Ground.NOT_CONSUMPTION, Ground.NOT_CONSUMPTION, Ground.MISSING_MATERIALS),
        unreasonable_share=0.5,
    ),
)

#: Report-only matters: nobody's own dispute, a violation the authority should look into.
REPORT_ONLY: tuple[Scenario, ...] = (
    Scenario(
        key="unlicensed", weight=2, sectors=("restaurant", "beauty", "training", "hair", "bar"), line=Line.GENERAL,
        category="生活服务其他", issue="unlicensed", products=(), demands={}, report_share=1.0,
        line_by_sector={"restaurant": Line.FOOD}, category_by_sector={"restaurant": "餐饮服务", "beauty": "美容美发",
                                                                      "hair": "美容美发", "training": "教育培训"},
        violations=(V("没有营业执照，长期在居民楼里经营"), V("营业执照早已注销仍在营业"),
                    V("没有食品经营许可证就开门营业", ("restaurant", "bar"))),
    ),
    Scenario(
        key="measurement", weight=1, sectors=("supermarket", "bakery"), line=Line.GENERAL, category="食品",
        issue="measurement", products=(), demands={}, report_share=1.0,
        violations=(V("称重缺斤短两，一斤肉少了一两多", ("supermarket",)), V("使用的电子秤未经检定")),
    ),
    Scenario(
        key="false_ad", weight=1.5, sectors=("beauty", "training", "health", "gym"), line=Line.GENERAL, category="生活服务其他",
        issue="false_advertising", products=(), demands={}, report_share=1.0,
        category_by_sector={"beauty": "美容美发", "training": "教育培训", "health": "医疗器械", "gym": "健身"},
        violations=(V("门口广告宣传“国家级”“最高级”"), V("宣传“三个月保过、不过退款”", ("training",)),
                    V("虚构“专家坐诊”进行宣传", ("beauty", "health"))),
    ),
)


@dataclass(frozen=True)
class Topic:
    """A consultation: what callers ask and what the operator answers (seed 000's misquoted
    seven-day rule, seed 004's warnings), with an optional kind of business they ask about."""

    key: str
    weight: float
    questions: tuple[str, ...]
    answer: str
    line: str = Line.GENERAL
    category: str = ""
    sectors: tuple[str, ...] = ()
    dispatch_share: float = 0.1


TOPICS: tuple[Topic, ...] = (
    Topic("seven_day", 10, (
        "在实体店买的衣服不喜欢了，能不能七天无理由退货？", "商场买的鞋没穿过，商家不给退，不是说七天无理由吗？",
        "线下门店买东西是不是也能七天无理由退换？",
    ), "已告知：《消费者权益保护法》第二十五条规定的七日无理由退货适用于网络、电视、电话、邮购等方式销售的商品，"
       "线下实体店购物不适用，但经营者作出线下无理由退货承诺的除外。建议与商家协商解决。", Line.SUPERMARKET, "服装鞋帽", ("mall", "clothing")),
    Topic("three_guarantees", 8, (
        "手机买了十天出现故障，能换新机吗？", "手机三包期限怎么算？", "电脑修了两次还没好，能不能要求退货？",
    ), "已告知《移动电话机商品修理更换退货责任规定》：售出之日起7日内出现性能故障可选择退货、换货或修理，15日内可选择换货或修理，"
       "包修期内修理两次仍不能正常使用的可凭维修记录换货。建议保留购物凭证和检测报告与商家协商。", Line.QUALITY, "手机及电子产品", ("phone",)),
    Topic("prepaid_closed", 8, (
        "健身房关门了，会员卡里的钱该怎么办？", "美容院换了老板不认卡，可以找谁？", "培训机构停课了，怎么要回学费？",
    ), "已告知：请保留办卡合同、付款凭证和宣传材料，可向经营地市场监管部门投诉；经营者卷款逃匿涉嫌诈骗的，可向公安机关报案；"
       "涉及人数较多的可联合其他会员共同反映。", Line.PREPAID, "健身", ("gym", "beauty", "training"), 0.15),
    Topic("prepaid_tips", 4, ("办预付卡要注意什么？", "商家让一次充五万送一万，靠谱吗？"),
          "已提示：选择证照齐全、信誉良好的经营者，签订书面合同并明确退费条款，单次充值不宜过多，妥善保存凭证。", Line.PREPAID, "美容美发"),
    Topic("food_compensation", 6, ("买到过期食品怎么赔？", "超市卖过期的东西，能要求十倍赔偿吗？"),
          "已告知《食品安全法》第一百四十八条：经营明知是不符合食品安全标准的食品，消费者可要求支付价款十倍或者损失三倍的赔偿金，"
          "增加赔偿的金额不足一千元的为一千元；建议保留商品和购物凭证，可与商家协商或依法投诉。", Line.FOOD, "食品", ("supermarket",)),
    Topic("online_shop", 6, ("网上买的东西有质量问题，商家在外地，怎么投诉？", "直播间买的东西跟描述不一样怎么办？"),
          "已告知：可通过全国12315平台在线投诉，由经营者所在地市场监管部门处理；平台内经营者不能提供真实名称地址的，"
          "可要求平台先行赔付。", Line.GENERAL, "其他商品"),
    Topic("business_licence", 7, ("个体工商户营业执照怎么办？", "开个小饭馆需要办哪些证？", "公司变更地址需要什么材料？"),
          "已告知：可通过北京市企业服务e窗通平台网上办理，也可到区政务服务中心市场监管窗口办理；食品经营还需办理食品经营许可。",
          Line.GENERAL, ""),
    Topic("annual_report", 4, ("企业年报什么时候报？", "个体户也要年报吗，逾期了怎么办？"),
          "已告知：每年1月1日至6月30日通过国家企业信用信息公示系统报送上一年度年度报告，个体工商户同样需要报送；逾期未报的将被列入经营异常名录，"
          "补报后可申请移出。", Line.GENERAL, ""),
    Topic("price_marking", 4, ("商家不明码标价怎么办？", "饭店菜单上没写价格合法吗？"),
          "已告知：根据《明码标价和禁止价格欺诈规定》，经营者销售商品和提供服务应当明码标价；可提供具体地址向市场监管部门举报。",
          Line.PRICE, "", ("restaurant", "supermarket")),
    Topic("lift", 3, ("电梯检验合格证在哪儿看？", "小区电梯老坏，该找谁？"),
          "已告知：电梯轿厢内应张贴特种设备使用标志，载明下次检验日期；电梯维修由使用单位（一般为物业）负责，发现超期未检可向市场监管部门举报。",
          Line.SPECIAL_EQUIPMENT, "生活服务其他", ("property",), 0.2),
    Topic("odr", 2, ("什么是ODR企业？", "商场说可以在线处理投诉，是怎么回事？"),
          "已告知：ODR企业是入驻在线消费纠纷解决机制的经营者，消费者的投诉可直接转给企业在线处理，企业须在规定时限内反馈处理结果。",
          Line.GENERAL, "", ("mall",)),
    Topic("progress", 5, ("查询之前投诉的处理进度。", "上次反映的问题一直没人联系我。", "投诉好几天了还没结果，想问问进展。"),
          "已查询工单办理情况并告知来电人：承办单位正在处理，将在规定时限内联系答复。", Line.GENERAL, ""),
    Topic("rental_deposit", 3, ("租房押金不退该找哪个部门？", "中介乱收费归谁管？"),
          "已告知：住房租赁中介机构克扣押金等问题由住房城乡建设部门负责，提供市住建委监督举报电话。", Line.REAL_ESTATE, "房屋及装修"),
    Topic("car_warranty", 3, ("新车三包怎么规定的？", "车买了三个月出现故障，能换车吗？"),
          "已告知《家用汽车产品修理更换退货责任规定》：包修期不低于3年或6万公里，三包有效期不低于2年或5万公里，"
          "符合条件的可要求换车或退车。建议保留维修记录。", Line.AUTO, "汽车及配件", ("auto",), 0.15),
    Topic("invoice", 2, ("商家不给开发票怎么办？",), "已告知：发票问题属税务部门职责，建议拨打12366纳税服务热线反映。", Line.GENERAL, ""),
    Topic("how_to_complain", 5, ("投诉需要准备哪些材料？", "怎么才能投诉商家？", "投诉以后多久有结果？"),
          "已告知：投诉需提供投诉人姓名、电话、地址，被投诉人名称、地址，具体诉求及事实依据（如购物凭证）；市场监管部门自收到投诉之日起"
          "七个工作日内作出是否受理的决定。", Line.GENERAL, ""),
    Topic("quality_test", 2, ("商品质量怎么送检？", "去哪里做质量鉴定？"),
          "已告知：可委托具备资质的检验检测机构检测，也可由双方协商确定检测机构，费用一般由主张方先行垫付。", Line.QUALITY, ""),
    Topic("shop_pledge", 2, ("{shop}有没有七日无理由退货承诺？", "{shop}是不是线下无理由退货承诺单位？"),
          "已由属地市场监管所核实经营者承诺情况并答复来电人。", Line.SUPERMARKET, "服装鞋帽", ("mall", "clothing"), 0.5),
    Topic("licence_check", 2, ("{shop}有没有营业执照？", "想确认一下{shop}是不是正规经营的。"),
          "已由属地市场监管所核实经营者登记情况并答复来电人。", Line.GENERAL, "教育培训", ("training", "beauty", "gym"), 0.6),
)
