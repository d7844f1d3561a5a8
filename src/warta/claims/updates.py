"""Keeping the ledger up to date: an article is saved and its place in the ledger updated in one transaction.

The ledger is computed here and in the modules beside this one; the store only keeps its rows. It reads and
writes them through :class:`LedgerStore`, the part of the store interface the ledger needs (the SQL stores
implement it: :class:`warta.store.ledger_sql.SqlLedger`)::

    with open_store(settings) as store:
        save_article(store, doc)          # the article, its story cluster, evidence and claims
        rebuild_ledger(store)             # everything again from the stored articles

A save costs the same in a store of any size: for each claim bucket that the article's old and new events
belong to, it replays the merge around them (:mod:`warta.claims.replay`), reading the stored events near them
by their period, and rewrites only the claims that changed. The result is the ledger :func:`rebuild_ledger`
would compute (``tests/claims/test_claims_properties.py`` checks it after every save).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import date
from typing import Protocol, runtime_checkable

from warta.claims import clusters, evidence, ledger, replay
from warta.records import AnnotatedArticle
from warta.store.codec import event_ids
from warta.store.ledger_rows import (
    Assignment,
    Candidate,
    Denial,
    EventEvidence,
    EvidenceSpan,
    LedgerClaim,
    LedgerItem,
)

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

    def evidence_spans(self, article_id: str) -> list[EvidenceSpan]:
        """Bucket, claim and period of each stored evidence row of ``article_id``."""

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

    def evidence_between(self, bucket: str, first: str, last: str) -> list[LedgerItem]:
        """The stored events of ``bucket`` whose period overlaps the days ``first`` to ``last`` (ISO dates)."""

    def evidence_without_period(self, bucket: str, *, unknown: bool = False) -> list[LedgerItem]:
        """The stored events of ``bucket`` with no period, or (``unknown``) stored before periods were."""

    def evidence_of_claims(self, bucket: str, claim_ids: Sequence[str]) -> list[LedgerItem]:
        """The stored events of ``bucket`` merged into any of ``claim_ids``."""

    def save_periods(self, periods: Sequence[tuple[str, str, str, int]]) -> None:
        """Store (event id, first day, last day, precision) of evidence rows stored before periods were."""

    def denials_of(self, event_ids: Sequence[str]) -> list[Denial]:
        """The denials and cited evidence attached to ``event_ids``."""

    def save_claims(
        self, bucket: str, claims: Sequence[LedgerClaim], items: Sequence[LedgerItem],
        *, replacing: Collection[str] | None = None,
    ) -> None:  # fmt: skip
        """Make ``claims`` the claims of ``bucket`` in place of the stored claims ``replacing`` (None: all of the
        bucket's), and link ``items`` to them."""

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
    its evidence rows, and the claims that its old and new events change (module docstring)."""
    article_id = doc.article.id
    removed: dict[str, list[EvidenceSpan]] = {}
    for span in store.evidence_spans(article_id):
        removed.setdefault(span.bucket, []).append(span)
    _cluster_article(store, doc)
    added: dict[str, list[EventEvidence]] = {}
    for item in _save_evidence(store, doc):
        added.setdefault(item.bucket, []).append(item)
    for bucket in sorted(added.keys() | removed.keys()):
        _refresh_bucket(store, bucket, added.get(bucket, []), removed.get(bucket, []))


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
            buckets |= {item.bucket for item in _save_evidence(store, doc)}
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


def _save_evidence(store: LedgerStore, doc: AnnotatedArticle) -> list[EventEvidence]:
    """Replace the article's evidence and denial rows; return its evidence."""
    items, denials = evidence.article_evidence(doc, event_ids(doc.article.id, doc.events))
    store.save_evidence(doc.article.id, items, denials)
    return items


def _rebuild_bucket(store: LedgerStore, bucket: str) -> None:
    """Re-merge every stored event of ``bucket`` into claims and save the claims that changed."""
    items, denials = store.bucket_evidence(bucket)
    _merge_and_save(store, bucket, items, denials)


def _refresh_bucket(
    store: LedgerStore, bucket: str, added: Sequence[EventEvidence], removed: Sequence[EvidenceSpan]
) -> None:
    """Update the claims of ``bucket`` that its ``added`` events (stored, not merged yet) and ``removed`` ones
    (no longer stored) change: the merge replayed around them (:mod:`warta.claims.replay`) for events with a
    period, the events without one merged again (they form one claim of their own kind at most per mode)."""
    if any(span.precision is None for span in removed) or store.evidence_without_period(bucket, unknown=True):
        # Rows stored before periods were (and merged by the rules then): the whole bucket, once.
        items, denials = store.bucket_evidence(bucket)
        _place(store, items)
        _merge_and_save(store, bucket, items, denials)
        return
    claims: dict[str, list[LedgerItem]] = {}
    replacing: set[str] = set()
    dated = [(e.event_id, _period_of(e)) for e in added if e.precision]
    gone = [replay.Removed(span.event_id, _period_of(span), span.claim_id) for span in removed if span.precision]
    if dated or gone:
        replayed = replay.replay(
            bucket, dated, gone, window=ledger.WINDOW_DAYS,
            near=lambda first, last: store.evidence_between(bucket, first.isoformat(), last.isoformat()),
            members=lambda claim_ids: store.evidence_of_claims(bucket, claim_ids),
        )  # fmt: skip
        replacing |= replayed.changed
        claims.update((claim_id, members) for claim_id, members in replayed.members.items() if members)
    if any(not e.precision for e in added) or any(not span.precision for span in removed):
        undated = store.evidence_without_period(bucket)
        replacing |= {span.claim_id for span in removed if not span.precision and span.claim_id is not None}
        replacing |= {item.claim_id for item in undated if item.claim_id is not None}
        by_id = {item.event_id: item for item in undated}
        for claim in ledger.merge_bucket(undated):
            claims[claim.id] = [by_id[event_id] for event_id in claim.event_ids]  # in merge order
    items = [item for members in claims.values() for item in members]
    denials = store.denials_of([item.event_id for item in items])
    finished = [ledger.finish_claim([_named(m) for m in members], denials) for members in claims.values()]
    store.save_claims(bucket, finished, items, replacing=replacing)


def _period_of(row: EventEvidence | EvidenceSpan) -> ledger.Period:
    """The period stored with an evidence row that has one."""
    first, last = date.fromisoformat(row.period_start or ""), date.fromisoformat(row.period_end or "")
    return ledger.Period(first, last, row.precision or 0)


def _named(item: LedgerItem) -> LedgerItem:
    # The merge counts outlets by name: a site without one is known by its URL's host.
    return replace(item, outlet=evidence.outlet_name(item.outlet, item.url))


def _place(store: LedgerStore, items: Sequence[LedgerItem]) -> None:
    """Store the periods of ``items`` (rows stored before periods were)."""
    periods = [
        (item.event_id, *ledger.stored_period(ledger.event_period(item.date, item.published))) for item in items
    ]
    if periods:
        store.save_periods(periods)


def _merge_and_save(
    store: LedgerStore, bucket: str, items: Sequence[LedgerItem], denials: Sequence[Denial]
) -> None:
    """Merge all of ``items`` (the whole bucket) and make the result the bucket's claims."""
    named = [_named(item) for item in items]
    store.save_claims(bucket, ledger.merge_bucket(named, denials), items)
