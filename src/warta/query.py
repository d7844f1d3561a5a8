"""Asking a store for events, quotes and entities, and exporting events as PLOVER JSONL or CSV.

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
from warta.records import ENTITY_TYPES, EVENT_TYPES, STATUSES, Actor, Event, Quantity

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
    side, ``source_country``/``target_country`` one side only (ISO 3166 alpha-3).
    """

    actor: str | None = None
    country: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    type: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    article_id: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        for name in ("country", "source_country", "target_country"):
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
    "target_country", "target_sector", "event_date", "status", "location", "trigger", "sentence",
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
    hypothetical), ``location``, ``trigger`` (the word that evokes the event), ``sentence`` (the evidence),
    ``article_id``, ``url``, ``published``, ``language``. Actor fields hold the distinct values over all
    actors on that side (canonical name, else the mention) joined with "; "; missing values are None.
    """
    record: dict[str, Any] = {"id": row.id, "event_type": row.type, "mode": row.mode}
    for side, actors in (("source", row.source), ("target", row.target)):
        record[f"{side}_actor"] = _joined(a.name or a.text for a in actors)
        record[f"{side}_country"] = _joined(a.country for a in actors)
        record[f"{side}_sector"] = _joined(a.sector for a in actors)
    record.update(
        event_date=row.date, status=row.status, location=row.location, trigger=row.trigger,
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
