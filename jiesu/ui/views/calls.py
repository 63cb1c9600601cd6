"""Zero missed calls (来电零遗漏, seed 004): import the telephony call log, work through the
call-backs it creates.

The import is two steps: the upload shows the file's headers so the operator can say which column
is which (prefilled when the headers are known), then the import runs and lists every bad line.
The file travels back in the mapping form itself, so nothing is left on the server between steps.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jiesu.calls.importing import sheet_read
from jiesu.calls.models import OPEN_CALLBACK_STATUSES
from jiesu.calls.rules import CALLBACK_ROLES
from jiesu.calls.selectors import (
    call_import_recent,
    callback_get,
    callback_list,
    callback_phones,
    callback_recent,
)
from jiesu.calls.services import callback_record_outcome, calls_import
from jiesu.core.errors import DomainError, NotFound
from jiesu.ui.errors import form_add_domain_error
from jiesu.ui.forms.calls import CallbackOutcomeForm, CallLogMappingForm, CallLogUploadForm

PREVIEW_ROWS = 5
OPEN = ",".join(sorted(OPEN_CALLBACK_STATUSES))


def _import_page(request, context: dict, status: int = 200):
    context = {
        "may_handle": request.user.has_role(*CALLBACK_ROLES),
        "imports": call_import_recent(viewer=request.user),
        **context,
    }
    return render(request, "ui/calls_import.html", context, status=status)


def _mapping_step(request, upload_form: CallLogUploadForm):
    """Read the uploaded file's header and a few rows, and ask which column is which."""
    upload = upload_form.cleaned_data["file"]
    content = upload.read()
    try:
        sheet = sheet_read(content)
    except DomainError as exc:
        form_add_domain_error(upload_form, exc)
        return _import_page(request, {"upload_form": upload_form})
    form = CallLogMappingForm(
        headers=sheet.headers,
        initial={"content": CallLogMappingForm.encode(content), "file_name": upload.name},
    )
    return _import_page(request, {"mapping_form": form, "sheet": sheet, "preview": sheet.rows[:PREVIEW_ROWS]})


def _import_step(request):
    """Run the import with the chosen columns; a mapping that does not fit the file comes back as
    errors under the selects, bad rows as the result's table."""
    headers = request.POST.getlist("headers")
    form = CallLogMappingForm(request.POST, headers=headers)
    if not form.is_valid():
        return _import_page(request, {"mapping_form": form})
    try:
        result = calls_import(
            file=form.cleaned_data["content"], mapping=form.mapping(), actor=request.user,
            file_name=form.cleaned_data["file_name"],
        )
    except DomainError as exc:
        form_add_domain_error(form, exc)
        return _import_page(request, {"mapping_form": form}, status=exc.status if exc.status == 403 else 200)
    return _import_page(request, {"result": result, "upload_form": CallLogUploadForm()})


@login_required
@require_http_methods(["GET", "POST"])
def calls_import_page(request):
    if request.method == "GET":
        return _import_page(request, {"upload_form": CallLogUploadForm()})
    if request.POST.get("step") == "import":
        return _import_step(request)
    upload_form = CallLogUploadForm(request.POST, request.FILES)
    if not upload_form.is_valid():
        return _import_page(request, {"upload_form": upload_form})
    return _mapping_step(request, upload_form)


def _rows(request, callbacks, forms=None) -> list[dict]:
    """Each call-back with the phone as this viewer may see it and its own outcome form."""
    phones = callback_phones(viewer=request.user, callbacks=callbacks, via="ui")
    forms = forms or {}
    return [
        {
            "callback": cb,
            "phone": phones[cb.pk],
            "form": forms.get(cb.pk) or CallbackOutcomeForm(auto_id=f"id_cb{cb.pk}_%s"),
        }
        for cb in callbacks
    ]


@login_required
@require_http_methods(["GET"])
def callbacks(request):
    """Open call-backs first (pending, and unreachable ones awaiting another try), soonest due at
    the top; below them the latest closed ones."""
    error = None
    try:
        page = callback_list(viewer=request.user, status=OPEN, cursor=request.GET.get("cursor", ""))
    except DomainError as exc:
        page, error = None, exc.detail
    pending = page.items if page else []
    recent = callback_recent(viewer=request.user)
    rows = _rows(request, pending + recent)
    context = {
        "page": page, "error": error, "pending": rows[: len(pending)], "recent": rows[len(pending):],
        "may_handle": request.user.has_role(*CALLBACK_ROLES),
    }
    return render(request, "ui/callbacks.html", context)


@login_required
@require_POST
def callback_outcome(request, pk: int):
    """Record reached / unreachable from the list; htmx swaps the row, without it back to the list."""
    try:
        callback = callback_get(viewer=request.user, pk=pk)
    except NotFound:
        raise Http404(_("回拨任务不存在")) from None
    form = CallbackOutcomeForm(request.POST, auto_id=f"id_cb{pk}_%s")
    status = 200
    if form.is_valid():
        try:
            callback = callback_record_outcome(callback=callback, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form_add_domain_error(form, exc)
            status = exc.status if exc.status in (403, 409) else 200
        else:
            messages.success(request, _("已登记回拨结果：%(status)s") % {"status": callback.get_status_display()})
            form = None
    if not request.htmx:
        if form is not None and form.errors:
            messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("ui:callbacks")
    [row] = _rows(request, [callback], {callback.pk: form} if form is not None else None)
    context = {"row": row, "may_handle": request.user.has_role(*CALLBACK_ROLES), "oob": True}
    return render(request, "ui/partials/callback_row.html", context, status=status)
