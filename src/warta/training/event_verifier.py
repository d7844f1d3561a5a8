"""Training the verifier (:mod:`warta.events.event_verifier`) on the learned coder's own held-out output.

The verifier must learn how the first models err on text they have not seen, so its examples are the mentions
that a trigger model and rankers trained without an article code in it (cross-validation by article,
``corpus/folds.tsv``; the recipe is :func:`warta.evaluation.event_folds.verified_model`). Each mention is
labelled with the scorer's matching rule (the GUIDE's: type and source and target countries), which the caller
passes in, against the article's gold events: 1 when it matches a required one, 0 when it matches none; a
mention that matches only an optional event is left out (the scorer neither rewards nor penalises it).

The trees are scikit-learn's histogram gradient boosting, read out into the plain arrays of
:class:`~warta.events.event_verifier.Trees`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from warta.errors import ModelError
from warta.events.event_verifier import Mention, Trees, Verifier, features
from warta.output import event_to_dict

Matcher = Callable[[Mapping[str, Any], Mapping[str, Any]], bool]


@dataclass(slots=True)
class VerifierExamples:
    """Feature rows and labels of held-out mentions, with the article each came from."""

    rows: list[np.ndarray] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)

    def add(self, article: str, mentions: Sequence[Mention], gold: Mapping[str, Any], matches: Matcher) -> None:
        for row, label in zip(features(mentions), mention_labels(mentions, gold, matches), strict=True):
            if label is not None:
                self.rows.append(row)
                self.labels.append(label)
                self.articles.append(article)


def mention_labels(mentions: Sequence[Mention], gold: Mapping[str, Any], matches: Matcher) -> list[int | None]:
    """1: the mention matches a required gold event of the article; 0: none; None: an optional one only
    (``matches(gold event, predicted event)``, both in contract form)."""
    required = [g for g in gold.get("events", []) if not g.get("optional")]
    optional = [g for g in gold.get("events", []) if g.get("optional")]
    out: list[int | None] = []
    for m in mentions:
        pred = event_to_dict(m.event)
        if any(matches(g, pred) for g in required):
            out.append(1)
        else:
            out.append(None if any(matches(g, pred) for g in optional) else 0)
    return out


def fit_verifier(ex: VerifierExamples, keep: set[str] | None, trees: int, threshold: float) -> Verifier:
    """Gradient-boosted trees on the examples of the articles in ``keep`` (all when None)."""
    try:
        from sklearn.ensemble import HistGradientBoostingClassifier
    except ImportError as exc:  # training only
        raise ModelError("training the event model needs scikit-learn: pip install 'warta[train]'") from exc

    chosen = [k for k, a in enumerate(ex.articles) if keep is None or a in keep]
    y = np.array([ex.labels[k] for k in chosen])
    if len(chosen) < 2 or len(set(y.tolist())) < 2:
        raise ModelError("the verifier needs held-out mentions of both kinds (true and false events)")
    x = np.vstack([ex.rows[k] for k in chosen])
    # Settings tried on folds 0 and 1 only (docs/coder.md, stop 16); no early stopping, so the fit is reproducible.
    clf = HistGradientBoostingClassifier(
        max_iter=trees, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=20, l2_regularization=1.0,
        early_stopping=False, random_state=0,
    )  # fmt: skip
    clf.fit(x, y)
    return Verifier(export_trees(clf), threshold)


def export_trees(clf) -> Trees:
    """A fitted binary ``HistGradientBoostingClassifier`` as flat arrays (no missing values are ever fed to it:
    every feature of :func:`warta.events.event_verifier.features` is a number)."""
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    offset = 0
    for (predictor,) in clf._predictors:  # one tree per boosting round (binary: one per round)
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        roots.append(offset)
        feature.append(np.where(leaf, 0, nodes["feature_idx"]))
        threshold.append(nodes["num_threshold"])
        left.append(np.where(leaf, -1, nodes["left"] + offset))
        right.append(np.where(leaf, -1, nodes["right"] + offset))
        value.append(np.where(leaf, nodes["value"], 0.0))
        offset += len(nodes)
    return Trees(
        feature=np.concatenate(feature).astype(np.int32),
        threshold=np.concatenate(threshold).astype(np.float64),
        left=np.concatenate(left).astype(np.int32),
        right=np.concatenate(right).astype(np.int32),
        value=np.concatenate(value).astype(np.float64),
        roots=np.array(roots, dtype=np.int32),
        bias=float(np.ravel(clf._baseline_prediction)[0]),
    )
