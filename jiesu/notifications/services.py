"""Notification writes: creating messages once, delivering them with retries, cancelling what a met
deadline no longer needs, and read marks.

Exactly-once creation comes from `Notification.key` (unique). Delivery claims rows with
`SELECT ... FOR UPDATE SKIP LOCKED`, so workers on several machines share the queue without
sending a row twice; the inbox needs no transport and is delivered by one UPDATE. A transport that
fails is retried with exponential back-off and every attempt is kept in `attempt_log`; after
JIESU_NOTIFICATION_MAX_ATTEMPTS the row is marked failed, still listed, and can be retried from the
admin. A worker killed between a gateway's answer and the commit leaves the row pending, so an
external message can repeat once in that window: each carries its notification id for the gateway
to drop repeats (the inbox and the log have no such window).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from jiesu.core import clock
from jiesu.notifications.channels import CHANNELS, DeliveryFailed, Message, enabled_channels
from jiesu.notifications.choices import NotificationChannel, NotificationStatus
from jiesu.notifications.models import Notification, NotificationRecipient
from jiesu.organisations.models import Staff

INBOX = NotificationChannel.INBOX

logger = logging.getLogger("jiesu.notifications")


@dataclass
class Draft:
    """A message to create: every channel in `channels` becomes one Notification row keyed
    `<key>:<channel>`."""

    key: str
    step: str
    title: str
    body: str
    recipients: Sequence[int]
    channels: Iterable[str]
    deliver_after: datetime
    order_id: int | None = None
    deadline_id: int | None = None
    deadline_kind: str = ""
    due_at: datetime | None = None


@dataclass
class DeliveryResult:
    sent: int = 0
    failed: int = 0
    retrying: int = 0
    errors: list[str] = field(default_factory=list)


#: Notification columns written on creation, with their PostgreSQL types for the array insert.
_COLUMNS = (
    ("key", "text"), ("order_id", "bigint"), ("deadline_id", "bigint"), ("step", "text"),
    ("deadline_kind", "text"), ("due_at", "timestamptz"), ("channel", "text"), ("title", "text"),
    ("body", "text"), ("status", "text"), ("deliver_after", "timestamptz"), ("attempts", "smallint"),
    ("next_attempt_at", "timestamptz"), ("attempt_log", "jsonb"), ("created_at", "timestamptz"),
    ("sent_at", "timestamptz"),
)  # fmt: skip


def notifications_create(drafts: Sequence[Draft], *, now: datetime | None = None) -> list[int]:
    """Create the rows of `drafts` in two statements (the sweep's hot path) and return their ids.
    Inbox rows already due are delivered on creation: the row is the delivery, so there is nothing
    to wait for.

    The caller guarantees a key is new (the sweep holds the lock on the reminder it turns into
    messages); the unique key still refuses a duplicate loudly rather than sending it twice."""
    now = now or clock.now()
    enabled = enabled_channels()
    rows, recipients = [], []
    for draft in drafts:
        for channel in sorted(set(draft.channels) & enabled):
            inbox_now = channel == INBOX and draft.deliver_after <= now
            rows.append((
                f"{draft.key}:{channel}", draft.order_id, draft.deadline_id, draft.step, draft.deadline_kind,
                draft.due_at, channel, draft.title[:200], draft.body,
                NotificationStatus.SENT.value if inbox_now else NotificationStatus.PENDING.value,
                draft.deliver_after, 1 if inbox_now else 0, None, "[]", now, now if inbox_now else None,
            ))
            recipients.append(list(dict.fromkeys(draft.recipients)))
    if not rows:
        return []
    ids = _insert_notifications(rows)
    pairs = [(pk, staff_id) for pk, staff_ids in zip(ids, recipients, strict=True) for staff_id in staff_ids]
    _insert_recipients(pairs)
    delivered = [(pk, row[7], staff_ids) for pk, row, staff_ids in zip(ids, rows, recipients, strict=True)
                 if row[6] == INBOX and row[9] == NotificationStatus.SENT]
    _log_inbox(delivered)
    return ids


def _log_inbox(delivered: list[tuple[int, str, list[int]]]) -> None:
    """The inbox writes what it delivers to the log (the default channels are "the inbox and a
    log"): one record per delivery pass with a line per message and the recipients' names, a
    searchable trail without a second notification row per message. One record, not one each: ten
    thousand logging calls were a fifth of a large sweep's time."""
    if not delivered or not logger.isEnabledFor(logging.INFO):
        return
    names = dict(
        (pk, full_name or username)
        for pk, full_name, username in Staff.objects.filter(
            pk__in={staff_id for _pk, _title, staff_ids in delivered for staff_id in staff_ids}
        ).values_list("pk", "full_name", "username")
    )
    lines = "\n".join(
        f"  notification {pk} to {'、'.join(names.get(s, str(s)) for s in staff_ids) or '-'}: {title}"
        for pk, title, staff_ids in delivered
    )
    logger.info("inbox delivered %d:\n%s", len(delivered), lines)


def _insert_notifications(rows: list[tuple]) -> list[int]:
    """On PostgreSQL one INSERT ... SELECT FROM unnest(arrays): no model instances and no
    per-row SQL, the bulk of a 10,000-rung sweep's time otherwise (docs/benchmarks.md)."""
    if connection.vendor != "postgresql":
        names = [name for name, _type in _COLUMNS]
        values = [dict(zip(names, row, strict=True)) for row in rows]
        for value in values:
            value["attempt_log"] = []
        return [n.pk for n in Notification.objects.bulk_create(Notification(**value) for value in values)]
    columns = ", ".join(connection.ops.quote_name(name) for name, _type in _COLUMNS)
    arrays = ", ".join(f"%s::{sql_type}[]" for _name, sql_type in _COLUMNS)
    table = connection.ops.quote_name(Notification._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT * FROM unnest({arrays}) RETURNING id, key",
            [list(column) for column in zip(*rows, strict=True)],
        )
        by_key = dict((key, pk) for pk, key in cursor.fetchall())
    return [by_key[row[0]] for row in rows]


def _insert_recipients(pairs: list[tuple[int, int]]) -> None:
    if not pairs:
        return
    if connection.vendor != "postgresql":
        NotificationRecipient.objects.bulk_create(
            NotificationRecipient(notification_id=pk, staff_id=staff_id) for pk, staff_id in pairs
        )
        return
    table = connection.ops.quote_name(NotificationRecipient._meta.db_table)
    notification_ids, staff_ids = (list(column) for column in zip(*pairs, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO {table} ("notification_id", "staff_id") SELECT * FROM unnest(%s::bigint[], %s::bigint[])',
            [notification_ids, staff_ids],
        )


def notifications_cancel(*, deadline_ids: Iterable[int], now: datetime | None = None) -> int:
    """Messages still waiting for a deadline that was met, stopped or moved will never be needed.
    `deadline_ids` may be a subquery, so the caller need not read the ids first."""
    return Notification.objects.filter(deadline_id__in=deadline_ids, status=NotificationStatus.PENDING).update(
        status=NotificationStatus.CANCELLED,
        attempt_log=[{"at": (now or clock.now()).isoformat(), "error": "cancelled: deadline no longer running"}],
    )


def _ready(now: datetime):
    return Notification.objects.filter(status=NotificationStatus.PENDING, deliver_after__lte=now).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def _message(notification: Notification) -> Message:
    staff = list(notification.recipients.all())
    return Message(
        id=notification.pk,
        title=notification.title,
        body=notification.body,
        emails=tuple(s.email for s in staff if s.email),
        phones=tuple(s.phone for s in staff if s.phone),
        names=tuple(s.display_name for s in staff),
    )


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=settings.JIESU_NOTIFICATION_RETRY_SECONDS * 2 ** max(attempts - 1, 0))


def _deliver_one(notification: Notification, now: datetime, result: DeliveryResult) -> None:
    notification.attempts += 1
    try:
        CHANNELS[notification.channel].send(_message(notification))
    except Exception as exc:
        # A channel should raise only DeliveryFailed. Anything else (a bug in an adapter) is still a
        # failed attempt of this row, never an error that aborts the pass and, the row being first
        # in the queue again, every later pass too.
        if not isinstance(exc, DeliveryFailed):
            logger.exception("notification %s: channel %s crashed", notification.pk, notification.channel)
            exc = DeliveryFailed(f"{type(exc).__name__}: {exc}")
        notification.attempt_log = [*notification.attempt_log, {"at": now.isoformat(), "error": str(exc)[:500]}]
        if notification.attempts >= settings.JIESU_NOTIFICATION_MAX_ATTEMPTS:
            notification.status = NotificationStatus.FAILED
            notification.next_attempt_at = None
            result.failed += 1
        else:
            notification.next_attempt_at = now + _backoff(notification.attempts)
            result.retrying += 1
        result.errors.append(f"{notification.pk}: {exc}")
    else:
        notification.status = NotificationStatus.SENT
        notification.sent_at = now
        notification.next_attempt_at = None
        result.sent += 1
    notification.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at", "attempt_log"])


def notifications_deliver(*, now: datetime | None = None, limit: int = 500) -> DeliveryResult:
    """Deliver what is due: the inbox in one UPDATE, every other row in its own short transaction
    holding only that row's lock, so a slow gateway never blocks another worker."""
    now = now or clock.now()
    result = DeliveryResult()
    with transaction.atomic():
        waiting = list(
            _ready(now).filter(channel=INBOX).select_for_update(skip_locked=True).values_list("pk", "title")
        )
        result.sent += Notification.objects.filter(pk__in=[pk for pk, _title in waiting]).update(
            status=NotificationStatus.SENT, sent_at=now, attempts=1, next_attempt_at=None
        )
        recipients = defaultdict(list)
        for notification_id, staff_id in NotificationRecipient.objects.filter(
            notification_id__in=[pk for pk, _title in waiting]
        ).values_list("notification_id", "staff_id"):
            recipients[notification_id].append(staff_id)
        _log_inbox([(pk, title, recipients[pk]) for pk, title in waiting])
    for _ in range(limit):
        with transaction.atomic():
            notification = (
                _ready(now).exclude(channel=INBOX).select_for_update(skip_locked=True)
                .order_by("deliver_after", "id").first()
            )
            if notification is None:
                break
            _deliver_one(notification, now, result)
    return result


def notifications_retry(*, ids: Iterable[int]) -> int:
    """An administrator sends failed messages again (after fixing a gateway): nothing is lost."""
    return Notification.objects.filter(pk__in=list(ids), status=NotificationStatus.FAILED).update(
        status=NotificationStatus.PENDING, attempts=0, next_attempt_at=None
    )


def inbox_mark_read(*, staff, ids: Iterable[int] | None = None) -> int:
    """Mark the viewer's own inbox items read (all of them when `ids` is None); nobody can mark
    another person's messages. Only what the inbox shows is marked: an item still waiting for
    working hours arrives unread, and the rows of other channels keep no read mark."""
    qs = NotificationRecipient.objects.filter(
        staff=staff, read_at__isnull=True, notification__channel=INBOX, notification__status=NotificationStatus.SENT
    )
    if ids is not None:
        qs = qs.filter(notification_id__in=list(ids))
    return qs.update(read_at=clock.now())
