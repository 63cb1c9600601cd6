from ninja import Field, Schema

from jiesu.api.v1.pagination import MAX_LIMIT
from jiesu.api.v1.schemas.common import LocalDateTime


class NotificationListQuery(Schema):
    order: str = Field("", description="工单编号：该工单的全部提醒、催办、督办与指令；留空为发给本人的消息")
    unread: bool = Field(False, description="只列本人未读的站内消息")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    cursor: str = ""


class RecipientOut(Schema):
    username: str
    name: str


class NotificationOut(Schema):
    id: int
    order: str | None = Field(None, description="工单编号")
    step: str = Field(description="reminder | urge | supervise | directive | callback")
    deadline_kind: str | None = None
    due_at: LocalDateTime | None = None
    recipients: list[RecipientOut]
    channel: str = Field(description="inbox | log | email | sms | webhook")
    status: str = Field(description="pending | sent | failed | cancelled")
    title: str
    created_at: LocalDateTime
    sent_at: LocalDateTime | None = None


class NotificationPage(Schema):
    items: list[NotificationOut]
    next_cursor: str | None = None


class MarkReadIn(Schema):
    ids: list[int] | None = Field(None, description="要标记已读的消息 id；省略则全部标为已读")


class MarkReadOut(Schema):
    marked: int
    unread: int
