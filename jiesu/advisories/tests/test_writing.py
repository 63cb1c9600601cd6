"""The drafted wording, from the figures alone: the trend is never an invented rise, the change is
stated as it is, and the advice follows the line."""

from datetime import date
from decimal import Decimal

from jiesu.advisories import writing


def figures(**overrides) -> writing.Figures:
    values = {
        "dimension": "respondent", "key_name": "某某健身会所", "line": "prepaid", "line_name": "预付式消费",
        "date_from": date(2025, 3, 1), "date_to": date(2025, 3, 31), "count": 12, "previous": 8,
        "last_year": 0, "mom": Decimal("0.5"), "yoy": None,
    }  # fmt: skip
    values.update(overrides)
    return writing.Figures(**values)


def test_a_rise_of_half_is_a_marked_rise_with_its_numbers():
    f = figures()

    assert writing.title_write(f) == "消费警示：近期涉及“某某健身会所”的投诉明显增多"
    body = writing.body_write(f)
    assert (
        "2025年3月，12315共受理涉及“某某健身会所”的消费者投诉、举报和咨询12件，环比上升50%（上月8件）。"
        in body
    )
    assert "相关诉求主要集中在预付式消费领域。" in body


def test_a_falling_count_is_not_called_a_rise():
    f = figures(count=6, mom=Decimal("-0.25"))

    assert writing.title_write(f).endswith("较为集中")
    assert "环比下降25%（上月8件）" in writing.body_write(f)


def test_nothing_before_is_said_so_and_a_year_on_year_change_is_given():
    f = figures(previous=0, mom=None, last_year=4, yoy=Decimal("2"))

    body = writing.body_write(f)
    assert "上月没有此类诉求，同比上升200%（去年同期4件）" in body


def test_a_period_that_is_not_a_month_compares_with_the_period_before():
    f = figures(date_from=date(2025, 3, 1), date_to=date(2025, 3, 20), mom=Decimal("0.125"))

    body = writing.body_write(f)
    assert body.startswith("2025年3月1日至3月20日")
    assert "环比上升12.5%（上一统计期8件）" in body


def test_advice_follows_the_line_and_every_warning_says_how_to_complain():
    prepaid = writing.body_write(figures())
    food = writing.body_write(figures(line="food", line_name="食品"))
    unknown = writing.body_write(figures(line="", line_name=""))

    assert "不要一次性预付大额费用" in prepaid and "保存好合同" in prepaid
    assert "保质期" in food and "预付" not in food.split("消费提示")[1]
    assert writing.GENERAL_ADVICE[0] in unknown
    for body in (prepaid, food, unknown):
        assert "12315热线" in body and "全国12315平台" in body


def test_a_category_reads_as_goods_and_services():
    f = figures(dimension="category", key_name="健身房")

    assert writing.title_write(f) == "消费警示：近期涉及健身房类商品和服务的投诉明显增多"
