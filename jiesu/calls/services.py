"""Writes of zero missed calls (来电零遗漏, seed 004): importing the call log, recording how a
call-back went, and marking it registered as a work order.

Import: the file is read and checked before any write (importing.py); then one transaction stores
the new calls and brings each affected caller's call-back for that day up to date, so a failed
import leaves nothing behind and a repeated one adds nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from jiesu.calls.importing import CallRow, RowError, mapping_columns, rows_parse, sheet_read
from jiesu.calls.models import OPEN_CALLBACK_STATUSES, Callback, CallbackStatus, CallImport, CallRecord
from jiesu.calls.rules import CALLBACK_ROLES, callback_due_at, owed_missed_calls, working_day_window
from jiesu.core import clock
from jiesu.core.errors import Forbidden, InvalidInput, InvalidTransition, NotFound, field_error
from jiesu.deadlines.holidays import calendar_load
from jiesu.notifications.choices import NotificationChannel, NotificationStep
from jiesu.notifications.services import Draft, notifications_create
from jiesu.organisations.models import Staff
from jiesu.organisations.scope import department_in_scope

#: What an operator records after calling: got through, or not (try again later).
OUTCOME_STATUSES = (CallbackStatus.REACHED, CallbackStatus.UNREACHABLE)
#: A call-back may still become an order until it has become one or the caller got through that day.
CONVERTIBLE_STATUSES = frozenset({CallbackStatus.PENDING, CallbackStatus.REACHED, CallbackStatus.UNREACHABLE})
MAX_NOTE = 1000


@dataclass
class ImportResult:
    batch: CallImport
    imported: int = 0
    callbacks: int = 0
    cancelled: int = 0
    errors: list[RowError] = field(default_factory=list)


def _require_handler(actor: Staff) -> None:
    if not actor.has_role(*CALLBACK_ROLES):
        raise Forbidden(_("只有受理员可以处理来电回拨"))
    if actor.department_id is None:
        raise Forbidden(_("您不属于任何部门，不能导入话单"))


def _read(file) -> bytes:
    content = file if isinstance(file, bytes) else file.read()
    if not content:
        raise field_error("file", _("文件是空的"))
    return content


def calls_import(*, file, mapping: Mapping[str, str] | None, actor: Staff, file_name: str = "") -> ImportResult:
    """Import a call-log file (bytes or a binary file object) for the actor's centre.

    `mapping` names the file's column for each of caller, time, answered and wait; fields it leaves
    out are found by their known header names. An unreadable file or a mapping that does not fit
    raises InvalidInput and writes nothing; bad rows are reported in the result and the good ones
    kept. Calls already imported are skipped, so importing the same file twice adds nothing.
    """
    _require_handler(actor)
    sheet = sheet_read(_read(file))
    rows, errors = rows_parse(sheet, mapping_columns(sheet.headers, mapping))
    return _store(rows=rows, errors=errors, actor=actor, file_name=file_name, total=len(sheet.rows))


@transaction.atomic
def _store(*, rows: list[CallRow], errors: list[RowError], actor: Staff, file_name: str, total: int) -> ImportResult:
    batch = CallImport.objects.create(
        department=actor.department, imported_by=actor, file_name=file_name[:255], rows=total,
        errors=[{"line": e.line, "field": e.field, "message": e.message} for e in errors],
    )
    result = ImportResult(batch=batch, errors=errors)
    new = _records_add(rows, actor=actor, batch=batch)
    result.imported = len(new)
    days = {(r.caller, clock.local(r.called_at).date()) for r in new}
    result.callbacks, result.cancelled = _callbacks_update(days, actor=actor)
    batch.imported, batch.callbacks = result.imported, result.callbacks
    batch.save(update_fields=["imported", "callbacks"])
    if result.callbacks:
        _callbacks_announce(batch, actor=actor)
    return result


def _callbacks_announce(batch: CallImport, *, actor: Staff) -> None:
    """One inbox message per import to the people who call back (not one per caller: a busy day
    misses hundreds), with the earliest due time so the countdown shows what to do first."""
    pending = Callback.objects.filter(department=actor.department, status=CallbackStatus.PENDING)
    earliest = pending.order_by("due_at").values_list("due_at", flat=True).first()
    recipients = [
        pk for pk, roles in Staff.objects.filter(department=actor.department, is_active=True)
        .values_list("pk", "roles") if set(roles or ()) & set(CALLBACK_ROLES)
    ]
    notifications_create([
        Draft(
            key=f"callbacks:{batch.pk}", step=NotificationStep.CALLBACK,
            title=_("【回拨】话单导入新增 %(n)d 个回拨任务，待回拨共 %(total)d 个") % {
                "n": batch.callbacks, "total": pending.count()},
            body=_("请在回拨任务中逐一回拨并记录结果（来电零遗漏）。"),
            recipients=recipients, channels=[NotificationChannel.INBOX], deliver_after=clock.now(),
            due_at=earliest,
        )
    ])


def _records_add(rows: list[CallRow], *, actor: Staff, batch: CallImport) -> list[CallRow]:
    """Insert the calls not stored yet (the unique (caller, time) also stops a concurrent import)."""
    if not rows:
        return []
    known = set(
        CallRecord.objects.filter(
            caller__in={r.caller for r in rows},
            called_at__gte=min(r.called_at for r in rows),
            called_at__lte=max(r.called_at for r in rows),
        ).values_list("caller", "called_at")
    )
    new, seen = [], set()
    for row in rows:
        key = (row.caller, row.called_at)
        if key not in known and key not in seen:
            seen.add(key)
            new.append(row)
    CallRecord.objects.bulk_create(
        [CallRecord(caller=r.caller, called_at=r.called_at, answered=r.answered, wait_seconds=r.wait_seconds,
                    imported_by=actor, batch=batch) for r in new],
        batch_size=500, ignore_conflicts=True,
    )
    return new


def _calls_by_day(days: set[tuple[str, date]]) -> dict[tuple[str, date], list[tuple]]:
    """Every stored call of the affected callers on the affected days, from every import."""
    first, last = min(d for _p, d in days), max(d for _p, d in days)
    calls = defaultdict(list)
    records = CallRecord.objects.filter(
        caller__in={p for p, _d in days},
        called_at__gte=clock.start_of_day(first),
        called_at__lt=clock.start_of_day(last + timedelta(days=1)),
    ).values_list("caller", "called_at", "answered")
    for caller, called_at, answered in records:
        key = (caller, clock.local(called_at).date())
        if key in days:
            calls[key].append((called_at, answered))
    return calls


def _callbacks_update(days: set[tuple[str, date]], *, actor: Staff) -> tuple[int, int]:
    """Create, refresh or cancel the call-back of each (caller, day) the import touched; return how
    many became owed and how many were cancelled because the caller got through after all."""
    if not days:
        return 0, 0
    calls = _calls_by_day(days)
    existing = {
        (cb.phone, cb.call_date): cb
        for cb in Callback.objects.select_for_update(of=("self",)).filter(
            department=actor.department, phone__in={p for p, _d in days}, call_date__in={d for _p, d in days}
        )
    }
    created = cancelled = 0
    for key in sorted(days):
        owed = owed_missed_calls(calls.get(key, []))
        callback = existing.get(key)
        if owed:
            created += _callback_owed(callback, key, owed, actor=actor)
        elif callback is not None and callback.status == CallbackStatus.PENDING:
            _callback_cancel(callback)
            cancelled += 1
    return created, cancelled


def _callback_owed(callback: Callback | None, key: tuple[str, date], owed: list, *, actor: Staff) -> int:
    """Make sure the caller is owed a pending call-back; 1 if this import made it owed."""
    phone, day = key
    if callback is None:
        start, end, span = working_day_window()
        Callback.objects.create(
            department=actor.department, phone=phone, call_date=day, called_at=owed[-1],
            missed_calls=len(owed), due_at=callback_due_at(
                call_date=day, calendar=calendar_load(), span=span, day_start=start, day_end=end),
        )
        return 1
    if callback.status not in (CallbackStatus.PENDING, CallbackStatus.CANCELLED):
        return 0  # already called back: what the log adds about that day is history
    reopened = callback.status == CallbackStatus.CANCELLED
    callback.status, callback.called_at, callback.missed_calls = CallbackStatus.PENDING, owed[-1], len(owed)
    if reopened:
        callback.outcome_note = ""
    callback.save(update_fields=["status", "called_at", "missed_calls", "outcome_note", "updated_at"])
    return int(reopened)


def _callback_cancel(callback: Callback) -> None:
    """The log shows the caller got through later that day: nobody needs to call them back."""
    callback.status = CallbackStatus.CANCELLED
    callback.outcome_note = _("当日稍后已接通")
    callback.save(update_fields=["status", "outcome_note", "updated_at"])


# --- handling a call-back --------------------------------------------------------------------------


def _lock(callback: Callback, actor: Staff) -> Callback:
    """Re-read under a row lock: two operators on one call-back wait for each other, and the second
    sees what the first recorded. Outside the actor's scope it does not exist (style.md rule 7)."""
    _require_handler(actor)
    locked = Callback.objects.select_for_update(no_key=True, of=("self",)).select_related(
        "department").filter(pk=callback.pk).first()
    if locked is None or not department_in_scope(actor, locked.department):
        raise NotFound(_("回拨任务不存在"))
    return locked


def callback_check_convertible(*, callback: Callback, actor: Staff) -> None:
    """Refuse before an order is registered from a call-back that cannot take it, so the operator is
    told at once rather than after the order exists."""
    _require_handler(actor)
    if not department_in_scope(actor, callback.department):
        raise NotFound(_("回拨任务不存在"))
    if callback.status not in CONVERTIBLE_STATUSES:
        raise InvalidTransition(
            _("该回拨任务%(status)s，不能再登记为工单") % {"status": callback.get_status_display()})


@transaction.atomic
def callback_record_outcome(*, callback: Callback, actor: Staff, status: str, note: str = "") -> Callback:
    """Record a call-back attempt: reached (已联系) closes it, unreachable (未联系上) leaves it open for
    another try. Each attempt counts, so a caller tried three times shows it."""
    callback = _lock(callback, actor)
    if status not in OUTCOME_STATUSES:
        raise field_error("status", _("回拨结果应为已联系或未联系上"))
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise field_error("note", _("情况说明不能超过 %(n)d 字") % {"n": MAX_NOTE})
    if callback.status not in OPEN_CALLBACK_STATUSES:
        raise InvalidTransition(_("该回拨任务%(status)s，不能再登记回拨结果") % {
            "status": callback.get_status_display()})
    callback.status, callback.outcome_note = status, note
    callback.handled_by, callback.handled_at = actor, clock.now()
    callback.attempts += 1
    callback.save(update_fields=["status", "outcome_note", "handled_by", "handled_at", "attempts", "updated_at"])
    return callback


@transaction.atomic
def callback_convert(*, callback: Callback, actor: Staff, order) -> Callback:
    """The call-back became a work order (登记为新工单): link it and close the call-back. `order` is
    the WorkOrder just registered; the interface that registered it passes it in, as calls may not
    import orders."""
    if order is None or order.pk is None:
        raise InvalidInput(_("缺少登记的工单"))
    callback = _lock(callback, actor)
    callback_check_convertible(callback=callback, actor=actor)
    callback.status, callback.order = CallbackStatus.CONVERTED, order
    callback.handled_by, callback.handled_at = actor, clock.now()
    if not callback.outcome_note:
        callback.outcome_note = _("已登记为工单 %(number)s") % {"number": order.number}
    callback.save(update_fields=["status", "order", "handled_by", "handled_at", "outcome_note", "updated_at"])
    return callback
