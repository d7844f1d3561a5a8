"""The ledger kept up to date through the store's interface: one transaction for an article and its claims."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from claims_support import ARMS, build, ledger_dump

from warta.claims import LedgerStore, save_article, updates
from warta.store.sqlite import SqliteStore


def test_claims_updates_sqlite_store_implements_the_ledger_interface(tmp_path):
    with SqliteStore(tmp_path / "w.db") as store:
        assert isinstance(store, LedgerStore)


def test_claims_updates_store_alone_writes_no_ledger(tmp_path):
    # The store persists; it computes no cluster and no claim of its own.
    with SqliteStore(tmp_path / "w.db") as store:
        store.save_article(build(ARMS))
        assert store.ledger_counts()["claims"] == 0 and store.ledger_counts()["unclustered"] == 1


def test_claims_updates_failed_ledger_update_leaves_no_article(tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the merge broke")

    monkeypatch.setattr(updates.ledger, "merge_bucket", fail)
    with SqliteStore(tmp_path / "w.db") as store:
        with pytest.raises(RuntimeError, match="the merge broke"):
            save_article(store, build(ARMS))
        assert store.load_article("a1") is None
        assert store.counts()["articles"] == 0
    assert all(rows == [] for rows in ledger_dump(tmp_path / "w.db").values())


def test_claims_updates_unchanged_article_leaves_ledger_untouched(tmp_path, monkeypatch):
    with SqliteStore(tmp_path / "w.db") as store:
        save_article(store, build(ARMS))
    before = ledger_dump(tmp_path / "w.db")
    refreshed = []
    monkeypatch.setattr(updates, "refresh_ledger", lambda store, doc: refreshed.append(doc))
    with SqliteStore(tmp_path / "w.db") as store:
        assert save_article(store, build(ARMS)) == "a1"
    assert refreshed == [] and ledger_dump(tmp_path / "w.db") == before


def test_claims_updates_transaction_joins_and_commits_once(tmp_path):
    with SqliteStore(tmp_path / "w.db") as store:
        with store.transaction():
            store.save_article(build(ARMS))
            with closing(sqlite3.connect(tmp_path / "w.db", timeout=0)) as other:
                # Not committed yet: another connection sees no article.
                assert other.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
        assert store.counts()["articles"] == 1
