"""Keyset paging shared by every list (api-v1.md "Lists"): the `limit` rule and the opaque cursor,
which is the last row's sort key ("|"-joined) in URL-safe base64. One definition, so every list
refuses a bad limit or cursor with the same 400 naming the field."""

import base64
import binascii

from django.utils.translation import gettext as _

from jiesu.core.errors import field_error

MAX_LIMIT = 200
DEFAULT_LIMIT = 50


def page_limit(limit, *, default: int = DEFAULT_LIMIT, maximum: int = MAX_LIMIT) -> int:
    try:
        limit = int(limit or default)
    except (TypeError, ValueError):
        raise field_error("limit", _("limit 必须是整数")) from None
    if not 1 <= limit <= maximum:
        raise field_error("limit", _("limit 应在 1 到 %(n)d 之间") % {"n": maximum})
    return limit


def cursor_encode(*parts) -> str:
    raw = "|".join("" if p is None else (p.isoformat() if hasattr(p, "isoformat") else str(p)) for p in parts)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def cursor_decode(cursor: str) -> list[str]:
    """The parts of a cursor; one that is not base64 text is a 400 naming `cursor`. Callers check
    that the parts parse as the key they expect and refuse with `cursor_invalid()` otherwise."""
    try:
        return base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()).decode().split("|")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise cursor_invalid() from None


def cursor_invalid():
    return field_error("cursor", _("无效的分页游标"))
