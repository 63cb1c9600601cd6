"""The draw's arithmetic: sample sizes, ranks and the pick, without a database."""

from decimal import Decimal

import pytest

from jiesu.quality import sampling


@pytest.mark.parametrize(
    ("rate", "population", "size"),
    [
        ("0.10", 0, 0),
        ("0.10", 4, 0),
        ("0.10", 5, 1),
        ("0.10", 14, 1),
        ("0.10", 15, 2),
        ("0.10", 100, 10),
        ("0.25", 6, 2),
        ("0.5", 5, 3),
        ("1", 7, 7),
    ],
)
def test_the_size_is_the_rate_of_the_population_rounded_half_up(rate, population, size):
    assert sampling.sample_size(Decimal(rate), population) == size


def test_the_pick_is_the_lowest_ranks_whatever_order_the_numbers_come_in():
    numbers = [f"2025030300{n:04d}" for n in range(50)]
    ranks = {n: sampling.rank("seed-1", n) for n in numbers}

    picked = sampling.pick("seed-1", reversed(numbers), 5)

    assert [n for n, _ in picked] == sorted(numbers, key=ranks.get)[:5]
    assert all(value == ranks[n] for n, value in picked)
    assert picked == sampling.pick("seed-1", numbers, 5)


def test_another_seed_draws_other_orders():
    numbers = [f"2025030300{n:04d}" for n in range(50)]

    assert sampling.pick("seed-1", numbers, 5) != sampling.pick("seed-2", numbers, 5)


def test_nothing_is_picked_for_a_zero_size():
    assert sampling.pick("seed-1", ["1", "2"], 0) == []


def test_each_seed_is_new():
    assert sampling.new_seed() != sampling.new_seed()
