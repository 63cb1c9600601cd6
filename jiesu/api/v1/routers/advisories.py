"""Consumer warnings over the API (issue 6 item 8): `GET /api/v1/advisories` lists the published
ones, newest first, with the figures they were drawn from, for the agency's website, WeChat
account or media feed. The text is the public's; drafts and withdrawn warnings are not listed.

Parse, call one selector, present. The shapes live here with their endpoint: fields may be added,
never renamed or dropped within v1.
"""

from datetime import date

from django.urls import reverse
from ninja import Field, Query, Router, Schema

from jiesu.advisories.selectors import published_page
from jiesu.api.v1.pagination import DEFAULT_LIMIT
from jiesu.api.v1.schemas.common import ERRORS, ErrorOut, LocalDateTime

router = Router(tags=["消费警示 consumer warnings"])


class AdvisoryOut(Schema):
    id: int
    title: str
    body: str = Field(description="警示正文 / the text consumers read")
    published_at: LocalDateTime
    url: str = Field(description="公众页面地址 / the public page")
    dimension: str = Field(description="respondent · category · brand · request · issue · line")
    key: str = Field(description="排名项代码或名称 / the ranked value")
    name: str = Field(description="排名项名称")
    date_from: date = Field(alias="from", description="统计期自")
    date_to: date = Field(alias="to", description="统计期至")
    count: int = Field(description="起草时本期件数 / orders in the period when drafted")
    previous: int = Field(description="上期件数")
    last_year: int = Field(description="去年同期件数")
    mom: float | None = Field(description="环比，0.25 = +25%；上期为 0 时为 null")
    yoy: float | None = Field(description="同比；去年同期为 0 时为 null")


class AdvisoryPage(Schema):
    items: list[AdvisoryOut]
    next_cursor: str | None


class AdvisoryQuery(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=100)
    cursor: str = ""


def _out(warning) -> dict:
    return {
        "id": warning.pk, "title": warning.title, "body": warning.body, "published_at": warning.published_at,
        "url": reverse("portals:warning_detail", args=[warning.pk]), "dimension": warning.dimension, "key": warning.key,
        "name": warning.key_name, "from": warning.date_from, "to": warning.date_to, "count": warning.count,
        "previous": warning.previous, "last_year": warning.last_year,
        "mom": None if warning.mom is None else float(warning.mom),
        "yoy": None if warning.yoy is None else float(warning.yoy),
    }  # fmt: skip


@router.get(
    "/advisories",
    response={200: AdvisoryPage, ERRORS: ErrorOut},
    url_name="advisory-list",
    by_alias=True,
    summary="已发布的消费警示 published consumer warnings",
)
def advisory_list(request, query: Query[AdvisoryQuery]):
    """Published warnings, newest first; `next_cursor` pages on. What is listed is public already
    (/public/warnings/), so any signed-in caller may read it."""
    page = published_page(cursor=query.cursor, limit=query.limit)
    return {"items": [_out(w) for w in page.items], "next_cursor": page.next_cursor}
