"""Rows as JSON-ready dicts, pages as the API's list envelope, and whole filtered lists exported as CSV or JSON.

A list answers ``{"items": [...], "next_cursor": "..." | null}``; pass ``cursor=<next_cursor>`` for the next
page. An export walks every page of the same filtered list and streams it, so exporting a million events
holds one page in memory at a time.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict
from typing import Any

from fastapi.responses import StreamingResponse

from warta.api.deps import AppState
from warta.api.filters import QUAD_OF
from warta.errors import UsageError
from warta.export.plain import claim_to_dict, row_to_dict
from warta.store.browse import MAX_LIMIT, ActorRow, ArticleRow, FailureRow, Page
from warta.store.rows import ClaimRow, ClusterRow, EntityRow, EventRow, QuoteRow
from warta.store.sql import SqlStore

Fetch = Callable[[SqlStore, str | None, int], Page[Any]]


def to_dict(row: Any) -> dict[str, Any]:
    """Any row the API lists, as a plain dict (an event also gets its quad class)."""
    if isinstance(row, EventRow):
        data = row_to_dict(row)
        data["quad_class"] = QUAD_OF.get(row.type)
        return data
    if isinstance(row, QuoteRow | EntityRow):
        return row_to_dict(row)
    if isinstance(row, ClaimRow):
        return claim_to_dict(row)
    if isinstance(row, FailureRow):
        return {**asdict(row.failure), "first_seen": row.first_seen, "last_seen": row.last_seen,
                "attempts": row.attempts}  # fmt: skip
    if isinstance(row, ArticleRow | ActorRow | ClusterRow):
        return asdict(row)
    raise TypeError(f"no JSON form for {type(row).__name__}")


def envelope(page: Page[Any]) -> dict[str, Any]:
    """A page as the API's list answer."""
    return {"items": [to_dict(row) for row in page.rows], "next_cursor": page.cursor}


def _every_row(state: AppState, fetch: Fetch, first: Page[Any]) -> Iterator[dict[str, Any]]:
    page = first
    while True:
        yield from (to_dict(row) for row in page.rows)
        if page.cursor is None:
            return
        # The store is opened and closed between two yields: a streamed body may be iterated from several
        # threads, and a SQLite connection must stay in one.
        with state.open() as store:
            page = fetch(store, page.cursor, MAX_LIMIT)


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _csv_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer: csv.DictWriter | None = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({key: _cell(value) for key, value in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _json_array(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for number, row in enumerate(rows):
        yield ("," if number else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def _in_pieces(parts: Iterator[str], *, size: int = MAX_LIMIT) -> Iterator[str]:
    """``parts`` joined ``size`` at a time. Starlette runs each step of a plain generator in its thread pool,
    behind the requests waiting there: one step per row made an export queue once per row (p50 16 s under 50
    concurrent clients, scripts/load_test.py); one step per thousand rows queues once per page."""
    while piece := list(itertools.islice(parts, size)):
        yield "".join(piece)


def export_response(state: AppState, fetch: Fetch, *, fmt: str, name: str) -> StreamingResponse:
    """Every row of a filtered list as a CSV or JSON download named ``warta-<name>.<fmt>``."""
    if fmt not in ("csv", "json"):
        raise UsageError(f"format must be csv or json, got {fmt!r}", code="W102")
    # The first page is read now, before the response starts: a bad filter (``type=`` empty, an unknown
    # country) is then a 400 with the error shape, not an exception in the middle of a 200 stream.
    with state.open() as store:
        first = fetch(store, None, MAX_LIMIT)
    rows = _every_row(state, fetch, first)
    body = _in_pieces(_csv_lines(rows) if fmt == "csv" else _json_array(rows))
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
    headers = {"Content-Disposition": f'attachment; filename="warta-{name}.{fmt}"'}
    return StreamingResponse(body, media_type=media, headers=headers)
