"""Intake (登记): the form, the respondent autocomplete and the caller's other orders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jiesu.core.errors import DomainError, Forbidden
from jiesu.merchants.selectors import merchant_search
from jiesu.orders.choices import Action
from jiesu.orders.selectors import caller_open_orders
from jiesu.orders.workflow.actions import do_register
from jiesu.orders.workflow.transitions import TRANSITIONS
from jiesu.ui.errors import form_add_domain_error
from jiesu.ui.forms.intake import IntakeForm


def _intake_form(data=None) -> IntakeForm:
    return IntakeForm(
        data, respondent_url=reverse("ui:intake_respondents"), caller_url=reverse("ui:intake_caller")
    )


@login_required
@require_http_methods(["GET", "POST"])
def intake(request):
    form = _intake_form(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            order = do_register(actor=request.user, draft=form.draft())
        except DomainError as exc:
            form_add_domain_error(form, exc)
            status = 403 if isinstance(exc, Forbidden) else 200
        else:
            messages.success(request, _("已登记工单 %(number)s") % {"number": order.number})
            return redirect("ui:order_detail", number=order.number)
    context = {"form": form, "may_register": request.user.has_role(*TRANSITIONS[Action.REGISTER].roles)}
    return render(request, "ui/intake.html", context, status=status)


@login_required
@require_GET
def respondents(request):
    """Suggestions for the respondent field: choosing one fills name, credit code and address, so
    the order links to the registry entry (merchant_match_or_create matches the credit code)."""
    items = [
        {
            "label": f"{m.name}（{m.address}）" if m.address else m.name,
            "value": m.pk,
            "fields": {
                "respondent_name": m.name,
                "respondent_credit_code": m.credit_code or "",
                "respondent_address": m.address,
            },
        }
        for m in merchant_search(q=request.GET.get("q", ""))
    ]
    return JsonResponse(items, safe=False)


@login_required
@require_GET
def caller(request):
    """The caller's open and recent orders, loaded as the operator types the number."""
    phone = request.GET.get("phone") or request.GET.get("complainant_phone") or ""
    orders = caller_open_orders(viewer=request.user, phone=phone)
    return render(request, "ui/partials/caller_orders.html", {"orders": orders, "phone": phone.strip()})
