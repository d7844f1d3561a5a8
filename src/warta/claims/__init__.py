"""Story clusters and the claims ledger: who asserts, reports and denies each event, across sources.

Modules: ``clusters`` (near-duplicate and syndicated articles grouped with MinHash/LSH), ``matching`` (actor
keys, merge buckets, the event types words name), ``evidence`` (what one article contributes: each event's
stance, and which events its denials deny), ``citations`` (evidence an article cites, "citra satelit"),
``ledger`` (events of all articles merged into claims) and ``updates`` (saving an article and updating the
ledger in one transaction, through the store's :class:`~warta.claims.updates.LedgerStore` interface). The
store keeps the results in tables (migration ``m002_claims``) and answers
:class:`~warta.store.queries.ClaimQuery`.
"""

from warta.claims.updates import LedgerStore, rebuild_ledger, save_article

__all__ = ["LedgerStore", "rebuild_ledger", "save_article"]
