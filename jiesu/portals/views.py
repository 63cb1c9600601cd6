"""The public consumer warnings (消费警示, seed 004: warnings published "提醒消费者增强自我保护意识").

No login, no staff navigation, no personal data: only published warnings, through the public
selectors; anything else answers 404 as if it never existed.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from jiesu.advisories.selectors import published_get, published_page
from jiesu.core.errors import InvalidInput, NotFound


@require_GET
def warning_list(request):
    try:
        page = published_page(cursor=request.GET.get("cursor", ""))
    except InvalidInput:
        raise Http404(_("页面不存在")) from None
    return render(request, "portals/warning_list.html", {"page": page})


@require_GET
def warning_detail(request, pk: int):
    try:
        warning = published_get(pk=pk)
    except NotFound:
        raise Http404(_("消费警示不存在或已撤回")) from None
    return render(request, "portals/warning_detail.html", {"warning": warning})
