"""Intake (登记): the form, the respondent autocomplete, the caller's other orders and the
classifier's suggestions (issue 5), which the page pre-fills into fields the operator has not touched.

Opened from a call-back (?callback=<id>, 来电零遗漏), it is prefilled with the caller's number and,
once the order is registered, marks the call-back converted with the order linked: one step.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jiesu.calls.selectors import callback_get, callback_phones
from jiesu.calls.services import callback_check_convertible, callback_convert
from jiesu.core.errors import DomainError, Forbidden, NotFound
from jiesu.intelligence.suggestions import suggest as classification_suggest
from jiesu.intelligence.suggestions import suggestion_corrections_record
from jiesu.merchants.selectors import merchant_search
from jiesu.orders.choices import Action, Urgency
from jiesu.orders.selectors import caller_open_orders
from jiesu.orders.workflow.actions import do_register
from jiesu.orders.workflow.transitions import TRANSITIONS
from jiesu.organisations.scope import may_view_personal_data
from jiesu.taxonomy.selectors import Kind, taxonomy_label
from jiesu.ui.errors import form_add_domain_error
from jiesu.ui.forms.intake import IntakeForm


def _intake_form(data=None, initial=None) -> IntakeForm:
    return IntakeForm(
        data, initial=initial, respondent_url=reverse("ui:intake_respondents"),
        caller_url=reverse("ui:intake_caller"), suggest_url=reverse("ui:intake_suggest"),
    )


def _callback(request):
    """The call-back this registration answers (the call-backs list's 登记为新工单), if any."""
    raw = request.POST.get("callback") or request.GET.get("callback")
    if not raw:
        return None
    try:
        return callback_get(viewer=request.user, pk=raw)
    except NotFound:
        raise Http404(_("回拨任务不存在")) from None


def _prefill(request, callback) -> dict:
    """?phone= as given; else the call-back's number, read (and logged) only by who may see it. The
    list links without the number so it stays out of URLs and server logs."""
    phone = request.GET.get("phone", "").strip()
    if not phone and callback is not None and may_view_personal_data(request.user):
        phone = callback_phones(viewer=request.user, callbacks=[callback], via="ui")[callback.pk]
    return {"complainant_phone": phone} if phone else {}


def _callback_convert(request, callback, order) -> None:
    """The order stands whatever happens here; a call-back closed meanwhile is only reported."""
    try:
        callback_convert(callback=callback, actor=request.user, order=order)
    except DomainError as exc:
        messages.warning(request, _("工单已登记，但未能关联回拨任务：%(detail)s") % {"detail": exc.detail})


def _suggested(post) -> dict | None:
    """What the suggestions box showed when the form was posted (its hidden suggested_* inputs),
    keyed by correction field; None when no suggestion was shown."""
    if "suggested_line" not in post:
        return None
    return {
        "line": post.get("suggested_line", ""), "category": post.get("suggested_category", ""),
        "urgency": post.get("suggested_urgency", ""), "requests": post.getlist("suggested_requests"),
        "fast_response_reasons": post.getlist("suggested_fast_response_reasons"),
    }  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def intake(request):
    callback = _callback(request)
    if request.method == "POST":
        form = _intake_form(request.POST)
    else:
        form = _intake_form(initial=_prefill(request, callback))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            if callback is not None:
                callback_check_convertible(callback=callback, actor=request.user)
            order = do_register(actor=request.user, draft=form.draft())
        except DomainError as exc:
            form_add_domain_error(form, exc)
            status = 403 if isinstance(exc, Forbidden) else 200
        else:
            messages.success(request, _("已登记工单 %(number)s") % {"number": order.number})
            suggested = _suggested(request.POST)
            if suggested is not None:
                suggestion_corrections_record(actor=request.user, order=order, suggested=suggested)
            if callback is not None:
                _callback_convert(request, callback, order)
            return redirect("ui:order_detail", number=order.number)
    context = {
        "form": form, "callback": callback,
        "may_register": request.user.has_role(*TRANSITIONS[Action.REGISTER].roles),
    }
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


@login_required
@require_GET
def suggest(request):
    """The classifier's suggestions for the description typed so far (and the respondent's name),
    swapped into the suggestions box; jiesu.js pre-fills them into untouched fields."""
    found = classification_suggest(
        description=request.GET.get("description", ""), respondent=request.GET.get("respondent_name", "")
    )
    context = {"found": found}
    if found is not None:
        context.update(
            line_label=taxonomy_label(Kind.LINE, found.line.code),
            candidates=[(code, taxonomy_label(Kind.LINE, code), p) for code, p in found.line_candidates],
            urgency_label=Urgency(found.urgency).label,
            reasons=[(code, taxonomy_label(Kind.FAST_RESPONSE_REASON, code)) for code in found.fast_response_reasons],
        )
    return render(request, "ui/partials/intake_suggestions.html", context)
