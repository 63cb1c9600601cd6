"""Orders: the searchable list, the order page and the one generic action view.

The action view is the UI half of style.md section 4, step 5: it looks the form up in
ACTION_FORMS, lets the form check shape, calls HANDLERS[action] and presents the result. Scope,
state and role are the service's business; its refusal comes back as a form error (or a 403/404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from jiesu.core import clock
from jiesu.core.errors import DomainError, NotFound
from jiesu.intelligence.claimants import claimant_assessment
from jiesu.intelligence.groups import group_of
from jiesu.orders.choices import Action, Flag
from jiesu.orders.documents.directive_sheet import directive_sheet_filename, directive_sheet_pdf
from jiesu.orders.selectors import (
    order_available_actions,
    order_detail,
    order_flags,
    order_get,
    order_list,
)
from jiesu.orders.workflow.actions import HANDLERS
from jiesu.organisations.scope import department_list
from jiesu.ui.errors import form_add_domain_error
from jiesu.ui.forms.actions import ACTION_FORMS, DispatchForm
from jiesu.ui.forms.filters import OrderFilterForm
from jiesu.ui.views.queues import dispatch_row

PAGE_SIZE = 50


def _order_or_404(viewer, number: str):
    """An order outside the viewer's scope does not exist for them (style.md rule 7)."""
    try:
        return order_get(viewer=viewer, number=number)
    except NotFound:
        raise Http404(_("工单不存在")) from None


@login_required
@require_GET
def orders(request):
    departments = list(department_list(viewer=request.user, include_external=False))
    form = OrderFilterForm(request.GET, departments=departments)  # every filter is optional: always bound
    page = None
    if form.is_valid():
        try:
            page = order_list(
                viewer=request.user,
                filters=form.filters(),
                cursor=request.GET.get("cursor", ""),
                limit=PAGE_SIZE,
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
    rows = []
    if page is not None:
        now = clock.now()
        rows = [{"order": o, "flags": order_flags(o, now=now)} for o in page.items]
    context = {"form": form, "page": page, "rows": rows}
    if request.htmx and request.htmx.target == "order-results":
        return render(request, "ui/partials/order_results.html", context)
    return render(request, "ui/order_list.html", context)


def _order_context(request, number: str) -> dict:
    order = _order_or_404(request.user, number)
    detail = order_detail(viewer=request.user, number=number, via="ui")
    return {
        "order": order,
        "detail": detail,
        "actions": order_available_actions(viewer=request.user, order=order),
        "events": list(reversed(detail["events"])),  # newest first: what happened last matters most
    }


@login_required
@require_GET
def order_page(request, number: str):
    context = _order_context(request, number)
    order = context["order"]
    if Flag.PROFESSIONAL_CLAIMANT in order.flags:
        # Issue 5 item 6: why the order was flagged, as its registration judged it.
        context["claimant"] = claimant_assessment(
            phone=order.complainant_phone, id_number=order.complainant_id_number, at=order.received_at
        )
    if Flag.GROUP in order.flags:
        # Issue 5 item 5: the orders of the group and why each belongs to it.
        context["group"] = group_of(order)
    return render(request, "ui/order_detail.html", {**context, "nav_active": "order_list"})


def _action_form(action: Action, request, order, data=None):
    kwargs = {"order": order, "viewer": request.user}
    if ACTION_FORMS[action] is DispatchForm:
        kwargs["handler_url"] = reverse("ui:handler_options")
    if request.htmx and (request.htmx.target or "").startswith("queue-"):
        kwargs.update(auto_id=f"id_{order.number}_%s", autofocus=False)  # the queue holds one form per row
    return ACTION_FORMS[action](data, **kwargs)


def _render_action_form(request, order, action: Action, form, status: int = 200):
    if request.htmx and (request.htmx.target or "").startswith("queue-"):
        return render(
            request,
            "ui/partials/queue_row.html",
            {"row": dispatch_row(request, order, form=form)},
            status=status,
        )
    context = {"order": order, "action": action, "form": form, "nav_active": "order_list"}
    template = "ui/partials/action_form.html" if request.htmx else "ui/action_page.html"
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def order_action(request, number: str, action: str):
    try:
        action = Action(action)
    except ValueError:
        raise Http404 from None
    if action not in ACTION_FORMS:
        raise Http404
    order = _order_or_404(request.user, number)
    if request.method == "GET":
        if action not in order_available_actions(viewer=request.user, order=order):
            context = {"order": order, "action": action, "nav_active": "order_list"}
            template = "ui/partials/action_unavailable.html" if request.htmx else "ui/action_page.html"
            return render(request, template, context, status=403)
        return _render_action_form(request, order, action, _action_form(action, request, order))

    form = _action_form(action, request, order, request.POST)
    if not form.is_valid():
        return _render_action_form(request, order, action, form)
    try:
        order = HANDLERS[action](order=order, actor=request.user, **form.service_kwargs())
    except NotFound:
        raise Http404(_("工单不存在")) from None
    except DomainError as exc:
        form_add_domain_error(form, exc)
        return _render_action_form(
            request, order, action, form, status=exc.status if exc.status in (403, 409) else 200
        )
    messages.success(
        request, _("%(number)s：%(action)s已完成") % {"number": order.number, "action": action.label}
    )
    return _after_action(request, order)


def _after_action(request, order):
    """Back to where the action was taken. The order may have left the viewer's scope (a handler
    who returns an order no longer sees it): then back to their start page."""
    if request.htmx and (request.htmx.target or "").startswith("queue-"):
        return render(request, "ui/partials/queue_row_done.html", {"order": order})
    try:
        context = _order_context(request, order.number)
    except Http404:
        if request.htmx:
            return HttpResponseClientRedirect(reverse("ui:home"))
        return redirect("ui:home")
    if not request.htmx:
        return redirect("ui:order_detail", number=order.number)
    response = render(request, "ui/partials/order_body.html", {**context, "oob_messages": True})
    return reswap(retarget(response, "#order-body"), "outerHTML")


@login_required
@require_GET
def attachment(request, number: str, pk: int):
    """Evidence is served only through the order it belongs to, so scope guards it too."""
    order = _order_or_404(request.user, number)
    item = order.attachments.filter(pk=pk).first()
    if item is None:
        raise Http404
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@login_required
@require_GET
def directive_sheet(request, number: str):
    """The printable 快速响应指令书, scoped like the order page; an order that is not a fast-response
    one has no sheet, which to the reader is the same as no page."""
    order = _order_or_404(request.user, number)
    try:
        pdf = directive_sheet_pdf(order, request.user, via="ui")
    except NotFound:
        raise Http404(_("该工单没有快速响应指令书")) from None
    disposition = content_disposition_header(False, directive_sheet_filename(order))
    return HttpResponse(pdf, content_type="application/pdf", headers={"Content-Disposition": disposition})
