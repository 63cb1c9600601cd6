"""Phone numbers and resident ID numbers as callers read them out and operators type them."""

from datetime import date

import pytest

from jiesu.core.identity import id_number_is_valid, phone_is_valid, phone_normalise


class TestPhoneNormalise:
    @pytest.mark.parametrize(("raw", "expected"), [
        ("13800138000", "13800138000"),
        (" 138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("+86 13800138000", "13800138000"),
        ("+86-138-0013-8000", "13800138000"),
        ("0086 13800138000", "13800138000"),
        ("(010) 8888 9999", "01088889999"),
        ("（010）88889999", "01088889999"),
        ("010-88889999", "010-88889999"),
        ("+86 10 88889999", "01088889999"),
        ("+86 21 6666 7777", "02166667777"),
        ("0086-571-88889999", "0571-88889999"),
        ("", ""),
        (None, ""),
    ])
    def test_normalises_what_people_type(self, raw, expected):
        assert phone_normalise(raw) == expected

    def test_a_short_mistyped_mobile_after_the_country_code_is_not_turned_into_a_landline(self):
        assert phone_normalise("+86 138 0013 800") == "1380013800"
        assert not phone_is_valid(phone_normalise("+86 138 0013 800"))


class TestPhoneIsValid:
    @pytest.mark.parametrize("phone", [
        "13800138000", "19912345678", "010-88889999", "01088889999", "0571-88889999", "0755-1234567",
        "010-88889999-8021", "88889999", "6666777",
    ])
    def test_mobiles_landlines_and_local_numbers(self, phone):
        assert phone_is_valid(phone)

    @pytest.mark.parametrize("phone", [
        "12800138000",  # no 12x mobile prefix
        "1380013800", "138001380000", "010-123456", "0108888999999", "18888999", "1234567", "", "abc",
    ])
    def test_anything_else(self, phone):
        assert not phone_is_valid(phone)


class TestIdNumber:
    def test_the_standard_sample_is_valid(self):
        assert id_number_is_valid("11010519491231002X")

    def test_a_lower_case_x_and_spaces_are_forgiven(self):
        assert id_number_is_valid(" 11010519491231002x ")

    def test_a_check_digit_that_is_a_digit(self):
        assert id_number_is_valid("440524188001010014")  # 1880-01-01, check character 4

    @pytest.mark.parametrize("wrong", "0123456789")
    def test_every_other_check_character_is_refused(self, wrong):
        assert not id_number_is_valid("11010519491231002" + wrong)

    @pytest.mark.parametrize("number", [
        "110105194913310021",  # month 13 (check character consistent)
        "110105194902300020",  # 30 February (check character consistent)
        "110105209912310029",  # born in 2099
        "11010519491231002",
        "1101051949123100211",
        "11010519491231002Y",
        "",
        None,
    ])
    def test_malformed_numbers_and_impossible_birth_dates_are_refused(self, number):
        assert not id_number_is_valid(number)

    def test_someone_born_today_is_valid_and_tomorrow_is_not(self, time_machine):
        time_machine.move_to(date(2025, 3, 3))
        assert id_number_is_valid(with_check("11010520250303001"))
        assert not id_number_is_valid(with_check("11010520250304001"))


def with_check(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]
