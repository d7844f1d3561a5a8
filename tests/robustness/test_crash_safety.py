"""Crash safety at volume, the short version: ``scripts/crash_test.py`` with 50 articles and 3 kills (the full
run, 1,000 articles and 20 kills, is recorded in docs/reliability.md), and its checker shown to catch what it
looks for."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from scripts_loader import load_script
from warta.claims import save_article
from warta.records import AnnotatedArticle, Article, Sentence
from warta.store.sqlite import SqliteStore


@pytest.fixture(scope="module")
def crash_test():
    return load_script("crash_test")


def test_crash_test_short_run_passes(crash_test, tmp_path: Path) -> None:
    report_file = tmp_path / "report.json"
    code = crash_test.main(
        ["--articles", "50", "--kills", "3", "--workdir", str(tmp_path), "--json", str(report_file)]
    )
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert report["kill_test"]["problems"] == [] and report["two_writers"]["problems"] == []
    assert code == 0
    assert report["kill_test"]["rows"]["articles"] == 50
    assert report["two_writers"]["articles"] == 50


def test_crash_test_articles_tell_shared_stories(crash_test) -> None:
    records = crash_test.make_articles(40, seed=1)
    assert len({r["id"] for r in records}) == 40
    assert len({r["text"] for r in records}) == 40  # each article its own text, so each is stored
    assert {r["lang"] for r in records} == {"id", "en"}


def _store_with(path: Path, *ids: str) -> None:
    with SqliteStore(path) as store:
        for article_id in ids:
            text = f"Artikel {article_id} tentang pertemuan di Jakarta."
            sentence = Sentence(start=0, end=len(text))
            doc = AnnotatedArticle(article=Article(id=article_id, source="s", text=text), sentences=(sentence,))
            save_article(store, doc, run_id=None)  # with its place in the claims ledger, as warta run saves


def test_crash_test_checker_finds_lost_orphaned_and_changed_rows(crash_test, tmp_path: Path) -> None:
    _store_with(tmp_path / "clean.db", "a", "b")
    _store_with(tmp_path / "broken.db", "a", "b")
    with sqlite3.connect(tmp_path / "broken.db") as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM articles WHERE id = 'b'")  # lost, leaving its sentence orphaned
        conn.execute("UPDATE sentences SET end_char = 3 WHERE article_id = 'a'")  # changed
    clean = crash_test.Database(str(tmp_path / "clean.db"))
    broken = crash_test.Database(str(tmp_path / "broken.db"))
    problems = crash_test.check_integrity(broken)
    assert "1 sentences rows without their articles row" in problems
    assert any("foreign_key_check" in p for p in problems)
    differences = crash_test.compare(clean, broken, ["articles", "sentences"])
    assert differences == [
        "articles: 1 rows of the clean run missing, 0 rows not in it",
        "sentences: 1 rows of the clean run missing, 1 rows not in it",  # the changed one
    ]
    assert crash_test.check_integrity(clean) == []
    assert crash_test.compare(clean, clean, ["articles", "sentences", "article_clusters"]) == []
