"""The classifier's keyword rules, read from the taxonomy a deployment edits in its admin, and the
code that matches them.

Line rules are taxonomy.md section 1's boundary rules in their order. The first three *decide* the
line whatever the product (职业索赔, 预付式消费, 特种设备): the wording is unambiguous and the
statistical model would otherwise follow the product named in the text. Rules 4-8 only *hint*: they
add a little weight to their line and the model still decides, because their words ("标价", "汽车")
also appear in orders that belong elsewhere. Rule 9 (everything else → general) is the model's job.

Danger rules mark fast response (seed 002, taxonomy.md section 5) with the reason intake shows;
request rules catch the plain words of the nine requests (诉求) so a request stated in the text is
never missed by the model.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from jiesu.orders.choices import Urgency
from jiesu.taxonomy.selectors import Kind, Taxonomy, taxonomy_get


@dataclass(frozen=True)
class LineRule:
    """`markers` are substrings; the rule fires on the first one present unless one of `unless` is
    present too (a supermarket's 会员积分 is no prepaid card, an 电梯房 is a flat)."""

    number: int
    line: str
    name: str
    markers: tuple[str, ...]
    decides: bool = False
    unless: tuple[str, ...] = ()
    boost: float = 0.0

    def match(self, found: set[str]) -> str | None:
        if found.isdisjoint(self.unless):
            return next((word for word in self.markers if word in found), None)
        return None


@dataclass(frozen=True)
class DangerRule:
    """Words that qualify an order for fast response and the reasons they give."""

    name: str
    markers: tuple[str, ...]
    reasons: tuple[str, ...]
    unless: tuple[str, ...] = ()

    def match(self, found: set[str]) -> str | None:
        if found.isdisjoint(self.unless):
            return next((word for word in self.markers if word in found), None)
        return None


@dataclass(frozen=True)
class RuleSet:
    """The keyword rules together with the line and reason codes they may name: the classifier
    suggests only active lines (a line added in the admin is suggested once a rule names it) and
    lists reasons in admin order."""

    lines: tuple[LineRule, ...]
    dangers: tuple[DangerRule, ...]
    requests: dict[str, tuple[str, ...]] = field(default_factory=dict)
    line_codes: tuple[str, ...] = ()
    line_names: dict[str, str] = field(default_factory=dict)
    reason_codes: tuple[str, ...] = ()
    #: Confidence a deciding rule gives its line; the model's candidates share what is left.
    decide_confidence: float = 0.95

    def words(self) -> set[str]:
        """Every marker, so the word segmenter keeps them whole (惩罚性赔偿, not 惩罚/性/赔偿)."""
        return {w for w in self._all_words() if len(w) > 1}

    def _all_words(self) -> set[str]:
        found = {w for rule in self.lines for w in (*rule.markers, *rule.unless)}
        found |= {w for rule in self.dangers for w in (*rule.markers, *rule.unless)}
        return found | {w for words in self.requests.values() for w in words}

    def scan(self, text: str) -> set[str]:
        """The rule words present in `text`, found once for all rules. Words are looked up by their
        first two characters, so a text costs one dict lookup per character instead of a substring
        search per word: the rules must keep up with batch classification (2,000 texts a second)."""
        index = self.__dict__.get("_index")
        if index is None:
            index = {}
            for word in self._all_words():
                index.setdefault(word[:2] if len(word) > 1 else "", []).append(word)
            object.__setattr__(self, "_index", index)
        found = {word for word in index.get("", ()) if word in text}
        for i in range(len(text) - 1):
            for word in index.get(text[i : i + 2], ()):
                if text.startswith(word, i):
                    found.add(word)
        return found


_built: tuple[str, RuleSet] | None = None


def rules_current() -> RuleSet:
    """The rules of the taxonomy as the admin has them now, rebuilt only when the taxonomy changed
    (its snapshot version), because a RuleSet builds its word index once and then scans thousands
    of texts a second with it."""
    global _built
    taxonomy = taxonomy_get()
    built = _built
    if built is not None and built[0] == taxonomy.version:
        return built[1]
    ruleset = rules_build(taxonomy)
    _built = (taxonomy.version, ruleset)
    return ruleset


def rules_build(taxonomy: Taxonomy) -> RuleSet:
    """A taxonomy snapshot's active rules and codes as the classifier applies them."""

    def active(kind: Kind):
        return [entry for entry in taxonomy.entries[kind] if entry.is_active]

    lines = active(Kind.LINE)
    return RuleSet(
        lines=tuple(
            LineRule(r.precedence, r.line, r.name, r.keywords, decides=r.decides, unless=r.exceptions, boost=r.boost)
            for r in sorted(taxonomy.line_rules, key=lambda r: r.precedence)
        ),
        dangers=tuple(DangerRule(r.name, r.keywords, r.reasons, unless=r.exceptions) for r in taxonomy.danger_rules),
        requests={entry.code: entry.keywords for entry in active(Kind.REQUEST)},
        line_codes=tuple(entry.code for entry in lines),
        line_names={entry.code: entry.name for entry in lines},
        reason_codes=tuple(entry.code for entry in active(Kind.FAST_RESPONSE_REASON)),
    )


@dataclass(frozen=True)
class LineHit:
    rule: LineRule
    word: str

    @property
    def explanation(self) -> str:
        """A deciding rule is named as the rule; a hint only as the word that leant towards it."""
        if self.rule.decides:
            return f"命中规则：{self.rule.name}（{self.word}）"
        return f"提示词：{self.word}"


@dataclass(frozen=True)
class Danger:
    urgency: str
    reasons: list[str]
    words: list[str]


def line_hits(found: set[str], rules: RuleSet) -> list[LineHit]:
    """Every line rule that fires, in taxonomy order, so the first deciding hit is the boundary rule
    that wins (a 十倍赔偿 demand about a gym card is professional_claim, rule 1 before rule 2).
    `found` is `rules.scan(text)`, computed once per text for every rule."""
    hits = []
    for rule in rules.lines:
        word = rule.match(found)
        if word:
            hits.append(LineHit(rule, word))
    return hits


def deciding_hit(hits: Iterable[LineHit]) -> LineHit | None:
    return next((hit for hit in hits if hit.rule.decides), None)


def danger(found: set[str], rules: RuleSet) -> Danger:
    """Fast response when any danger rule fires, with the union of their reasons in code order."""
    reasons: set[str] = set()
    words = []
    for rule in rules.dangers:
        word = rule.match(found)
        if word:
            reasons.update(rule.reasons)
            words.append(word)
    ordered = [code for code in rules.reason_codes if code in reasons]
    return Danger(Urgency.FAST if ordered else Urgency.NORMAL, ordered, words)


def requests_stated(found: set[str], rules: RuleSet) -> list[str]:
    """Requests named in the text, in taxonomy order."""
    return [name for name, words in rules.requests.items() if not found.isdisjoint(words)]
