"""Work queues: the dispatcher's queue of orders waiting for a department, and "my work"."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from jiesu.core.errors import DomainError
from jiesu.intelligence.routing import route_proposal
from jiesu.orders.choices import Action
from jiesu.orders.selectors import dispatch_queue as dispatch_queue_list
from jiesu.orders.selectors import my_work_list, order_available_actions
from jiesu.ui.forms.actions import DispatchForm, dispatch_departments, handler_choices


def dispatch_row(request, order, departments=None, form=None) -> dict:
    """One queue row: the order, what this viewer may do with it, the routing proposal (issue 5
    item 3) and the inline dispatch form with the proposed department chosen."""
    actions = order_available_actions(viewer=request.user, order=order)
    proposal = route_proposal(order) if Action.DISPATCH in actions else None
    if form is None and Action.DISPATCH in actions:
        form = DispatchForm(
            order=order,
            viewer=request.user,
            departments=departments,
            handler_url=reverse("ui:handler_options"),
            auto_id=f"id_{order.number}_%s",
            autofocus=False,
            initial={"department": proposal.department.code} if proposal.department else None,
        )
    return {"order": order, "actions": actions, "form": form, "proposal": proposal}


@login_required
@require_GET
def dispatch_queue(request):
    departments = list(dispatch_departments(request.user))  # read once for every row's form
    rows = [dispatch_row(request, order, departments) for order in dispatch_queue_list(viewer=request.user)]
    return render(request, "ui/dispatch_queue.html", {"rows": rows})


@login_required
@require_GET
def handler_options(request):
    """The handler <option>s of the department just picked in a dispatch form."""
    code = request.GET.get("department", "")
    department = dispatch_departments(request.user).filter(code=code).first() if code else None
    return render(request, "ui/partials/handler_options.html", {"choices": handler_choices(department)})


@login_required
@require_GET
def my_work(request):
    error = None
    try:
        page = my_work_list(viewer=request.user, cursor=request.GET.get("cursor", ""))
    except DomainError as exc:
        page, error = None, exc.detail
    return render(request, "ui/my_work.html", {"page": page, "error": error})
