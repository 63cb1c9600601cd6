"""Order writes that never touch the status: numbering, attachments, flags."""

import os
from datetime import date

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from jiesu.core.errors import InvalidInput, TooLarge
from jiesu.orders.models import Attachment, DailySequence, WorkOrder


def order_number_next(*, day: date) -> str:
    """YYYYMMDD + a 6-digit daily sequence. One atomic upsert-and-return, so two registrations at
    the same instant on two machines get consecutive numbers instead of one of them failing; the
    unique constraint on WorkOrder.number stays as the last guard."""
    table = DailySequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (day, last) VALUES (%s, 1) "  # noqa: S608 - table name is ours
            f"ON CONFLICT (day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [day],
        )
        (seq,) = cursor.fetchone()
    if seq > 999_999:
        raise InvalidInput(_("当日工单编号已用尽"))
    return f"{day:%Y%m%d}{seq:06d}"


def flag_add(*, order: WorkOrder, flag: str) -> bool:
    """Add a flag to an order whose row the caller holds locked; returns whether it was new."""
    if flag in order.flags:
        return False
    order.flags = [*order.flags, flag]
    return True


def flag_remove(*, order: WorkOrder, flag: str) -> bool:
    if flag not in order.flags:
        return False
    order.flags = [f for f in order.flags if f != flag]
    return True


@transaction.atomic
def attachment_add(*, order: WorkOrder, upload, actor) -> Attachment:
    """Keep evidence the complainant sent. The type is judged by extension against the
    deployment's list and the size against its limit: both refuse before anything is written."""
    name = os.path.basename(upload.name or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = [t.lower() for t in settings.JIESU_ATTACHMENT_TYPES]
    if extension not in allowed:
        raise InvalidInput(
            _("不支持的附件类型“%(ext)s”，允许：%(allowed)s") % {"ext": extension or "?", "allowed": "、".join(allowed)},
            fields={"attachments": [_("不支持的文件类型")]},
        )
    if upload.size > settings.JIESU_ATTACHMENT_MAX_BYTES:
        limit_mb = settings.JIESU_ATTACHMENT_MAX_BYTES // (1024 * 1024)
        raise TooLarge(
            _("附件超过 %(mb)d MB 上限") % {"mb": limit_mb},
            fields={"attachments": [_("文件过大")]},
        )
    return Attachment.objects.create(
        order=order,
        file=upload,
        name=name[:200],
        content_type=(getattr(upload, "content_type", "") or "application/octet-stream")[:100],
        size=upload.size,
        uploaded_by=actor,
    )
