"""The order list's "导出Excel": the list's own filter form and the columns ticked in its picker,
handed to the export service that the API uses too; the workbook streams back as a download.

A refusal (a bad filter, no or unknown columns) re-renders the list page with the message and
the user's filters and ticks kept, as the list itself shows a bad filter; nothing is written.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jiesu.core.errors import DomainError
from jiesu.exports.services import order_export_create
from jiesu.organisations.scope import department_list
from jiesu.ui.errors import form_add_domain_error
from jiesu.ui.forms.filters import OrderFilterForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def order_export(request):
    departments = list(department_list(viewer=request.user, include_external=False))
    form = OrderFilterForm(request.GET, departments=departments)
    if form.is_valid():
        try:
            export = order_export_create(
                actor=request.user, filters=form.filters(), columns=request.GET.getlist("columns"), via="ui"
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            return FileResponse(export.file, as_attachment=True, filename=export.filename, content_type=XLSX)
    context = {"form": form, "page": None, "rows": [], "export_open": True, "nav_active": "order_list"}
    return render(request, "ui/order_list.html", context, status=400)
