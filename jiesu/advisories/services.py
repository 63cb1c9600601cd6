"""Writes of consumer warnings (issue 6 item 8, seed 004's 警示建议制度): draft one from a ranking,
edit the draft, submit, approve, send back, publish, withdraw.

Each transition is one function that locks the warning, re-reads it, checks scope (404), status
(409, from transitions.TRANSITIONS) and role (403), validates its input (400 naming the field),
changes the row and writes exactly one WarningEvent, all in one transaction: a refusal leaves
nothing behind. What the public reads carries the agency's name, so whoever drafted or edited the
text may not approve it (four eyes), and only a leader (or an administrator) approves and
publishes.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from jiesu.advisories import writing
from jiesu.advisories.choices import WARNING_DIMENSIONS, WarningAction, WarningStatus
from jiesu.advisories.models import ConsumerWarning, WarningEvent
from jiesu.advisories.selectors import warning_authors, warning_check_role, warning_scope
from jiesu.advisories.transitions import TRANSITIONS
from jiesu.analytics.measures import scope_root
from jiesu.analytics.periods import Period
from jiesu.analytics.rankings import MAX_LIMIT, dimension_name, top, top_orders
from jiesu.core import clock
from jiesu.core.errors import Forbidden, InvalidTransition, NotFound, field_error
from jiesu.organisations.models import Staff

#: How many order numbers are kept as examples of the data behind a warning.
EXAMPLES = 5
MAX_TITLE = 100
MAX_BODY = 5000
MAX_REASON = 1000
#: A mobile number or an ID number typed into the text: the public page must never show one.
PERSONAL = re.compile(r"(?<!\d)(1[3-9]\d{9}|\d{17}[\dXx])(?!\d)")

A, S = WarningAction, WarningStatus


def _record(warning: ConsumerWarning, action: WarningAction, actor: Staff, previous: str, **data) -> None:
    WarningEvent.objects.create(
        warning=warning, action=action, actor=actor, at=clock.now(), from_status=previous,
        to_status=warning.status, data=data,
    )  # fmt: skip


def _text(field: str, value: str, limit: int, required: str) -> str:
    value = (value or "").strip()
    if not value:
        raise field_error(field, required)
    if len(value) > limit:
        raise field_error(field, _("最多 %(n)d 字") % {"n": limit})
    if PERSONAL.search(value):
        raise field_error(field, _("含有手机号或身份证号，公开发布的警示不能包含个人信息"))
    return value


@transaction.atomic
def warning_draft(
    *, actor: Staff, dimension: str, key: str, period: Period, department: str = ""
) -> ConsumerWarning:
    """A draft from one line of a ranking: the figures of `top` (count, previous period, a year
    earlier, rank) and example order numbers from `top_orders`, frozen now, and a first text
    written from them with the advice of the line most of those orders are on."""
    warning_check_role(actor)
    if dimension not in WARNING_DIMENSIONS:
        raise field_error(
            "dimension", _("维度应为 %(names)s 之一") % {"names": "、".join(WARNING_DIMENSIONS)}
        )
    key = (key or "").strip()
    if not key:
        raise field_error("key", _("请填写排名项"))
    ranking = top(viewer=actor, dimension=dimension, period=period, limit=MAX_LIMIT, department=department)
    found = next(((rank, item) for rank, item in enumerate(ranking.items, 1) if item.key == key), None)
    if found is None:
        raise field_error(
            "key",
            _("本期排名前 %(n)d 位中没有“%(key)s”，请从统计分析的排名中选择") % {"n": MAX_LIMIT, "key": key},
        )
    rank, item = found
    orders = top_orders(viewer=actor, dimension=dimension, key=key, period=period, department=department)
    examples = list(orders.order_by("-received_at", "-id").values_list("number", flat=True)[:EXAMPLES])
    busiest = (
        orders.exclude(line="").values_list("line").annotate(n=Count("id")).order_by("-n", "line").first()
    )
    line = key if dimension == "line" else (busiest[0] if busiest else "")
    figures = writing.Figures(
        dimension=dimension, key_name=item.name, line=line, line_name=dimension_name("line", line) if line else "",
        date_from=period.date_from, date_to=period.date_to, count=item.count, previous=item.previous,
        last_year=item.last_year, mom=_decimal(item.mom), yoy=_decimal(item.yoy),
    )  # fmt: skip
    now = clock.now()
    warning = ConsumerWarning(
        title=writing.title_write(figures)[:MAX_TITLE], body=writing.body_write(figures), status=S.DRAFT,
        dimension=dimension, key=key, key_name=item.name, department=scope_root(actor, department),
        date_from=period.date_from, date_to=period.date_to, rank=rank, count=item.count,
        previous=item.previous, last_year=item.last_year, mom=figures.mom, yoy=figures.yoy, line=line,
        example_orders=examples, drafted_by=actor, drafted_at=now, updated_by=actor, updated_at=now,
    )  # fmt: skip
    warning.full_clean()
    warning.save()
    _record(warning, A.DRAFT, actor, "")
    return warning


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.0001"))


def _lock(warning: ConsumerWarning, actor: Staff) -> ConsumerWarning:
    """Lock the row and re-read it through the actor's scope: the status may have moved since the
    caller loaded it, and a warning outside the scope is "not found"."""
    found = warning_scope(actor).select_for_update(no_key=True, of=("self",)).filter(pk=warning.pk).first()
    if found is None:
        raise NotFound(_("消费警示不存在"))
    return found


def _check(warning: ConsumerWarning, action: WarningAction, actor: Staff):
    step = TRANSITIONS[action]
    if warning.status not in step.sources:
        raise InvalidTransition(
            _("消费警示当前为“%(status)s”，不能%(action)s")
            % {"status": warning.get_status_display(), "action": action.label}
        )
    if not actor.has_role(*step.roles):
        raise Forbidden(_("只有领导或管理员可以%(action)s") % {"action": action.label})
    return step


@transaction.atomic
def warning_update(*, warning: ConsumerWarning, actor: Staff, title: str, body: str) -> ConsumerWarning:
    """Edit the text of a draft. Submitted, approved and published text is what a leader checked or
    the public read: it changes only after a send-back to draft."""
    warning_check_role(actor)
    warning = _lock(warning, actor)
    if warning.status != S.DRAFT:
        raise InvalidTransition(_("只有草稿可以修改；待审核或已审核的警示请先退回修改"))
    title = _text("title", title, MAX_TITLE, _("请填写标题"))
    body = _text("body", body, MAX_BODY, _("请填写警示内容"))
    changed = [name for name, value in (("title", title), ("body", body)) if getattr(warning, name) != value]
    if not changed:
        return warning
    warning.title, warning.body = title, body
    warning.updated_by, warning.updated_at = actor, clock.now()
    warning.save(update_fields=["title", "body", "updated_by", "updated_at"])
    _record(warning, A.EDIT, actor, warning.status, fields=changed)
    return warning


@transaction.atomic
def warning_submit(*, warning: ConsumerWarning, actor: Staff) -> ConsumerWarning:
    warning_check_role(actor)
    warning = _lock(warning, actor)
    step = _check(warning, A.SUBMIT, actor)
    _text("title", warning.title, MAX_TITLE, _("请填写标题"))
    _text("body", warning.body, MAX_BODY, _("请填写警示内容"))
    previous, warning.status = warning.status, step.target
    warning.submitted_by, warning.submitted_at = actor, clock.now()
    warning.save(update_fields=["status", "submitted_by", "submitted_at"])
    _record(warning, A.SUBMIT, actor, previous)
    return warning


@transaction.atomic
def warning_approve(*, warning: ConsumerWarning, actor: Staff) -> ConsumerWarning:
    """Four eyes: a leader who neither drafted nor edited the text."""
    warning_check_role(actor)
    warning = _lock(warning, actor)
    step = _check(warning, A.APPROVE, actor)
    if actor.pk in warning_authors(warning=warning):
        raise Forbidden(_("起草或修改过这条警示的人员不能审核它，请由其他领导审核"))
    previous, warning.status = warning.status, step.target
    warning.approved_by, warning.approved_at = actor, clock.now()
    warning.save(update_fields=["status", "approved_by", "approved_at"])
    _record(warning, A.APPROVE, actor, previous)
    return warning


@transaction.atomic
def warning_send_back(*, warning: ConsumerWarning, actor: Staff, reason: str) -> ConsumerWarning:
    """Back to draft with what to change; the submission and approval are cleared, so the edited
    text goes through both again."""
    warning_check_role(actor)
    warning = _lock(warning, actor)
    step = _check(warning, A.SEND_BACK, actor)
    reason = _text("reason", reason, MAX_REASON, _("请填写退回理由"))
    previous, warning.status = warning.status, step.target
    warning.submitted_by = warning.submitted_at = warning.approved_by = warning.approved_at = None
    warning.save(update_fields=["status", "submitted_by", "submitted_at", "approved_by", "approved_at"])
    _record(warning, A.SEND_BACK, actor, previous, reason=reason)
    return warning


@transaction.atomic
def warning_publish(*, warning: ConsumerWarning, actor: Staff) -> ConsumerWarning:
    warning_check_role(actor)
    warning = _lock(warning, actor)
    step = _check(warning, A.PUBLISH, actor)
    previous, warning.status = warning.status, step.target
    warning.published_by, warning.published_at = actor, clock.now()
    warning.save(update_fields=["status", "published_by", "published_at"])
    _record(warning, A.PUBLISH, actor, previous)
    return warning


@transaction.atomic
def warning_withdraw(*, warning: ConsumerWarning, actor: Staff, reason: str) -> ConsumerWarning:
    """Take a published warning off the public page (a mistake found, the problem resolved); it
    stays on record for staff with the reason."""
    warning_check_role(actor)
    warning = _lock(warning, actor)
    step = _check(warning, A.WITHDRAW, actor)
    reason = _text("reason", reason, MAX_REASON, _("请填写撤回理由"))
    previous, warning.status = warning.status, step.target
    warning.withdrawn_by, warning.withdrawn_at = actor, clock.now()
    warning.save(update_fields=["status", "withdrawn_by", "withdrawn_at"])
    _record(warning, A.WITHDRAW, actor, previous, reason=reason)
    return warning
