"""Reads of work orders for the UI and the API alike (style.md rule 7): one filter definition, one
scope rule, one masking rule. An order outside the viewer's scope is "not found"."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from jiesu.core import clock
from jiesu.core.errors import InvalidInput, NotFound, field_error
from jiesu.core.identity import phone_normalise
from jiesu.core.masking import mask_address, mask_id_number, mask_phone
from jiesu.core.paging import cursor_decode, cursor_encode, page_limit
from jiesu.deadlines.calendar import WorkCalendar
from jiesu.deadlines.choices import DeadlineState
from jiesu.deadlines.holidays import calendar_load
from jiesu.deadlines.models import Deadline
from jiesu.orders.choices import (
    OPEN_STATUSES,
    Action,
    Channel,
    ExclusionState,
    Flag,
    OrderType,
    Outcome,
    Status,
)
from jiesu.orders.models import WorkOrder
from jiesu.orders.workflow.rules import order_in_actor_scope
from jiesu.orders.workflow.transitions import TRANSITIONS
from jiesu.organisations.models import Department, Staff
from jiesu.organisations.scope import may_view_personal_data, scope_path, sees_everything
from jiesu.organisations.services import personal_data_access_record
from jiesu.taxonomy.selectors import Kind, taxonomy_codes


def order_scope(viewer: Staff) -> QuerySet[WorkOrder]:
    """Orders the viewer may see: handled, taken in, or co-handled inside their subtree."""
    qs = WorkOrder.objects.all()
    prefix = scope_path(viewer)
    if prefix is None:
        return qs
    cohandled = WorkOrder.cohandlers.through.objects.filter(
        workorder_id=OuterRef("pk"), department__path__startswith=prefix
    )
    return qs.filter(
        Q(department__path__startswith=prefix)
        | Q(intake_department__path__startswith=prefix)
        | Q(transfer_department__path__startswith=prefix)
        | Exists(cohandled)
    )


@dataclass
class OrderFilters:
    status: str = ""
    type: str = ""
    channel: str = ""
    line: str = ""
    department: str = ""
    phone: str = ""
    respondent: str = ""
    number: str = ""
    received_from: str = ""
    received_to: str = ""
    q: str = ""
    flag: str = ""
    #: "today": a running deadline falls due between now and local midnight (the overview's column).
    #: The daily board's bands ("day", "2wd", "3wd", "overdue", see `due_window`) are seen from `due_on`.
    due: str = ""
    #: Subtree of the department that took the order in: where returned orders wait (the overview's column).
    intake_department: str = ""
    #: The day the board's due bands are measured from (YYYY-MM-DD); today when empty.
    due_on: str = ""
    #: Subtree of the department answering for the order now (`responsible_q`): the board's rows.
    responsible: str = ""
    #: "pending": an extension waits for a leader's decision (延期审批中).
    extension: str = ""
    #: Product or service category, exactly (taxonomy.md §2): the early-warning page's links.
    category: str = ""


#: The daily board's due bands (seed 001: a phone call on the due day, the platform at ≤2 and the
#: group chat at ≤3 days before, and no order left overdue). Values of `OrderFilters.due`.
DUE_BANDS = ("day", "2wd", "3wd", "overdue")
_BAND_WORKING_DAYS = {"2wd": 2, "3wd": 3}
EXTENSION_PENDING = "pending"


def due_window(band: str, day: date, calendar: WorkCalendar) -> tuple[datetime | None, datetime | None]:
    """The [start, end) of `due_at` that puts a running deadline in `band`, seen from `day`.

    "day" is the whole local day, so a deadline that passed at 03:00 still counts against that
    day's list until it is met; "overdue" is everything due before the day began. "2wd" and "3wd"
    are cumulative, as seed 001's "≤2天 / ≤3天" are: due after `day` and no later than the end of
    the 2nd (3rd) working day after it, so a Friday's 2wd band runs over the weekend to Tuesday
    night and a weekend swapped into a working day (调休) counts as one. Bounds are local
    midnights, half-open, so a deadline at 23:59:59.5 is not lost between two bands.
    """
    start = clock.start_of_day(day)
    tomorrow = clock.start_of_day(day + timedelta(days=1))
    if band == "day":
        return start, tomorrow
    if band == "overdue":
        return None, start
    last = calendar.add_working_days(day, _BAND_WORKING_DAYS[band]).day
    return tomorrow, clock.start_of_day(last + timedelta(days=1))


def due_band_exists(band: str, day: date, calendar: WorkCalendar) -> Exists:
    """Whether the order has a running deadline in `band`: the board counts orders, not deadlines,
    so an order with two deadlines in one band counts once (and once in each band it touches)."""
    start, end = due_window(band, day, calendar)
    running = Deadline.objects.filter(order_id=OuterRef("pk"), state=DeadlineState.RUNNING)
    if start is not None:
        running = running.filter(due_at__gte=start)
    if end is not None:
        running = running.filter(due_at__lt=end)
    return Exists(running)


def responsible_q(prefix: str) -> Q:
    """Orders a department subtree answers for now: those it handles, and those it took in that no
    department handles yet (首接负责制: the first receiver answers until the order is handed on)."""
    return Q(department__path__startswith=prefix) | Q(
        department__isnull=True, intake_department__path__startswith=prefix
    )


def _parse_day(value: str, name: str) -> date | None:
    if not value:
        return None
    try:  # a well-formed but impossible date (2025-02-30) raises instead of returning None
        day = parse_date(value)
        dt = parse_datetime(value) if day is None else None
    except ValueError:
        day = dt = None
    if day is None:
        if dt is None:
            raise field_error(name, _("日期格式应为 YYYY-MM-DD"))
        day = clock.local(dt).date() if dt.tzinfo else dt.date()
    return day


def order_filter(qs: QuerySet[WorkOrder], filters: OrderFilters) -> QuerySet[WorkOrder]:
    """The one filter definition behind the UI's search form and the API's query string."""
    f = filters
    errors = {}
    for name, value, allowed in (
        ("status", f.status, Status.values),
        ("type", f.type, OrderType.values),
        ("channel", f.channel, Channel.values),
        ("line", f.line, taxonomy_codes(Kind.LINE, active=False)),
        ("flag", f.flag, Flag.values),
    ):
        values = [v for v in (value or "").split(",") if v]
        bad = [v for v in values if v not in allowed]
        if bad:
            errors[name] = [_("无效的取值：%(v)s") % {"v": ",".join(bad)}]
        elif values and name != "flag":
            qs = qs.filter(**{f"{name}__in": values})
    if f.due and f.due != "today" and f.due not in DUE_BANDS:
        errors["due"] = [_("无效的取值：%(v)s") % {"v": f.due}]
    if f.extension and f.extension != EXTENSION_PENDING:
        errors["extension"] = [_("无效的取值：%(v)s") % {"v": f.extension}]
    if errors:
        raise InvalidInput(_("查询条件有误"), fields=errors)
    due_on = _parse_day(f.due_on, "due_on") or clock.today()
    if f.due in DUE_BANDS:
        qs = qs.filter(due_band_exists(f.due, due_on, calendar_load()))
    elif f.due:
        now = clock.now()
        qs = qs.filter(
            Exists(Deadline.objects.filter(
                order_id=OuterRef("pk"), state=DeadlineState.RUNNING,
                due_at__gte=now, due_at__lte=clock.end_of_day(clock.today()),
            ))
        )
    if f.flag:
        qs = _flag_filter(qs, f.flag)
    if f.department:
        department = Department.objects.filter(code=f.department).first()
        if department is None:
            raise field_error("department", _("部门不存在"))
        qs = qs.filter(department__path__startswith=department.path)
    if f.intake_department:
        department = Department.objects.filter(code=f.intake_department).first()
        if department is None:
            raise field_error("intake_department", _("部门不存在"))
        qs = qs.filter(intake_department__path__startswith=department.path)
    if f.responsible:
        department = Department.objects.filter(code=f.responsible).first()
        if department is None:
            raise field_error("responsible", _("部门不存在"))
        qs = qs.filter(responsible_q(department.path))
    if f.extension:
        qs = qs.filter(pending_extension_days__gt=0)
    if f.phone:
        qs = qs.filter(complainant_phone=phone_normalise(f.phone))
    if f.respondent:
        qs = qs.filter(respondent_name__icontains=f.respondent.strip())
    if f.category:
        qs = qs.filter(category=f.category.strip())
    if f.number:
        qs = qs.filter(number=f.number.strip())
    start = _parse_day(f.received_from, "received_from")
    end = _parse_day(f.received_to, "received_to")
    if start and end and start > end:
        raise field_error("received_to", _("结束日期不能早于开始日期"))
    if start:
        qs = qs.filter(received_at__gte=clock.start_of_day(start))
    if end:
        qs = qs.filter(received_at__lt=clock.start_of_day(end + timedelta(days=1)))
    if f.q:
        term = f.q.strip()
        if term.isdigit() and len(term) == 14:
            qs = qs.filter(number=term)
        elif term.isdigit() and len(term) >= 7:
            qs = qs.filter(Q(complainant_phone=term) | Q(number__startswith=term))
        else:
            qs = qs.filter(Q(respondent_name__icontains=term) | Q(description__icontains=term))
    return qs


def _flag_filter(qs, flag: str):
    if flag == Flag.OVERDUE:
        return qs.filter(
            Exists(Deadline.objects.filter(order_id=OuterRef("pk"), state=DeadlineState.RUNNING, due_at__lt=clock.now()))
        )
    # Flags are a JSON list; matching the quoted code as text works the same on SQLite and PostgreSQL.
    return qs.filter(flags__icontains=f'"{flag}"')


@dataclass
class Page:
    items: list
    next_cursor: str | None


def order_list(
    *, viewer: Staff, filters: OrderFilters, cursor: str = "", limit=50, among: QuerySet | None = None
) -> Page:
    """Newest first, keyset-paged on (received_at, id): the hundredth page costs what the first does.
    `among` narrows the list to a set of orders found elsewhere (the orders behind a statistic)."""
    limit = page_limit(limit)
    qs = order_filter(order_scope(viewer), filters).select_related("department", "handler")
    if among is not None:
        qs = qs.filter(pk__in=among.values("pk"))
    if cursor:
        parts = cursor_decode(cursor)
        at = parse_datetime(parts[0]) if len(parts) == 2 else None
        if at is None or not parts[1].isdigit():
            raise field_error("cursor", _("无效的分页游标"))
        qs = qs.filter(Q(received_at__lt=at) | Q(received_at=at, id__lt=int(parts[1])))
    rows = list(qs.order_by("-received_at", "-id")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = cursor_encode(rows[-1].received_at, rows[-1].pk) if more else None
    return Page(rows, next_cursor)


def my_work_list(*, viewer: Staff, cursor: str = "", limit=50) -> Page:
    """Open orders the viewer handles, plus unassigned ones of their department subtree, nearest
    deadline first; orders without a running deadline come last.

    Two simple queries merged here instead of one OR: each walks its own index ((handler,
    next_due_at) and (department, status, next_due_at)), which keeps the page fast at a million
    orders. Both conditions lie inside the viewer's scope by construction (a handler is always of
    the order's department), so the general scope filter is not needed on top."""
    limit = page_limit(limit)
    after = None
    if cursor:
        parts = cursor_decode(cursor)
        if len(parts) != 2 or not parts[1].isdigit():
            raise field_error("cursor", _("无效的分页游标"))
        due = parse_datetime(parts[0]) if parts[0] else None
        if parts[0] and due is None:
            raise field_error("cursor", _("无效的分页游标"))
        after = (due, int(parts[1]))
    base = WorkOrder.objects.filter(status__in=[Status.DISPATCHED, Status.IN_PROGRESS])
    sources = [base.filter(handler=viewer)]
    if viewer.department_id:
        subtree = list(Department.objects.filter(path__startswith=viewer.department.path).values_list("pk", flat=True))
        sources.append(base.filter(handler__isnull=True, department_id__in=subtree))
    rows = []
    for qs in sources:
        if after is not None:
            due, pk = after
            if due is None:
                qs = qs.filter(next_due_at__isnull=True, id__gt=pk)
            else:
                qs = qs.filter(Q(next_due_at__gt=due) | Q(next_due_at=due, id__gt=pk) | Q(next_due_at__isnull=True))
        ordered = qs.select_related("department", "handler").order_by(F("next_due_at").asc(nulls_last=True), "id")
        rows.extend(ordered[: limit + 1])
    far = datetime.max.replace(tzinfo=clock.SHANGHAI)
    rows.sort(key=lambda o: (o.next_due_at or far, o.pk))
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = cursor_encode(rows[-1].next_due_at or "", rows[-1].pk) if more else None
    return Page(rows, next_cursor)


def dispatch_queue(*, viewer: Staff, limit=100) -> list[WorkOrder]:
    """Orders waiting for a department: fast-response first, then the oldest."""
    qs = order_scope(viewer).filter(status__in=[Status.REGISTERED, Status.RETURNED])
    rows = list(qs.select_related("intake_department").order_by("received_at", "id")[: page_limit(limit)])
    rows.sort(key=lambda o: (not o.is_fast, o.status != Status.RETURNED, o.received_at))
    return rows


def order_get(*, viewer: Staff, number: str) -> WorkOrder:
    order = (
        order_scope(viewer)
        .select_related("department", "intake_department", "handler", "merchant", "transfer_department", "odr_merchant")
        .filter(number=number)
        .first()
    )
    if order is None:
        raise NotFound(_("工单不存在"))
    return order


def caller_open_orders(*, viewer: Staff, phone: str, limit: int = 10) -> list[WorkOrder]:
    """The caller's other orders still open or concluded within 90 days, shown at intake as the
    operator types the number so a repeat call is recognised before a duplicate is registered."""
    phone = phone_normalise(phone)
    if len(phone) < 7:
        return []
    since = clock.now() - timedelta(days=90)
    qs = order_scope(viewer).filter(complainant_phone=phone).filter(
        Q(status__in=OPEN_STATUSES) | Q(received_at__gte=since)
    )
    return list(qs.select_related("department").order_by("-received_at")[:limit])


def order_overdue(order: WorkOrder, deadlines: list[Deadline], now: datetime) -> bool:
    return any(d.state == DeadlineState.RUNNING and d.due_at < now for d in deadlines)


def order_flags(order: WorkOrder, deadlines: list[Deadline] | None = None, now: datetime | None = None) -> list[str]:
    flags = list(order.flags or [])
    now = now or clock.now()
    overdue = (
        order_overdue(order, deadlines, now) if deadlines is not None
        else (order.next_due_at is not None and order.next_due_at < now)
    )
    if overdue and Flag.OVERDUE not in flags:
        flags.append(Flag.OVERDUE)
    return flags


def order_detail(
    *, viewer: Staff, number: str, via: str = "api", acted_on: WorkOrder | None = None, echo: bool = False
) -> dict:
    """The full order as api-v1.md shapes it, masked for this viewer. An unmasked read of
    personal data writes an access-log row (style.md "Personal data").

    `acted_on` is the order an action of this viewer has just returned. It is shown even when the
    action took it out of the viewer's scope (a return or a transfer hands it away): the action
    checked the scope, and the actor is owed the result of what they did, not a 404.

    `echo` marks the answer to the registration itself: it returns the personal data the caller
    has just sent, which is no read of anyone's data, so it writes no access-log row."""
    order = acted_on if acted_on is not None else order_get(viewer=viewer, number=number)
    known = getattr(order, "_prefetched_objects_cache", {})
    if {"deadlines", "events", "attachments"} <= known.keys():
        # Registration hands over the rows it has just written (do_register): no need to read them back.
        deadlines = sorted(known["deadlines"], key=lambda d: (d.started_at, d.pk or 0))
        events = sorted(known["events"], key=lambda e: (e.at, e.pk or 0))
    else:
        deadlines = list(order.deadlines.order_by("started_at", "id"))
        events = list(order.events.select_related("actor").order_by("at", "id"))
    now = clock.now()
    unmasked = may_view_personal_data(viewer)
    personal = [
        name for name, value in (
            ("phone", order.complainant_phone), ("id_number", order.complainant_id_number),
            ("address", order.complainant_address),
        ) if value
    ]
    if unmasked and personal and not echo:
        personal_data_access_record(staff=viewer, subject=order.number, fields=personal, via=via)
    show = (lambda v, mask: v) if unmasked else (lambda v, mask: mask(v))
    return {
        "number": order.number,
        "type": order.type,
        "channel": order.channel,
        "status": order.status,
        "outcome": order.outcome or None,
        "line": order.line or None,
        "category": order.category or None,
        "urgency": order.urgency,
        "fast_response_reasons": list(order.fast_response_reasons or []),
        "flags": order_flags(order, deadlines, now),
        "repeat_of": order.repeat_of.number if order.repeat_of_id else None,
        "received_at": order.received_at,
        "description": order.description,
        "complainant": {
            "name": order.complainant_name or None,
            "phone": show(order.complainant_phone, mask_phone) or None,
            "id_number": show(order.complainant_id_number, mask_id_number) or None,
            "address": show(order.complainant_address, mask_address) or None,
            "anonymous": order.anonymous,
        },
        "respondent": {
            "name": order.respondent_name or None,
            "credit_code": order.respondent_credit_code or None,
            "address": order.respondent_address or None,
            "merchant_id": order.merchant_id,
        },
        "product": {
            "name": order.product_name or None,
            "category": order.category or None,
            "brand": order.product_brand or None,
            "amount": str(order.product_amount) if order.product_amount is not None else None,
            "purchased_at": order.purchased_on,
            "purchase_channel": order.purchase_channel or None,
        },
        "requests": list(order.requests or []),
        "department": order.department.code if order.department else None,
        "department_name": order.department.name if order.department else None,
        "handler": order.handler.username if order.handler else None,
        "handler_name": order.handler.display_name if order.handler else None,
        "results": {
            "reply": order.reply or None,
            "recovered_amount": str(order.recovered_amount),
            "case_number": order.case_number or None,
            "not_accept_ground": order.not_accept_ground or None,
            "mediation_result": order.mediation_result or None,
            "mediation_ground": order.mediation_ground or None,
            "transfer_department": order.transfer_department.code if order.transfer_department else None,
        },
        "satisfaction": order.satisfaction or None,
        "resolved": order.resolved,
        "exclusion": order.exclusion_state or None,
        "pending_extension_days": order.pending_extension_days,
        "deadlines": [
            {
                "kind": d.kind,
                "kind_name": d.get_kind_display(),
                "state": d.state,
                "started_at": d.started_at,
                "due_at": d.due_at,
                "met_at": d.met_at,
                "overdue": d.is_overdue(now),
                "warning": d.warning or None,
            }
            for d in deadlines
        ],
        "events": [
            {
                "action": e.action,
                "action_name": e.get_action_display(),
                "actor": e.actor.username if e.actor else None,
                "actor_name": e.actor.display_name if e.actor else None,
                "at": e.at,
                "from_status": e.from_status or None,
                "to_status": e.to_status,
                "data": e.data,
            }
            for e in events
        ],
        "attachments": [
            {"id": a.pk, "name": a.name, "content_type": a.content_type, "size": a.size}
            for a in order.attachments.all()
        ],
    }


def order_available_actions(*, viewer: Staff, order: WorkOrder) -> list[Action]:
    """The actions this viewer may take on this order now: the table's status and role columns,
    the viewer's scope, and the preconditions each action checks (so no button leads to a refusal
    the UI could have foreseen)."""
    if not order_in_actor_scope(order, viewer):
        return []
    guards = {
        Action.ANSWER: order.type == OrderType.CONSULTATION,
        Action.NOT_ACCEPT: order.type != OrderType.CONSULTATION,
        Action.SEND_TO_ODR: order.type == OrderType.COMPLAINT,
        Action.MEDIATE: order.type == OrderType.COMPLAINT,
        Action.FILE_CASE: not order.case_number and order.type != OrderType.CONSULTATION,
        Action.EXTEND: not order.pending_extension_days,
        Action.APPROVE_EXTENSION: bool(order.pending_extension_days),
        Action.DENY_EXTENSION: bool(order.pending_extension_days),
        Action.CONCLUDE: not order.pending_extension_days,
        Action.REQUEST_EXCLUSION: order.exclusion_state not in (ExclusionState.REQUESTED, ExclusionState.EXCLUDED),
        Action.DECIDE_EXCLUSION: order.exclusion_state == ExclusionState.REQUESTED and sees_everything(viewer),
        Action.REOPEN: order.department_id is not None,
        Action.REVIEW: order.outcome not in (Outcome.ANSWERED,) and not order.review_state,
        Action.ASSIGN: order.department_id is not None,
    }
    actions = []
    for action, step in TRANSITIONS.items():
        if action == Action.REGISTER or not step.allows_from(order.status):
            continue
        if not viewer.has_role(*step.roles) or not guards.get(action, True):
            continue
        actions.append(action)
    return actions


def department_overview(*, viewer: Staff) -> dict:
    """Per department of the viewer's scope: running deadlines due today, overdue orders and
    returned orders (the leader's daily view, seeds 000 and 001). Counts roll up the tree so a
    district bureau's row includes its offices."""
    now = clock.now()
    today_end = clock.end_of_day(clock.today())
    scope = order_scope(viewer).filter(status__in=OPEN_STATUSES)
    running = Deadline.objects.filter(state=DeadlineState.RUNNING, order__in=scope)
    due_today = dict(
        running.filter(due_at__gte=now, due_at__lte=today_end)
        .values_list("order__department").annotate(n=Count("order", distinct=True))
    )
    overdue = dict(
        running.filter(due_at__lt=now).values_list("order__department").annotate(n=Count("order", distinct=True))
    )
    open_counts = dict(scope.values_list("department").annotate(n=Count("id")))
    returned = dict(
        order_scope(viewer).filter(status=Status.RETURNED).values_list("intake_department").annotate(n=Count("id"))
    )
    prefix = scope_path(viewer)
    departments = Department.objects.exclude(kind="external").order_by("path")
    if prefix is not None:
        departments = departments.filter(path__startswith=prefix)
    rows = []
    for department in departments:
        rows.append({
            "department": department,
            "depth": department.depth,
            "open": open_counts.get(department.pk, 0),
            "due_today": due_today.get(department.pk, 0),
            "overdue": overdue.get(department.pk, 0),
            "returned": returned.get(department.pk, 0),
        })
    by_path = {r["department"].path: r for r in rows}
    totals = {path: dict(r) for path, r in by_path.items()}
    for path, row in by_path.items():
        for other_path, total in totals.items():
            if path != other_path and path.startswith(other_path):
                for key in ("open", "due_today", "overdue", "returned"):
                    total[key] += row[key]
    unassigned = {
        "due_today": due_today.get(None, 0), "overdue": overdue.get(None, 0), "open": open_counts.get(None, 0),
    }
    return {"rows": [totals[r["department"].path] for r in rows], "undispatched": unassigned}
