"""The keyword rules alone (rules.py): each boundary rule of taxonomy.md with texts that must and
must not fire it, and the fast-response dangers of seed 002."""

import pytest

from jiesu.intelligence import rules
from jiesu.intelligence.rules import deciding_hit, rules_build
from jiesu.taxonomy.selectors import taxonomy_defaults

#: The shipped rules, the ones the first migration loads into the taxonomy tables.
SHIPPED = rules_build(taxonomy_defaults())


def line_hits(text: str):
    return rules.line_hits(SHIPPED.scan(text), SHIPPED)


def danger(text: str):
    return rules.danger(SHIPPED.scan(text), SHIPPED)


def requests_stated(text: str):
    return rules.requests_stated(SHIPPED.scan(text), SHIPPED)


def decided(text: str) -> str | None:
    hit = deciding_hit(line_hits(text))
    return hit.rule.line if hit else None


@pytest.mark.parametrize("text", [
    "超市卖的进口饼干没有中文标签，要求十倍赔偿。",
    "商品页面写着全网第一，属于绝对化用语，要求退一赔三。",
    "依据食品安全法第一百四十八条，请责令商家支付价款十倍的赔偿金。",
    "要求商家承担惩罚性赔偿，并对我的举报给予奖励。",
    "健身房的会员卡虚假宣传，要求按消法第五十五条三倍赔偿。",  # rule 1 before rule 2
])  # fmt: skip
def test_punitive_damages_and_rewards_decide_professional_claim(text):
    assert decided(text) == "professional_claim"


@pytest.mark.parametrize("text", [
    "在饭店吃饭吃出头发，要求赔偿医药费。",
    "超市积分奖励没有到账，要求补发积分。",
])  # fmt: skip
def test_ordinary_compensation_is_no_professional_claim(text):
    assert decided(text) != "professional_claim"


@pytest.mark.parametrize("text", [
    "健身房老板卷款跑路了，年卡还剩八个月。",
    "培训机构预付了三十节课时费，现在停课不退。",
    "理发店的储值卡换了老板不认了。",
    "洗车店办卡的时候说随时可退，现在不给退。",
])  # fmt: skip
def test_prepaid_cards_and_courses_decide_prepaid(text):
    assert decided(text) == "prepaid"


@pytest.mark.parametrize("text", [
    "话费充值后一直没有到账，运营商不处理。",
    "超市会员积分被清零了。",
    "理发店剪坏了头发，要求退款。",
])  # fmt: skip
def test_top_ups_points_and_single_services_are_not_prepaid(text):
    assert decided(text) != "prepaid"


@pytest.mark.parametrize("text", [
    "小区电梯经常突然下坠，很危险。",
    "商场的自动扶梯夹住了小孩的鞋。",
    "饭店使用的液化气瓶没有检验标志。",
    "景区索道运行中停了二十分钟。",
])  # fmt: skip
def test_lifts_cylinders_and_rides_decide_special_equipment(text):
    assert decided(text) == "special_equipment"


@pytest.mark.parametrize("text", [
    "开发商宣传的电梯房交房时变成了楼梯房。",
    "新买的冰箱不制冷，要求换货。",
])  # fmt: skip
def test_flats_and_appliances_are_not_special_equipment(text):
    assert decided(text) != "special_equipment"


def test_price_words_only_hint_and_never_decide():
    hits = line_hits("商店没有明码标价，结账时多收了二十元。")
    assert [hit.rule.line for hit in hits] == ["price"]
    assert deciding_hit(hits) is None
    assert hits[0].explanation == "提示词：明码标价"


def test_a_deciding_rule_names_itself_and_its_word():
    hit = deciding_hit(line_hits("要求十倍赔偿"))
    assert hit.explanation == "命中规则：惩罚性赔偿（十倍赔偿）"


@pytest.mark.parametrize(("text", "reasons"), [
    ("小区电梯停在两层之间，我和孩子被困在电梯里，快来人！", {"safety", "on_site"}),
    ("楼下饭店燃气泄漏，整条街都是煤气味。", {"safety"}),
    ("公司食堂午饭后多人食物中毒，已有多人呕吐送医。", {"safety", "group"}),
    ("我正在现场，商家不让走，逼我付钱。", {"on_site"}),
    ("几十名家长在培训机构门口集体投诉，要求退费。", {"group"}),
])  # fmt: skip
def test_danger_texts_ask_for_fast_response_with_their_reasons(text, reasons):
    result = danger(text)
    assert result.urgency == "fast"
    assert set(result.reasons) == reasons


@pytest.mark.parametrize("text", [
    "网上买的衣服尺码不对，商家不给退货。",
    "手机在保修期内屏幕坏了，售后要收费维修。",
    "健身房年卡无法退费。",
    "饭菜里当场没发现问题，回家后发现有头发。",
])  # fmt: skip
def test_ordinary_texts_are_not_fast(text):
    result = danger(text)
    assert result.urgency == "normal"
    assert result.reasons == []


def test_requests_are_read_from_plain_words_in_taxonomy_order():
    assert requests_stated("要求商家赔礼道歉，退货并退款。") == ["退货", "退款", "赔礼道歉"]
    assert requests_stated("东西不错。") == []
