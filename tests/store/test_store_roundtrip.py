"""Property tests at the storage boundary, on both backends: what goes in comes out, and saving again is an
upsert."""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_strategies import documents

from store_backends import clear_tables, table_rows
from warta.records import AnnotatedArticle
from warta.store import codec

FIXED_CLOCK = "2024-01-01T00:00:00.000+00:00"
# The store fixture serves every example (each saves its own article), hence the function-scoped health check.
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def test_store_roundtrip_load_equals_saved(open_test_store) -> None:
    with open_test_store("rt") as store:

        @PROPERTY
        @given(doc=documents)
        def check(doc: AnnotatedArticle) -> None:
            assert store.save_article(doc) == doc.article.id
            assert store.load_article(doc.article.id) == doc

        check()


def test_store_roundtrip_identical_save_changes_nothing(open_test_store) -> None:
    ticks = itertools.count()
    # A clock that moves on every call: an identical save must not even touch the timestamps.
    with open_test_store("idem", clock=lambda: f"2024-01-01T00:00:{next(ticks) % 60:02d}") as store:
        run = store.begin_run(command="test", inputs=[], settings={})

        @PROPERTY
        @given(doc=documents)
        def check(doc: AnnotatedArticle) -> None:
            store.save_article(doc)
            before = table_rows(store)
            store.save_article(doc, run_id=run)
            assert table_rows(store) == before

        check()


def test_store_roundtrip_changed_article_replaces_children(open_test_store) -> None:
    replaced = open_test_store("replaced", clock=lambda: FIXED_CLOCK)
    fresh = open_test_store("fresh", clock=lambda: FIXED_CLOCK)

    @PROPERTY
    @given(old=documents, new=documents)
    def check(old: AnnotatedArticle, new: AnnotatedArticle) -> None:
        new = replace(new, article=replace(new.article, id=old.article.id))
        clear_tables(replaced)
        clear_tables(fresh)
        replaced.save_article(old)
        replaced.save_article(new)
        assert replaced.load_article(new.article.id) == new
        fresh.save_article(new)
        # Nothing of the old version survives: the database is the one that only ever saw the new one.
        assert table_rows(replaced) == table_rows(fresh)

    with replaced, fresh:
        check()


def test_store_roundtrip_iter_articles_returns_last_version_of_each(open_test_store) -> None:
    store = open_test_store("iter")

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(docs=st.lists(documents, max_size=5))
    def check(docs: list[AnnotatedArticle]) -> None:
        clear_tables(store)  # an empty database per example
        for doc in docs:
            store.save_article(doc)
        expected = {doc.article.id: doc for doc in docs}
        assert list(store.iter_articles()) == [expected[key] for key in sorted(expected)]
        counts = store.counts()
        assert counts["articles"] == len(expected)
        assert counts["events"] == sum(len(doc.events) for doc in expected.values())
        assert counts["entities"] == sum(len(doc.entities) for doc in expected.values())

    with store:
        check()


@settings(max_examples=150, deadline=None)
@given(doc=documents)
def test_store_roundtrip_content_hash_is_the_hash_of_the_records_as_dicts(doc: AnnotatedArticle) -> None:
    # The hash stored with every article: written without dataclasses.asdict (for speed), it must stay the
    # hash of asdict's JSON, or upgrading warta would rewrite every stored article.
    fields = dataclasses.asdict(doc)
    for added_later in ("repairs", "limits"):
        if not fields["article"][added_later]:
            del fields["article"][added_later]
    assert codec.content_hash(doc) == hashlib.sha256(codec.dumps(fields).encode("utf-8")).hexdigest()
