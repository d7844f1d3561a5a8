"""Stored events and claims in other formats: PLOVER JSON lines, CSV and GDELT-style CSV, and rows as plain
dicts for JSON output.

Modules: ``events`` (PLOVER JSONL and CSV of events), ``claims`` (the GDELT-style CSV of claims) and
``plain`` (rows and claims as JSON-ready dicts)::

    with open_store(settings) as store:
        export_plover_jsonl(store, sys.stdout, EventQuery(status="asserted"))
"""

from warta.export.claims import GDELT_FIELDS, export_gdelt_csv, gdelt_record
from warta.export.events import CSV_FIELDS, PLOVER_FIELDS, export_csv, export_plover_jsonl, plover_record
from warta.export.plain import claim_to_dict, row_to_dict, rows_to_json, trail_to_dict

__all__ = [
    "CSV_FIELDS",
    "GDELT_FIELDS",
    "PLOVER_FIELDS",
    "claim_to_dict",
    "export_csv",
    "export_gdelt_csv",
    "export_plover_jsonl",
    "gdelt_record",
    "plover_record",
    "row_to_dict",
    "rows_to_json",
    "trail_to_dict",
]
