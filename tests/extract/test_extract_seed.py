"""The reference case: the real scraped page in ../shared/corpus/seed (read from there, never copied)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.extract import extract_article
from warta.records import Caption, Page
from warta.settings import Settings

SEED = "corpus/seed/000_d6030aff85b05adb"
# The lines of the scraped page that are not news: logo alt text, a photo caption, a byline code and a
# pagination marker. Everything else is a paragraph of the story.
NOT_NEWS = {"Logo Bloomberg Technoz", "Program rudal Kim Jong Un (Sumber: Bloomberg)", "(bbn)", "No more pages"}


@pytest.mark.shared
def test_seed_extracts_every_news_paragraph_and_nothing_else(shared: Path, settings: Settings) -> None:
    raw = (shared / f"{SEED}.txt").read_text(encoding="utf-8")
    article = extract_article(
        Page(source="seed", text=raw, published="2024-06-19", language="id"), settings=settings
    )
    for junk in ["Logo Bloomberg Technoz", "(bbn)", "No more pages", "Sumber: Bloomberg"]:
        assert junk not in article.text, junk
    assert article.captions == (Caption(text="Program rudal Kim Jong Un", credit="Bloomberg"),)
    news = [block.strip() for block in raw.split("\n\n") if block.strip() and block.strip() not in NOT_NEWS]
    assert len(news) == 12
    assert article.text.split("\n\n") == news
    assert (article.published, article.language) == ("2024-06-19", "id")


@pytest.mark.shared
def test_seed_keeps_all_gold_evidence(shared: Path, settings: Settings) -> None:
    raw = (shared / f"{SEED}.txt").read_text(encoding="utf-8")
    gold = json.loads((shared / f"{SEED}.gold.json").read_text(encoding="utf-8"))
    text = extract_article(Page(source="seed", text=raw), settings=settings).text
    assert [e["text"] for e in gold["entities"] if e["text"] not in text] == []
    assert [q["text"] for q in gold["quotes"] if q["text"] not in text] == []
    assert [e["sentence"] for e in gold["events"] if e["sentence"] not in text] == []
