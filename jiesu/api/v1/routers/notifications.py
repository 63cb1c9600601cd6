from ninja import Query, Router

from jiesu.api.v1.pagination import keyset_page
from jiesu.api.v1.schemas.common import ERRORS, ErrorOut
from jiesu.api.v1.schemas.notifications import (
    MarkReadIn,
    MarkReadOut,
    NotificationListQuery,
    NotificationPage,
)
from jiesu.notifications.selectors import (
    inbox_unread_count,
    notifications_addressed_to,
    notifications_of_order,
)
from jiesu.notifications.services import inbox_mark_read
from jiesu.orders.selectors import order_get

router = Router(tags=["消息 notifications"])


def _out(notification) -> dict:
    return {
        "id": notification.pk,
        "order": notification.order.number if notification.order_id else None,
        "step": notification.step,
        "deadline_kind": notification.deadline_kind or None,
        "due_at": notification.due_at,
        "recipients": [{"username": s.username, "name": s.display_name} for s in notification.recipients.all()],
        "channel": notification.channel,
        "status": notification.status,
        "title": notification.title,
        "created_at": notification.created_at,
        "sent_at": notification.sent_at,
    }


@router.get("/notifications", response={200: NotificationPage, ERRORS: ErrorOut}, url_name="notification-list",
            summary="提醒、催办、督办与指令 list notifications")
def list_notifications(request, query: Query[NotificationListQuery]):
    """With `order`: every message about that order on every channel with its delivery status (404
    when the order is outside the caller's scope). Without: the messages addressed to the caller.
    Oldest first, keyset-paged by `cursor`; a repeated sweep adds nothing already listed."""
    if query.order:
        order = order_get(viewer=request.auth, number=query.order)
        qs = notifications_of_order(order_id=order.pk).select_related("order")
    else:
        qs = notifications_addressed_to(staff=request.auth, unread_only=query.unread)
    page = keyset_page(qs, key="id", cursor=query.cursor, limit=query.limit)
    return {"items": [_out(n) for n in page["items"]], "next_cursor": page["next_cursor"]}


@router.post("/notifications/read", response={200: MarkReadOut, ERRORS: ErrorOut}, url_name="notification-read",
             summary="标记已读 mark inbox messages read")
def mark_read(request, body: MarkReadIn):
    """Only the caller's own inbox rows change; ids of other people's messages are ignored."""
    marked = inbox_mark_read(staff=request.auth, ids=body.ids)
    return {"marked": marked, "unread": inbox_unread_count(staff=request.auth)}
