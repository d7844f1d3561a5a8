"""Stored events exported as PLOVER JSON lines or CSV."""

from __future__ import annotations

import csv
import json
import logging
from typing import Any, TextIO

from warta.export.plain import joined
from warta.store import Store
from warta.store.queries import EventQuery
from warta.store.rows import EventRow

log = logging.getLogger(__name__)

#: The fields of one exported event, in order (see :func:`plover_record`).
PLOVER_FIELDS = (
    "id", "event_type", "mode", "source_actor", "source_country", "source_sector", "target_actor",
    "target_country", "target_sector", "event_date", "status", "location", "location_country", "latitude",
    "longitude", "trigger", "sentence",
    "article_id", "url", "published", "language",
)  # fmt: skip
#: CSV columns: the PLOVER fields plus attribution, quantity and article metadata.
CSV_FIELDS = (*PLOVER_FIELDS, "attributed_to", "quantity", "quantity_unit", "title", "outlet")


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
        record[f"{side}_actor"] = joined(a.name or a.text for a in actors)
        record[f"{side}_country"] = joined(a.country for a in actors)
        record[f"{side}_sector"] = joined(a.sector for a in actors)
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
