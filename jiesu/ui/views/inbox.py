"""The in-app inbox: the bell in the top bar and the list of one's own messages (issue 4 item 3)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jiesu.notifications.selectors import inbox_items, inbox_unread_count
from jiesu.notifications.services import inbox_mark_read

PAGE_SIZE = 100


@login_required
@require_GET
def bell(request):
    """Polled by htmx every 30 s from every page, so a directive shows up without a reload."""
    return render(request, "ui/partials/inbox_bell.html", {"unread": inbox_unread_count(staff=request.user)})


@login_required
@require_GET
def inbox(request):
    unread_only = request.GET.get("unread") == "1"
    items = list(inbox_items(staff=request.user, unread_only=unread_only)[:PAGE_SIZE])
    return render(request, "ui/inbox.html", {
        "items": items, "unread_only": unread_only, "unread": inbox_unread_count(staff=request.user),
    })


@login_required
@require_POST
def mark_read(request):
    """One message (`id`) or all of them; htmx swaps the row, a plain form comes back to the list."""
    raw = request.POST.get("id")
    ids = [int(raw)] if raw and raw.isdigit() else None
    inbox_mark_read(staff=request.user, ids=ids)
    if request.htmx and ids:
        item = inbox_items(staff=request.user).filter(notification_id=ids[0]).first()
        response = render(request, "ui/partials/inbox_row.html", {"item": item})
        response["HX-Trigger"] = "inbox-changed"
        return response
    return redirect("ui:inbox")
