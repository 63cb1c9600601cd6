"""Checks every action shares: the row lock, the transition table, role and department scope."""

from django.utils.translation import gettext as _

from jiesu.core.errors import Forbidden, InvalidTransition, NotFound
from jiesu.orders.choices import Action, Status
from jiesu.orders.models import WorkOrder
from jiesu.orders.workflow.transitions import TRANSITIONS, Transition
from jiesu.organisations.models import Department, Staff
from jiesu.organisations.scope import department_in_scope, sees_everything


def lock_order(pk: int) -> WorkOrder:
    """Lock the row and re-read it: the status may have moved since the caller loaded it. On
    PostgreSQL a second writer waits here and then sees the new status; on SQLite the IMMEDIATE
    transaction already serialises writers."""
    try:
        return WorkOrder.objects.select_for_update(no_key=True, of=("self",)).get(pk=pk)
    except WorkOrder.DoesNotExist as exc:
        raise NotFound(_("工单不存在")) from exc


def order_in_actor_scope(order: WorkOrder, actor: Staff) -> bool:
    """The actor's department subtree holds the order's handling department, or, before dispatch,
    the department that took it in. The centre and the municipal bureau act on everything."""
    if sees_everything(actor):
        return True
    if order.department_id is not None:
        return department_in_scope(actor, order.department)
    return order.intake_department_id is not None and department_in_scope(actor, order.intake_department)


def status_allows(order: WorkOrder, action: Action) -> Transition:
    step = TRANSITIONS[action]
    if not step.allows_from(order.status):
        raise InvalidTransition(
            _("工单当前状态为“%(status)s”，不能执行“%(action)s”")
            % {"status": Status(order.status).label, "action": Action(action).label}
        )
    return step


def role_allows(actor: Staff, step: Transition) -> bool:
    return actor.has_role(*step.roles)


def check_transition(order: WorkOrder, action: Action, actor: Staff) -> Transition:
    """Scope first (an order outside it does not exist for this actor), then state (409), then
    role (403): a handler who tries an action the status forbids learns why, not that they lack a role."""
    if not order_in_actor_scope(order, actor):
        raise NotFound(_("工单不存在"))
    step = status_allows(order, action)
    if not role_allows(actor, step):
        raise Forbidden(_("您的角色不能执行“%(action)s”") % {"action": Action(action).label})
    return step


def require_department_in_scope(actor: Staff, department: Department, field: str) -> None:
    if not department_in_scope(actor, department):
        raise Forbidden(_("不能把工单交给本部门范围以外的单位"), fields={field: [_("超出您的部门范围")]})
