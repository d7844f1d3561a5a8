"""The rows of the claims ledger's tables: what :mod:`warta.claims` computes and the store keeps.

Story clusters (``article_clusters``: :class:`Assignment`, read back as :class:`Candidate`), each event's
evidence (``claim_evidence``: :class:`EventEvidence`, read back joined with its event and article as
:class:`LedgerItem`, or alone as :class:`EvidenceSpan`), denials and cited evidence (``event_denials``:
:class:`Denial`), and the merged claims (``claims``: :class:`LedgerClaim`) with their stances
(``claim_stances``: :class:`Stance`). The store only writes and reads them; how they are computed is
:mod:`warta.claims`'s business.
"""

from __future__ import annotations

from dataclasses import dataclass

from warta.store.rows import Claim


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored article that shares a band key with the new one."""

    article_id: str
    cluster_id: str
    signature: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Assignment:
    """The cluster an article belongs to; ``similarity`` (None when it starts the cluster) is the estimated
    Jaccard similarity to the article it joined, ``joined`` that article's id."""

    cluster_id: str
    similarity: float | None = None
    joined: str | None = None


@dataclass(frozen=True, slots=True)
class EventEvidence:
    """One event as evidence: its claim bucket, its actors as keys, its stance, and where it stands in time for
    the merge: the first and last day (ISO dates) and precision (3 day, 2 month, 1 year) of its period, empty
    and 0 when it has none (see :mod:`warta.claims.ledger`), so a save can read just the events near its own."""

    event_id: str
    article_id: str
    bucket: str
    kind: str
    holder: str | None
    holder_country: str | None
    via: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    source_names: tuple[str, ...]
    target_names: tuple[str, ...]
    sentence_start: int
    sentence_end: int
    period_start: str = ""
    period_end: str = ""
    precision: int = 0


@dataclass(frozen=True, slots=True)
class EvidenceSpan:
    """Where a stored evidence row stood: its event and bucket, the claim it was merged into, and its period as
    in :class:`EventEvidence` (``precision`` None: written before periods were stored)."""

    event_id: str
    bucket: str
    claim_id: str | None
    period_start: str | None
    period_end: str | None
    precision: int | None


@dataclass(frozen=True, slots=True)
class Denial:
    """A stance on an event from another sentence: a REJECT event attached to the event it denies, once per
    denier (``position`` in its sources; kind ``denied``), or evidence cited for it (kind ``reported``, rule
    ``citation``, ``reject_id`` then a hash of the citation: see :mod:`warta.claims.citations`).

    ``seen`` (when the denying article was published, else first stored) is known once the denial is stored;
    the merge orders stances by it.
    """

    reject_id: str
    event_id: str
    position: int
    article_id: str
    holder: str | None
    holder_country: str | None
    rule: str  # "clause" (rules 3a, 3b), "context" (3c) or "citation"
    sentence_start: int
    sentence_end: int
    kind: str = "denied"
    seen: str = ""


@dataclass(frozen=True, slots=True)
class LedgerItem:
    """One stored event as the merge sees it: what it is, where it was published and the stance it is.

    ``outlet`` is the outlet's name, else the host of ``url``; ``claim_id`` the claim the event was last
    merged into (None before its first merge).
    """

    event_id: str
    article_id: str
    idx: int
    bucket: str
    type: str
    mode: str | None
    date: str | None
    published: str | None
    seen: str  # when the article was published, else first ingested: orders "first seen"
    outlet: str | None
    cluster_id: str
    kind: str
    holder: str | None = None
    holder_country: str | None = None
    via: str | None = None
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    source_names: tuple[str, ...] = ()
    target_names: tuple[str, ...] = ()
    sentence_start: int = 0
    sentence_end: int = 0
    url: str | None = None
    claim_id: str | None = None


@dataclass(frozen=True, slots=True)
class Stance:
    """Who holds a claim how, with the sentence that says so (``event_id`` is the REJECT for a denial)."""

    id: str
    claim_id: str
    idx: int
    kind: str
    event_id: str
    article_id: str
    holder: str | None
    holder_country: str | None
    via: str | None
    rule: str | None
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True, slots=True)
class LedgerClaim(Claim):
    """One merged claim: the fields of every :class:`~warta.store.rows.Claim`, its merge bucket, the event
    that founded it, its member events and stances, and a digest of all of it (the store rewrites a claim
    only when its digest changed)."""

    bucket: str = ""
    founder: str = ""
    event_ids: tuple[str, ...] = ()
    stances: tuple[Stance, ...] = ()
    digest: str = ""
