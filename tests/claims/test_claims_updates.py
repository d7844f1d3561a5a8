"""The ledger kept up to date through the store's interface: one transaction for an article and its claims
(on both backends)."""

from __future__ import annotations

import pytest
from claims_support import ARMS, build, ledger_dump

from warta.claims import LedgerStore, save_article, updates
from warta.store.sqlite import SqliteStore


def test_claims_updates_store_implements_the_ledger_interface(open_test_store):
    with open_test_store() as store:
        assert isinstance(store, LedgerStore)


def test_claims_updates_store_alone_writes_no_ledger(open_test_store):
    # The store persists; it computes no cluster and no claim of its own.
    with open_test_store() as store:
        store.save_article(build(ARMS))
        assert store.ledger_counts()["claims"] == 0 and store.ledger_counts()["unclustered"] == 1


def test_claims_updates_failed_ledger_update_leaves_no_article(open_test_store, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the merge broke")

    monkeypatch.setattr(updates.ledger, "finish_claim", fail)
    with open_test_store() as store:
        with pytest.raises(RuntimeError, match="the merge broke"):
            save_article(store, build(ARMS))
        assert store.load_article("a1") is None
        assert store.counts()["articles"] == 0
        assert all(rows == [] for rows in ledger_dump(store).values())


def test_claims_updates_unchanged_article_leaves_ledger_untouched(open_test_store, monkeypatch):
    with open_test_store() as store:
        save_article(store, build(ARMS))
        before = ledger_dump(store)
    refreshed = []
    monkeypatch.setattr(updates, "refresh_ledger", lambda store, doc: refreshed.append(doc))
    with open_test_store() as store:
        assert save_article(store, build(ARMS)) == "a1"
        assert refreshed == [] and ledger_dump(store) == before


def test_claims_updates_transaction_joins_and_commits_once(open_test_store):
    with open_test_store() as store, open_test_store() as other:
        with store.transaction():
            store.save_article(build(ARMS))
            # Not committed yet: another connection sees no article.
            assert other.counts()["articles"] == 0
        assert store.counts()["articles"] == 1
        assert other.counts()["articles"] == 1


def test_claims_updates_sqlite_save_reads_and_writes_through_indexes(tmp_path):
    # Issue 12: every statement of a save (article and ledger) finds its rows through an index, so a save
    # costs the same in a database of a million articles; EXPLAIN QUERY PLAN says SEARCH, never SCAN.
    with SqliteStore(tmp_path / "w.db") as store:
        for i in range(3):
            save_article(store, build(ARMS, article_id=f"a{i}", outlet=f"Outlet {i}"))
        seen: list[tuple[str, tuple]] = []
        query = store._query

        def spy(sql, params=(), /):
            if sql.split()[0] in ("SELECT", "DELETE", "UPDATE"):
                seen.append((sql, tuple(params)))
            return query(sql, params)

        store._query = spy
        save_article(store, build(ARMS, article_id="a9", outlet="Outlet 9"))
        store._query = query
        assert len(seen) > 10
        for sql, params in seen:
            plan = [row[3] for row in store._query("EXPLAIN QUERY PLAN " + sql, params)]
            assert not [step for step in plan if step.startswith("SCAN")], (sql, plan)
