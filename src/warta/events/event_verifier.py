"""The learned coder's last look: each coded mention judged in the light of its whole article.

The trigger model and the rankers (:mod:`warta.events.event_model`) decide one sentence at a time. Whether a
mention is a real event of that type and dyad also shows in what the coder found in the rest of the article:
"Israel" and "Qatar" named as the sides of most events of a report on a strike in Doha make a third telling of
the strike with "Hamas" as its target doubtful; an accusation coded once with a country no other event names
is more often wrong than one whose countries recur (corpus/train.jsonl, docs/coder.md stop 16). The verifier is
a small ensemble of regression trees over such article-level counts and the first models' own certainty
(the trigger's event probability, the source ranker's margin), trained on what the coder codes in articles it
was not trained on (:mod:`warta.training.event_verifier`). A mention whose probability of matching a gold event
stays under the verifier's bar is dropped before the mentions of one event are merged, unless the rule coder
coded the same type and dyad at its word (:func:`warta.events.event_model.code_with_model`).

Features are numbers in a fixed order (:data:`FEATURES`), so the trees are plain arrays: picklable and coded
with numpy alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from warta.records import EVENT_TYPES, STATUSES, Event

SOURCE_ORIGINS = ("sentence", "speaker", "previous", "home", "rule")
TARGET_ORIGINS = (*SOURCE_ORIGINS, "domestic", "none")
# the rule coder at the same word: the same type and dyad, the same type with another dyad, another type, nothing
RULE_AGREEMENT = ("dyad", "same", "other", "none")


@dataclass(frozen=True, slots=True)
class Mention:
    """One event mention as the learned coder coded it, before mentions of one event are merged, with what
    the models made of it."""

    event: Event
    sentence: int  # index of its sentence in the article
    mass: float  # the trigger word's event probability (one minus P(none))
    share: float  # the probability of its type
    source_margin: float  # the source ranker: the chosen candidate's score minus the runner-up's (or "no source")
    source_origin: str  # where the source came from (SOURCE_ORIGINS)
    target_origin: str  # where the target came from (TARGET_ORIGINS; "none": no target)
    rule: str  # what the rule coder coded at the same word (RULE_AGREEMENT)
    lexicon: bool  # a lexicon proposes the word (or the phrase it stands in) for the mention's type
    quoted: bool  # inside a direct quotation
    attributed: bool  # its sentence is attributed ("said", "kata")
    noun: bool  # a lexicon reads the trigger as an event noun
    words: int  # the sentence's length in words
    home: str | None  # the article's home country
    word: str  # the trigger word, lower-cased


def _one_hot(prefix: str, values: Sequence[str]) -> tuple[str, ...]:
    return tuple(f"{prefix}={v}" for v in values)


FEATURES: tuple[str, ...] = (
    *_one_hot("type", EVENT_TYPES),
    *_one_hot("status", STATUSES),
    *_one_hot("source", SOURCE_ORIGINS),
    *_one_hot("target", TARGET_ORIGINS),
    *_one_hot("rule", RULE_AGREEMENT),
    "mass", "share", "source_margin", "lexicon", "quoted", "attributed", "noun", "words",
    "sentence", "position",  # the sentence's index, and its place in the article (0 first, 1 last)
    "domestic", "no_target", "source_home", "target_home", "sources", "targets",
    # the article: how often the coder found this type, this type and dyad, this dyad of any type
    "type_count", "dyad_count", "pair_count", "type_rank", "mentions", "same_sentence", "word_count",
    # the two countries the coder's mentions name most, and how much of the article names the sides' countries
    "source_top", "target_top", "source_share", "target_share", "source_weight", "target_weight",
)  # fmt: skip
_INDEX = {name: i for i, name in enumerate(FEATURES)}


def _countries(actors) -> frozenset[str]:
    return frozenset(a.country for a in actors if a.country)


def features(mentions: Sequence[Mention]) -> np.ndarray:
    """One row of :data:`FEATURES` per mention of one article (all of its mentions, in text order)."""
    n = len(mentions)
    x = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if not n:
        return x
    sides = [(_countries(m.event.source), _countries(m.event.target)) for m in mentions]
    types = Counter(m.event.type for m in mentions)
    dyads = Counter((m.event.type, s, t) for m, (s, t) in zip(mentions, sides, strict=True))
    pairs = Counter(sides)
    words = Counter(m.word for m in mentions)
    sentences = Counter(m.sentence for m in mentions)
    # sorted: the same top two in every process (a set's order changes with the hash seed)
    named = Counter(c for s, t in sides for c in sorted(s | t))
    top = {c for c, _ in named.most_common(2)}
    last = max(m.sentence for m in mentions) or 1
    seen: Counter[str] = Counter()
    for r, (m, (source, target)) in enumerate(zip(mentions, sides, strict=True)):
        seen[m.event.type] += 1
        on = [f"type={m.event.type}", f"status={m.event.status}", f"source={m.source_origin}",
              f"target={m.target_origin}", f"rule={m.rule}"]  # fmt: skip
        row = x[r]
        for name in on:
            k = _INDEX.get(name)
            if k is not None:
                row[k] = 1.0
        values = {
            "mass": m.mass, "share": m.share, "source_margin": min(m.source_margin, 5.0), "lexicon": m.lexicon,
            "quoted": m.quoted, "attributed": m.attributed, "noun": m.noun, "words": m.words,
            "sentence": m.sentence, "position": m.sentence / last,
            "domestic": bool(target) and source == target, "no_target": not target,
            "source_home": m.home in source, "target_home": m.home in target,
            "sources": len(source), "targets": len(target),
            "type_count": types[m.event.type], "dyad_count": dyads[(m.event.type, source, target)],
            "pair_count": pairs[(source, target)], "type_rank": seen[m.event.type], "mentions": n,
            "same_sentence": sentences[m.sentence] - 1, "word_count": words[m.word],
            "source_top": bool(source & top), "target_top": bool(target & top),
            "source_share": sum(1 for s, _ in sides if s & source) / n,
            "target_share": sum(1 for s, t in sides if (s | t) & target) / n if target else -1.0,
            "source_weight": sum(named[c] for c in source) / n,
            "target_weight": sum(named[c] for c in target) / n if target else -1.0,
        }  # fmt: skip
        for name, value in values.items():
            row[_INDEX[name]] = float(value)
    return x


@dataclass(frozen=True, slots=True)
class Trees:
    """Binary regression trees whose leaf values add up to a log-odds (gradient boosting), as flat arrays:
    node ``k`` sends a row left when ``row[feature[k]] <= threshold[k]``; a leaf has ``left[k] == -1``."""

    feature: np.ndarray  # (nodes,) int
    threshold: np.ndarray  # (nodes,) float
    left: np.ndarray  # (nodes,) int, -1 at leaves
    right: np.ndarray  # (nodes,) int
    value: np.ndarray  # (nodes,) float, the leaf's contribution
    roots: np.ndarray  # (trees,) int
    bias: float
    # Derived for walking: the right children then the left ones, a leaf its own child (so every row takes the
    # same number of steps), and that number, the deepest leaf's depth.
    _children: np.ndarray = field(init=False, repr=False, compare=False)
    _depth: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        nodes = np.arange(len(self.left))
        leaf = self.left < 0
        children = np.concatenate([np.where(leaf, nodes, self.right), np.where(leaf, nodes, self.left)])
        depth, level = 0, self.roots[~leaf[self.roots]]
        while len(level):
            depth += 1
            level = np.concatenate([self.left[level], self.right[level]])
            level = level[~leaf[level]]
        object.__setattr__(self, "_children", children.astype(np.intp))
        object.__setattr__(self, "_depth", depth)

    def log_odds(self, x: np.ndarray) -> np.ndarray:
        """The ensemble's log-odds for each row of ``x``: all trees of all rows walked at once, one level per
        step (a few numpy calls per level rather than per tree: an article's mentions take about a millisecond)."""
        n, width = x.shape
        trees = len(self.roots)
        flat = np.ascontiguousarray(x, dtype=np.float64).ravel()
        row_start = np.repeat(np.arange(n, dtype=np.intp) * width, trees)
        node = np.tile(self.roots.astype(np.intp), n)
        nodes = len(self.left)
        for _ in range(self._depth):
            go_left = flat[row_start + self.feature[node]] <= self.threshold[node]
            node = self._children[go_left * nodes + node]
        return self.bias + self.value[node].reshape(n, trees).sum(axis=1)


@dataclass(frozen=True, slots=True)
class Verifier:
    """The trees and the bar: a mention is kept when its probability of being a gold event reaches it."""

    trees: Trees
    threshold: float

    def probabilities(self, mentions: Sequence[Mention]) -> np.ndarray:
        if not mentions:
            return np.zeros(0)
        return 1.0 / (1.0 + np.exp(-self.trees.log_odds(features(mentions))))

    def keep(self, mentions: Sequence[Mention]) -> list[bool]:
        return (self.probabilities(mentions) >= self.threshold).tolist()


_ARRAYS = ("feature", "threshold", "left", "right", "value", "roots")


def to_arrays(verifier: Verifier) -> dict[str, np.ndarray]:
    """The verifier as named arrays (stored in the event model's ``model.npz``)."""
    out = {f"verifier_{name}": getattr(verifier.trees, name) for name in _ARRAYS}
    out["verifier_settings"] = np.array([verifier.trees.bias, verifier.threshold])
    out["verifier_features"] = np.array(FEATURES, dtype=str)
    return out


def from_arrays(arrays) -> Verifier | None:
    """The verifier stored in ``arrays`` (None when the model has none). A verifier trained on other features
    than this version's is an error, not a silent misreading."""
    if "verifier_settings" not in arrays:
        return None
    if tuple(str(f) for f in arrays["verifier_features"]) != FEATURES:
        raise ValueError("the verifier was trained on other features than this version of warta computes")
    bias, threshold = map(float, arrays["verifier_settings"])
    parts = {name: arrays[f"verifier_{name}"] for name in _ARRAYS}
    return Verifier(Trees(**parts, bias=bias), threshold)
