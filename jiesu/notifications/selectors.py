"""Notification reads: the viewer's inbox and the messages of one order."""

from django.db.models import QuerySet

from jiesu.notifications.choices import NotificationChannel, NotificationStatus
from jiesu.notifications.models import Notification, NotificationRecipient


def inbox_items(*, staff, unread_only: bool = False) -> QuerySet[NotificationRecipient]:
    """The viewer's delivered inbox messages, newest first. Only the recipient sees them: an inbox
    is personal even where the order itself is visible to the whole department."""
    qs = NotificationRecipient.objects.filter(
        staff=staff, notification__channel=NotificationChannel.INBOX, notification__status=NotificationStatus.SENT
    )
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.select_related("notification", "notification__order").order_by("-notification__sent_at", "-id")


def inbox_unread_count(*, staff) -> int:
    return inbox_items(staff=staff, unread_only=True).count()


def notifications_of_order(*, order_id: int) -> QuerySet[Notification]:
    """Every message about one order on every channel, with its delivery status: the record that the
    chasing happened. The caller has already checked the order is in the viewer's scope."""
    return Notification.objects.filter(order_id=order_id).prefetch_related("recipients")


def notifications_addressed_to(*, staff, unread_only: bool = False) -> QuerySet[Notification]:
    """Messages to `staff` on every channel; `unread_only` keeps the inbox messages they have not
    read (one filter() call, so both conditions hold for the same recipient row)."""
    conditions = {"deliveries__staff": staff}
    if unread_only:
        conditions |= {
            "channel": NotificationChannel.INBOX, "status": NotificationStatus.SENT,
            "deliveries__read_at__isnull": True,
        }
    return Notification.objects.filter(**conditions).prefetch_related("recipients").select_related("order")
