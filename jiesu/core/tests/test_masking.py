"""Masks keep enough to recognise a caller on the phone and nothing that identifies them from a list."""

import pytest

from jiesu.core.masking import mask_address, mask_id_number, mask_name, mask_phone


@pytest.mark.parametrize(("phone", "masked"), [
    ("13800138000", "138****8000"),  # api-v1.md's own example
    ("010-88889999", "010*****9999"),
    ("01088889999", "010****9999"),
    ("88889999", "****9999"),
    ("6666777", "***6777"),
    ("1234", "****"),
    ("", ""),
    (None, None),
])
def test_phone(phone, masked):
    assert mask_phone(phone) == masked


def test_a_masked_phone_never_contains_the_middle_digits():
    assert "0013" not in mask_phone("13800138000")


@pytest.mark.parametrize(("number", "masked"), [
    ("11010519491231002X", "1101**********002X"),
    ("12345678", "********"),
    ("", ""),
    (None, None),
])
def test_id_number(number, masked):
    assert mask_id_number(number) == masked


def test_a_masked_id_number_hides_the_date_of_birth():
    assert "19491231" not in mask_id_number("11010519491231002X")


@pytest.mark.parametrize(("address", "masked"), [
    ("西城区西长安街1号院3号楼", "西城区西长安****"),
    ("西城区", "西****"),
    ("某", "某****"),
    ("", ""),
    (None, None),
])
def test_address_keeps_at_most_the_district_and_street(address, masked):
    assert mask_address(address) == masked


def test_a_masked_address_hides_the_house_number():
    assert "3号楼" not in mask_address("西城区西长安街1号院3号楼")


@pytest.mark.parametrize(("name", "masked"), [("张三", "张*"), ("欧阳娜娜", "欧***"), ("张", "*"), ("", ""), (None, None)])
def test_name(name, masked):
    assert mask_name(name) == masked
