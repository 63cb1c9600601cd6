"""Masking of personal data (phone, ID number, address) for viewers with no need to see it.

Masks keep enough to recognise a caller on the phone (the last four digits) and nothing that would
identify them from a list.
"""

import re


def mask_phone(phone: str | None) -> str | None:
    if not phone:
        return phone
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(phone) <= 4:
        return "*" * len(phone)
    if phone.startswith("0") and len(phone) > 7:
        # A landline keeps its area code: it says where, not who.
        return f"{phone[:3]}{'*' * (len(phone) - 7)}{phone[-4:]}"
    # A local number has no area code to show: its leading digits are the subscriber's own.
    return f"{'*' * (len(phone) - 4)}{phone[-4:]}"


def mask_id_number(id_number: str | None) -> str | None:
    if not id_number:
        return id_number
    if len(id_number) <= 8:
        return "*" * len(id_number)
    return f"{id_number[:4]}{'*' * (len(id_number) - 8)}{id_number[-4:]}"


def mask_address(address: str | None) -> str | None:
    """Keep the district and street part (the first six characters), hide the house number."""
    if not address:
        return address
    keep = min(6, max(len(address) // 2, 1))
    return address[:keep] + "*" * 4


def mask_name(name: str | None) -> str | None:
    if not name:
        return name
    return name[0] + "*" * (len(name) - 1) if len(name) > 1 else "*"
