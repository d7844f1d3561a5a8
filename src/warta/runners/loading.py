"""Storing results that were written as Parquet partitions: ``warta load`` and the driver of a Dask run.

Articles are written file by file, one transaction per file, without touching the claims ledger; the ledger
is rebuilt once at the end (:func:`warta.claims.rebuild_ledger`), in the order the articles were first stored.
Updating it article by article would cost the same work per article and leave it half-updated for most of the
load; one rebuild also gives the same ledger whatever order the partitions arrive in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from warta.claims import LedgerStore, rebuild_ledger
from warta.errors import UsageError
from warta.records import AnnotatedArticle, Failure
from warta.runners.partitions import partition_files, read_partition
from warta.runners.summary import RunSummary
from warta.store import Store

log = logging.getLogger(__name__)


def store_partition(
    path: Path | bytes,
    store: Store,
    summary: RunSummary | None,
    *,
    run_id: str | None,
    on_result: Callable[[AnnotatedArticle | Failure], None] | None = None,
) -> None:
    """Store every result of one partition (a file or its bytes) in one transaction (the ledger is left for
    later)."""
    with ledger_store(store).transaction():
        for result in read_partition(path):
            store_result(store, result, run_id=run_id)
            if summary is not None:
                summary.add(result)
            if on_result is not None:
                on_result(result)


def store_result(store: Store, result: AnnotatedArticle | Failure, *, run_id: str | None) -> None:
    """An article or a failure into the store, without the ledger."""
    if isinstance(result, Failure):
        store.save_failure(result, run_id=run_id)
    else:
        store.write_article(result, run_id=run_id)


def load_partitions(
    paths: Sequence[Path],
    store: Store,
    *,
    on_result: Callable[[AnnotatedArticle | Failure], None] | None = None,
) -> RunSummary:
    """``warta load``: store every result in the partition files or folders ``paths``, then rebuild the
    claims ledger; the load is recorded as a run (command ``load``)."""
    files = partition_files(paths)
    summary = RunSummary()
    run_id = store.begin_run(command="load", inputs=[str(p) for p in paths], settings={})
    for path in files:
        log.info("loading %s", path)
        store_partition(path, store, summary, run_id=run_id, on_result=on_result)
    finish_load(store, summary, run_id=run_id)
    return summary


def finish_load(store: Store, summary: RunSummary, *, run_id: str) -> None:
    """Rebuild the claims ledger over everything stored and close the run."""
    counts = rebuild_ledger(ledger_store(store))
    log.info("ledger after the load: %s", counts)
    store.finish_run(run_id, processed=summary.processed, failed=summary.failed)


def ledger_store(store: Store) -> LedgerStore:
    """``store`` as the claims ledger sees it; every SQL store is one."""
    if not isinstance(store, LedgerStore):
        raise UsageError(f"{type(store).__name__} cannot keep the claims ledger; use a SQL store", code="W102")
    return store
