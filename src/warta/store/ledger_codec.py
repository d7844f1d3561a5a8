"""Claims-ledger records <-> table rows: story clusters, evidence, denials, claims and stances.

Like :mod:`warta.store.codec`, nothing here knows SQL: rows are plain tuples in table column order going in,
mappings by column name coming out. Actor key lists are compact JSON text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from warta.store.codec import dumps
from warta.store.ledger_rows import (
    Assignment,
    Candidate,
    Denial,
    EventEvidence,
    EvidenceSpan,
    LedgerClaim,
    LedgerItem,
    Stance,
)
from warta.store.rows import ClaimRow, ClusterRow, StanceRow

CLUSTER_COLUMNS = ("article_id", "cluster_id", "similarity", "joined", "method", "signature")
EVIDENCE_COLUMNS = (
    "event_id", "article_id", "bucket", "claim_id", "kind", "holder", "holder_country", "via", "source",
    "target", "source_names", "target_names", "sentence_start", "sentence_end", "period_start", "period_end",
    "period_precision",
)  # fmt: skip
DENIAL_COLUMNS = (
    "reject_id", "event_id", "position", "article_id", "holder", "holder_country", "rule", "sentence_start",
    "sentence_end", "kind",
)  # fmt: skip
CLAIM_COLUMNS = (
    "id", "bucket", "type", "mode", "is_symmetric", "source", "target", "source_names", "target_names", "date",
    "first_seen", "founder", "mentions", "articles", "outlets", "clusters", "asserting", "reporting", "denying",
    "future", "hypothetical", "digest",
)  # fmt: skip
STANCE_COLUMNS = (
    "id", "claim_id", "idx", "kind", "event_id", "article_id", "holder", "holder_country", "via", "rule",
    "sentence_start", "sentence_end",
)  # fmt: skip


def cluster_row(article_id: str, assignment: Assignment, *, method: str, signature: Sequence[int]) -> tuple:
    """The ``article_clusters`` row of an article's :class:`~warta.store.ledger_rows.Assignment`."""
    a = assignment
    return (article_id, a.cluster_id, a.similarity, a.joined, method, dumps(list(signature)))


def evidence_row(item: EventEvidence) -> tuple:
    """A ``claim_evidence`` row from an :class:`~warta.store.ledger_rows.EventEvidence` (no claim yet)."""
    i = item
    return (
        i.event_id, i.article_id, i.bucket, None, i.kind, i.holder, i.holder_country, i.via, dumps(list(i.source)),
        dumps(list(i.target)), dumps(list(i.source_names)), dumps(list(i.target_names)), i.sentence_start,
        i.sentence_end, i.period_start, i.period_end, i.precision,
    )  # fmt: skip


def denial_row(denial: Denial) -> tuple:
    """An ``event_denials`` row from a :class:`~warta.store.ledger_rows.Denial`."""
    d = denial
    return (
        d.reject_id, d.event_id, d.position, d.article_id, d.holder, d.holder_country, d.rule, d.sentence_start,
        d.sentence_end, d.kind,
    )  # fmt: skip


def claim_row(claim: LedgerClaim) -> tuple:
    """A ``claims`` row from a :class:`~warta.store.ledger_rows.LedgerClaim`."""
    c = claim
    return (
        c.id, c.bucket, c.type, c.mode, c.symmetric, dumps(list(c.source)), dumps(list(c.target)),
        dumps(list(c.source_names)), dumps(list(c.target_names)), c.date, c.first_seen, c.founder, c.mentions,
        c.articles, c.outlets, c.clusters, c.asserting, c.reporting, c.denying, c.future, c.hypothetical, c.digest,
    )  # fmt: skip


def stance_row(stance: Stance) -> tuple:
    """A ``claim_stances`` row from a :class:`~warta.store.ledger_rows.Stance`."""
    s = stance
    return (
        s.id, s.claim_id, s.idx, s.kind, s.event_id, s.article_id, s.holder, s.holder_country, s.via, s.rule,
        s.sentence_start, s.sentence_end,
    )  # fmt: skip


@lru_cache(maxsize=8192)
def json_tuple(text: str | None) -> tuple:
    """A JSON list column back as a tuple (None and empty text give an empty tuple).

    Cached: a claim bucket's rows repeat the same few actor lists thousands of times.
    """
    return tuple(json.loads(text)) if text else ()


# -- rows -> records ---------------------------------------------------------------------------------------


def candidate_from_row(row: Any) -> Candidate:
    """A :class:`Candidate` from an ``article_clusters`` row."""
    return Candidate(row["article_id"], row["cluster_id"], json_tuple(row["signature"]))


def ledger_item_from_row(r: Any, bucket: str) -> LedgerItem:
    """A :class:`LedgerItem` from a ``claim_evidence`` row joined with its event, article and cluster: an
    article is seen when published, else when first stored; an article in no cluster is its own."""
    return LedgerItem(
        event_id=r["event_id"], article_id=r["article_id"], idx=r["idx"], bucket=bucket, type=r["type"],
        mode=r["mode"], date=r["date"], published=r["published"], seen=r["published"] or r["first_seen"],
        outlet=r["outlet"], cluster_id=r["cluster_id"] or r["article_id"], kind=r["kind"], holder=r["holder"],
        holder_country=r["holder_country"], via=r["via"], source=json_tuple(r["source"]),
        target=json_tuple(r["target"]), source_names=json_tuple(r["source_names"]),
        target_names=json_tuple(r["target_names"]), sentence_start=r["sentence_start"],
        sentence_end=r["sentence_end"], url=r["url"], claim_id=r["claim_id"],
    )  # fmt: skip


def span_from_row(r: Any) -> EvidenceSpan:
    """An :class:`EvidenceSpan` from a ``claim_evidence`` row."""
    return EvidenceSpan(
        r["event_id"], r["bucket"], r["claim_id"], r["period_start"], r["period_end"], r["period_precision"]
    )


def denial_from_row(r: Any) -> Denial:
    """A :class:`Denial` from an ``event_denials`` row joined with its article."""
    return Denial(
        reject_id=r["reject_id"], event_id=r["event_id"], position=r["position"], article_id=r["article_id"],
        holder=r["holder"], holder_country=r["holder_country"], rule=r["rule"], sentence_start=r["sentence_start"],
        sentence_end=r["sentence_end"], seen=r["published"] or r["first_seen"], kind=r["kind"],
    )  # fmt: skip


def claim_from_row(row: Any) -> ClaimRow:
    """A :class:`ClaimRow` from a selected ``claims`` row (see :func:`warta.store.selects.claims_sql`)."""
    return ClaimRow(
        id=row["id"], type=row["type"], mode=row["mode"], symmetric=bool(row["is_symmetric"]),
        source=json_tuple(row["source"]), target=json_tuple(row["target"]),
        source_names=json_tuple(row["source_names"]), target_names=json_tuple(row["target_names"]),
        date=row["date"], first_seen=row["first_seen"], mentions=row["mentions"], articles=row["articles"],
        outlets=row["outlets"], clusters=row["clusters"], asserting=row["asserting"], reporting=row["reporting"],
        denying=row["denying"], future=row["future"], hypothetical=row["hypothetical"],
        first_article=row["first_article"], first_url=row["first_url"],
    )  # fmt: skip


def stance_from_row(row: Any) -> StanceRow:
    """A :class:`StanceRow` from a selected ``claim_stances`` row (see :func:`warta.store.selects.stances_sql`)."""
    return StanceRow(
        id=row["id"], claim_id=row["claim_id"], idx=row["idx"], kind=row["kind"], holder=row["holder"],
        holder_country=row["holder_country"], via=row["via"], rule=row["rule"], event_id=row["event_id"],
        event_type=row["event_type"], status=row["status"], trigger=row["trigger"], sentence=row["sentence"],
        sentence_start=row["sentence_start"], sentence_end=row["sentence_end"], article_id=row["article_id"],
        outlet=row["outlet"], url=row["url"], title=row["title"], published=row["published"],
        cluster_id=row["cluster_id"],
    )  # fmt: skip


def cluster_from_row(row: Any) -> ClusterRow:
    """A :class:`ClusterRow` from a selected ``article_clusters`` row joined with its article."""
    return ClusterRow(
        cluster_id=row["cluster_id"], article_id=row["article_id"], outlet=row["outlet"], title=row["title"],
        url=row["url"], published=row["published"], similarity=row["similarity"], joined=row["joined"],
    )  # fmt: skip
