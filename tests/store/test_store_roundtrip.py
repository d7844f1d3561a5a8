"""Property tests at the storage boundary: what goes in comes out, and saving again is an upsert."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_strategies import documents, dump_tables

from warta.records import AnnotatedArticle
from warta.store.sqlite import SqliteStore

FIXED_CLOCK = "2024-01-01T00:00:00.000+00:00"
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_store_roundtrip_load_equals_saved(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "rt.db") as store:

        @PROPERTY
        @given(doc=documents)
        def check(doc: AnnotatedArticle) -> None:
            assert store.save_article(doc) == doc.article.id
            assert store.load_article(doc.article.id) == doc

        check()


def test_store_roundtrip_identical_save_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "idem.db"
    ticks = itertools.count()
    # A clock that moves on every call: an identical save must not even touch the timestamps.
    with SqliteStore(path, clock=lambda: f"2024-01-01T00:00:{next(ticks) % 60:02d}") as store:
        run = store.begin_run(command="test", inputs=[], settings={})

        @PROPERTY
        @given(doc=documents)
        def check(doc: AnnotatedArticle) -> None:
            store.save_article(doc)
            before = dump_tables(path)
            store.save_article(doc, run_id=run)
            assert dump_tables(path) == before

        check()


def test_store_roundtrip_changed_article_replaces_children(tmp_path: Path) -> None:
    numbers = itertools.count()

    @PROPERTY
    @given(old=documents, new=documents)
    def check(old: AnnotatedArticle, new: AnnotatedArticle) -> None:
        new = replace(new, article=replace(new.article, id=old.article.id))
        n = next(numbers)
        replaced, fresh = tmp_path / f"replaced{n}.db", tmp_path / f"fresh{n}.db"
        with SqliteStore(replaced, clock=lambda: FIXED_CLOCK) as store:
            store.save_article(old)
            store.save_article(new)
            assert store.load_article(new.article.id) == new
        with SqliteStore(fresh, clock=lambda: FIXED_CLOCK) as store:
            store.save_article(new)
        # Nothing of the old version survives: the database is the one that only ever saw the new one.
        assert dump_tables(replaced) == dump_tables(fresh)

    check()


@settings(max_examples=40, deadline=None)
@given(docs=st.lists(documents, max_size=5))
def test_store_roundtrip_iter_articles_returns_last_version_of_each(docs: list[AnnotatedArticle]) -> None:
    # A fresh in-memory database per example: tmp_path would be shared between examples.
    with SqliteStore(":memory:") as store:
        for doc in docs:
            store.save_article(doc)
        expected = {doc.article.id: doc for doc in docs}
        assert list(store.iter_articles()) == [expected[key] for key in sorted(expected)]
        counts = store.counts()
        assert counts["articles"] == len(expected)
        assert counts["events"] == sum(len(doc.events) for doc in expected.values())
        assert counts["entities"] == sum(len(doc.entities) for doc in expected.values())
