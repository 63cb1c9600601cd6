"""The unified social credit code (统一社会信用代码, GB 32100-2015) and its check character."""

import pytest

from jiesu.merchants.credit_code import (
    ALPHABET,
    WEIGHTS,
    credit_code_check_char,
    credit_code_is_valid,
    credit_code_normalise,
)

#: Published codes of well-known enterprises (and the standard's worked example), each checked
#: by hand against the algorithm below.
REAL_CODES = [
    "91350100M000100Y43",  # the example used throughout GB 32100 explanations
    "91110000802100433B",  # 北京百度网讯科技有限公司
    "91440300708461136T",  # 深圳市腾讯计算机系统有限公司
    "914403001922038216",  # 华为技术有限公司
]


def reference_check_char(first17: str) -> str:
    """GB 32100-2015 section 5, written out independently: weights 1, 3, 9, 27, 19, 26, 16, 17,
    20, 29, 25, 13, 8, 24, 10, 30, 28; C18 = 31 - (sum mod 31), with 31 written as 0."""
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    codes = {ch: i for i, ch in enumerate("0123456789ABCDEFGHJKLMNPQRTUWXY")}
    remainder = 31 - sum(codes[c] * w for c, w in zip(first17, weights, strict=True)) % 31
    return "0123456789ABCDEFGHJKLMNPQRTUWXY"[0 if remainder == 31 else remainder]


def test_the_alphabet_leaves_out_i_o_z_s_v():
    assert len(ALPHABET) == 31
    assert not set("IOZSV") & set(ALPHABET)


def test_the_weights_are_those_of_the_standard():
    assert WEIGHTS == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_are_valid(code):
    assert reference_check_char(code[:17]) == code[17]
    assert credit_code_check_char(code[:17]) == code[17]
    assert credit_code_is_valid(code)


@pytest.mark.parametrize("code", REAL_CODES)
def test_every_other_check_character_is_refused(code):
    for wrong in ALPHABET.replace(code[17], ""):
        assert not credit_code_is_valid(code[:17] + wrong)


def test_a_check_remainder_of_31_is_written_as_zero():
    """Find a 17-character body whose sum is a multiple of 31: its check character is 0."""
    body = next(
        f"9111000000000{n:04d}" for n in range(10000)
        if sum(ALPHABET.index(c) * w for c, w in zip(f"9111000000000{n:04d}", WEIGHTS, strict=True)) % 31 == 0
    )
    assert credit_code_check_char(body) == "0"
    assert credit_code_is_valid(body + "0")


@pytest.mark.parametrize("code", [
    "911100001000179100",  # check character should be 8
    "91350100M000100Y4",  # 17 characters
    "91350100M000100Y433",  # 19
    "91350100I000100Y43",  # I is not in the alphabet
    "91350100M000100O43",  # nor O
    "913501A0M000100Y43",  # the region code is six digits
    "",
    None,
])
def test_malformed_codes_are_refused(code):
    assert not credit_code_is_valid(code)


def test_lower_case_and_spaces_are_forgiven():
    assert credit_code_is_valid(" 91350100m000100y43 ")
    assert credit_code_normalise(" 91350100m000100y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_a_blank_code_normalises_to_none(blank):
    assert credit_code_normalise(blank) is None
