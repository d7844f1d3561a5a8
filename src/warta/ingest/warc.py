"""WARC archives (``.warc``, ``.warc.gz``): one Page per HTML ``response`` record."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from pathlib import Path

from warta.errors import ReadError
from warta.ingest.context import IngestContext, failure_from
from warta.ingest.decode import charset_from_content_type, decode_bytes
from warta.ingest.http import HTML_TYPES
from warta.records import Failure, Page

log = logging.getLogger(__name__)


def iter_warc(path: Path, *, source: str, ctx: IngestContext) -> Iterator[Page | Failure]:
    """A Page (source ``file.warc.gz#<uri>``) for each successful HTML response in the archive.

    Requests, metadata, revisits, redirects and non-HTML responses are skipped. The size limit applies to each
    record, not to the archive. A record that cannot be decoded is a Failure; an archive that cannot be read
    at all (or holds no HTML page) raises :class:`ReadError`.
    """
    from warcio.archiveiterator import ArchiveIterator  # deferred: only WARC inputs need warcio
    from warcio.exceptions import ArchiveLoadFailed

    if not path.is_file():
        raise ReadError(f"{source}: no such file; check the path")
    limit = ctx.settings.max_input_bytes
    produced = 0
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                content_type = record.http_headers.get_header("Content-Type") or ""
                media_type = content_type.split(";", 1)[0].strip().lower()
                status = record.http_headers.get_statuscode() or ""
                if not status.startswith("2") or media_type not in HTML_TYPES:
                    log.debug("%s: skipping %s (%s %s)", source, uri, status, media_type or "no type")
                    continue
                produced += 1
                record_source = f"{source}#{uri}"
                body = record.content_stream().read(limit + 1)
                try:
                    if len(body) > limit:
                        raise ReadError(f"{record_source}: record exceeds max_input_bytes={limit}")
                    html = decode_bytes(body, declared=charset_from_content_type(content_type), name=record_source)
                except ReadError as exc:
                    yield failure_from(exc, source=record_source, url=uri or None)
                    continue
                yield ctx.complete(Page(source=record_source, url=uri or None, html=(html,)))
    except (ArchiveLoadFailed, EOFError, zlib.error) as exc:
        raise ReadError(f"{source}: not a readable WARC archive ({exc}); it may be truncated") from exc
    except OSError as exc:
        raise ReadError(f"{source}: cannot read ({exc.strerror or exc})") from exc
    if produced == 0:
        raise ReadError(f"{source}: no HTML response records in this WARC archive")
