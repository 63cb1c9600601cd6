"""The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a
31-symbol alphabet (digits and capitals without I, O, Z, S, V), the last a check character
computed with weights 3^i mod 31 over the first seventeen."""

import re

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]
_SHAPE = re.compile(r"^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$")


def credit_code_check_char(first17: str) -> str:
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_is_valid(code: str) -> bool:
    code = (code or "").strip().upper()
    if not _SHAPE.match(code):
        return False
    return credit_code_check_char(code[:17]) == code[17]


def credit_code_normalise(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip().upper()
    return code or None
