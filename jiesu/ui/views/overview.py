"""The leader's overview: per department of their scope, open orders, those due today, overdue
and returned (seeds 000 and 001: the daily 督办 view). Every number links to the orders behind it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jiesu.orders.selectors import department_overview
from jiesu.ui.forms.filters import STATUS_OPEN, STATUS_UNDISPATCHED

COLUMNS = ("open", "due_today", "overdue", "returned")


@login_required
@require_GET
def overview(request):
    data = department_overview(viewer=request.user)
    rows = data["rows"]
    # Rows already roll up their subtree, so the scope's totals are its top rows plus the orders
    # no department holds yet.
    top = min((r["depth"] for r in rows), default=0)
    totals = {
        key: sum(r[key] for r in rows if r["depth"] == top) + data["undispatched"].get(key, 0)
        for key in COLUMNS
    }
    context = {
        "rows": rows,
        "undispatched": data["undispatched"],
        "totals": totals,
        "top_depth": top,
        "status_open": STATUS_OPEN,
        "status_undispatched": STATUS_UNDISPATCHED,
    }
    return render(request, "ui/overview.html", context)
