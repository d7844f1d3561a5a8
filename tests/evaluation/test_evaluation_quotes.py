"""PFSA-ID reading and quote scoring (``warta.evaluation.quotes``) on a small sample file of our own in the same
format: one token and BILOU tag a line, a blank line after each sentence, nothing between articles."""

from __future__ import annotations

import pytest

from warta.evaluation.quotes import gold_speaker_words, read_pfsa, score_pfsa_article
from warta.records import Quote


@pytest.fixture
def articles(fixtures):
    return read_pfsa(fixtures / "quotes" / "pfsa_sample.txt")


def _quote(article, words: str, speaker: str) -> Quote:
    start = article.text.index(words)
    return Quote(speaker=speaker, text=words, start=start, end=start + len(words))


def test_quote_eval_articles_split_at_issue_and_text_rebuilt(articles):
    assert len(articles) == 2
    first, second = articles
    assert first.text.startswith("SEMARANG, KOMPAS — Menteri Pertanian")
    # Kompas marks open and close by turn: glued to the quoted words, not to the words outside
    assert "pekan depan. ”Kami tidak ingin petani menunggu. Musim tanam sudah dekat,” ujarnya." in first.text
    assert (
        second.text == "Gubernur Dedi Kurnia meninjau banjir di Bekasi. ”Semua warga sudah dievakuasi,” kata Dedi."
    )


def test_quote_eval_statement_spans_cross_sentences(articles):
    (statement,) = articles[0].statements
    assert statement.text == "”Kami tidak ingin petani menunggu. Musim tanam sudah dekat,”"
    assert statement.sentences == (1, 2, 3)


def test_quote_eval_gold_speaker_words_include_nearest_earlier_person(articles):
    first, second = articles
    # "ujarnya" names nobody in the statement's sentences, but Arif Wicaksono is the last PERSON before it
    assert {"arif", "wicaksono", "menteri", "pertanian"} <= gold_speaker_words(first, first.statements[0])
    assert gold_speaker_words(second, second.statements[0]) == {"dedi"}


@pytest.mark.parametrize(
    ("words", "speaker", "statement", "speaker_and_statement"),
    [
        ("Kami tidak ingin petani menunggu. Musim tanam sudah dekat", "Arif Wicaksono", 1, 1),
        # half of the statement's words are enough for the span; a wrong speaker fails the second score
        ("Kami tidak ingin petani menunggu", "Sumarni", 1, 0),
        # fewer than half the words: no match at all
        ("sudah dekat", "Arif Wicaksono", 0, 0),
    ],
)
def test_quote_eval_scores_overlap_and_speaker(articles, words, speaker, statement, speaker_and_statement):
    first = articles[0]
    scores = score_pfsa_article(first, [_quote(first, words, speaker)])
    assert (scores.statement.tp, scores.speaker.tp) == (statement, speaker_and_statement)
    assert scores.statement.fn == 1 - statement


def test_quote_eval_unannotated_quote_is_a_false_positive(articles):
    first = articles[0]
    extra = _quote(first, "Pupuk datang tepat waktu", "Sumarni")  # a farmer's quote, not tagged as a statement
    scores = score_pfsa_article(first, [extra])
    assert (scores.statement.tp, scores.statement.fp, scores.statement.fn) == (0, 1, 1)
