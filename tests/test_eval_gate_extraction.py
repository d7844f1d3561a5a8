"""Eval gate for the extract stage on the Article Extraction Benchmark, and its shingle metric.

The floor is the score measured with ``python scripts/evaluate.py`` (docs/accuracy.md) less one point.
"""

from __future__ import annotations

import pytest

from warta.evaluation.extraction import evaluate_extraction, score_text, shingles, warta_extractor

FLOOR_F1 = 0.935  # measured 0.946 on 2026-11-26


def test_shingles_count_word_four_grams_ignoring_case_and_punctuation():
    assert shingles("One two, three FOUR five.") == {("one", "two", "three", "four"): 1,
                                                     ("two", "three", "four", "five"): 1}  # fmt: skip
    assert shingles("too short") == {}


def test_score_text_precision_recall_and_empty_sides():
    truth = "the minister met her counterpart in jakarta on monday"
    whole = score_text("p", truth + " share this story on social media", truth)
    assert whole.recall == 1.0 and 0.4 < whole.precision < 0.7
    half = score_text("p", "the minister met her counterpart", truth)
    assert half.precision == 1.0 and half.recall == pytest.approx(2 / 6)
    assert score_text("p", "", truth).f1 == 0.0


def test_eval_gate_extraction_keeps_its_floor_on_the_benchmark(shared, settings):
    scores = evaluate_extraction(shared / "datasets" / "extraction" / "aeb", {"warta": warta_extractor(settings)})
    result = scores["warta"]
    assert result["pages"] == 181
    assert result["f1"] >= FLOOR_F1, result
