"""JSON Lines input: one record per line, ``{id?, url?, html|text, published?, lang|language?, title?}``.

A bad line is one Failure (source ``file.jsonl:LINE``); the lines after it are still read, so one corrupt
record in a dump of ten thousand costs one record.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from warta.errors import ReadError
from warta.ingest.context import IngestContext, failure_from
from warta.ingest.decode import decode_text
from warta.records import Failure, Page

log = logging.getLogger(__name__)


def iter_jsonl(lines: Iterable[bytes], *, source: str, ctx: IngestContext) -> Iterator[Page | Failure]:
    """One Page or Failure per non-blank line; ``source`` is the file name (``stdin`` for standard input).

    The size limit (``max_input_bytes``) applies to each line: a JSONL file is a batch of documents.
    Raises :class:`ReadError` when there is not a single record.
    """
    limit = ctx.settings.max_input_bytes
    records = 0
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        records += 1
        line_source = f"{source}:{number}"
        if len(raw) > limit:
            error = ReadError(f"{line_source}: line of {len(raw)} bytes exceeds max_input_bytes={limit}")
            yield failure_from(error, source=line_source)
            continue
        yield read_record(raw, source=line_source, ctx=ctx)
    if records == 0:
        raise ReadError(f"{source}: empty file, no JSON lines to read")


def read_record(raw: bytes, *, source: str, ctx: IngestContext) -> Page | Failure:
    """One JSON line as a Page, or the Failure saying what is wrong with it."""
    try:
        record = json.loads(decode_text(raw).strip())
    except json.JSONDecodeError as exc:
        error = ReadError(f"{source}: malformed JSON ({exc.msg} at column {exc.colno}); the line is skipped")
        return failure_from(error, source=source)
    if not isinstance(record, dict):
        error = ReadError(f"{source}: expected a JSON object, got {type(record).__name__}")
        return failure_from(error, source=source)
    record_id = _scalar(record.get("id"))
    url = _scalar(record.get("url"))
    try:
        html = _html_pages(record.get("html"), source=source)
        text = record.get("text")
        if text is not None and not isinstance(text, str):
            raise ReadError(f"{source}: 'text' must be a string, got {type(text).__name__}")
        text = text if text and text.strip() else None
        if not html and text is None:
            raise ReadError(f"{source}: record has neither 'html' nor 'text'; give one of them")
    except ReadError as exc:
        return failure_from(exc, source=source, url=url, record_id=record_id)
    page = Page(
        source=source,
        url=url,
        html=html,
        text=text,
        published=_scalar(record.get("published")),
        record_id=record_id,
        language=_scalar(record.get("lang")) or _scalar(record.get("language")),
        title=_scalar(record.get("title")),
    )
    return ctx.complete(page)


def _html_pages(value: Any, *, source: str) -> tuple[str, ...]:
    # A list is a multi-page article already split by whoever made the dump.
    pages = [value] if isinstance(value, str) else value if isinstance(value, list) else None
    if value is not None and (pages is None or not all(isinstance(page, str) for page in pages)):
        raise ReadError(f"{source}: 'html' must be a string or a list of strings")
    return tuple(page for page in pages or () if page.strip())


def _scalar(value: Any) -> str | None:
    """A metadata value as text: numbers become strings (ids often are numbers); objects are ignored."""
    if value is None or isinstance(value, dict | list) or value == "":
        return None
    return value if isinstance(value, str) else json.dumps(value)
