"""Two worker processes writing one PostgreSQL database at once: articles of the same claims and story
clusters, some saved by both. The ledger must be the one a serial run leaves, and no save may fail."""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import replace

import pytest
from claims_support import ARMS, Ev, Story, build, ledger_dump

from store_backends import table_rows
from warta.claims import rebuild_ledger, save_article
from warta.records import AnnotatedArticle

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed: pip install 'warta[postgres]'")
from warta.store.postgres import PostgresStore  # noqa: E402  (needs psycopg)

# Another outlet's own story on the same transfer (another story cluster, the same claim buckets).
OTHER = Story(
    ["Korea Utara memasok amunisi kepada Rusia, kata seorang pejabat Korea Selatan."],
    [Ev(0, "memasok", "AID", ["Korea Utara"], ["Rusia"], status="reported", mode="military",
        attributed_to="pejabat Korea Selatan")],
)  # fmt: skip


def _articles() -> list[AnnotatedArticle]:
    """Copies of one wire story on several sites, and other sites' own stories, all of the same claims."""
    docs = []
    for i in range(8):
        story = ARMS if i % 3 else OTHER
        doc = build(story, article_id=f"a{i}", outlet=f"Outlet {i % 4}", published=f"2024-06-{19 + i % 3}")
        if i == 5:  # a copy with one event fewer: the merge must see the others' evidence all the same
            doc = replace(doc, events=doc.events[:-1])
        docs.append(doc)
    return docs


def _clock() -> str:
    # Nanoseconds: two saves never share a first_seen, so "the order they were stored in" is well defined.
    return f"{time.time_ns():020d}"


def _worker(url: str, indices: list[int], start: multiprocessing.synchronize.Event, ledger: bool = True) -> None:
    docs = _articles()
    start.wait(timeout=60)
    # Both workers open the new database at the same moment: the migrations must run once.
    with PostgresStore(url, clock=_clock) as store:
        for i in indices:
            if ledger:
                save_article(store, docs[i])
            else:
                store.save_article(docs[i])


def _run_workers(url: str, *orders: list[int], ledger: bool = True) -> list[int | None]:
    """Start one worker process per order of article indices, all at once; their exit codes."""
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [context.Process(target=_worker, args=(url, order, start, ledger)) for order in orders]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=300)
    return [worker.exitcode for worker in workers]


def test_claims_concurrency_two_workers_saving_the_same_articles_take_turns(postgres) -> None:
    url = postgres.fresh_url()
    # Every article saved by both at once, without the ledger: the second save of each finds the first's rows.
    assert _run_workers(url, list(range(8)), list(range(8)), ledger=False) == [0, 0]
    with PostgresStore(url) as store:
        assert [doc.article.id for doc in store.iter_articles()] == [f"a{i}" for i in range(8)]
        assert list(store.iter_articles()) == _articles()


def test_claims_concurrency_two_workers_leave_the_ledger_of_a_serial_run(postgres) -> None:
    url = postgres.fresh_url()
    # Overlapping halves in opposite orders, so that the same articles and claims are written at once.
    assert _run_workers(url, [0, 1, 2, 3, 4, 5], [7, 6, 5, 4, 3, 2]) == [0, 0]

    docs = {doc.article.id: doc for doc in _articles()}
    with PostgresStore(url) as store:
        assert store.counts()["articles"] == len(docs)
        migrations = table_rows(store, ["schema_migrations"])["schema_migrations"]
        assert len(migrations) == len({name for name, _ in migrations})
        stored = {row["id"]: row["first_seen"] for row in store._query("SELECT id, first_seen FROM articles")}
        concurrent = ledger_dump(store)
        # The same articles again, one at a time in the order they were stored, with the same timestamps.
        with PostgresStore(postgres.fresh_url()) as serial:
            for article_id in sorted(stored, key=stored.__getitem__):
                serial._now = lambda at=stored[article_id]: at
                save_article(serial, docs[article_id])
            assert ledger_dump(serial) == concurrent
        # And the ledger recomputed from the stored articles is the one the workers left.
        rebuild_ledger(store)
        assert ledger_dump(store) == concurrent
        assert store.ledger_counts()["claims"] > 0 and store.ledger_counts()["unclustered"] == 0
