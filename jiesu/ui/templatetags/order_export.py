"""The order list's export picker: which columns there are, which are ticked, which the viewer gets
masked. A tag rather than view context so the list view stays as it is, and the export view, which
re-renders the list page when it refuses, shows the picker with the user's own choice."""

from django import template

from jiesu.exports.selectors import export_column_list

register = template.Library()


@register.simple_tag
def export_columns(request) -> list[dict]:
    """The user's ticks when they have just asked for an export (`columns` in the query string),
    else the registry's defaults."""
    picked = request.GET.getlist("columns")
    return [
        {"choice": choice, "checked": choice.code in picked if picked else choice.default}
        for choice in export_column_list(viewer=request.user)
    ]
