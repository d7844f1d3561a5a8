"""Claims exported as GDELT-style CSV: one row per claim, with mention counts."""

from __future__ import annotations

import csv
import logging
from typing import Any, TextIO

from warta.export.plain import joined
from warta.store import Store
from warta.store.queries import ClaimQuery
from warta.store.rows import ClaimRow

log = logging.getLogger(__name__)

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
        "Actor1Name": joined(row.source_names), "Actor1CountryCode": joined(countries),
        "Actor2Name": joined(row.target_names), "Actor2CountryCode": joined(targets), "EventCode": row.type,
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
