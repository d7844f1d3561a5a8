"""warta's entities stage scored on gold NER sentences: gold spans, joining, exact-match scores."""

from __future__ import annotations

import pytest

from warta.evaluation.entities import gold_articles, iob_spans, predict_spans, score_articles
from warta.settings import load_settings
from warta.training.convert import Sentence


def _sentence(text: str, tags: str) -> Sentence:
    words = tuple(text.split())
    return Sentence(words=words, spaces=(True,) * len(words), ents=tuple(tags.split()))


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        ("B-PER I-PER O B-LOC", [(0, 1, "PER"), (3, 3, "LOC")]),
        ("B-PER B-PER", [(0, 0, "PER"), (1, 1, "PER")]),  # two names side by side
        ("O I-ORG I-ORG", [(1, 2, "ORG")]),  # a stray I- opens an entity
        ("B-ORG I-LOC", [(0, 0, "ORG"), (1, 1, "LOC")]),  # a label change ends one
        ("O O", []),
    ],
)
def test_entity_eval_iob_spans(tags, spans):
    assert iob_spans(tags.split()) == spans


def test_entity_eval_gold_articles_join_sentences_with_character_spans():
    first = _sentence("Retno Marsudi tiba di Canberra .", "B-PER I-PER O O B-LOC O")
    second = _sentence("Penny Wong menyambutnya .", "B-PER I-PER O O")
    (article,) = list(gold_articles([first, second], per_article=10))
    assert article.text == "Retno Marsudi tiba di Canberra .\n\nPenny Wong menyambutnya ."
    assert {(article.text[s:e], label) for s, e, label in article.spans} == {
        ("Retno Marsudi", "PER"), ("Canberra", "LOC"), ("Penny Wong", "PER")}  # fmt: skip
    assert article.words == 10
    assert len(list(gold_articles([first, second, first], per_article=2))) == 2


def test_entity_eval_scores_need_span_and_type():
    (article,) = list(gold_articles([_sentence("Retno Marsudi tiba di Canberra .", "B-PER I-PER O O B-LOC O")]))
    predicted = [(0, 13, "PER"), (22, 30, "ORG"), (0, 5, "PER")]  # right; wrong type; partial span
    scores = score_articles([article], [predicted])
    assert scores["PER"] == {"p": 50.0, "r": 100.0, "f": 66.67}
    assert scores["LOC"]["r"] == 0.0 and scores["ORG"]["p"] == 0.0
    assert scores["all"] == {"p": 33.33, "r": 50.0, "f": 40.0}


def test_entity_eval_runs_the_entities_stage():
    (article,) = list(gold_articles([_sentence(
        "Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Australia Penny Wong di Jakarta .",
        "O O O B-PER I-PER O O O O B-LOC B-PER I-PER O B-LOC O")]))  # fmt: skip
    (found,) = predict_spans([article], "id", load_settings(env={}))
    assert {(article.text[s:e], label) for s, e, label in found} >= {
        ("Retno Marsudi", "PER"), ("Penny Wong", "PER"), ("Jakarta", "LOC")}  # fmt: skip
