"""Validation of Chinese phone numbers and resident ID numbers as typed by callers and operators."""

import re
from datetime import date

from jiesu.core import clock

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_LOCAL = re.compile(r"^[2-9]\d{6,7}$")
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"


def phone_normalise(raw: str | None) -> str:
    """Strip spaces, dashes around a mobile number and the +86 / 0086 country prefix (giving a
    landline back the trunk 0 that the international form leaves out)."""
    phone = re.sub(r"[\s()（）]", "", raw or "")
    for prefix in ("+86", "0086"):
        if phone.startswith(prefix):
            phone = phone[len(prefix):].lstrip("-")
            # Written internationally a landline drops its trunk 0 (+86 10 8888 9999 is 010-88889999).
            # Area codes are 10 (Beijing) or start 2-9; a mobile starts 13-19 and stays as it is.
            if re.match(r"(10|[2-9])", phone):
                phone = "0" + phone
            break
    if re.fullmatch(r"1\d{2}-?\d{4}-?\d{4}", phone):
        phone = phone.replace("-", "")
    return phone


def phone_is_valid(phone: str) -> bool:
    """A mainland mobile (1[3-9] + 9 digits), a landline with area code (010-12345678, optional
    extension) or a local 7-8 digit number as read out by a caller who omits the area code."""
    return bool(_MOBILE.match(phone) or _LANDLINE.match(phone) or _LOCAL.match(phone))


def id_number_is_valid(id_number: str) -> bool:
    """An 18-character resident ID (GB 11643) with a real date of birth and its ISO 7064 MOD 11-2
    check character."""
    value = (id_number or "").strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return False
    try:  # characters 7-14 are the date of birth (GB 11643): a real day, not in the future
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if born > clock.today():
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == value[17]
