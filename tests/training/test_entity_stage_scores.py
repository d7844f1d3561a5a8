"""Eval gate for warta's entities stage on the Indonesian NER test sets (``warta.evaluation.entities``): the
dictionaries, rules and NER together, as an analyst gets them. Floors measured with
``OMP_NUM_THREADS=1 python scripts/evaluate_models.py`` (docs/models.md, "Entities as warta finds them"); a drop of
more than one point fails. Raise them when the scores improve."""

from __future__ import annotations

import pytest

from warta.evaluation.entities import evaluate_entities
from warta.settings import load_settings
from warta.training.corpora import CORPORA

TOLERANCE = 1.0
FLOORS = {"idner-news-2k-test": 79.61, "nergrit-test": 66.36, "nerui-fold1-test": 79.25}


@pytest.mark.shared
@pytest.mark.parametrize(("test", "floor"), sorted(FLOORS.items()))
def test_entity_stage_score_does_not_drop(shared, test, floor):
    settings = load_settings(env={}, overrides={"shared": shared})
    result = evaluate_entities(CORPORA[("id", "ner")].tests[test], shared / "datasets", "id", settings)
    measured = result["ents_per_type"]["all"]["f"]
    assert measured >= floor - TOLERANCE, f"warta entities on {test}: F1 {measured} < floor {floor} - {TOLERANCE}"
