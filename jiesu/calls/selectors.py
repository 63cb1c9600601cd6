"""Reads of call-backs for the UI, the API and the daily board alike: one scope rule (the viewer's
department subtree; the centre sees all), one status filter, one masking rule."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from jiesu.calls.models import OPEN_CALLBACK_STATUSES, Callback, CallbackStatus, CallImport
from jiesu.calls.rules import CALLBACK_ROLES
from jiesu.core.errors import InvalidInput, NotFound, field_error
from jiesu.core.masking import mask_phone
from jiesu.core.paging import DEFAULT_LIMIT, cursor_decode, cursor_encode, cursor_invalid, page_limit
from jiesu.organisations.choices import DepartmentKind
from jiesu.organisations.models import Department, Staff
from jiesu.organisations.scope import department_scope_q, may_view_personal_data
from jiesu.organisations.services import personal_data_access_record


@dataclass
class Page:
    items: list
    next_cursor: str | None


def callback_scope(viewer: Staff) -> QuerySet[Callback]:
    return Callback.objects.filter(department_scope_q(viewer, "department"))


def _statuses(status: str) -> list[str]:
    values = [v for v in (status or "").split(",") if v]
    bad = [v for v in values if v not in CallbackStatus.values]
    if bad:
        raise InvalidInput(
            _("查询条件有误"), fields={"status": [_("无效的取值：%(v)s") % {"v": ",".join(bad)}]}
        )
    return values


def _after_cursor(qs: QuerySet[Callback], cursor: str) -> QuerySet[Callback]:
    due, _sep, pk = "|".join(cursor_decode(cursor)).partition("|")
    due_at = parse_datetime(due)
    if due_at is None or not pk.isdigit():
        raise cursor_invalid()
    return qs.filter(Q(due_at__gt=due_at) | Q(due_at=due_at, id__gt=int(pk)))


def callback_list(*, viewer: Staff, status: str = "", cursor: str = "", limit=DEFAULT_LIMIT) -> Page:
    """Soonest due first, keyset-paged on (due_at, id) like the orders list: the next call to make
    is at the top and a page costs the same however far down it is. `status` may list several
    codes separated by commas."""
    limit = page_limit(limit)
    qs = callback_scope(viewer)
    statuses = _statuses(status)
    if statuses:
        qs = qs.filter(status__in=statuses)
    if cursor:
        qs = _after_cursor(qs, cursor)
    rows = list(qs.select_related("handled_by", "order").order_by("due_at", "id")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, _callback_cursor(rows[-1]) if more else None)


def callback_recent(*, viewer: Staff, limit: int = 20) -> list[Callback]:
    """The latest closed call-backs (reached, converted, cancelled), for the list page's second table."""
    qs = callback_scope(viewer).exclude(status__in=OPEN_CALLBACK_STATUSES)
    return list(qs.select_related("handled_by", "order").order_by("-updated_at", "-id")[:limit])


def callback_get(*, viewer: Staff, pk) -> Callback:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound(_("回拨任务不存在")) from None
    callback = callback_scope(viewer).select_related("department", "order").filter(pk=pk).first()
    if callback is None:
        raise NotFound(_("回拨任务不存在"))
    return callback


def callbacks_pending_count(*, viewer: Staff | None = None, department: Department | None = None) -> int:
    """Call-backs still waiting for a first try, for the daily board: within the viewer's scope, or
    under one department's subtree, or everywhere when given neither."""
    qs = Callback.objects.filter(status=CallbackStatus.PENDING)
    if viewer is not None:
        qs = qs.filter(department_scope_q(viewer, "department"))
    if department is not None:
        qs = qs.filter(department__path__startswith=department.path)
    return qs.count()


def callback_phones(*, viewer: Staff, callbacks: list[Callback], via: str) -> dict[int, str]:
    """Each call-back's phone as this viewer may see it. An operator needs the full number to call
    back, and reading it is logged (style.md "Personal data"): one access-log row for the page."""
    if not may_view_personal_data(viewer):
        return {cb.pk: mask_phone(cb.phone) for cb in callbacks}
    if callbacks:
        personal_data_access_record(
            staff=viewer,
            subject="callbacks",
            fields=["phone"],
            via=via,
            detail={"callbacks": [cb.pk for cb in callbacks]},
        )
    return {cb.pk: cb.phone for cb in callbacks}


def call_import_recent(*, viewer: Staff, limit: int = 10) -> list[CallImport]:
    """The latest imports of the viewer's scope, so an operator sees whether today's log is in."""
    qs = CallImport.objects.filter(department_scope_q(viewer, "department"))
    return list(qs.select_related("imported_by").order_by("-created_at", "-id")[:limit])


def call_importer_get(*, username: str = "") -> Staff:
    """Who a shell import acts as: the named user, or else the centre's first active operator (the
    log is the centre's, and call-backs are intake work)."""
    if username:
        staff = Staff.objects.select_related("department").filter(username=username, is_active=True).first()
        if staff is None:
            raise NotFound(_("没有用户名为 %(username)s 的在职人员") % {"username": username})
        return staff
    centre_staff = (
        Staff.objects.select_related("department")
        .filter(is_active=True, department__kind=DepartmentKind.CENTRE)
        .order_by("pk")
    )
    for staff in centre_staff:
        if set(staff.roles or ()) & set(CALLBACK_ROLES):
            return staff
    raise field_error("user", _("中心没有在职的受理员，请用 --user 指定导入人"))


def _callback_cursor(callback: Callback) -> str:
    return cursor_encode(callback.due_at, callback.pk)
