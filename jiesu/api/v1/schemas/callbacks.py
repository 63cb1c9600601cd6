"""Shapes of call-backs in API v1 (来电零遗漏, seed 004). Field names are the contract: fields may
be added, never renamed or dropped within v1."""

from typing import Literal

from ninja import Field, Schema

from jiesu.api.v1.pagination import DEFAULT_LIMIT, MAX_LIMIT
from jiesu.api.v1.schemas.common import LocalDateTime


class CallbackOut(Schema):
    id: int
    phone: str = Field(description="来电号码；无权查看个人信息者看到脱敏号码 / masked without the right to see it")
    called_at: LocalDateTime = Field(description="当日最后一次未接来电时间")
    due_at: LocalDateTime = Field(description="回拨期限 / call back by")
    status: str = Field(description="pending · reached · unreachable · converted · cancelled")
    missed_calls: int = Field(description="当日未接且其后未接通的来电次数")
    order: str | None = Field(None, description="登记成的工单编号 / the order it became")


class CallbackPage(Schema):
    items: list[CallbackOut]
    next_cursor: str | None


class CallbackListQuery(Schema):
    status: str = Field("", description="状态代码，可用逗号分隔多个，如 pending")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    cursor: str = ""


class CallbackOutcomeIn(Schema):
    status: Literal["reached", "unreachable"] = Field(description="已联系 reached / 未联系上 unreachable")
    note: str = Field("", max_length=1000)
