"""Orders for the board tests, built through the real workflow (orders.tests.factories) so their
deadlines are the ones the policies and the holiday calendar give, never rows written by hand."""

from datetime import datetime
from itertools import count

from jiesu.calls.models import Callback, CallbackStatus
from jiesu.core import clock
from jiesu.orders.tests.factories import register
from jiesu.orders.workflow import actions

_phones = count(13800000001)


def order_at(org, received_at: datetime, *, department=None, **overrides):
    """A complaint (unless `overrides` say otherwise) received at `received_at`, taken in by the
    centre's operator and, when `department` is given, dispatched there now. A complaint from the
    12315 line runs acknowledge (24 hours) and accept_decision (7 working days) from receipt."""
    order = register(org.operator, received_at=received_at, complainant_phone=str(next(_phones)), **overrides)
    if department is not None:
        order = actions.do_dispatch(order=order, actor=org.dispatcher, department=department)
    return order


def consultation_at(org, received_at: datetime, *, department=None):
    """A consultation: its only deadline is acknowledge, exactly 24 hours after `received_at`."""
    return order_at(org, received_at, department=department, type="consultation", line="")


def acknowledged(order, actor):
    """Accept and contact: acknowledge and accept_decision are met, only the 45-working-day
    conclusion runs, so the order is open but owes nothing soon."""
    order = actions.do_accept(order=order, actor=actor)
    return actions.do_contact(order=order, actor=actor, method="phone", summary="已电话联系诉求人")


def pending_callback(department, phone: str, status: str = CallbackStatus.PENDING) -> Callback:
    """A call-back the telephony import would have created (calls.services), written directly: the
    board only counts them."""
    now = clock.now()
    return Callback.objects.create(
        department=department, phone=phone, call_date=clock.local(now).date(), called_at=now,
        due_at=now, status=status,
    )
