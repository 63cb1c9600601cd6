"""Form choices from the taxonomy, given to fields as callables: Django calls them each time the
form renders or validates, so an entry added or retired in the admin shows at once, without a
restart (a list built at import would keep the codes of the day the server started)."""

from collections.abc import Callable
from functools import partial

from django.utils.translation import gettext_lazy as _

from jiesu.taxonomy.selectors import taxonomy_choices

Choices = Callable[[], list[tuple[str, str]]]


def taxonomy_field_choices(kind: str) -> Choices:
    """The active entries: what a new order or a correction may choose."""
    return partial(taxonomy_choices, kind)


def _with_blank(kind: str, blank, active: bool) -> list[tuple[str, str]]:
    return [("", blank), *taxonomy_choices(kind, active=active)]


def suggested_or(kind: str) -> Choices:
    """Intake's select: left blank, the classifier's suggestion fills it."""
    return partial(_with_blank, kind, _("（系统建议）"), True)


def any_or(kind: str) -> Choices:
    """A list filter's select: every entry, retired ones too, since old orders still carry them."""
    return partial(_with_blank, kind, _("全部"), False)


def none_or(kind: str) -> Choices:
    """An optional field on an existing order."""
    return partial(_with_blank, kind, "—", True)
