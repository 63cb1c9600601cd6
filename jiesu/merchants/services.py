"""Writes on the merchant registry."""

from django.db import transaction
from django.utils.translation import gettext as _

from jiesu.core.errors import field_error
from jiesu.merchants.credit_code import credit_code_is_valid, credit_code_normalise
from jiesu.merchants.models import Merchant


def credit_code_validate(code: str | None) -> str | None:
    """Normalise and check a credit code; a wrong check character is almost always a typo at
    intake, and linking on a typo would merge two businesses' complaints."""
    code = credit_code_normalise(code)
    if code and not credit_code_is_valid(code):
        raise field_error("credit_code", _("统一社会信用代码格式或校验位不正确"))
    return code


@transaction.atomic
def merchant_create(*, name: str, credit_code: str | None = None, address: str = "", **extra) -> Merchant:
    name = (name or "").strip()
    if not name:
        raise field_error("name", _("请填写经营者名称"))
    code = credit_code_validate(credit_code)
    if code and Merchant.objects.filter(credit_code=code).exists():
        raise field_error("credit_code", _("该统一社会信用代码已登记"))
    merchant = Merchant(name=name, credit_code=code, address=address.strip(), **extra)
    merchant.full_clean()
    merchant.save()
    return merchant


def merchant_match_or_create(*, name: str, credit_code: str | None, address: str) -> Merchant | None:
    """Link an order's respondent to the registry: by credit code when given (creating the entry
    if new), else by exact name. A bare name never creates an entry, so typos don't pollute it.
    Not atomic itself (registration calls it inside its own transaction); its only write,
    merchant_create, is."""
    code = credit_code_validate(credit_code)
    if code:
        merchant = Merchant.objects.filter(credit_code=code).first()
        if merchant is None:
            merchant = merchant_create(name=name, credit_code=code, address=address or "")
        return merchant
    name = (name or "").strip()
    if not name:
        return None
    return Merchant.objects.filter(name=name, is_active=True).order_by("id").first()
