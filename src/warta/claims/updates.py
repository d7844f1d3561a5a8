"""Keeping the ledger up to date: an article is saved and its place in the ledger updated in one transaction.

The ledger is computed here and in the modules beside this one; the store only keeps its rows. It reads and
writes them through :class:`LedgerStore`, the part of the store interface the ledger needs (the SQL stores
implement it: :class:`warta.store.ledger_sql.SqlLedger`)::

    with open_store(settings) as store:
        save_article(store, doc)          # the article, its story cluster, evidence and claims
        rebuild_ledger(store)             # everything again from the stored articles
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Protocol, runtime_checkable

from warta.claims import clusters, evidence, ledger
from warta.records import AnnotatedArticle
from warta.store.codec import event_ids
from warta.store.ledger_rows import Assignment, Candidate, Denial, EventEvidence, LedgerClaim, LedgerItem

log = logging.getLogger(__name__)


@runtime_checkable
class LedgerStore(Protocol):
    """What the ledger needs of a store: its articles, and the rows of its own tables."""

    where: str

    def transaction(self) -> AbstractContextManager[None]:
        """One write transaction that every call inside joins."""

    def lock_ledger(self) -> None:
        """Hold the ledger's lock until the transaction ends, so concurrent writers take turns with it."""

    def write_article(self, doc: AnnotatedArticle, *, run_id: str | None = None) -> bool:
        """Save ``doc``; False when the same article was already stored (nothing written)."""

    def load_article(self, article_id: str) -> AnnotatedArticle | None:
        """A stored article."""

    def article_ids_by_first_seen(self) -> list[str]:
        """Every stored article id, in the order the articles were first stored."""

    def evidence_buckets(self, article_id: str) -> set[str]:
        """The claim buckets of the stored evidence of ``article_id``."""

    def cluster_candidates(self, article_id: str, band_keys: Sequence[str], *, method: str) -> list[Candidate]:
        """Other articles sharing a band key with ``article_id``."""

    def cluster_name_taken(self, article_id: str) -> bool:
        """Whether other articles form a cluster named after ``article_id``."""

    def save_cluster(
        self, article_id: str, assignment: Assignment, *, method: str, signature: Sequence[int],
        band_keys: Sequence[str],
    ) -> None:  # fmt: skip
        """Record the story cluster of ``article_id`` and its band keys."""

    def save_evidence(self, article_id: str, items: Sequence[EventEvidence], denials: Sequence[Denial]) -> None:
        """Replace the evidence and denial rows of ``article_id``."""

    def bucket_evidence(self, bucket: str) -> tuple[list[LedgerItem], list[Denial]]:
        """The stored events of ``bucket`` and their denials."""

    def save_claims(self, bucket: str, claims: Sequence[LedgerClaim], items: Sequence[LedgerItem]) -> None:
        """Make ``claims`` the claims of ``bucket`` and link its events to them."""

    def clear_ledger(self) -> None:
        """Empty the ledger's tables."""

    def ledger_counts(self) -> dict[str, int]:
        """Claims, stances, story clusters, contested claims and articles not in the ledger."""


def save_article(store: LedgerStore, doc: AnnotatedArticle, *, run_id: str | None = None) -> str:
    """Save ``doc`` and bring its story cluster and claims up to date, in one transaction; return its id.

    An article stored unchanged before leaves the ledger untouched too.
    """
    with store.transaction():
        # Before the article is written: its first_seen then orders it as the ledger merged it, and a worker
        # saving an article of the same claim or story at the same time waits until this one has committed.
        store.lock_ledger()
        if store.write_article(doc, run_id=run_id):
            refresh_ledger(store, doc)
    return doc.article.id


def refresh_ledger(store: LedgerStore, doc: AnnotatedArticle) -> None:
    """Bring the ledger up to date with the just-written ``doc`` (in the caller's transaction): its cluster,
    its evidence rows, and every claim bucket its old or new events belong to."""
    article_id = doc.article.id
    touched = store.evidence_buckets(article_id)
    _cluster_article(store, doc)
    touched |= _save_evidence(store, doc)
    for bucket in sorted(touched):
        _rebuild_bucket(store, bucket)


def rebuild_ledger(store: LedgerStore) -> dict[str, int]:
    """Recompute every story cluster and claim from the stored articles, in the order they were first
    stored, in one transaction; return the store's ledger counts.

    Needed once for a database that holds articles saved before the ledger existed; on a current database it
    changes nothing.
    """
    with store.transaction():
        store.lock_ledger()
        store.clear_ledger()
        buckets: set[str] = set()
        for article_id in store.article_ids_by_first_seen():
            doc = store.load_article(article_id)
            if doc is None:
                continue
            _cluster_article(store, doc)
            buckets |= _save_evidence(store, doc)
        for bucket in sorted(buckets):
            _rebuild_bucket(store, bucket)
    log.info("claims ledger rebuilt in %s", store.where)
    return store.ledger_counts()


def _cluster_article(store: LedgerStore, doc: AnnotatedArticle) -> None:
    article_id = doc.article.id
    fp = clusters.fingerprint(doc.article.text)
    candidates = store.cluster_candidates(article_id, fp.band_keys, method=clusters.METHOD)
    taken = store.cluster_name_taken(article_id)
    assignment = clusters.assign_cluster(article_id, fp, candidates, name_taken=taken)
    store.save_cluster(
        article_id, assignment, method=clusters.METHOD, signature=fp.signature, band_keys=fp.band_keys
    )


def _save_evidence(store: LedgerStore, doc: AnnotatedArticle) -> set[str]:
    """Replace the article's evidence and denial rows; return the buckets of its events."""
    items, denials = evidence.article_evidence(doc, event_ids(doc.article.id, doc.events))
    store.save_evidence(doc.article.id, items, denials)
    return {item.bucket for item in items}


def _rebuild_bucket(store: LedgerStore, bucket: str) -> None:
    """Re-merge every stored event of ``bucket`` into claims and save the claims that changed."""
    items, denials = store.bucket_evidence(bucket)
    # The merge counts outlets by name: a site without one is known by its URL's host.
    named = [replace(item, outlet=evidence.outlet_name(item.outlet, item.url)) for item in items]
    store.save_claims(bucket, ledger.merge_bucket(named, denials), items)
