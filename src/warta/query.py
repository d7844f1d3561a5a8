"""Asking a store for events, quotes, entities and claims, and exporting events as PLOVER JSONL, CSV or
GDELT-style CSV (one row per claim, with mention counts).

The query objects say *what* to find; each store backend turns them into its own SQL (there is no SQL in
this module)::

    with open_store(settings) as store:
        rows = store.select_events(EventQuery(country="PRK", type="AID", date_from="2024-06"))
        export_plover_jsonl(store, sys.stdout, EventQuery(status="asserted"))

Text filters (``actor``, ``speaker``, ``text``) are case-insensitive substrings; codes (countries, types,
statuses) are exact and normalised to upper/lower case here. Dates compare on their ``YYYY-MM-DD`` prefix
and a partial date is a period: an event dated "2024-06" is in any range that overlaps June 2024, and
``date_from="2024"`` means from the start of 2024. Events without a date never match a date filter.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, TextIO

from warta.errors import UsageError
from warta.records import ENTITY_TYPES, EVENT_TYPES, QUAD_CLASSES, STATUSES, Actor, Event, Place, Quantity

if TYPE_CHECKING:
    from warta.store.base import Store

log = logging.getLogger(__name__)

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ].*)?)?)?$")


def _set(obj: Any, name: str, value: Any) -> None:
    # Normalising a frozen dataclass in __post_init__ has to bypass its own __setattr__.
    object.__setattr__(obj, name, value)


def _check_common(obj: Any) -> None:
    limit = obj.limit
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        raise UsageError(f"limit must be a whole number of rows (0 or more), got {limit!r}")


def _check_code(obj: Any, name: str, allowed: Sequence[str] | None = None, *, upper: bool = True) -> None:
    value = getattr(obj, name)
    if value is None:
        return
    value = value.strip().upper() if upper else value.strip().lower()
    if allowed is not None and value not in allowed:
        raise UsageError(f"unknown {name} {getattr(obj, name)!r}; choose one of: {', '.join(allowed)}")
    _set(obj, name, value)


def _check_date(obj: Any, name: str) -> None:
    value = getattr(obj, name)
    if value is None:
        return
    if not _DATE.match(value.strip()):
        raise UsageError(f"{name} must be a date like 2024, 2024-06 or 2024-06-19, got {value!r}")
    _set(obj, name, value.strip()[:10])


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events to select; every filter given must match (None means "any").

    ``actor`` matches the text or canonical name of a source or target actor; ``country`` matches either
    side, ``source_country``/``target_country`` one side only (ISO 3166 alpha-3); ``place_country`` the
    country where the event happened.
    """

    actor: str | None = None
    country: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    place_country: str | None = None
    type: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    article_id: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        for name in ("country", "source_country", "target_country", "place_country"):
            _check_code(self, name)
        _check_code(self, "type", EVENT_TYPES)
        _check_code(self, "status", STATUSES, upper=False)
        _check_date(self, "date_from")
        _check_date(self, "date_to")
        _check_common(self)


@dataclass(frozen=True, slots=True)
class QuoteQuery:
    """Which quotes to select: ``speaker`` and ``text`` are substrings, ``country`` the speaker's."""

    speaker: str | None = None
    country: str | None = None
    text: str | None = None
    article_id: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        _check_code(self, "country")
        _check_common(self)


@dataclass(frozen=True, slots=True)
class EntityQuery:
    """Which entity mentions to select: ``text`` is a substring of the mention or its canonical name."""

    text: str | None = None
    type: str | None = None
    country: str | None = None
    article_id: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        _check_code(self, "type", ENTITY_TYPES)
        _check_code(self, "country")
        _check_common(self)


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
        return Event(
            type=self.type, source=self.source, target=self.target, status=self.status,
            trigger=self.trigger, sentence=self.sentence, start=self.start, end=self.end, mode=self.mode,
            date=self.date, location=self.location, attributed_to=self.attributed_to, quantity=self.quantity,
            place=self.place,
        )  # fmt: skip


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


def row_to_dict(row: EventRow | QuoteRow | EntityRow) -> dict[str, Any]:
    """A row as a plain JSON-ready dict (actors become lists of dicts, a quantity a dict)."""
    data = asdict(row)
    for side in ("source", "target"):
        if side in data:
            data[side] = [dict(actor) for actor in data[side]]
    return data


def rows_to_json(rows: Iterable[EventRow | QuoteRow | EntityRow]) -> list[dict[str, Any]]:
    """Rows as plain dicts, ready for ``json.dumps`` (used by the CLI and the API)."""
    return [row_to_dict(row) for row in rows]


#: The fields of one exported event, in order (see :func:`plover_record`).
PLOVER_FIELDS = (
    "id", "event_type", "mode", "source_actor", "source_country", "source_sector", "target_actor",
    "target_country", "target_sector", "event_date", "status", "location", "location_country", "latitude",
    "longitude", "trigger", "sentence",
    "article_id", "url", "published", "language",
)  # fmt: skip
#: CSV columns: the PLOVER fields plus attribution, quantity and article metadata.
CSV_FIELDS = (*PLOVER_FIELDS, "attributed_to", "quantity", "quantity_unit", "title", "outlet")


def _joined(values: Iterable[str | None]) -> str | None:
    # Distinct values in actor order: two source actors from one country give "PRK", not "PRK; PRK".
    distinct = list(dict.fromkeys(v for v in values if v))
    return "; ".join(distinct) if distinct else None


def plover_record(row: EventRow) -> dict[str, Any]:
    """One event as a flat PLOVER-style dict.

    Fields: ``id`` (stored event id), ``event_type`` (PLOVER type), ``mode``, ``source_actor``,
    ``source_country``, ``source_sector``, ``target_actor``, ``target_country``, ``target_sector``,
    ``event_date`` (ISO, possibly partial: "2024-06"), ``status`` (asserted, reported, denied, future,
    hypothetical), ``location`` (the place as written) with ``location_country``, ``latitude`` and
    ``longitude`` (resolved offline; None where unknown), ``trigger`` (the word that evokes the event),
    ``sentence`` (the evidence), ``article_id``, ``url``, ``published``, ``language``. Actor fields hold the
    distinct values over all actors on that side (canonical name, else the mention) joined with "; "; missing
    values are None.
    """
    record: dict[str, Any] = {"id": row.id, "event_type": row.type, "mode": row.mode}
    for side, actors in (("source", row.source), ("target", row.target)):
        record[f"{side}_actor"] = _joined(a.name or a.text for a in actors)
        record[f"{side}_country"] = _joined(a.country for a in actors)
        record[f"{side}_sector"] = _joined(a.sector for a in actors)
    record.update(
        event_date=row.date, status=row.status, location=row.location,
        location_country=row.place.country if row.place else None,
        latitude=row.place.lat if row.place else None, longitude=row.place.lon if row.place else None,
        trigger=row.trigger,
        sentence=row.sentence, article_id=row.article_id, url=row.url, published=row.published,
        language=row.language,
    )  # fmt: skip
    return {name: record[name] for name in PLOVER_FIELDS}


def export_plover_jsonl(store: Store, out: TextIO, q: EventQuery | None = None) -> int:
    """Write one JSON object per selected event to ``out`` (fields: see :func:`plover_record`).

    Returns the number of events written.
    """
    rows = store.select_events(q or EventQuery())
    for row in rows:
        out.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
    log.info("exported %d events as PLOVER JSONL", len(rows))
    return len(rows)


def export_csv(store: Store, out: TextIO, q: EventQuery | None = None) -> int:
    """Write selected events as CSV with a header row (columns: :data:`CSV_FIELDS`).

    Several actors on one side are joined with "; "; missing values are empty cells. Open a file ``out``
    with ``newline=""`` as the :mod:`csv` module requires. Returns the number of events written.
    """
    rows = store.select_events(q or EventQuery())
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for row in rows:
        record = plover_record(row)
        record.update(
            attributed_to=row.attributed_to,
            quantity=row.quantity.value if row.quantity else None,
            quantity_unit=row.quantity.unit if row.quantity else None,
            title=row.title,
            outlet=row.outlet,
        )
        writer.writerow(record)
    log.info("exported %d events as CSV", len(rows))
    return len(rows)


# -- claims ------------------------------------------------------------------------------------------------
# The claims ledger (see warta.claims): one row per claim, its evidence trail, and the GDELT-style export.


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    """Which claims to select: ``actor`` matches an actor's text or name (substring) or country code on any
    event of the claim; ``contested`` keeps claims that at least one actor denies."""

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    contested: bool = False
    limit: int | None = None

    def __post_init__(self) -> None:
        _check_code(self, "country")
        _check_code(self, "type", EVENT_TYPES)
        _check_common(self)


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One claim: what it says, when it was first seen, and how many hold it which way.

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
    first_article: str | None = None
    first_url: str | None = None
    place: Place | None = None  # where it happened: the place its events name most often

    @property
    def quad_class(self) -> int:
        """GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
        conflict."""
        return next(i for i, types in enumerate(QUAD_CLASSES.values(), 1) if self.type in types)


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


def claim_to_dict(row: ClaimRow) -> dict[str, Any]:
    """A claim as a plain JSON-ready dict (with its ``quad_class``)."""
    data = asdict(row)
    for name in ("source", "target", "source_names", "target_names"):
        data[name] = list(data[name])
    data["quad_class"] = row.quad_class
    return data


def trail_to_dict(trail: ClaimTrail) -> dict[str, Any]:
    """A claim and its evidence trail as a plain JSON-ready dict."""
    return {
        "claim": claim_to_dict(trail.claim),
        "stances": [asdict(s) for s in trail.stances],
        "denies": list(trail.denies),
        "denied_by": list(trail.denied_by),
    }


#: Columns of the GDELT-style export: GDELT 2.0 event-table names where one exists, then warta's own.
GDELT_FIELDS = (
    "GLOBALEVENTID", "SQLDATE", "EventDate", "Actor1Name", "Actor1CountryCode", "Actor2Name", "Actor2CountryCode",
    "EventCode", "EventMode", "QuadClass", "NumMentions", "NumSources", "NumArticles", "NumStories",
    "NumAsserting", "NumReporting", "NumDenying", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat",
    "ActionGeo_Long", "DATEADDED", "SOURCEURL",
)  # fmt: skip


def gdelt_record(row: ClaimRow) -> dict[str, Any]:
    """One claim as a GDELT-style event record.

    As in GDELT, an event is counted once however often it is reported: ``NumMentions`` is the number of
    warta events (mentions) merged into the claim, ``NumSources`` its distinct outlets, ``NumArticles`` its
    articles. warta adds ``NumStories`` (story clusters: a wire story on five sites is one),
    ``NumAsserting``/``NumReporting``/``NumDenying`` (distinct holders of each stance), ``EventDate`` (the
    ISO date at its own precision) and ``EventMode``. ``SQLDATE`` is YYYYMMDD only for a day-precise date;
    ``EventCode`` is the PLOVER type; country codes are ISO 3166 alpha-3 or warta's IGO codes;
    ``DATEADDED`` is when the claim was first seen and ``SOURCEURL`` the first article's URL. ``ActionGeo_*``
    is the claim's place (the one its events name most often); unlike GDELT's FIPS codes its country code is
    ISO 3166 alpha-3, and a country alone has no coordinates.
    """
    place = row.place
    day = row.date[:10] if row.date and len(row.date) >= 10 else None
    countries = (None if key.startswith("~") else key for key in row.source)
    targets = (None if key.startswith("~") else key for key in row.target)
    return {
        "GLOBALEVENTID": row.id, "SQLDATE": day.replace("-", "") if day else None, "EventDate": row.date,
        "Actor1Name": _joined(row.source_names), "Actor1CountryCode": _joined(countries),
        "Actor2Name": _joined(row.target_names), "Actor2CountryCode": _joined(targets), "EventCode": row.type,
        "EventMode": row.mode, "QuadClass": row.quad_class, "NumMentions": row.mentions,
        "NumSources": row.outlets, "NumArticles": row.articles, "NumStories": row.clusters,
        "NumAsserting": row.asserting, "NumReporting": row.reporting, "NumDenying": row.denying,
        "ActionGeo_FullName": place and place.name, "ActionGeo_CountryCode": place and place.country,
        "ActionGeo_Lat": place and place.lat, "ActionGeo_Long": place and place.lon,
        "DATEADDED": row.first_seen, "SOURCEURL": row.first_url,
    }  # fmt: skip


def export_gdelt_csv(store: Store, out: TextIO, q: ClaimQuery | None = None) -> int:
    """Write one GDELT-style row per claim (columns: :data:`GDELT_FIELDS`) as CSV with a header.

    Open a file ``out`` with ``newline=""``. Returns the number of rows written.
    """
    rows = store.select_claims(q or ClaimQuery())
    writer = csv.DictWriter(out, fieldnames=GDELT_FIELDS)
    writer.writeheader()
    for row in rows:
        writer.writerow(gdelt_record(row))
    log.info("exported %d claims as GDELT-style CSV", len(rows))
    return len(rows)
