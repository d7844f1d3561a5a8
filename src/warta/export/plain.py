"""Stored rows as plain JSON-ready dicts (the CLI's and the API's ``json`` format)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from warta.store.rows import ClaimRow, ClaimTrail, EntityRow, EventRow, QuoteRow


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


def joined(values: Iterable[str | None]) -> str | None:
    """Distinct values in actor order joined with "; ": two source actors from one country give "PRK", not
    "PRK; PRK"; None when there is none."""
    distinct = list(dict.fromkeys(v for v in values if v))
    return "; ".join(distinct) if distinct else None
