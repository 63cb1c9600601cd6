"""Reads on the merchant registry."""

from django.db.models import Q, QuerySet

from jiesu.merchants.models import Merchant


def merchant_search(*, q: str, limit: int = 10) -> QuerySet[Merchant]:
    """Intake autocomplete: a credit-code prefix or part of the name. Prefix matches rank first
    because operators type the beginning of a shop's name."""
    q = (q or "").strip()
    if len(q) < 1:
        return Merchant.objects.none()
    cond = Q(name__icontains=q)
    if q.isalnum() and len(q) >= 4:
        cond |= Q(credit_code__istartswith=q)
    qs = Merchant.objects.filter(cond, is_active=True).select_related("department")
    starts = list(qs.filter(name__istartswith=q).order_by("name")[:limit])
    rest = list(qs.exclude(pk__in=[m.pk for m in starts]).order_by("name")[: max(limit - len(starts), 0)])
    return starts + rest


def odr_merchant_list() -> QuerySet[Merchant]:
    return Merchant.objects.filter(is_odr=True, is_active=True).order_by("name")
