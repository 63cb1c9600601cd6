"""Three deliberate stories in the demo year, for jiesu's own detectors to find (issue 5's done
criterion: "the demo data contains a group complaint, a professional claimant and a rising prepaid
merchant that jiesu finds on its own").

Only the words are written here; orders.py plans the stories and replays each order through the
normal registration, so the `group`, `professional_claimant` and `repeat` flags, the
professional_claim line and the early-warning counts are what the detectors make of them:

- group: six members of one prepaid gym that closed, within four days about a month ago, each in
  their own words and two pasting the text of their 维权群 (intelligence/groups.py: copied text or
  the same line, a shared request and the same concepts);
- claimant: one person (phone and ID number) sending eight templated ten-fold claims against eight
  food and cosmetics shops over half a year (intelligence/claimants.py flags the third on);
- rising: a beauty salon with one complaint a month, then nine from different customers in the
  last week (intelligence/warnings.py: against its trailing baseline). They are different problems
  with different lines and requests, so no five of them make a group.
"""

import random
from dataclasses import dataclass

from jiesu.demo.narratives import Person, id_number
from jiesu.orders.choices import Line

# -- group: a closed gym ---------------------------------------------------------------------------

#: In each member's own words (first person; the operator's record turns them into the third).
GROUP_OWN_WORDS = (
    "我{when}在{shop}办了{product}，花了{amount}元，才去了十几次。这周去的时候发现健身房关门了，门上贴着停业通知，"
    "前台和教练都联系不上。我要求退还剩余的会员费。",
    "{shop}跑路了！上个月还在推销续卡，我又充了{amount}元储值，结果前天突然闭店，老板电话关机。希望监管部门帮忙追回退款。",
    "我在{shop}买的{product}还剩大半没用，现在店铺人去楼空，器材都搬走了。办卡合同上写着随时可以退，现在找不到人退钱。"
    "要求商家退还卡内余额。",
    "我是{shop}的会员，会员卡里还有{amount}元，店突然不营业了，微信群里说是装修，可物业说他们已经退租了。"
    "请帮我们要回预付的钱，退款！",
    "{when}办的{product}，{amount}元。健身房歇业好几天了，工作人员也找不到，我们几个会员去问物业才知道欠了房租。"
    "担心老板卷款跑路，要求退还剩余费用。",
)
#: The text of the members' 维权群, pasted as it is by more than one of them.
GROUP_COPIED = (
    "我们是{shop}的会员。该店于近日突然关门停业，老板失联，店内器材已被搬空。店家此前大量推销年卡、私教课和储值会员卡，"
    "很多会员卡内余额数千元至上万元未消费。现要求商家退还会员卡剩余费用，请市场监管部门依法介入处理，追究商家卷款跑路的责任。"
)
GROUP_PRODUCTS = (("健身年卡", "一张健身年卡", 2999, 6999), ("私教课", "24节私教课", 7200, 14400),
                  ("储值会员卡", "一张储值会员卡", 3000, 10000))  # fmt: skip


def third_person(text: str, lead: str) -> str:
    """An operator's record of what the caller said."""
    return lead + text.replace("我们", "他们").replace("我", "其")


# -- claimant: one person, eight templated claims ----------------------------------------------------

CLAIMANT = Person("常立军", "15910637284", "河北省保定市竞秀区朝阳北大街166号",
                  id_number=id_number(random.Random("jiesu-demo-claimant")), professional=True)


@dataclass(frozen=True)
class Claim:
    sectors: tuple[str, ...]
    product: str
    low: int
    high: int
    flaw: str
    food: bool = True
    reward: bool = False


CLAIMS = (
    Claim(("supermarket",), "进口橄榄油", 88, 268, "该产品为进口预包装食品，无中文标签，违反《中华人民共和国食品安全法》第九十七条", reward=True),
    Claim(("supermarket", "bakery"), "进口曲奇饼干", 39, 128,
          "产品标签未标注生产许可证编号和贮存条件，标签不符合GB 7718《食品安全国家标准 预包装食品标签通则》"),
    Claim(("health", "pharmacy"), "蜂蜜", 68, 298, "标签标注“降血糖、增强免疫力”，普通食品宣称保健功能，标签不符合GB 7718", reward=True),
    Claim(("bakery", "supermarket"), "预包装月饼礼盒", 168, 598, "配料表标注的成分与实际不符，标签不符合GB 7718"),
    Claim(("pharmacy", "health"), "代用茶", 58, 198, "进口预包装食品无中文标签，且未标注原产国及境内代理商", reward=True),
    Claim(("cosmetics",), "修护面膜", 99, 399, "宣称具有“医学级修复”功效，标签未标注生产企业名称和地址", food=False),
    Claim(("supermarket",), "进口红酒", 128, 498, "进口预包装食品无中文标签，违反《中华人民共和国食品安全法》第九十七条"),
    Claim(("cosmetics",), "美白精华液", 199, 680, "中文标签缺失，使用“最好”“第一”等绝对化用语", food=False, reward=True),
)  # fmt: skip


def claim_text(rng: random.Random, claim: Claim, person: Person, *, shop: str, address: str, when: str,
               price: int, quantity: int) -> str:
    """The same template each time, with the shop, the product and the flaw filled in."""
    total = price * quantity
    if claim.food:
        demand = f"支付价款十倍赔偿金{max(total * 10, 1000)}元"
        basis = "依据《中华人民共和国食品安全法》第一百四十八条第二款之规定"
    else:
        demand = f"退一赔三，支付价款三倍赔偿金{max(total * 3, 500)}元"
        basis = "依据《中华人民共和国消费者权益保护法》第五十五条第一款之规定"
    reward = ("\n同时举报被投诉人上述违法行为，请求依法立案查处，并依据《市场监督管理领域重大违法行为举报奖励暂行办法》给予举报奖励。"
              if claim.reward else "")
    return (
        f"投诉人：{person.name}，身份证号：{person.id_number}，联系电话：{person.phone}。\n被投诉人：{shop}，地址：{address}。\n"
        f"请求事项：1.退还货款{total}元；2.{demand}。\n"
        f"事实与理由：投诉人于{when}在被投诉人处购买{claim.product}{quantity}件，共计{total}元。经查看，{claim.flaw}。"
        f"{basis}，被投诉人应承担惩罚性赔偿责任。{rng.choice(('特此投诉。', '请求贵局依法组织调解。特此投诉。'))}{reward}"
    )


# -- rising: a beauty salon's week ----------------------------------------------------------------


@dataclass(frozen=True)
class Grievance:
    line: str
    requests: tuple[str, ...]
    demand: str  # the scenario demand its settlement reads like
    text: str


#: Nine customers, nine different problems with the one salon. At most four share a line and a
#: request, so the group detector (five complainants) does not take them for one problem.
RISING = (
    Grievance(Line.PREPAID, ("退款",), "r",
              "我在{shop}办了一张20次的面部护理次卡，{amount}元，才用了6次。店里说次卡有效期一年，已经过期，剩下的次数全部作废。"
              "办卡时根本没人说过有效期，要求退还未使用次数的费用。"),
    Grievance(Line.PREPAID, ("退款",), "r",
              "{shop}在我不知情的情况下从绑定的银行卡里扣了{amount}元，说是会员到期自动续费。我从来没有同意过自动续费，要求把钱退回来。"),
    Grievance(Line.PREPAID, ("退款",), "r",
              "因为工作调动要离开北京，我去{shop}申请退掉储值卡里剩下的钱，店长先说要扣30%手续费，后来又说总部不批。"
              "已经来回跑了四趟，要求按实际余额退款。"),
    Grievance(Line.PREPAID, ("履行约定",), "p",
              "{shop}换了老板，新老板说之前办的卡要再充3000元才能继续用，不充就作废。原来的卡里还有{amount}元，要求按原来的约定继续服务。"),
    Grievance(Line.PRICE, ("退款",), "r",
              "办卡时说好套餐里包含肩颈护理，现在每次去{shop}做都要另外加198元，价目表上也没写。要求退还多收的费用。"),
    Grievance(Line.GENERAL, ("退款",), "r",
              "{shop}的美容师推销一个抗衰疗程，说是分期付款，结果我签的是一份贷款合同，每月要还款。当时没给我看合同内容，要求解除并退款。"),
    Grievance(Line.QUALITY, ("赔偿",), "c",
              "上周在{shop}做了一次“小气泡”清洁，第二天脸上起了一片红疹，去医院看了是接触性皮炎，花了医药费{amount}元。"
              "店里说是我自己皮肤敏感，要求赔偿医药费。"),
    Grievance(Line.GENERAL, ("退款",), "r",
              "{shop}宣传“三次祛斑，无效全额退款”，我做完三次斑一点没淡，去找店里，店员说退款要看“整体改善情况”，不认了。要求按宣传承诺退款。"),
    Grievance(Line.PREPAID, ("退款",), "r",
              "我办卡时指定的美容师离职了，{shop}现在安排实习生给我做，项目时间也从90分钟缩到50分钟。卡里还有{amount}元，要求退卡退款。"),
)
