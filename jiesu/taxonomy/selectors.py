"""Reading the taxonomy: the codes each field may take, their names, the category tree and the
classifier's keyword rules. Every user (intake, forms, API, templates, the classifier) reads through
here, so an entry added or retired in the admin takes effect everywhere without a code change.

The whole taxonomy is a few hundred short rows read on every intake and every suggestion, so it is
read once into a snapshot kept in Django's cache (shared by all processes with a shared CACHE_URL)
and, per process, in memory while the cache still names the same version. Saving or deleting a row
forgets both (taxonomy.signals).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from enum import StrEnum

from django.core.cache import cache
from django.db import OperationalError, ProgrammingError, transaction

from jiesu.taxonomy import defaults
from jiesu.taxonomy.models import (
    Category,
    DangerRule,
    FastResponseReason,
    IssueNature,
    Line,
    LineRule,
    Request,
    keywords_split,
)

CACHE_KEY = "taxonomy:snapshot"
VERSION_KEY = "taxonomy:version"


class Kind(StrEnum):
    """The order fields whose values come from the taxonomy."""

    LINE = "line"
    CATEGORY = "category"
    REQUEST = "request"
    ISSUE = "issue"
    FAST_RESPONSE_REASON = "fast_response_reason"


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    description: str = ""
    is_active: bool = True
    parent: str = ""
    alias: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class LineRuleData:
    precedence: int
    line: str
    name: str
    decides: bool
    boost: float
    keywords: tuple[str, ...]
    exceptions: tuple[str, ...]


@dataclass(frozen=True)
class DangerRuleData:
    name: str
    keywords: tuple[str, ...]
    reasons: tuple[str, ...]
    exceptions: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    """Every entry of every kind in admin order, active or not (a retired code still has a name to
    show on old orders), and the active keyword rules of active lines and reasons."""

    version: str
    entries: dict[str, tuple[Entry, ...]]
    line_rules: tuple[LineRuleData, ...] = ()
    danger_rules: tuple[DangerRuleData, ...] = ()
    _by_code: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        for kind, entries in self.entries.items():
            self._by_code[kind] = {entry.code: entry for entry in entries}

    def get(self, kind: str, code: str) -> Entry | None:
        return self._by_code[kind].get(code)


_local: Taxonomy | None = None


def _entries(model, kind: Kind) -> tuple[Entry, ...]:
    rows = model.objects.order_by("sort_order", "code")
    if kind == Kind.CATEGORY:
        rows = rows.select_related("parent")
    result = []
    for row in rows:
        result.append(Entry(
            code=row.code, name=row.name, description=row.description, is_active=row.is_active,
            parent=row.parent.code if kind == Kind.CATEGORY and row.parent_id else "",
            alias=getattr(row, "alias", ""), keywords=keywords_split(getattr(row, "keywords", "")),
        ))  # fmt: skip
    if kind == Kind.CATEGORY:
        result = _tree_order(result)
    return tuple(result)


def _tree_order(entries: list[Entry]) -> list[Entry]:
    """Each first-level category followed by its children, both in admin order. A child of a
    retired parent is retired with it: nobody can choose what the form no longer shows."""
    children: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.parent:
            children.setdefault(entry.parent, []).append(entry)
    ordered = []
    for entry in entries:
        if not entry.parent:
            ordered.append(entry)
            for child in children.get(entry.code, ()):
                ordered.append(child if entry.is_active else replace(child, is_active=False))
    return ordered


def _from_database() -> Taxonomy:
    entries = {
        Kind.LINE: _entries(Line, Kind.LINE),
        Kind.CATEGORY: _entries(Category, Kind.CATEGORY),
        Kind.REQUEST: _entries(Request, Kind.REQUEST),
        Kind.ISSUE: _entries(IssueNature, Kind.ISSUE),
        Kind.FAST_RESPONSE_REASON: _entries(FastResponseReason, Kind.FAST_RESPONSE_REASON),
    }
    line_rules = tuple(
        LineRuleData(rule.precedence, rule.line.code, rule.name, rule.decides, rule.boost,
                     keywords_split(rule.keywords), keywords_split(rule.exceptions))
        for rule in LineRule.objects.filter(is_active=True, line__is_active=True).select_related("line")
    )  # fmt: skip
    danger_rules = []
    for rule in DangerRule.objects.filter(is_active=True).prefetch_related("reasons"):
        reasons = tuple(
            r.code for r in sorted(rule.reasons.all(), key=lambda r: (r.sort_order, r.code)) if r.is_active
        )
        if reasons:
            danger_rules.append(DangerRuleData(rule.name, keywords_split(rule.keywords), reasons,
                                               keywords_split(rule.exceptions)))  # fmt: skip
    return Taxonomy(uuid.uuid4().hex, entries, line_rules, tuple(danger_rules))


def taxonomy_defaults() -> Taxonomy:
    """The shipped defaults as a snapshot, without a database: for one without the taxonomy tables
    (see defaults.py), and for tests of the classifier that need no database."""
    categories = [Entry(code, code) for code, _children in defaults.CATEGORIES]
    children = [Entry(child, child, parent=code) for code, kids in defaults.CATEGORIES for child in kids]
    entries = {
        Kind.LINE: tuple(Entry(code, name, description) for code, name, description in defaults.LINES),
        Kind.CATEGORY: tuple(_tree_order([*categories, *children])),
        Kind.REQUEST: tuple(
            Entry(code, code, alias=alias, keywords=words) for code, alias, words in defaults.REQUESTS
        ),
        Kind.ISSUE: tuple(Entry(code, code, alias=alias) for code, alias in defaults.ISSUES),
        Kind.FAST_RESPONSE_REASON: tuple(Entry(c, n, d) for c, n, d in defaults.FAST_RESPONSE_REASONS),
    }
    line_rules = tuple(
        LineRuleData(number, line, name, decides, boost, tuple(words), tuple(unless))
        for number, line, name, decides, boost, words, unless in defaults.LINE_RULES
    )
    order = [code for code, _name, _description in defaults.FAST_RESPONSE_REASONS]
    danger_rules = tuple(
        DangerRuleData(name, tuple(words), tuple(sorted(reasons, key=order.index)), tuple(unless))
        for name, words, reasons, unless in defaults.DANGER_RULES
    )
    return Taxonomy("defaults", entries, line_rules, danger_rules)


def _read() -> Taxonomy:
    """From the database; from the shipped defaults when its taxonomy tables do not exist (a data
    folder `jiesu classify` uses without migrating). The savepoint keeps a surrounding transaction
    usable after PostgreSQL's "relation does not exist"."""
    try:
        with transaction.atomic():
            return _from_database()
    except (OperationalError, ProgrammingError):
        return taxonomy_defaults()


def taxonomy_get() -> Taxonomy:
    """The current snapshot. The defaults read for a missing table are not cached, so the real
    rows are used as soon as the database is migrated."""
    global _local
    version = cache.get(VERSION_KEY)
    local = _local
    if local is not None and version is not None and local.version == version:
        return local
    snapshot = cache.get(CACHE_KEY) if version is not None else None
    if snapshot is None or snapshot.version != version:
        snapshot = _read()
        if snapshot.version != "defaults":
            cache.set_many({CACHE_KEY: snapshot, VERSION_KEY: snapshot.version}, timeout=None)
    _local = snapshot
    return snapshot


def taxonomy_cache_clear() -> None:
    """Forget the snapshot in this process and in the shared cache (after any taxonomy write)."""
    global _local
    _local = None
    cache.delete_many([CACHE_KEY, VERSION_KEY])


def taxonomy_entries(kind: str, *, active: bool = True) -> list[Entry]:
    """The entries of a kind in admin order; only those staff may choose now unless `active` is off."""
    return [entry for entry in taxonomy_get().entries[kind] if entry.is_active or not active]


def taxonomy_codes(kind: str, *, active: bool = True) -> list[str]:
    """The codes a new order may carry for this field, in admin order; with `active` off also the
    retired ones old orders still carry (a list filter must find those)."""
    return [entry.code for entry in taxonomy_entries(kind, active=active)]


def taxonomy_choices(kind: str, *, active: bool = True) -> list[tuple[str, str]]:
    """(code, label) pairs for a form's select; second-level categories read "parent › child"."""
    return [(entry.code, taxonomy_label(kind, entry.code)) for entry in taxonomy_entries(kind, active=active)]


def taxonomy_label(kind: str, code: str) -> str:
    """The name staff read for a code, retired or not, or for an English alias (orders stored the
    demo's "after_sales" before issue natures were checked); an unknown code is shown as it is
    rather than hidden (an order imported with a code this deployment never had)."""
    taxonomy = taxonomy_get()
    entry = taxonomy.get(kind, code) or next(
        (e for e in taxonomy.entries[kind] if code and e.alias == code), None
    )
    if entry is None:
        return str(code or "")
    if entry.parent:
        parent = taxonomy.get(kind, entry.parent)
        return f"{parent.name} › {entry.name}" if parent else entry.name
    return entry.name


def taxonomy_resolve(kind: str, value: str) -> str | None:
    """The active code `value` names, by its code or its English alias (the API accepts "return"
    for 退货); None when it names nothing staff may choose now."""
    value = (value or "").strip()
    if not value:
        return None
    for entry in taxonomy_entries(kind):
        if value == entry.code or (entry.alias and value == entry.alias):
            return entry.code
    return None


@dataclass(frozen=True)
class CategoryNode:
    entry: Entry
    children: tuple[Entry, ...]


def category_tree() -> list[CategoryNode]:
    """The active first-level categories, each with its active children."""
    nodes: list[CategoryNode] = []
    children: dict[str, list[Entry]] = {}
    for entry in taxonomy_entries(Kind.CATEGORY):
        if entry.parent:
            children.setdefault(entry.parent, []).append(entry)
    for entry in taxonomy_entries(Kind.CATEGORY):
        if not entry.parent:
            nodes.append(CategoryNode(entry, tuple(children.get(entry.code, ()))))
    return nodes
