"""The formula of docs/statistics.md ("部门考核") on numbers worked out by hand."""

from decimal import Decimal as D

from jiesu.assessment.scoring import Rate, department_score, ranking

WEIGHTS = {"review": D(15), "response": D(15), "satisfaction": D(15), "odr": D(5)}


def test_weighted_average_of_rates_minus_the_data_quality_deduction():
    rates = {"review": Rate(2, 5), "response": Rate(1, 5), "satisfaction": Rate(1, 1), "odr": Rate(3, 4)}
    result = department_score(rates, WEIGHTS, defects=1, checks=10, quality_weight=D(20))
    # 100 × (15×0.4 + 15×0.2 + 15×1 + 5×0.75) / 50 = 100 × 27.75 / 50 = 55.5; 20 × 1/10 = 2
    assert result.measure_part == D("55.50")
    assert result.quality_deduction == D("2.00")
    assert result.score == D("53.50")


def test_a_rate_without_denominator_is_left_out_and_the_weights_renormalised():
    rates = {"review": Rate(2, 5), "response": Rate(1, 5), "satisfaction": Rate(1, 1), "odr": Rate(0, 0)}
    result = department_score(rates, WEIGHTS, defects=0, checks=10, quality_weight=D(20))
    # odr had nothing due: 100 × (6 + 3 + 15) / 45 = 53.33, not 100 × 24 / 50 = 48
    assert result.score == D("53.33")
    assert result.used == {"review": D(15), "response": D(15), "satisfaction": D(15)}


def test_a_zero_weight_does_not_count_and_satisfaction_weights_may_give_fractions():
    rates = {"review": Rate(1, 2), "satisfaction": Rate(1.8, 2)}
    result = department_score(
        rates, {"review": D(0), "satisfaction": D(10)}, defects=0, checks=0, quality_weight=D(20)
    )
    assert result.score == D("90.00")
    assert result.quality_deduction == D("0.00")


def test_nothing_to_judge_gives_no_score():
    result = department_score({"review": Rate(0, 0)}, WEIGHTS, defects=2, checks=2, quality_weight=D(20))
    assert result.score is None and result.measure_part is None


def test_ranking_shares_a_rank_on_a_tie_and_compares_with_the_average():
    standings, average = ranking({1: D("80"), 2: D("70"), 3: D("80"), 4: None, 5: D("50")})
    assert average == D("70.00")
    assert {pk: s.rank for pk, s in standings.items()} == {1: 1, 3: 1, 2: 3, 5: 4, 4: None}
    assert [pk for pk, s in standings.items() if s.below_average] == [5]
    assert standings[2].below_average is False  # equal to the average is not below it
