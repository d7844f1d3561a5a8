"""The per-article budget: ``max_article_chars`` cuts the text, ``max_sentence_tokens`` splits a runaway
sentence, ``article_seconds`` fails an article between stages; cuts are visible in the output and the store.

Wall-clock bounds on pathological inputs are checked by ``scripts/robustness.py``, not here.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest

from warta.extract import extract_article
from warta.extract.limits import cut_text
from warta.nlp.segment import make_segment_stage, segment_text, split_long
from warta.output import to_contract, validate_output
from warta.pipeline import Pipeline, stage
from warta.records import AnnotatedArticle, Article, Failure, Limit, Page
from warta.settings import Settings
from warta.store.migrations import MIGRATIONS
from warta.store.sqlite import SqliteStore

PARAGRAPH = "Presiden Joko Widodo bertemu Perdana Menteri Australia di Istana Bogor pada Senin."


def test_cut_text_keeps_a_text_within_the_limit() -> None:
    assert cut_text("abc def", 7, separator="\n\n") == ("abc def", None)
    assert cut_text("abc def", 0, separator="\n\n") == ("abc def", None)


def test_cut_text_cuts_after_the_last_paragraph_before_the_limit() -> None:
    text = "\n\n".join([PARAGRAPH] * 10)
    cut, limit = cut_text(text, 400, separator="\n\n")
    assert cut == "\n\n".join([PARAGRAPH] * 4)
    assert limit == Limit(setting="max_article_chars", limit=400, found=len(text))


def test_cut_text_falls_back_to_a_space_then_to_the_limit() -> None:
    cut, _ = cut_text("kata " * 100, 52, separator="\n\n")
    assert cut == ("kata " * 10).rstrip()
    cut, limit = cut_text("x" * 1000, 100, separator="\n\n")
    assert cut == "x" * 100 and limit is not None and limit.found == 1000


def test_extract_records_the_cut_and_the_output_shows_it(settings: Settings) -> None:
    # Distinct paragraphs: cleanup drops a repeated one as boilerplate.
    text = "\n\n".join(f"Hari ke-{day}: {PARAGRAPH}" for day in range(50))
    budget = replace(settings, max_article_chars=1000)
    article = extract_article(Page(source="long.txt", text=text), settings=budget)
    assert len(article.text) <= 1000 and article.text.endswith("Senin.")
    assert article.limits == (Limit("max_article_chars", 1000, len(text)),)
    document = to_contract(AnnotatedArticle(article=article))
    validate_output(document)
    assert document["article"]["limits"] == [{"setting": "max_article_chars", "limit": 1000, "found": len(text)}]


def test_extract_records_nothing_for_an_article_within_budget(settings: Settings) -> None:
    article = extract_article(Page(source="short.txt", text=PARAGRAPH), settings=settings)
    assert article.limits == ()
    assert "limits" not in to_contract(AnnotatedArticle(article=article))["article"]


def test_split_long_cuts_a_runaway_sentence_into_pieces() -> None:
    text = " ".join(["kata"] * 1000) + "."
    sentences, limit = split_long(segment_text(text, "id"), 250)
    assert [len(s.tokens) for s in sentences] == [250, 250, 250, 250, 1]
    assert limit == Limit("max_sentence_tokens", 250, 1001)
    tokens = [t for s in sentences for t in s.tokens]
    assert tokens == list(segment_text(text, "id")[0].tokens)  # nothing lost, nothing repeated
    assert all(text[s.start : s.end].split()[0] == s.tokens[0].text for s in sentences)


def test_split_long_leaves_ordinary_sentences_alone() -> None:
    sentences = segment_text(PARAGRAPH + " " + PARAGRAPH, "id")
    assert split_long(sentences, 250) == (sentences, None)
    assert split_long(sentences, 0) == (sentences, None)


def test_segment_stage_records_a_split_on_the_article() -> None:
    article = Article(id="a", source="s", text=" ".join(["kata"] * 300), language="id")
    doc = make_segment_stage(max_tokens=100)(AnnotatedArticle(article=article))
    assert [len(s.tokens) for s in doc.sentences] == [100, 100, 100]
    assert doc.article.limits == (Limit("max_sentence_tokens", 100, 300),)
    validate_output(to_contract(doc))


def _slow(seconds: float):
    def wait(record):
        time.sleep(seconds)
        return record

    return wait


def test_pipeline_fails_an_article_past_its_time_budget() -> None:
    make_article = stage(name="extract", requires=["page"], assigns=["article"])(
        lambda page: Article(id="a", source=page.source, text="x")
    )
    slow = stage(name="slow", requires=["article"], assigns=["slow"])(_slow(0.05))
    never = stage(name="never", requires=["slow"], assigns=["never"])(lambda record: pytest.fail("ran"))
    result = Pipeline([make_article, slow, never], seconds=0.01).process(Page(source="p.txt", text="x"))
    assert isinstance(result, Failure)
    assert (result.stage, result.code, result.transient, result.record_id) == ("slow", "W250", False, "a")
    assert "article_seconds is 0.01" in result.reason


def test_pipeline_keeps_an_article_whose_last_stage_ends_late() -> None:
    # The budget stops work still to do; an article whose every stage has run is complete and kept.
    make_article = stage(name="extract", requires=["page"], assigns=["article"])(
        lambda page: Article(id="a", source=page.source, text="x")
    )
    wrap = stage(name="annotate", requires=["article"], assigns=["document"])(
        lambda article: AnnotatedArticle(article=article)
    )
    slow = stage(name="slow", requires=["document"], assigns=["slow"])(_slow(0.05))
    result = Pipeline([make_article, wrap, slow], seconds=0.01).process(Page(source="p.txt", text="x"))
    assert isinstance(result, AnnotatedArticle)


def test_pipeline_without_a_time_budget_never_fails_for_time() -> None:
    make_article = stage(name="extract", requires=["page"], assigns=["article"])(
        lambda page: Article(id="a", source=page.source, text="x")
    )
    wrap = stage(name="annotate", requires=["article"], assigns=["document"])(_slow(0.02))
    wrap_doc = stage(name="wrap", requires=["document"], assigns=["done"])(lambda a: AnnotatedArticle(article=a))
    result = Pipeline([make_article, wrap, wrap_doc], seconds=0).process(Page(source="p.txt", text="x"))
    assert isinstance(result, AnnotatedArticle)


def test_store_keeps_the_limits_of_an_article(tmp_path: Path) -> None:
    limits = (Limit("max_article_chars", 1000, 5000), Limit("max_sentence_tokens", 250, 900))
    doc = AnnotatedArticle(article=Article(id="a1", source="s.txt", text="teks", limits=limits))
    with SqliteStore(tmp_path / "w.db") as store:
        store.save_article(doc)
        assert store.load_article("a1") == doc
    [(stored,)] = sqlite3.connect(tmp_path / "w.db").execute("SELECT limits FROM articles").fetchall()
    assert stored == '[["max_article_chars",1000,5000],["max_sentence_tokens",250,900]]'


def test_store_migrates_a_database_from_before_limits(tmp_path: Path) -> None:
    # A database written before m007 (articles without a limits column) gains the column, NULL for its
    # articles, which read back without limits.
    path = tmp_path / "old.db"
    with SqliteStore(path) as store:
        store.save_article(AnnotatedArticle(article=Article(id="old", source="s.txt", text="teks")))
    assert "m007_article_limits" in [m.__name__ for m in MIGRATIONS]
    with sqlite3.connect(path) as old:  # back to the schema before m007
        old.execute("ALTER TABLE articles DROP COLUMN limits")
        old.execute("DELETE FROM schema_migrations WHERE name = 'm007_article_limits'")
    with SqliteStore(path) as store:
        loaded = store.load_article("old")
        assert loaded is not None and loaded.article.limits == ()
    columns = [row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(articles)")]
    assert "limits" in columns
