"""Types shared by every schema of API v1."""

from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator

from jiesu.core import clock


def _aware(moment: datetime) -> datetime:
    """A time sent without an offset is read as Beijing time, the zone every caller works in."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=clock.SHANGHAI)


#: Out: stored in UTC, always shown with the +08:00 offset (api-v1.md "Conventions").
LocalDateTime = Annotated[datetime, AfterValidator(clock.local)]
#: In: an ISO 8601 time; without an offset it is Asia/Shanghai.
InDateTime = Annotated[datetime, AfterValidator(_aware)]


class ErrorOut(Schema):
    """The one error shape (api-v1.md "Conventions")."""

    error: str
    detail: str
    fields: dict[str, list[str]]


#: Error statuses every authenticated endpoint may answer with.
ERRORS = frozenset({400, 401, 403, 404, 409, 422, 429})


class CodesPage(Schema):
    items: list[str]
    next_cursor: str | None = None
