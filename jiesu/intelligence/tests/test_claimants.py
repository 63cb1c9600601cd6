"""Professional claimants (issue 5 item 6, seeds 001 and 002): scored over their history, flagged
and routed at registration, never refused."""

from datetime import timedelta

import pytest
from django.conf import settings

from jiesu.core import clock
from jiesu.intelligence.claimants import ClaimantRecord, claimant_assessment, claimant_score
from jiesu.orders.models import WorkOrder
from jiesu.orders.tests.checks import NOW
from jiesu.orders.tests.factories import register

TEMPLATE = (
    "投诉人：王某\n被投诉人：{shop}\n请求事项：依据《中华人民共和国食品安全法》第一百四十八条，要求被投诉人退还货款"
    "并支付价款十倍赔偿。\n事实与理由：本人在被投诉人处购买的食品已过保质期仍在销售。特此投诉。"
)
LABEL = "举报{shop}销售的进口饼干无中文标签，不符合 GB 7718，生产日期标注不清，要求依法查处并给予举报奖励。"
ORDINARY = "在商场购买的羽绒服穿了两天就开线，要求退货，商家拒绝。"
SERIAL_PHONE = "13700137000"


def score(records, now=NOW, **overrides):
    values = {
        "now": now, "window_days": 365, "threshold": 60,
        "weights": settings.JIESU_CLAIMANT_WEIGHTS, "caps": settings.JIESU_CLAIMANT_CAPS,
    }
    return claimant_score(records, **{**values, **overrides})


def record(n: int, days_ago: int, shop: str, text: str) -> ClaimantRecord:
    return ClaimantRecord(f"N{n}", NOW - timedelta(days=days_ago), f"name:{shop}", text)


def texts(result) -> list[str]:
    return [e.text for e in result.evidence]


# ---- scoring (pure) ------------------------------------------------------------------------------


def test_an_ordinary_consumer_asking_once_for_triple_damages_stays_far_below():
    result = score([record(1, 3, "某某电器", "买的电饭煲用了三天就坏了，商家拒不退货，要求退一赔三，三倍赔偿。")])

    assert not result.flagged and result.score < 20
    assert "1 件要求退一赔三/三倍赔偿" in texts(result)


def test_one_order_with_every_marker_is_still_below_the_threshold():
    """Frequency is what makes a professional: a single complaint never crosses, however worded."""
    everything = TEMPLATE.format(shop="甲超市") + LABEL.format(shop="甲超市")
    assert not score([record(1, 0, "甲超市", everything)]).flagged


def test_many_complaints_against_different_shops_without_claim_wording_stay_below():
    records = [record(i, 30 * i, f"第{i}家店", ORDINARY) for i in range(10)]
    assert not score(records).flagged


def test_six_templated_tenfold_claims_against_six_shops_over_three_months_cross_it():
    records = [record(i, 15 * i, f"第{i}超市", TEMPLATE.format(shop=f"第{i}超市")) for i in range(6)]

    result = score(records)

    assert result.flagged and result.score >= 70
    assert texts(result)[0] == "近365天对 6 个不同经营者投诉 6 件"
    assert "6 件要求十倍赔偿（援引第一百四十八条）" in texts(result)
    assert "6 件使用格式化法律文书用语（依据《中华人民共和国食品安全法》第一百四十八条…）" in texts(result)
    assert any(t.startswith("跨 ") and t.endswith(" 个月持续投诉") for t in texts(result))
    assert all(e.orders == ("N5", "N4", "N3", "N2", "N1", "N0") for e in result.evidence)
    assert result.score == sum(e.points for e in result.evidence)


def test_label_flaw_reports_with_reward_demands_cross_it_and_are_listed():
    records = [record(i, 15 * i, f"第{i}便利店", LABEL.format(shop=f"第{i}便利店")) for i in range(6)]

    result = score(records)

    assert result.flagged
    label = next(t for t in texts(result) if "标签瑕疵" in t)
    assert label.startswith("6 件指向标签瑕疵（") and "GB 7718" in label and "中文标签" in label
    assert "6 件要求举报奖励" in texts(result)


def test_a_single_label_complaint_is_below():
    assert not score([record(1, 0, "某超市", "买的酸奶没有生产日期，标签模糊，要求退货。")]).flagged


def test_operators_third_person_summary_is_no_template():
    """"投诉人称…" is how operators write; only a filled-in template carries several formulas."""
    result = score([record(1, 0, "某商场", "投诉人称在被投诉人处购买的鞋子开胶，要求退货。")])
    assert not any("格式化" in t for t in texts(result))


def test_full_width_and_spaced_markers_are_recognised():
    result = score([record(1, 0, "某店", "标注不符合ＧＢ７７１８，要求退一赔十")])
    assert any("标签瑕疵（GB 7718）" in t for t in texts(result))
    assert "1 件要求退一赔十" in texts(result)


def test_only_the_window_counts():
    records = [record(i, 15 * i, f"第{i}超市", TEMPLATE.format(shop=f"第{i}超市")) for i in range(6)]
    old = [record(i, 400 + i, f"旧{i}超市", TEMPLATE.format(shop="x")) for i in range(6)]

    assert score(old).score == 0
    assert score(records + old).score == score(records).score
    assert texts(score(records[:3], window_days=20))[0] == "近20天对 2 个不同经营者投诉 2 件"


def test_weights_and_threshold_come_from_the_caller():
    records = [record(i, 15 * i, f"第{i}超市", TEMPLATE.format(shop=f"第{i}超市")) for i in range(6)]
    assert not score(records, threshold=101).flagged
    no_language = {**settings.JIESU_CLAIMANT_WEIGHTS, "punitive": 0, "templated": 0}
    assert not score(records, weights=no_language).flagged


# ---- the selector ------------------------------------------------------------------------------


def serial_claimant(org, count: int = 6, phone: str = SERIAL_PHONE, **overrides) -> list[WorkOrder]:
    """`count` templated 十倍赔偿 complaints against as many shops, 15 days apart up to now."""
    now = clock.now()
    return [
        register(
            org.operator, complainant_phone=phone, respondent_name=f"第{i}超市", line="food",
            product_category="食品", requests=["赔偿"], description=TEMPLATE.format(shop=f"第{i}超市"),
            received_at=now - timedelta(days=15 * (count - 1 - i)), **overrides,
        )
        for i in range(count)
    ]


@pytest.mark.django_db
def test_the_assessment_reads_the_complainants_orders_with_their_numbers(org):
    orders = serial_claimant(org)
    register(org.operator)  # someone else

    result = claimant_assessment(phone="137-0013-7000")

    assert result.flagged
    assert set(result.evidence[0].orders) == {o.number for o in orders}
    assert claimant_assessment(phone=SERIAL_PHONE, exclude_order_id=orders[-1].pk).evidence[0].text == (
        "近365天对 5 个不同经营者投诉 5 件"
    )
    assert claimant_assessment(phone="").score == 0


@pytest.mark.django_db
def test_the_assessment_respects_the_window_setting(org, settings):
    serial_claimant(org)
    settings.JIESU_CLAIMANT_WINDOW_DAYS = 20

    result = claimant_assessment(phone=SERIAL_PHONE)

    assert result.evidence[0].text == "近20天对 2 个不同经营者投诉 2 件"
    assert not result.flagged


@pytest.mark.django_db
def test_the_assessment_as_of_an_earlier_time_ignores_later_orders(org):
    orders = serial_claimant(org)
    assert claimant_assessment(phone=SERIAL_PHONE, at=orders[2].received_at).evidence[0].text == (
        "近365天对 3 个不同经营者投诉 3 件"
    )


@pytest.mark.django_db
def test_an_id_number_finds_the_same_person_behind_other_phones(org):
    id_number = "11010519491231002X"
    serial_claimant(org, count=4, complainant_id_number=id_number)
    register(org.operator, complainant_phone="13600136000", complainant_id_number=id_number,
             respondent_name="第九超市", description=TEMPLATE.format(shop="第九超市"))

    by_phone = claimant_assessment(phone="13600136000")
    by_id = claimant_assessment(phone="13600136000", id_number=id_number.lower())

    assert by_phone.evidence[0].text == "近365天对 1 个不同经营者投诉 1 件" and not by_phone.flagged
    assert by_id.evidence[0].text == "近365天对 5 个不同经营者投诉 5 件" and by_id.flagged


@pytest.mark.django_db
def test_consultations_are_questions_not_claims(org):
    for i in range(6):
        register(org.operator, type="consultation", complainant_phone=SERIAL_PHONE, respondent_name=f"第{i}超市",
                 description=TEMPLATE.format(shop=f"第{i}超市"))
    assert claimant_assessment(phone=SERIAL_PHONE).score == 0


# ---- at registration ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sixth_templated_order_of_a_serial_claimant_is_flagged_and_routed(org):
    orders = serial_claimant(org)

    assert not any("professional_claimant" in o.flags for o in orders[:3])
    sixth = orders[-1]
    assert "professional_claimant" in sixth.flags and sixth.line == "professional_claim"
    assert sixth.status == "registered"  # never refused, never moved on
    sixth.refresh_from_db()
    assert "professional_claimant" in sixth.flags and sixth.line == "professional_claim"
    assert sixth.status == "registered" and sixth.outcome == ""
    assert list(sixth.events.values_list("action", flat=True)) == ["register"]


@pytest.mark.django_db
def test_an_ordinary_repeat_caller_is_not_flagged(org):
    for _ in range(3):
        order = register(org.operator)
    order = register(org.operator, description=ORDINARY + "商家一直拖延，现要求三倍赔偿。")

    assert "professional_claimant" not in order.flags and order.line == "supermarket"
    assert "repeat" in order.flags


@pytest.mark.django_db
def test_an_anonymous_report_is_never_flagged(org):
    for i in range(6):
        order = register(org.operator, type="report", anonymous=True, complainant_name="", complainant_phone="",
                         respondent_name=f"第{i}超市", description=TEMPLATE.format(shop=f"第{i}超市"))
    assert "professional_claimant" not in order.flags


@pytest.mark.django_db
def test_a_raised_threshold_keeps_the_serial_claimant_unflagged(org, settings):
    settings.JIESU_CLAIMANT_THRESHOLD = 101
    assert not any("professional_claimant" in o.flags for o in serial_claimant(org))
