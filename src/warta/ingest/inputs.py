"""The ingest stage's entry point: command-line inputs in, Page (or Failure) records out."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from warta.errors import ReadError
from warta.ingest.context import IngestContext, guarded
from warta.ingest.decode import SNIFF_BYTES
from warta.ingest.files import is_url_list, iter_document, iter_file, iter_folder, sniff_kind
from warta.ingest.http import Fetcher
from warta.ingest.jsonl import iter_jsonl
from warta.ingest.urllist import iter_url_list_file
from warta.ingest.web import iter_url
from warta.records import Failure, Page

if TYPE_CHECKING:
    import httpx
from warta.settings import Settings

log = logging.getLogger(__name__)

STDIN = "-"


def iter_pages(
    inputs: Sequence[str],
    settings: Settings,
    *,
    published: str | None = None,
    language: str | None = None,
    client: httpx.Client | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Page | Failure]:
    """Read every input and yield its Page records, or a Failure for each input (or record) that cannot be read.

    An input is a file, a folder (walked recursively), an http(s) URL (an article, or a feed whose entries are
    fetched), a URL list (a ``.urls`` file, or a ``.txt`` file of addresses: :mod:`warta.ingest.urllist`) or
    ``-`` for standard input (``stdin``, default ``sys.stdin.buffer``). ``published`` and
    ``language`` fill the Page fields of the same name when the input does not say. ``client`` replaces the
    HTTP client (tests inject one); it is not closed. Nothing is raised for a bad input: iteration goes on.
    """
    fetcher = Fetcher(settings, client=client)
    ctx = IngestContext(settings=settings, fetcher=fetcher, published=published, language=language)
    try:
        for item in inputs:
            log.debug("ingesting %s", item)
            url = item if _is_url(item) else None
            yield from guarded(_iter_input(item, ctx=ctx, stdin=stdin), source=_source_name(item), url=url)
    finally:
        fetcher.close()


def iter_share(
    item: str,
    settings: Settings,
    *,
    keep: Callable[[int], bool],
    published: str | None = None,
    language: str | None = None,
) -> Iterator[Page | Failure]:
    """The records of one input at the positions ``keep`` accepts: a share of a Dask work unit (see
    :mod:`warta.runners.plan`). Positions count what :func:`iter_pages` yields, failures included, except in a
    URL list, where they count its addresses and only the kept ones are fetched: every share reads the whole
    list, and fetching the other shares' pages would cost each share the whole list's time.
    """
    if item == STDIN or _is_url(item) or not is_url_list(Path(item)):
        pages = iter_pages([item], settings, published=published, language=language)
        yield from (page for position, page in enumerate(pages) if keep(position))
        return
    fetcher = Fetcher(settings)
    ctx = IngestContext(settings=settings, fetcher=fetcher, published=published, language=language)
    try:
        yield from guarded(iter_url_list_file(Path(item), source=item, ctx=ctx, keep=keep), source=item)
    finally:
        fetcher.close()


def _iter_input(item: str, *, ctx: IngestContext, stdin: BinaryIO | None) -> Iterator[Page | Failure]:
    if item == STDIN:
        yield from _iter_stdin(stdin if stdin is not None else sys.stdin.buffer, ctx=ctx)
    elif _is_url(item):
        yield from iter_url(item, ctx)
    else:
        path = Path(item)
        if path.is_dir():
            yield from iter_folder(path, ctx=ctx)
        else:
            yield from iter_file(path, source=item, ctx=ctx)


def _iter_stdin(stream: BinaryIO, *, ctx: IngestContext) -> Iterator[Page | Failure]:
    """Standard input, sniffed: JSON Lines are streamed line by line, anything else is read whole."""
    limit = ctx.settings.max_input_bytes
    head = stream.read(SNIFF_BYTES)
    kind = sniff_kind(head)
    if kind == "jsonl":
        yield from iter_jsonl(_lines_after(head, stream), source="stdin", ctx=ctx)
        return
    data = head + stream.read(max(0, limit + 1 - len(head)))
    if len(data) > limit:
        raise ReadError(f"stdin: more than max_input_bytes={limit} bytes; raise the limit or give a file")
    yield from iter_document(data, kind=kind, source="stdin", ctx=ctx)


def _lines_after(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The lines of ``head`` followed by the rest of ``stream``, the line cut by the sniff joined back up."""
    *complete, partial = head.split(b"\n")
    for line in complete:
        yield line + b"\n"
    tail = partial + stream.readline()
    while tail:
        yield tail
        tail = stream.readline()


def _is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def _source_name(item: str) -> str:
    return "stdin" if item == STDIN else item
