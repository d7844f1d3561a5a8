"""The claims ledger's tables in portable SQL: story clusters, evidence, denials, claims and stances.

The store only keeps these rows; :mod:`warta.claims` computes them and reads and writes them through the
methods here (its :class:`~warta.claims.updates.LedgerStore` interface), inside the transaction that saves
an article, so an article and its place in the ledger are written together or not at all.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date

from warta.errors import UsageError
from warta.records import Place
from warta.store import codec, ledger_codec, migrations, selects
from warta.store.ledger_rows import (
    Assignment,
    Candidate,
    Denial,
    EventEvidence,
    EvidenceSpan,
    LedgerClaim,
    LedgerItem,
)
from warta.store.queries import ClaimQuery
from warta.store.rows import ClaimRow, ClaimTrail, ClusterRow
from warta.store.sql_base import SqlBase

log = logging.getLogger(__name__)

#: The ledger's tables, in the order they are emptied (children first).
LEDGER_TABLES = ("claim_stances", "claims", "event_denials", "claim_evidence", "article_bands", "article_clusters")


class SqlLedger(SqlBase):
    """The claims ledger part of :class:`~warta.store.sql.SqlStore`. Every write joins the transaction the
    caller opened with :meth:`transaction` (or runs in its own)."""

    # -- what warta.claims reads and writes -----------------------------------------------------------------

    def lock_ledger(self) -> None:
        """Hold the claims ledger's lock until the current transaction ends (call it inside
        :meth:`transaction`): writers that update the ledger take turns, so two of them storing articles of
        the same claim at once cannot each merge the claim without the other's evidence."""
        with self._errors("lock the claims ledger"):
            self._lock("ledger")

    def evidence_spans(self, article_id: str) -> list[EvidenceSpan]:
        """Where the stored evidence rows of ``article_id`` stand: bucket, claim and period."""
        with self._errors(f"read the evidence of {article_id}"), self._transaction(write=False):
            found = self._query(
                "SELECT event_id, bucket, claim_id, period_start, period_end, period_precision FROM claim_evidence"
                " WHERE article_id = ?",
                (article_id,),
            )
        return [ledger_codec.span_from_row(row) for row in found]

    def cluster_candidates(self, article_id: str, band_keys: Sequence[str], *, method: str) -> list[Candidate]:
        """Other articles clustered with ``method`` that share a band key with ``article_id``."""
        if not band_keys:
            return []
        marks = ", ".join("?" for _ in band_keys)
        # Distinct article ids first: deduplicating rows that carry whole signatures is slow.
        with self._errors(f"find cluster candidates of {article_id}"), self._transaction(write=False):
            found = self._query(
                "SELECT c.article_id, c.cluster_id, c.signature FROM article_clusters c WHERE c.article_id IN"
                f" (SELECT b.article_id FROM article_bands b WHERE b.band_key IN ({marks}))"
                " AND c.method = ? AND c.article_id <> ?",
                (*band_keys, method, article_id),
            )
        return [ledger_codec.candidate_from_row(row) for row in found]

    def cluster_name_taken(self, article_id: str) -> bool:
        """Whether other articles form a cluster named after ``article_id``."""
        with self._errors(f"read the cluster of {article_id}"), self._transaction(write=False):
            return bool(
                self._query(
                    "SELECT article_id FROM article_clusters WHERE cluster_id = ? AND article_id <> ? LIMIT 1",
                    (article_id, article_id),
                )
            )

    def save_cluster(
        self, article_id: str, assignment: Assignment, *, method: str, signature: Sequence[int],
        band_keys: Sequence[str],
    ) -> None:  # fmt: skip
        """Record the story cluster of ``article_id`` and its LSH band keys (replacing earlier ones)."""
        row = ledger_codec.cluster_row(article_id, assignment, method=method, signature=signature)
        with self._errors(f"save the cluster of {article_id}"), self._transaction():
            self._query("DELETE FROM article_bands WHERE article_id = ?", (article_id,))
            self._upsert("article_clusters", ledger_codec.CLUSTER_COLUMNS, row, key="article_id")
            self._insert_rows("article_bands", ("article_id", "band_key"), [(article_id, k) for k in band_keys])

    def save_evidence(self, article_id: str, items: Sequence[EventEvidence], denials: Sequence[Denial]) -> None:
        """Replace the evidence and denial rows of ``article_id``."""
        with self._errors(f"save the evidence of {article_id}"), self._transaction():
            self._query("DELETE FROM claim_evidence WHERE article_id = ?", (article_id,))
            self._query("DELETE FROM event_denials WHERE article_id = ?", (article_id,))
            evidence = [ledger_codec.evidence_row(item) for item in items]
            self._insert_rows("claim_evidence", ledger_codec.EVIDENCE_COLUMNS, evidence)
            rows = [ledger_codec.denial_row(d) for d in denials]
            self._insert_rows("event_denials", ledger_codec.DENIAL_COLUMNS, rows)

    def bucket_evidence(self, bucket: str) -> tuple[list[LedgerItem], list[Denial]]:
        """Every stored event of ``bucket`` as the merge sees it, and the denials of those events."""
        with self._errors(f"read claim bucket {bucket}"), self._transaction(write=False):
            rows = self._query(f"{_ITEMS} WHERE ce.bucket = ?", (bucket,))
            denials = self._query(
                f"{_DENIALS} JOIN claim_evidence ce ON ce.event_id = d.event_id WHERE ce.bucket = ?", (bucket,)
            )
        items = [ledger_codec.ledger_item_from_row(row, bucket) for row in rows]
        return items, [ledger_codec.denial_from_row(row) for row in denials]

    def evidence_between(self, bucket: str, first: str, last: str) -> list[LedgerItem]:
        """The stored events of ``bucket`` whose period overlaps the days ``first`` to ``last`` (ISO dates)."""
        start = date.fromisoformat(first)
        params: list[object] = []
        for precision, longest in migrations.LONGEST_PERIOD_DAYS.items():
            # A period starting more than its precision's longest length before ``first`` ends before it.
            earliest = date.fromordinal(max(1, start.toordinal() - longest)).isoformat()
            params += [bucket, precision, earliest, last, first]
        with self._errors(f"read claim bucket {bucket}"), self._transaction(write=False):
            rows = self._query(_BETWEEN_SQL, params)
        return [ledger_codec.ledger_item_from_row(row, bucket) for row in rows]

    def evidence_without_period(self, bucket: str, *, unknown: bool = False) -> list[LedgerItem]:
        """The stored events of ``bucket`` that have no period (neither date nor publication date), or with
        ``unknown`` those written before periods were stored."""
        test = "ce.period_precision IS NULL" if unknown else "ce.period_precision = 0"
        with self._errors(f"read claim bucket {bucket}"), self._transaction(write=False):
            rows = self._query(f"{_ITEMS} WHERE ce.bucket = ? AND {test}", (bucket,))
        return [ledger_codec.ledger_item_from_row(row, bucket) for row in rows]

    def evidence_of_claims(self, bucket: str, claim_ids: Sequence[str]) -> list[LedgerItem]:
        """The stored events of ``bucket`` merged into any of ``claim_ids``."""
        with self._errors(f"read claim bucket {bucket}"), self._transaction(write=False):
            rows = self._chunked(_claim_items_sql, list(claim_ids))
        return [ledger_codec.ledger_item_from_row(row, bucket) for row in rows]

    def save_periods(self, periods: Sequence[tuple[str, str, str, int]]) -> None:
        """Store the periods of evidence rows written before periods were: (event id, first day, last day,
        precision) each, as in :class:`~warta.store.ledger_rows.EventEvidence`."""
        with self._errors("save evidence periods"), self._transaction():
            rows = [(start, end, precision, event_id) for event_id, start, end, precision in periods]
            if rows:
                self._query_many(
                    "UPDATE claim_evidence SET period_start = ?, period_end = ?, period_precision = ?"
                    " WHERE event_id = ?",
                    rows,
                )

    def denials_of(self, event_ids: Sequence[str]) -> list[Denial]:
        """The denials and cited evidence attached to ``event_ids``."""
        with self._errors("read denials"), self._transaction(write=False):
            rows = self._chunked(_denials_sql, list(event_ids))
        return [ledger_codec.denial_from_row(row) for row in rows]

    def save_claims(
        self, bucket: str, claims: Sequence[LedgerClaim], items: Sequence[LedgerItem],
        *, replacing: Collection[str] | None = None,
    ) -> None:  # fmt: skip
        """Make ``claims`` the claims of ``bucket``, and link each of ``items`` (the events merged, as read
        from the store) to its claim. ``replacing`` names the stored claims these replace (the claims of the
        segments merged, see :mod:`warta.claims.ledger`); None replaces every claim of the bucket.

        Only the claims whose digest changed are rewritten: one new article usually changes one or two claims
        of a bucket that may hold thousands.
        """
        with self._errors(f"save the claims of bucket {bucket}"), self._transaction():
            if replacing is None:
                found = self._query("SELECT id, digest FROM claims WHERE bucket = ?", (bucket,))
            else:
                found = self._chunked(_digests_sql, sorted({*replacing, *(c.id for c in claims)}))
            stored = {row["id"]: row["digest"] for row in found}
            current = {c.id: c.digest for c in claims}
            stale = [(claim_id,) for claim_id, digest in stored.items() if current.get(claim_id) != digest]
            fresh = [c for c in claims if stored.get(c.id) != c.digest]
            if stale:
                self._query_many("DELETE FROM claim_stances WHERE claim_id = ?", stale)
                self._query_many("DELETE FROM claims WHERE id = ?", stale)
            self._insert_rows("claims", ledger_codec.CLAIM_COLUMNS, [ledger_codec.claim_row(c) for c in fresh])
            stances = [ledger_codec.stance_row(s) for c in fresh for s in c.stances]
            self._insert_rows("claim_stances", ledger_codec.STANCE_COLUMNS, stances)
            # Evidence rows rewritten by this save have no claim yet, even when their claim did not change.
            assigned = {item.event_id: item.claim_id for item in items}
            links = [
                (c.id, event_id) for c in claims for event_id in c.event_ids if assigned.get(event_id) != c.id
            ]
            if links:
                self._query_many("UPDATE claim_evidence SET claim_id = ? WHERE event_id = ?", links)

    def clear_ledger(self) -> None:
        """Empty every ledger table (the articles stay)."""
        with self._errors("empty the claims ledger"), self._transaction():
            for table in LEDGER_TABLES:
                self._query(f"DELETE FROM {table}")

    def article_ids_by_first_seen(self) -> list[str]:
        """Every stored article id, in the order the articles were first stored."""
        with self._errors("list articles"):
            return [row["id"] for row in self._query("SELECT id FROM articles ORDER BY first_seen, id")]

    # -- what the shells ask for ----------------------------------------------------------------------------

    def ledger_counts(self) -> dict[str, int]:
        """Claims, stances, story clusters, contested claims, and articles not yet in the ledger."""
        sql = {
            "claims": "SELECT COUNT(*) AS n FROM claims",
            "stances": "SELECT COUNT(*) AS n FROM claim_stances",
            "clusters": "SELECT COUNT(DISTINCT cluster_id) AS n FROM article_clusters",
            "contested": "SELECT COUNT(*) AS n FROM claims WHERE denying > 0",
            "unclustered": "SELECT COUNT(*) AS n FROM articles"
            " WHERE id NOT IN (SELECT article_id FROM article_clusters)",
        }
        with self._errors("count the claims ledger"), self._transaction(write=False):
            return {name: int(self._query(statement)[0]["n"]) for name, statement in sql.items()}

    def select_claims(self, q: ClaimQuery) -> list[ClaimRow]:
        """Claims matching ``q``, dated ones first in date order."""
        with self._errors("select claims"), self._transaction(write=False):
            found = self._query(*selects.claims_sql(q))
            return self._with_places([ledger_codec.claim_from_row(row) for row in found])

    def _with_places(self, claims: list[ClaimRow]) -> list[ClaimRow]:
        """Each claim with where it happened: the place its events name most often (the first named on a
        tie), so that a claim reported from "Pyongyang" by two articles and "Korea Utara" by one is placed in
        Pyongyang."""
        places: dict[str, list[Place]] = {}
        for row in self._chunked(selects.claim_places_sql, [c.id for c in claims]):
            place = codec.place_from_json(row["place"])
            if place is not None:
                places.setdefault(row["claim_id"], []).append(place)
        return [replace(c, place=_most_named(places[c.id])) if c.id in places else c for c in claims]

    def load_claim(self, claim_id: str) -> ClaimTrail | None:
        """A claim and its evidence trail by id or by a unique id prefix; None if there is no such claim.
        A prefix that fits several claims is a :class:`~warta.errors.UsageError`."""
        with self._errors(f"load claim {claim_id}"), self._transaction(write=False):
            found = self._query(*selects.claims_sql(ClaimQuery(), claim_id=claim_id))
            if not found and claim_id:
                ids = [row["id"] for row in self._query(*selects.claim_ids_with_prefix_sql(claim_id))]
                if len(ids) > 1:
                    raise UsageError(f"claim id prefix {claim_id!r} fits several claims; give more of the id")
                if ids:
                    found = self._query(*selects.claims_sql(ClaimQuery(), claim_id=ids[0]))
            if not found:
                return None
            claim = self._with_places([ledger_codec.claim_from_row(found[0])])[0]
            rows = self._query(*selects.stances_sql(claim.id))
            stances = tuple(ledger_codec.stance_from_row(row) for row in rows)
            denies = tuple(row["claim_id"] for row in self._query(*selects.denied_claims_sql(claim.id)))
            denied_by = tuple(row["claim_id"] for row in self._query(*selects.denying_claims_sql(claim.id)))
        return ClaimTrail(claim=claim, stances=stances, denies=denies, denied_by=denied_by)

    def select_clusters(self, *, min_size: int = 1) -> list[ClusterRow]:
        """Articles with their story cluster, for clusters of at least ``min_size`` articles."""
        with self._errors("select story clusters"):
            found = self._query(*selects.clusters_sql(min_size=min_size))
        return [ledger_codec.cluster_from_row(row) for row in found]


#: An evidence row as the merge reads it: joined with its event, article and story cluster.
_ITEMS = (
    "SELECT ce.*, e.idx, e.type, e.mode, e.date, a.published, a.first_seen, a.outlet, a.url, ac.cluster_id"
    " FROM claim_evidence ce JOIN events e ON e.id = ce.event_id JOIN articles a ON a.id = ce.article_id"
    " LEFT JOIN article_clusters ac ON ac.article_id = ce.article_id"
)


#: One index range per precision (see :data:`~warta.store.migrations.LONGEST_PERIOD_DAYS`), in one statement.
_BETWEEN_SQL = " UNION ALL ".join(
    f"{_ITEMS} WHERE ce.bucket = ? AND ce.period_precision = ? AND ce.period_start BETWEEN ? AND ?"
    " AND ce.period_end >= ?"
    for _ in migrations.LONGEST_PERIOD_DAYS
)


#: A denial (or cited evidence) row as the merge reads it: joined with its article.
_DENIALS = "SELECT d.*, a.published, a.first_seen FROM event_denials d JOIN articles a ON a.id = d.article_id"


def _denials_sql(event_ids: list[str]) -> tuple[str, list[str]]:
    return f"{_DENIALS} WHERE d.event_id IN ({', '.join('?' for _ in event_ids)})", event_ids


def _claim_items_sql(claim_ids: list[str]) -> tuple[str, list[str]]:
    return f"{_ITEMS} WHERE ce.claim_id IN ({', '.join('?' for _ in claim_ids)})", claim_ids


def _digests_sql(claim_ids: list[str]) -> tuple[str, list[str]]:
    return f"SELECT id, digest FROM claims WHERE id IN ({', '.join('?' for _ in claim_ids)})", claim_ids


def _most_named(places: list[Place]) -> Place:
    """The place named most often, the first named on a tie (``places`` in the order stored)."""
    counts = Counter((p.name, p.country) for p in places)
    return max(places, key=lambda p: counts[(p.name, p.country)])
