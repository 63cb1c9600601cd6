"""Keyset pages for lists that have no selector of their own (api-v1.md "Lists"). Orders page in
their selector (orders.selectors.order_list); this serves short reference lists such as
departments, ordered by one unique column, with the same opaque cursor and limit rules
(jiesu.core.paging)."""

from django.db.models import QuerySet

from jiesu.core.paging import DEFAULT_LIMIT, MAX_LIMIT, cursor_decode, cursor_encode

__all__ = ["DEFAULT_LIMIT", "MAX_LIMIT", "keyset_page"]


def keyset_page(qs: QuerySet, *, key: str, cursor: str = "", limit: int = DEFAULT_LIMIT) -> dict:
    """`key` must be unique and is the sort order; the cursor is the last key of the page, so a
    row inserted meanwhile neither repeats nor hides another."""
    if cursor:
        qs = qs.filter(**{f"{key}__gt": "|".join(cursor_decode(cursor))})
    rows = list(qs.order_by(key)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": rows, "next_cursor": cursor_encode(getattr(rows[-1], key)) if more else None}
