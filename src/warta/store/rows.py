"""What a store gives back: selected events, quotes and entities with their article's metadata, claims with
their evidence trail, and story clusters.

The fields of a claim are defined once, in :class:`Claim`: a selected claim (:class:`ClaimRow`) adds where its
first article is and where it happened, the ledger's merged claim (:class:`warta.store.ledger_rows.LedgerClaim`)
its bucket, members and stances.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from warta.records import QUAD_CLASSES, Actor, Event, Place, Quantity


@dataclass(frozen=True, slots=True)
class EventRow:
    """One selected event with its stored id and the metadata of the article it came from."""

    id: str
    article_id: str
    type: str
    mode: str | None
    status: str
    date: str | None
    location: str | None
    trigger: str
    sentence: str
    start: int
    end: int
    attributed_to: str | None
    quantity: Quantity | None
    place: Place | None
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    url: str | None
    title: str | None
    published: str | None
    outlet: str | None
    language: str | None

    def to_event(self) -> Event:
        """The :class:`~warta.records.Event` record this row was stored from."""
        return Event(**{name: getattr(self, name) for name in shared_fields(Event, EventRow)})


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One selected quote with its stored id and its article's metadata."""

    id: str
    article_id: str
    speaker: str | None
    speaker_country: str | None
    text: str
    direct: bool
    cue: str | None
    via: str | None
    start: int
    end: int
    speaker_actor: Actor | None
    speaker_affiliation: str | None
    url: str | None
    title: str | None
    published: str | None
    outlet: str | None
    language: str | None


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One selected entity mention with its stored id and its article's metadata."""

    id: str
    article_id: str
    text: str
    type: str
    country: str | None
    name: str | None
    kind: str | None
    sector: str | None
    role: str | None
    start: int
    end: int
    url: str | None
    title: str | None
    published: str | None
    outlet: str | None
    language: str | None


@dataclass(frozen=True, slots=True)
class Claim:
    """What a claim says, when it was first seen, and how many hold it which way: the fields every claim has.

    ``source``/``target`` are actor keys (country codes; ``~name`` for an actor without one), shown in the
    orientation of the event that started the claim; a symmetric claim's sides are interchangeable.
    ``clusters`` counts story clusters: independent pieces of reporting, however many outlets ran them.
    """

    id: str
    type: str
    mode: str | None
    symmetric: bool
    source: tuple[str, ...]
    target: tuple[str, ...]
    source_names: tuple[str, ...]
    target_names: tuple[str, ...]
    date: str | None
    first_seen: str
    mentions: int
    articles: int
    outlets: int
    clusters: int
    asserting: int
    reporting: int
    denying: int
    future: int
    hypothetical: int

    @property
    def quad_class(self) -> int:
        """GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
        conflict."""
        return next(i for i, types in enumerate(QUAD_CLASSES.values(), 1) if self.type in types)


@dataclass(frozen=True, slots=True)
class ClaimRow(Claim):
    """One selected claim, with the article that first reported it and where it happened."""

    first_article: str | None = None
    first_url: str | None = None
    place: Place | None = None  # where it happened: the place its events name most often


@dataclass(frozen=True, slots=True)
class StanceRow:
    """One stance on a claim with its evidence: who (``holder``, ``via``), how (``kind``: asserted,
    reported, denied, future, hypothetical), and where (article, outlet, sentence and its offsets).

    For a denial, ``event_id``/``event_type``/``trigger``/``status`` are those of the REJECT event and
    ``rule`` says how it was attached ("clause": the denial names the claim's type; "context": a sentence
    before it does). Evidence the article cites ("citra satelit", satellite imagery) is a ``reported`` stance
    with rule "citation"; its ``event_id`` is the citation's id and ``trigger`` the source as written.
    """

    id: str
    claim_id: str
    idx: int
    kind: str
    holder: str | None
    holder_country: str | None
    via: str | None
    rule: str | None
    event_id: str
    event_type: str
    status: str
    trigger: str
    sentence: str
    sentence_start: int
    sentence_end: int
    article_id: str
    outlet: str | None
    url: str | None
    title: str | None
    published: str | None
    cluster_id: str | None


@dataclass(frozen=True, slots=True)
class ClaimTrail:
    """A claim with its whole evidence trail; ``denies`` are the claims a REJECT claim denies,
    ``denied_by`` the REJECT claims that deny this one."""

    claim: ClaimRow
    stances: tuple[StanceRow, ...]
    denies: tuple[str, ...] = ()
    denied_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClusterRow:
    """An article in its story cluster; ``similarity`` to the article it ``joined`` (None for the first)."""

    cluster_id: str
    article_id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: str | None
    similarity: float | None
    joined: str | None


@cache
def shared_fields(source: type, target: type) -> tuple[str, ...]:
    """The field names of the dataclass ``target`` that the dataclass ``source`` has too, in ``target``'s
    order: what a row copies from the record it was stored from."""
    names = {f.name for f in fields(source)}
    return tuple(f.name for f in fields(target) if f.name in names)


def row_of(row_type: type[Any], record: Any, **extra: Any) -> Any:
    """A ``row_type`` carrying every field of ``record`` that it has, and ``extra`` for the rest."""
    return row_type(**{name: getattr(record, name) for name in shared_fields(type(record), row_type)}, **extra)
