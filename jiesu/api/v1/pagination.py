"""Keyset pages for lists that have no selector of their own (api-v1.md "Lists"). Orders page in
their selector (orders.selectors.order_list); this serves short reference lists such as
departments, ordered by one unique column, with the same opaque cursor and limit rules."""

import base64
import binascii

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from jiesu.core.errors import field_error

MAX_LIMIT = 200
DEFAULT_LIMIT = 50


def encode_cursor(value: str) -> str:
    return base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        return base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise field_error("cursor", _("无效的分页游标")) from None


def keyset_page(qs: QuerySet, *, key: str, cursor: str = "", limit: int = DEFAULT_LIMIT) -> dict:
    """`key` must be unique and is the sort order; the cursor is the last key of the page, so a
    row inserted meanwhile neither repeats nor hides another."""
    if cursor:
        qs = qs.filter(**{f"{key}__gt": decode_cursor(cursor)})
    rows = list(qs.order_by(key)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "next_cursor": encode_cursor(str(getattr(rows[-1], key))) if more else None}
