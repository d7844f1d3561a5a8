"""Training and cross-validating the learned event coder on ``corpus/train.jsonl``.

Gold events are aligned to warta's own sentences and words: the gold ``sentence`` is found in the text, the
gold ``trigger`` inside it, and the word of the trigger that a lexicon proposes for the gold type (else the
first content word) is the positive example of that type; every other candidate word of the article is a
"none" example. For each aligned gold event, every argument candidate (:func:`warta.events.event_model.
candidates`) is labelled source, target or neither by its mention text and country against the gold actors.

The trigger model is an L2-regularised multinomial logistic regression (scikit-learn); the source and target
rankers are conditional logits (one score per candidate, a softmax over the candidates of one gold event, fitted
with scipy's L-BFGS): trained to put the gold side's candidates above the others of the same trigger, which an
independent classifier of each candidate is not. All three are exported to the plain-numpy
:class:`~warta.events.event_model.LinearModel`. Only features seen at least twice in the training articles are
kept, which bounds the model's size and keeps one-off words from being memorised.

Cross-validation follows ``corpus/folds.tsv`` (five folds grouped by article): each fold is coded by a model
trained on the other four, never by one that saw it.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from warta.errors import ModelError
from warta.events.event_features import (
    Candidate,
    argument_features,
    is_candidate,
    nobody_features,
    target_features,
    trigger_features,
)
from warta.events.event_model import (
    NONE,
    CodedSentence,
    EventModel,
    LinearModel,
    candidates,
    code_with_model,
    prepare,
    rule_event_at,
)
from warta.nlp.gazetteer import Gazetteer
from warta.quotes.actors import token_span
from warta.records import EVENT_TYPES, AnnotatedArticle

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class RankGroup:
    """One aligned gold event as the rankers learn it: the feature rows of all its argument candidates, the
    candidates themselves, their labels (None: cannot be told) and the gold source's country."""

    article: str
    etype: str
    rows: tuple[tuple[str, ...], ...]
    candidates: tuple[Candidate, ...]
    labels: tuple[str | None, ...]
    source_country: str | None
    has_target: bool


@dataclass(slots=True)
class Examples:
    """Feature rows and labels of both models, with the article each row came from."""

    trigger_rows: list[list[str]] = field(default_factory=list)
    trigger_labels: list[str] = field(default_factory=list)
    trigger_articles: list[str] = field(default_factory=list)
    groups: list[RankGroup] = field(default_factory=list)
    aligned: int = 0
    unaligned: int = 0


def read_folds(path: Path) -> dict[str, int]:
    """Article id -> fold number from ``corpus/folds.tsv``."""
    with path.open(encoding="utf-8") as handle:
        return {row["id"]: int(row["fold"]) for row in csv.DictReader(handle, delimiter="\t")}


def _words(text: str | None) -> set[str]:
    return set(_WORD.findall((text or "").lower()))


def _locate(doc: AnnotatedArticle, prepared: Sequence[CodedSentence], gold: Mapping[str, Any]):
    """(coded sentence, trigger word index) of a gold event, or None when it cannot be found."""
    text = doc.article.text
    start = text.find(gold.get("sentence") or "\0")
    if start < 0:
        return None
    end = start + len(gold["sentence"])
    trig = (gold.get("trigger") or "").strip()
    t0 = text.lower().find(trig.lower(), start, end) if trig else -1
    if t0 < 0:
        return None
    t1 = t0 + len(trig)
    for cs in prepared:
        span = token_span(cs.sentence.tokens, t0, t1)
        if span is None:
            continue
        ids = range(span[0], span[1] + 1)
        etype = gold["type"]
        lexical = [
            k
            for k in ids
            if any(m.first <= k <= m.last and m.entry.type == etype for m in cs.ctx.rule_matches)
            or any(p[2] == k and p[3] == etype for p in cs.ctx.proposals)
        ]
        content = [k for k in ids if is_candidate(cs.ctx.words[k]) and len(cs.ctx.words[k]) > 3]
        head = (lexical or content or ids)[0]
        return cs, head
    return None


def _argument_label(actor, gold: Mapping[str, Any]) -> str | None:
    """SOURCE, TARGET or NONE for a candidate actor against a gold event; None when it cannot be told."""
    sources = [a for a in gold["source"] if a.get("country")]
    targets = [a for a in gold["target"] if a.get("country")]
    mention = _words(actor.text) | _words(actor.name)
    for side, label in ((sources, "SOURCE"), (targets, "TARGET")):
        if any(a.get("text") and _words(a["text"]) & mention and a["country"] == actor.country for a in side):
            return label
    in_source = any(a["country"] == actor.country for a in sources)
    in_target = any(a["country"] == actor.country for a in targets)
    if in_source and in_target:
        return None
    if in_source:
        return "SOURCE"
    if in_target:
        return "TARGET"
    return "NONE"


def _domestic_label(gold: Mapping[str, Any]) -> str:
    """The same-country stand-in is a target when the gold target shares a country with the gold source."""
    sources = {a.get("country") for a in gold["source"]} - {None}
    return "TARGET" if any(a.get("country") in sources for a in gold["target"]) else "NONE"


def _home_label(actor, gold: Mapping[str, Any]) -> str:
    """The home-country stand-in (never named in the sentence) is the side whose gold country it is."""
    if any(a.get("country") == actor.country for a in gold["source"]):
        return "SOURCE"
    if any(a.get("country") == actor.country for a in gold["target"]):
        return "TARGET"
    return "NONE"


def collect(
    records: Iterable[Mapping[str, Any]], docs: Mapping[str, AnnotatedArticle], gazetteer: Gazetteer
) -> Examples:
    """Training rows of both models from gold records and their processed articles (with rule events)."""
    ex = Examples()
    for record in records:
        doc = docs.get(record["id"])
        if not isinstance(doc, AnnotatedArticle):
            continue
        prepared = prepare(doc, gazetteer)
        positives: dict[tuple[int, int], str] = {}
        head_words: set[str] = set()
        for gold in record.get("events", []):
            found = _locate(doc, prepared, gold)
            if found is None:
                ex.unaligned += 1
                continue
            ex.aligned += 1
            cs, head = found
            positives.setdefault((cs.index, head), gold["type"])
            head_words.add(cs.ctx.words[head])
            rule = rule_event_at(cs, head)
            cands = candidates(doc, cs, head)
            rows, labels = [], []
            for cand in cands:
                if cand.origin == "domestic":
                    label = _domestic_label(gold)
                elif cand.origin == "home":
                    label = _home_label(cand.actor, gold)
                else:
                    label = _argument_label(cand.actor, gold)
                rows.append(tuple(argument_features(cs.ctx, head, gold["type"], cand, rule)))
                labels.append(label)
            sources = {a.get("country") for a in gold["source"]} - {None}
            ex.groups.append(RankGroup(
                record["id"], gold["type"], tuple(rows), tuple(cands), tuple(labels),
                next(iter(sources)) if len(sources) == 1 else None, bool(gold["target"]),
            ))  # fmt: skip
        types = {g["type"] for g in record.get("events", [])}
        for cs in prepared:
            for i, word in enumerate(cs.ctx.words):
                if not is_candidate(word) or any(m.first <= i <= m.last for m in cs.ctx.mentions):
                    continue
                label = positives.get((cs.index, i), NONE)
                if label == NONE and _repeated_mention(cs, i, types, head_words):
                    continue
                ex.trigger_rows.append(trigger_features(cs.ctx, i))
                ex.trigger_labels.append(label)
                ex.trigger_articles.append(record["id"])
    return ex


def _repeated_mention(cs: CodedSentence, i: int, types: set[str], head_words: set[str]) -> bool:
    """Whether word ``i`` may be another mention of an event the gold lists once (GUIDE: one record per
    distinct event per article, however often it is repeated): a word the lexicon proposes with a type of the
    article's gold events, or the same word as a gold trigger. Such words are neither positive nor negative
    examples: the gold does not say which mention it annotated."""
    if cs.ctx.words[i] in head_words:
        return True
    return any(m.first <= i <= m.last and m.entry.type in types for m in cs.ctx.rule_matches) or any(
        p[0] <= i <= p[1] and p[3] in types for p in cs.ctx.proposals
    )


def _design(rows: Sequence[Sequence[str]]) -> tuple[dict[str, int], Any]:
    """The feature index (features in at least two rows) and the 0/1 sparse matrix of ``rows`` over it."""
    from scipy.sparse import csr_matrix

    counts = Counter(f for row in rows for f in set(row))
    index = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= 2))}
    indptr, indices = [0], []
    for row in rows:
        indices.extend(sorted({index[f] for f in row if f in index}))
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices), dtype=np.float64), indices, indptr), shape=(len(rows), len(index)))
    return index, x


def _fit(rows: Sequence[Sequence[str]], labels: Sequence[str], classes: Sequence[str], c: float) -> LinearModel:
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # training only: coding with a shipped model needs numpy alone
        raise ModelError("training the event model needs scikit-learn: pip install 'warta[train]'") from exc

    index, x = _design(rows)
    present = [c_ for c_ in classes if c_ in set(labels)]
    clf = LogisticRegression(C=c, max_iter=2000, solver="lbfgs")
    clf.fit(x, list(labels))
    order = [list(clf.classes_).index(c_) for c_ in present]
    coef = clf.coef_ if len(clf.classes_) > 2 else np.vstack([-clf.coef_[0] / 2, clf.coef_[0] / 2])
    bias = clf.intercept_ if len(clf.classes_) > 2 else np.array([-clf.intercept_[0] / 2, clf.intercept_[0] / 2])
    return LinearModel(
        labels=tuple(present),
        index=index,
        weights=np.ascontiguousarray(coef[order].T, dtype=np.float32),
        bias=bias[order].astype(np.float32),
    )


def _fit_rankers(groups: Sequence[RankGroup], l2: float) -> LinearModel:
    """The source ranker (which candidate, or none, is the source) and the target ranker (which candidate, or
    none, is the target, with the gold source's country known), each a conditional logit over the candidates of
    one gold event: training maximises the softmax probability of the candidates labelled with that side. The
    two are returned as the columns SOURCE and TARGET of one model."""
    source_sets, target_sets = [], []
    for g in groups:
        positives = {k for k, y in enumerate(g.labels) if y == "SOURCE" and g.candidates[k].origin != "domestic"}
        if not positives and g.source_country is None:
            positives = {len(g.rows)}  # no source ("no source" is the row after the candidates)
        if positives:
            source_sets.append(((*g.rows, tuple(nobody_features(g.etype))), positives))
        rows = [
            (*row, *target_features(c, g.etype, g.source_country))
            for row, c in zip(g.rows, g.candidates, strict=True)
        ]
        rows.append(tuple(nobody_features(g.etype)))
        positives = {k for k, y in enumerate(g.labels) if y == "TARGET"} if g.has_target else {len(g.rows)}
        if positives:
            target_sets.append((rows, positives))
    source, target = _fit_ranker(source_sets, l2), _fit_ranker(target_sets, l2)
    index = {f: i for i, f in enumerate(sorted(source.keys() | target.keys()))}
    weights = np.zeros((len(index), 2), dtype=np.float32)
    for column, ranker in enumerate((source, target)):
        for f, w in ranker.items():
            weights[index[f], column] = w
    return LinearModel(("SOURCE", "TARGET"), index, weights, np.zeros(2, dtype=np.float32))


def _fit_ranker(sets: Sequence[tuple[Sequence[Sequence[str]], set[int]]], l2: float) -> dict[str, float]:
    """Feature weights of one conditional logit (features seen fewer than twice get none)."""
    from scipy.optimize import minimize

    index, x = _design([row for rows, _ in sets for row in rows])
    group = [g for g, (rows, _) in enumerate(sets) for _ in rows]
    positive = [k in positives for rows, positives in sets for k in range(len(rows))]
    seg, pos = np.array(group), np.array(positive, dtype=np.float64)
    starts = np.r_[0, np.flatnonzero(np.diff(seg)) + 1]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        e = np.exp(s - np.maximum.reduceat(s, starts)[seg])
        z, zp = np.add.reduceat(e, starts), np.add.reduceat(e * pos, starts)
        # -log(probability of the positives) summed over events; gradient: all minus positives' share
        value = float(np.log(z).sum() - np.log(zp).sum() + 0.5 * l2 * w @ w)
        return value, x.T @ (e / z[seg] - e * pos / zp[seg]) + l2 * w

    w = minimize(loss, np.zeros(len(index)), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    return {f: float(w[i]) for f, i in index.items()}


@dataclass(frozen=True, slots=True)
class Hyper:
    """Regularisation and thresholds: C and the trigger bar chosen by a grid on fold 0 only, the rest set a
    priori (docs/coder.md lists what was tried)."""

    trigger_c: float = 0.2
    trigger_threshold: float = 0.6
    rule_threshold: float = 0.1
    rank_l2: float = 3.0  # the rankers' L2 penalty (0.3, 1, 3 and 10 tried on folds 0 and 1 only)
    # the verifier (warta.events.event_verifier): boosting rounds and its bar, tried on folds 0 and 1 only
    verifier_trees: int = 150
    verifier_threshold: float = 0.15


def train(ex: Examples, keep: set[str] | None = None, hyper: Hyper | None = None) -> EventModel:
    """Both models from the rows of the articles in ``keep`` (all when None)."""
    hyper = hyper or Hyper()

    def subset(rows, labels, articles):
        pairs = [(r, y) for r, y, a in zip(rows, labels, articles, strict=True) if keep is None or a in keep]
        return [r for r, _ in pairs], [y for _, y in pairs]

    t_rows, t_labels = subset(ex.trigger_rows, ex.trigger_labels, ex.trigger_articles)
    trigger = _fit(t_rows, t_labels, (NONE, *EVENT_TYPES), hyper.trigger_c)
    vocabulary = frozenset(
        f.split("=", 1)[1] for row, y in zip(t_rows, t_labels, strict=True) if y != NONE for f in row
        if f.startswith(("w=", "s="))
    )  # fmt: skip
    groups = [g for g in ex.groups if keep is None or g.article in keep]
    rankers = _fit_rankers(groups, hyper.rank_l2)
    return EventModel(trigger, rankers, hyper.trigger_threshold, hyper.rule_threshold, vocabulary)


def code_docs(
    docs: Mapping[str, AnnotatedArticle], model: EventModel, gazetteer: Gazetteer
) -> dict[str, AnnotatedArticle]:
    """Articles recoded with ``model`` (their rule events replaced by the learned coder's)."""
    return {
        key: replace(doc, events=code_with_model(doc, gazetteer, model))
        if isinstance(doc, AnnotatedArticle)
        else doc
        for key, doc in docs.items()
    }


def model_meta(ex: Examples, hyper: Hyper, articles: int, extra: Mapping[str, Any] | None = None) -> dict:
    """What ``meta.json`` says of a model: its data, licences and settings."""
    return {
        "name": "warta events",
        "data": {
            "corpus/train.jsonl": f"{articles} articles annotated for warta with corpus/GUIDE.md "
            "(texts written in warta's own words from news reports); licence: the warta project's, Apache-2.0",
        },
        "features": "event_lexicon/en.tsv is converted from PETRARCH2's CAMEO.2.0 verb dictionary (MIT, "
        "Copyright (c) 2014 Open Event Data); the other lexicons and rules were written for warta (Apache-2.0)",
        "licence": "Apache-2.0 (with the MIT notice above)",
        "aligned_gold_events": ex.aligned,
        "unaligned_gold_events": ex.unaligned,
        "hyperparameters": {k: getattr(hyper, k) for k in hyper.__slots__},
        **(extra or {}),
    }
