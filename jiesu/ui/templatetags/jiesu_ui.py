"""Template helpers for the staff UI: list links that keep their filters, and status pills."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def querystring_without(request, *keys: str) -> str:
    """The current GET, urlencoded, minus `keys`.

    Keyset pagination must drop the old `cursor` when it builds the next link, while every filter
    the operator set stays in place. Unlike Django's {% querystring %}, this returns no leading "?".
    """
    query = request.GET.copy()
    for key in keys:
        query.pop(key, None)
    return query.urlencode()


@register.simple_tag
def status_pill(status_code: str, label: str) -> str:
    """The coloured pill for an order status: the code picks the colour (`.pill-<code>` in
    jiesu.css), the label is the translated name; both are escaped."""
    return format_html('<span class="pill pill-{}">{}</span>', status_code, label)
