"""Reads of consumer warnings: the staff's (scoped like analysis reports) and the public's.

Staff see a warning drawn from a department's subtree if they see that department; one drawn from
every department only if they see everything; anything else is "not found" (style.md rule 7). The
public sees published warnings and nothing else: a draft, a pending or a withdrawn warning is as
absent as one that never existed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from jiesu.advisories.choices import DRAFT_ROLES, WarningAction, WarningStatus
from jiesu.advisories.models import ConsumerWarning, WarningEvent
from jiesu.advisories.transitions import TRANSITIONS
from jiesu.core.errors import Forbidden, NotFound, field_error
from jiesu.core.paging import cursor_decode, cursor_encode, cursor_invalid
from jiesu.organisations.models import Staff
from jiesu.organisations.scope import department_scope_q

LIST_LIMIT = 100
PUBLIC_PAGE = 20
MAX_PUBLIC_PAGE = 100
#: The events whose actor wrote words of the warning: none of them may approve it (four eyes).
AUTHORING = (WarningAction.DRAFT, WarningAction.EDIT)


def warning_check_role(viewer: Staff) -> None:
    """Staff pages and the API's list are for those who may draft: the rest of the staff never
    needs a warning before the public does."""
    if not viewer.has_role(*DRAFT_ROLES):
        raise Forbidden(_("只有领导、派单员和管理员可以处理消费警示"))


def warning_scope(viewer: Staff) -> QuerySet[ConsumerWarning]:
    return ConsumerWarning.objects.filter(department_scope_q(viewer, "department")).select_related(
        "department",
        "drafted_by",
        "updated_by",
        "submitted_by",
        "approved_by",
        "published_by",
        "withdrawn_by",
    )


def warning_list(*, viewer: Staff, status: str = "", limit: int = LIST_LIMIT) -> list[ConsumerWarning]:
    warning_check_role(viewer)
    qs = warning_scope(viewer)
    if status:
        if status not in WarningStatus.values:
            raise field_error("status", _("未知的状态：%(code)s") % {"code": status})
        qs = qs.filter(status=status)
    return list(qs[:limit])


def warning_get(*, viewer: Staff, pk) -> ConsumerWarning:
    warning_check_role(viewer)
    found = warning_scope(viewer).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound(_("消费警示不存在"))
    return found


def warning_events(*, warning: ConsumerWarning) -> list[WarningEvent]:
    return list(warning.events.select_related("actor"))


def warning_authors(*, warning: ConsumerWarning) -> set[int]:
    """Who drafted or edited the text: the people the four-eyes rule keeps from approving it."""
    return set(
        WarningEvent.objects.filter(warning=warning, action__in=AUTHORING).values_list("actor_id", flat=True)
    )


def warning_available_actions(*, warning: ConsumerWarning, viewer: Staff) -> list[WarningAction]:
    """The transitions the viewer may take now, in the table's order: the UI's buttons. Editing is
    not among them (see `warning_editable`)."""
    actions = [
        t.action for t in TRANSITIONS.values() if warning.status in t.sources and viewer.has_role(*t.roles)
    ]
    if WarningAction.APPROVE in actions and viewer.pk in warning_authors(warning=warning):
        actions.remove(WarningAction.APPROVE)
    return actions


def warning_editable(*, warning: ConsumerWarning, viewer: Staff) -> bool:
    return warning.status == WarningStatus.DRAFT and viewer.has_role(*DRAFT_ROLES)


def warning_last_reason(*, warning: ConsumerWarning) -> WarningEvent | None:
    """The latest send-back, shown on a draft so the drafter sees what to change."""
    if warning.status != WarningStatus.DRAFT:
        return None
    return warning.events.filter(action=WarningAction.SEND_BACK).select_related("actor").last()


# The public's reads ---------------------------------------------------------------------------


@dataclass
class PublicPage:
    items: list[ConsumerWarning]
    next_cursor: str | None


def _encode(warning: ConsumerWarning) -> str:
    return cursor_encode(warning.published_at, warning.pk)


def _decode(cursor: str) -> tuple[datetime, int]:
    parts = cursor_decode(cursor)
    parsed = parse_datetime(parts[0]) if len(parts) == 2 else None
    if parsed is None or not parts[1].isdigit():
        raise cursor_invalid()
    return parsed, int(parts[1])


def published_page(*, cursor: str = "", limit: int = PUBLIC_PAGE) -> PublicPage:
    """Published warnings, newest first, a page at a time. The cursor is the last one shown (its
    publication time and id), so a warning published meanwhile neither repeats nor hides another."""
    if not 1 <= limit <= MAX_PUBLIC_PAGE:
        raise field_error("limit", _("应在 1 到 %(max)s 之间") % {"max": MAX_PUBLIC_PAGE})
    qs = ConsumerWarning.objects.filter(status=WarningStatus.PUBLISHED).order_by("-published_at", "-id")
    if cursor:
        moment, pk = _decode(cursor)
        qs = qs.filter(Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=pk))
    rows = list(qs[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return PublicPage(rows, _encode(rows[-1]) if more else None)


def published_get(*, pk) -> ConsumerWarning:
    found = (
        ConsumerWarning.objects.filter(status=WarningStatus.PUBLISHED, pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if found is None:
        raise NotFound(_("消费警示不存在或已撤回"))
    return found
