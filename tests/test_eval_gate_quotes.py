"""Eval gate for quotes: PFSA-ID dev-40 statement and speaker+statement F1 (issue 5) and quote F1 on the gold
corpus, in ../shared. A drop of more than one point below a floor fails; raise the floors when the scores
improve (``python scripts/evaluate_quotes.py`` prints them and writes docs/quotes.md)."""

from __future__ import annotations

import pytest

from warta.evaluation.quotes import PFSA_DEV, evaluate_corpus, evaluate_pfsa

TOLERANCE = 0.01
# Measured with scripts/evaluate_quotes.py (docs/quotes.md). Issue 5 targets 0.85 speaker+statement F1 on
# PFSA-ID and on the quotes of dev.jsonl.
PFSA_FLOORS = {"statement": 0.913, "speaker": 0.855}
# dev.jsonl re-pinned on 2026-12-06 after its texts were reworded (same annotation).
CORPUS_FLOORS = {"seed": 1.0, "dev, Indonesian": 0.819, "dev, English": 0.639, "dev, all": 0.736}

_CACHE: dict[str, dict] = {}


@pytest.fixture
def pipeline(shared):
    from warta.build import build_pipeline
    from warta.settings import load_settings

    return build_pipeline(load_settings(env={}, overrides={"shared": shared}))


@pytest.fixture
def pfsa(shared, pipeline):
    if "pfsa" not in _CACHE:  # the pipeline runs over the dataset once per test session
        _CACHE["pfsa"] = evaluate_pfsa(shared / PFSA_DEV, pipeline)["direct"]
    return _CACHE["pfsa"]


@pytest.fixture
def corpus(shared, pipeline):
    if "corpus" not in _CACHE:
        _CACHE["corpus"] = evaluate_corpus(shared, pipeline)
    return _CACHE["corpus"]


@pytest.mark.shared
@pytest.mark.parametrize("metric", sorted(PFSA_FLOORS))
def test_eval_gate_quotes_pfsa(pfsa, metric):
    measured = getattr(pfsa, metric).f1
    floor = PFSA_FLOORS[metric]
    assert measured >= floor - TOLERANCE, f"PFSA-ID {metric} F1 {measured:.3f} fell below its floor {floor:.3f}"


@pytest.mark.shared
@pytest.mark.parametrize("subset", sorted(CORPUS_FLOORS))
def test_eval_gate_quotes_corpus(corpus, subset):
    measured = corpus[subset].f1
    floor = CORPUS_FLOORS[subset]
    assert measured >= floor - TOLERANCE, f"{subset} quote F1 {measured:.3f} fell below its floor {floor:.3f}"
