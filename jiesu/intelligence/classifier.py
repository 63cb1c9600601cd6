"""Suggests an order's line, category, requests, issue nature and urgency from its description.

Pure Python, scikit-learn and jieba; no ORM (training.py adds the deployment's own orders). Two
sources are combined: the keyword rules of rules.py, which carry taxonomy.md's boundary rules and the
fast-response dangers, and linear models over one shared feature matrix (TF-IDF of character 1-3
grams, robust to the typos and variants of dictated text, plus jieba words, which make the
explanation readable). A deciding boundary rule overrides the line model; the model's other
candidates are still listed so the operator sees the alternatives.

The trained model is cached in the data folder with a fingerprint of the corpus, the rules and the
library versions, and retrained when the fingerprint no longer matches: nothing pickled is shipped.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import logging
import os
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jieba
import joblib
import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from jiesu.intelligence import rules as rule_data
from jiesu.intelligence.rules import RuleSet, rules_current
from jiesu.orders.choices import Urgency

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
CORPUS_COLUMNS = ("line", "urgency", "fast_response_reasons", "category", "requests", "issue", "text")
#: Bump when features or heads change, so stored models trained the old way are retrained.
FEATURES_VERSION = "1"
#: How many keywords a model-made reason names.
KEYWORDS_SHOWN = 3
MULTILABEL_THRESHOLD = 0.4

jieba.setLogLevel(logging.WARNING)


@dataclass(frozen=True)
class Labels:
    """What an operator set on an order; None where a row does not say (a correction names one field)."""

    line: str | None = None
    category: str | None = None
    requests: tuple[str, ...] | None = None
    issue: str | None = None
    urgency: str | None = None
    fast_response_reasons: tuple[str, ...] | None = None


@dataclass(frozen=True)
class LineSuggestion:
    code: str
    confidence: float
    reason: str


@dataclass(frozen=True)
class Classification:
    line: LineSuggestion
    line_candidates: list[tuple[str, float]]
    category: str
    requests: list[str]
    issue: str
    urgency: str
    fast_response_reasons: list[str]

    def as_dict(self) -> dict:
        """The `jiesu classify` shape: confidences rounded to three decimals."""
        return {
            "line": {"code": self.line.code, "confidence": round(self.line.confidence, 3), "reason": self.line.reason},
            "line_candidates": [{"code": code, "confidence": round(p, 3)} for code, p in self.line_candidates],
            "category": self.category, "requests": self.requests, "issue": self.issue,
            "urgency": self.urgency, "fast_response_reasons": self.fast_response_reasons,
        }  # fmt: skip


# --- the corpus ------------------------------------------------------------------------------


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.replace("，", ",").split(",") if part.strip())


def _row_labels(row: dict) -> Labels:
    def cell(name: str) -> str | None:
        return (row.get(name) or "").strip() or None

    reasons = row.get("fast_response_reasons")
    requests = row.get("requests")
    return Labels(
        line=cell("line"), category=cell("category"), issue=cell("issue"), urgency=cell("urgency"),
        requests=_split(requests) if requests is not None else None,
        fast_response_reasons=_split(reasons) if reasons is not None else None,
    )  # fmt: skip


def labelled_rows_read(text: str) -> Iterator[tuple[str, Labels]]:
    """Rows of a labelled CSV or TSV: the corpus header, or just `text` and `line` (evaluation files
    exported from a spreadsheet). The delimiter is whichever of tab and comma the header uses."""
    header = text.split("\n", 1)[0]
    delimiter = "\t" if header.count("\t") >= header.count(",") else ","
    for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter):
        body = (row.get("text") or "").strip()
        if body:
            yield body, _row_labels(row)


def corpus_files(kind: str, corpus_dir: Path = CORPUS_DIR) -> list[Path]:
    """`kind` is "train" or "heldout": train_a.tsv, train_b.tsv ... in name order."""
    return sorted(corpus_dir.glob(f"{kind}_*.tsv"))


def _files_rows(paths: Iterable[Path]) -> Iterator[tuple[str, Labels]]:
    for path in paths:
        yield from labelled_rows_read(path.read_text(encoding="utf-8"))


def training_rows(corpus_dir: Path = CORPUS_DIR) -> Iterator[tuple[str, Labels]]:
    """The shipped training corpus; training.py adds the deployment's confirmed orders."""
    return _files_rows(corpus_files("train", corpus_dir))


def heldout_rows(corpus_dir: Path = CORPUS_DIR) -> Iterator[tuple[str, Labels]]:
    """Texts never trained on, for the accuracy `jiesu classifier train` reports."""
    return _files_rows(corpus_files("heldout", corpus_dir))


def corpus_fingerprint(paths: Iterable[Path], rules: RuleSet) -> str:
    """Changes with the corpus, the rule words (they steer segmentation) and the library versions
    (a model pickled by another scikit-learn may not load, or load wrong)."""
    digest = hashlib.sha256()
    for part in (FEATURES_VERSION, sklearn.__version__, jieba.__version__, *sorted(rules.words())):
        digest.update(part.encode() + b"\0")
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


# --- features --------------------------------------------------------------------------------

_segmenter: jieba.Tokenizer | None = None
_segmenter_lock = threading.Lock()


_segmenter_words: set[str] = set()


def _segmenter_get() -> jieba.Tokenizer:
    """One jieba dictionary per process."""
    global _segmenter
    with _segmenter_lock:
        if _segmenter is None:
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _segmenter = tokenizer
    return _segmenter


def _segmenter_teach(words: Iterable[str]) -> None:
    """Teach the dictionary the rule words so 惩罚性赔偿 stays one token; words the admin adds later
    are learnt when the classifier takes up the new rules."""
    new = set(words) - _segmenter_words
    if new:
        tokenizer = _segmenter_get()
        with _segmenter_lock:
            for word in sorted(new):
                tokenizer.add_word(word, freq=100_000)
            _segmenter_words.update(new)


def words(text: str) -> list[str]:
    """Module-level (not a lambda) so the fitted vectoriser pickles. HMM off: it guesses unknown
    words at half the speed, and the character n-grams already cover what it would find."""
    return [w for w in _segmenter_get().lcut(text, HMM=False) if len(w) > 1 and not w.isdigit()]


class Features:
    """Character 1-3 grams and jieba words side by side, with one list of names for explanations."""

    def __init__(self):
        self.chars = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=3)
        self.words = TfidfVectorizer(analyzer=words, sublinear_tf=True, min_df=1)
        self.names: np.ndarray = np.array([])
        self.word_start = 0

    def fit_transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        matrix = sp.hstack([self.chars.fit_transform(texts), self.words.fit_transform(texts)]).tocsr()
        char_names = self.chars.get_feature_names_out()
        self.word_start = len(char_names)
        self.names = np.concatenate([char_names, self.words.get_feature_names_out()])
        return matrix

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        return sp.hstack([self.chars.transform(texts), self.words.transform(texts)]).tocsr()


# --- heads -----------------------------------------------------------------------------------


def _logistic(c: float) -> LogisticRegression:
    """liblinear's dual solver: with tens of thousands of n-gram features and about a thousand rows
    it fits in a fraction of a second, where lbfgs took over ten seconds per head for the same
    accuracy. "balanced" because rare lines (a few dozen rows) must not be drowned by common ones."""
    return LogisticRegression(solver="liblinear", dual=True, C=c, class_weight="balanced", max_iter=1000)


class SingleHead:
    """One label per text (line, category, issue, urgency), one-vs-rest; a constant when the data
    has one value."""

    def __init__(self, c: float = 10.0):
        self.c = c
        self.model: OneVsRestClassifier | None = None
        self.classes: np.ndarray = np.array([])
        self._weights: dict[str, np.ndarray] | None = None

    def fit(self, matrix: sp.csr_matrix, labels: Sequence[str | None]) -> SingleHead:
        keep = [i for i, label in enumerate(labels) if label]
        values = np.array([labels[i] for i in keep])
        self.classes = np.unique(values)
        if len(self.classes) > 1:
            self.model = OneVsRestClassifier(_logistic(self.c)).fit(matrix[keep], values)
            self.classes = self.model.classes_
            self._weights = None
        return self

    def proba(self, matrix: sp.csr_matrix) -> np.ndarray:
        if self.model is not None:
            return self.model.predict_proba(matrix)
        return np.ones((matrix.shape[0], max(len(self.classes), 1)))

    def predict(self, matrix: sp.csr_matrix, default: str = "") -> list[str]:
        if not len(self.classes):
            return [default] * matrix.shape[0]
        return [str(value) for value in self.classes[self.proba(matrix).argmax(axis=1)]]

    def weights(self, label: str) -> np.ndarray:
        """Per-feature weights towards one class, gathered once per model (explanations ask per
        row); a two-class model stores only the second class's."""
        if self._weights is None:
            estimators = self.model.estimators_
            rows = [e.coef_[0] for e in estimators]
            self._weights = dict(zip(self.classes, [-rows[0], rows[0]] if len(rows) == 1 else rows, strict=True))
        return self._weights[label]


class MultiHead:
    """Several labels per text (requests, fast-response reasons): one binary model per label seen
    both present and absent; a label present in every row is always suggested."""

    def __init__(self, c: float = 10.0):
        self.c = c
        self.models: dict[str, LogisticRegression | None] = {}

    def fit(self, matrix: sp.csr_matrix, labels: Sequence[tuple[str, ...] | None]) -> MultiHead:
        keep = [i for i, label in enumerate(labels) if label is not None]
        names = sorted({name for i in keep for name in labels[i]})
        for name in names:
            target = np.array([name in labels[i] for i in keep])
            if target.all():
                self.models[name] = None
                continue
            self.models[name] = _logistic(self.c).fit(matrix[keep], target)
        return self

    def predict(self, matrix: sp.csr_matrix) -> list[set[str]]:
        found: list[set[str]] = [set() for _ in range(matrix.shape[0])]
        for name, model in self.models.items():
            present = np.ones(matrix.shape[0], bool) if model is None else (
                model.predict_proba(matrix)[:, 1] >= MULTILABEL_THRESHOLD)
            for i in np.flatnonzero(present):
                found[i].add(name)
        return found


# --- the classifier --------------------------------------------------------------------------


@dataclass
class TrainingSummary:
    rows: int = 0
    by_field: dict[str, int] = field(default_factory=dict)


class Classifier:
    """Fit once on labelled rows, then classify texts in batches (the features of a batch are one
    sparse matrix, so every head is one matrix product)."""

    def __init__(self, rules: RuleSet):
        self.rules = rules
        _segmenter_teach(rules.words())
        self.features = Features()
        self.heads = {"line": SingleHead(), "category": SingleHead(), "issue": SingleHead(),
                      "urgency": SingleHead(), "requests": MultiHead(), "fast_response_reasons": MultiHead()}  # fmt: skip
        self.summary = TrainingSummary()
        self.fingerprint = ""

    def with_rules(self, rules: RuleSet) -> Classifier:
        """The same trained model applying other keyword rules (the admin's current ones)."""
        bound = copy.copy(self)
        bound.rules = rules
        _segmenter_teach(rules.words())
        return bound

    def fit(self, rows: Iterable[tuple[str, Labels]]) -> Classifier:
        texts, labels = _unzip(rows)
        if not any(label.line for label in labels):
            raise ValueError("no row has a line: nothing to learn the line from")
        matrix = self.features.fit_transform(texts)
        for name, head in self.heads.items():
            values = [getattr(label, name) for label in labels]
            head.fit(matrix, values)
            self.summary.by_field[name] = sum(value is not None for value in values)
        self.summary.rows = len(texts)
        return self

    def classify(self, text: str) -> Classification:
        return self.classify_many([text])[0]

    def classify_many(self, texts: Sequence[str]) -> list[Classification]:
        if not texts:
            return []
        matrix = self.features.transform(texts)
        found = [self.rules.scan(text) for text in texts]
        lines = self._lines(matrix, found)
        heads = self.heads
        categories = heads["category"].predict(matrix, "其他商品")
        issues = heads["issue"].predict(matrix, "其他")
        urgencies = heads["urgency"].predict(matrix, Urgency.NORMAL)
        requests = heads["requests"].predict(matrix)
        reasons = heads["fast_response_reasons"].predict(matrix)
        return [
            self._assemble(found[i], lines[i], categories[i], issues[i], urgencies[i], requests[i], reasons[i])
            for i in range(len(texts))
        ]

    def line_probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Final line distribution (rules applied) over the rules' line codes, for evaluation's top-k."""
        matrix = self.features.transform(texts)
        found = [self.rules.scan(text) for text in texts]
        return self._line_distributions(matrix, found)[0]

    def _assemble(self, found, line, category, issue, urgency, requests, reasons) -> Classification:
        stated = rule_data.requests_stated(found, self.rules)
        danger = rule_data.danger(found, self.rules)
        if danger.urgency == Urgency.FAST:
            urgency, reasons = Urgency.FAST, set(danger.reasons)
        elif urgency != Urgency.FAST:
            reasons = set()
        elif not reasons:
            urgency = Urgency.URGENT  # the model alone cannot say which fast-response case applies
        wanted = set(stated) | requests
        return Classification(
            line=line[0], line_candidates=line[1], category=category, issue=issue, urgency=str(urgency),
            requests=[name for name in self.rules.requests if name in wanted],
            fast_response_reasons=[code for code in self.rules.reason_codes if code in reasons],
        )  # fmt: skip

    def _line_distributions(self, matrix, found) -> tuple[np.ndarray, list, list[str]]:
        """Rows over the active lines: the model's probabilities, then rules 4-8 hinting and 1-3
        deciding. Also each row's rule hit (deciding first) and the model's own first choice. A line
        the model learnt but the admin retired is left out and the rest renormalised."""
        head, lines = self.heads["line"], self.rules.line_codes
        dists = np.zeros((matrix.shape[0], len(lines)))
        known = [j for j, code in enumerate(head.classes) if code in lines]
        dists[:, [lines.index(head.classes[j]) for j in known]] = head.proba(matrix)[:, known]
        totals = dists.sum(axis=1, keepdims=True)
        dists = np.divide(dists, totals, out=dists, where=totals > 0)
        model_tops = [lines[j] for j in dists.argmax(axis=1)]
        shown = []
        for i, words in enumerate(found):
            hits = rule_data.line_hits(words, self.rules)
            if hits:
                dists[i] = _hinted(dists[i], hits, lines)
            hit = rule_data.deciding_hit(hits)
            if hit is not None:
                dists[i] = _decided(dists[i], lines.index(hit.rule.line), self.rules.decide_confidence)
            shown.append(hit or next(iter(hits), None))
        return dists, shown, model_tops

    def _lines(self, matrix, found) -> list[tuple[LineSuggestion, list[tuple[str, float]]]]:
        dists, hits, model_tops = self._line_distributions(matrix, found)
        lines = self.rules.line_codes
        tops = np.argsort(-dists, axis=1)[:, :3]
        result = []
        for i, order in enumerate(tops):
            dist, code = dists[i], lines[order[0]]
            reason = self._line_reason(matrix, i, code, hits[i], model_tops[i])
            candidates = [(lines[j], float(dist[j])) for j in order if dist[j] > 0]
            result.append((LineSuggestion(code, float(dist[order[0]]), reason), candidates))
        return result

    def _line_reason(self, matrix, row: int, code: str, hit, model_top: str) -> str:
        if hit is not None and hit.rule.decides:
            if model_top != code:
                return f"{hit.explanation}，优先于模型判断（{self.rules.line_names.get(model_top, model_top)}）"
            return hit.explanation
        keywords = self._keywords(matrix, row, code)
        parts = [hit.explanation] if hit is not None and hit.rule.line == code else []
        if keywords:
            parts.append("关键词：" + "、".join(keywords))
        return "；".join(parts) or f"模型判断：{self.rules.line_names.get(code, code)}（无明显关键词）"

    def _keywords(self, matrix, row: int, code: str) -> list[str]:
        """The features that pushed this row towards `code` most: jieba words first, because
        "健身卡" reads better than the n-gram "身卡"; n-grams only fill what words leave."""
        head = self.heads["line"]
        if head.model is None or code not in head.classes:
            return []
        weights = head.weights(code)
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        indices = matrix.indices[start:end]
        contributions = matrix.data[start:end] * weights[indices]
        strongest = np.argsort(-contributions)[: 4 * KEYWORDS_SHOWN]
        ranked = [indices[k] for k in strongest if contributions[k] > 0]
        names = self.features.names
        chosen = [names[j] for j in ranked if j >= self.features.word_start]
        chosen += [names[j] for j in ranked if j < self.features.word_start and _readable(names[j])]
        return _distinct(chosen)[:KEYWORDS_SHOWN]


def _unzip(rows: Iterable[tuple[str, Labels]]) -> tuple[list[str], list[Labels]]:
    texts, labels = [], []
    for text, label in rows:
        texts.append(text)
        labels.append(label)
    return texts, labels


def _hinted(dist: np.ndarray, hits, lines: tuple[str, ...]) -> np.ndarray:
    """Rules 4-8 add their boost to their line: enough to tip a close call, never a clear one."""
    boosts = [(lines.index(hit.rule.line), hit.rule.boost) for hit in hits if not hit.rule.decides]
    if not boosts:
        return dist
    dist = dist.copy()
    for index, boost in boosts:
        dist[index] += boost
    return dist / dist.sum()


def _decided(dist: np.ndarray, index: int, confidence: float) -> np.ndarray:
    """The deciding rule's line gets at least `confidence`; the others keep their proportions."""
    dist = dist.copy()
    target = max(confidence, dist[index])
    rest = 1.0 - dist[index]
    others = np.arange(len(dist)) != index
    dist[others] = dist[others] * ((1.0 - target) / rest) if rest > 0 else 0.0
    dist[index] = target
    return dist


def _readable(gram: str) -> bool:
    """A character n-gram worth showing: two or more characters and no punctuation or spaces."""
    return len(gram) > 1 and all(char.isalnum() for char in gram)


def _distinct(words: list[str]) -> list[str]:
    """Drop a keyword contained in one already chosen (跑路 after 卷款跑路) and vice versa."""
    chosen: list[str] = []
    for word in words:
        if not any(word in other or other in word for other in chosen):
            chosen.append(word)
    return chosen


# --- persistence -----------------------------------------------------------------------------

_loaded: Classifier | None = None
_load_lock = threading.Lock()


def model_path() -> Path:
    from django.conf import settings

    return Path(settings.DATA_DIR) / "classifier" / "model.joblib"


def classifier_save(classifier: Classifier, path: Path) -> None:
    """Write to a temporary file and rename, so a concurrent reader never sees half a model."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        joblib.dump(classifier, temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def _stored(path: Path, fingerprint: str) -> Classifier | None:
    try:
        classifier = joblib.load(path)
    except Exception:  # missing, truncated or written by an incompatible library: retrain
        return None
    if isinstance(classifier, Classifier) and classifier.fingerprint == fingerprint:
        return classifier
    return None


def classifier_train(
    rows: Iterable[tuple[str, Labels]], *, path: Path | None = None, corpus_dir: Path = CORPUS_DIR
) -> Classifier:
    """Fit on `rows` (the corpus, optionally with the deployment's orders), store it and make it the
    one `classifier_get` returns. The fingerprint names the corpus and the rules only: a model that
    also learnt from confirmed orders stays in use until the shipped corpus or the rules change."""
    global _loaded
    rules = rules_current()
    classifier = Classifier(rules).fit(rows)
    classifier.fingerprint = corpus_fingerprint(corpus_files("train", corpus_dir), rules)
    classifier_save(classifier, path or model_path())
    with _load_lock:
        _loaded = classifier
    return classifier


def classifier_get(*, path: Path | None = None, corpus_dir: Path = CORPUS_DIR) -> Classifier:
    """The process's classifier: loaded from the data folder, or trained from the shipped corpus on
    first use (a few seconds) when none is stored or the stored one is stale. The lock makes
    concurrent first requests train once. It applies the keyword rules as the admin has them now:
    an edited rule takes effect at once, without retraining the model."""
    global _loaded
    rules = rules_current()
    loaded = _loaded
    if loaded is not None and loaded.rules is rules:
        return loaded
    with _load_lock:
        if _loaded is None:
            _load_or_train(path or model_path(), corpus_dir, rules)
        elif _loaded.rules is not rules:
            _loaded = _loaded.with_rules(rules)
        return _loaded


def _load_or_train(path: Path, corpus_dir: Path, rules: RuleSet) -> None:
    global _loaded
    fingerprint = corpus_fingerprint(corpus_files("train", corpus_dir), rules)
    classifier = _stored(path, fingerprint)
    if classifier is not None:
        classifier = classifier.with_rules(rules)
    else:
        classifier = Classifier(rules).fit(training_rows(corpus_dir))
        classifier.fingerprint = fingerprint
        classifier_save(classifier, path)
    _loaded = classifier


def classifier_forget() -> None:
    """Drop the process's classifier (tests; after the model file was replaced by another process)."""
    global _loaded
    with _load_lock:
        _loaded = None


# --- evaluation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    rows: int
    accuracy: float
    top3_accuracy: float
    macro_f1: float
    labels: list[str]
    confusion: list[list[int]]


def evaluate(classifier: Classifier, rows: Iterable[tuple[str, Labels]]) -> Evaluation:
    """Line accuracy, top-3 accuracy and macro-F1 over the rows that have a line, with the
    confusion matrix (rows = true line, columns = suggested) over the lines that occur."""
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

    pairs = [(text, label.line) for text, label in rows if label.line]
    if not pairs:
        raise ValueError("no row has both text and line")
    texts, truth = [p[0] for p in pairs], [p[1] for p in pairs]
    dist = classifier.line_probabilities(texts)
    lines = classifier.rules.line_codes
    predicted = [lines[i] for i in dist.argmax(axis=1)]
    top3 = np.argsort(-dist, axis=1)[:, :3]
    in_top3 = [lines.index(t) in top3[i] if t in lines else False for i, t in enumerate(truth)]
    labels = [code for code in lines if code in set(truth) | set(predicted)]
    labels += sorted(set(truth) - set(lines))
    return Evaluation(
        rows=len(pairs), accuracy=float(accuracy_score(truth, predicted)),
        top3_accuracy=float(np.mean(in_top3)),
        macro_f1=float(f1_score(truth, predicted, labels=labels, average="macro", zero_division=0)),
        labels=labels, confusion=confusion_matrix(truth, predicted, labels=labels).tolist(),
    )  # fmt: skip
