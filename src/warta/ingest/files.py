"""Local inputs: single files by extension, folders walked recursively, and content sniffing for the rest.

A local multi-page article is a chain of HTML files in one folder linked by "next page" links
(``artikel.html`` -> ``artikel-2.html`` -> ...). The chain is read as one Page, and when a folder is walked the
continuation files are not emitted again on their own.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from warta.errors import ReadError
from warta.ingest.context import IngestContext, guarded
from warta.ingest.decode import SNIFF_BYTES, decode_bytes, read_bytes
from warta.ingest.feeds import looks_like_feed, parse_feed
from warta.ingest.jsonl import iter_jsonl
from warta.ingest.pagination import find_next_page
from warta.ingest.urllist import iter_url_list, iter_url_list_file, looks_like_url_list
from warta.ingest.warc import iter_warc
from warta.ingest.web import iter_feed_articles
from warta.records import Failure, Page

log = logging.getLogger(__name__)

#: File kinds by (lower-cased) name ending; longest endings first so ``.warc.gz`` is not taken for ``.gz``.
SUFFIX_KINDS: tuple[tuple[str, str], ...] = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".html", "html"),
    (".htm", "html"),
    (".txt", "text"),
    (".urls", "urls"),
    (".jsonl", "jsonl"),
    (".xml", "feed"),
    (".rss", "feed"),
    (".atom", "feed"),
)
_HTML_HINT = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|article|main|div|p|h[1-6]|title|meta|section|span|br)[\s>/]",
    re.IGNORECASE,
)


def kind_of(path: Path) -> str | None:
    """The input kind (html, text, urls, jsonl, warc, feed) a file name stands for, or None."""
    name = path.name.lower()
    return next((kind for suffix, kind in SUFFIX_KINDS if name.endswith(suffix)), None)


def sniff_kind(head: bytes) -> str:
    """Guess what a nameless input is from its first bytes: jsonl, feed, html, urls or text."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    first_line = start.split(b"\n", 1)[0].strip()
    if first_line.startswith(b"{") and (first_line.endswith(b"}") or len(first_line) >= SNIFF_BYTES // 2):
        return "jsonl"
    if looks_like_feed(start):
        return "feed"
    if _HTML_HINT.search(start[:SNIFF_BYTES]):
        return "html"
    if looks_like_url_list(start[:SNIFF_BYTES], complete=len(head) < SNIFF_BYTES):
        return "urls"
    return "text"


def is_url_list(path: Path) -> bool:
    """Whether a file is a URL list: named ``.urls``, or a ``.txt`` file of addresses (:mod:`.urllist`)."""
    kind = kind_of(path)
    if kind not in ("text", "urls") or not path.is_file():
        return False
    if kind == "urls":
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False  # read as text, which reports why it cannot be read
    return looks_like_url_list(head, complete=len(head) < SNIFF_BYTES)


def iter_file(path: Path, *, source: str, ctx: IngestContext) -> Iterator[Page | Failure]:
    """The Page(s) of one named file; its kind comes from its extension, or its content when that is unknown."""
    kind = kind_of(path)
    if kind == "html":
        yield read_html_article(path, source=source, ctx=ctx)
    elif kind == "jsonl":
        yield from _iter_jsonl_file(path, source=source, ctx=ctx)
    elif kind == "warc":
        yield from iter_warc(path, source=source, ctx=ctx)
    elif is_url_list(path):
        yield from iter_url_list_file(path, source=source, ctx=ctx)
    else:
        data = read_bytes(path, max_bytes=ctx.settings.max_input_bytes)
        yield from iter_document(data, kind=kind or sniff_kind(data), source=source, ctx=ctx)


def iter_document(data: bytes, *, kind: str, source: str, ctx: IngestContext) -> Iterator[Page | Failure]:
    """The Page(s) in a document already in memory (a file of a known kind, or standard input)."""
    if kind == "jsonl":
        yield from iter_jsonl(data.splitlines(keepends=True), source=source, ctx=ctx)
    elif kind == "urls":
        yield from iter_url_list(data.splitlines(keepends=True), source=source, ctx=ctx)
    elif kind == "feed":
        if not data.strip():
            raise ReadError(f"{source}: empty file, nothing to read")
        yield from iter_feed_articles(parse_feed(data), ctx, feed=source)
    elif kind == "html":
        yield ctx.complete(Page(source=source, html=(decode_bytes(data, name=source),)))
    else:
        yield ctx.complete(Page(source=source, text=decode_bytes(data, name=source)))


def read_html_article(
    path: Path,
    *,
    source: str,
    ctx: IngestContext,
    consumed: set[Path] | None = None,
    next_pages: Mapping[Path, Path | None] | None = None,
) -> Page:
    """A local HTML file and the files its "next page" links lead to, as one Page.

    Only links to existing HTML files in the same folder are followed, up to ``max_pages`` files, none twice.
    The files read are added to ``consumed``. ``next_pages`` holds the next page already found for some files
    (by resolved path), which are then not parsed again to find it.
    """
    next_pages = next_pages or {}
    pages = [_read_html(path, ctx=ctx)]
    current = path.resolve()
    seen = {current}
    while len(pages) < ctx.settings.max_pages:
        if current in next_pages:
            following = next_pages[current]
        else:
            following = _local_next_page(pages[-1], current)
        if following is None or following in seen:
            break
        try:
            pages.append(_read_html(following, ctx=ctx))
        except ReadError as exc:
            log.warning("%s: next page %s not read: %s", source, following.name, exc.message)
            break
        seen.add(following)
        current = following
    if consumed is not None:
        consumed.update(seen)
    return ctx.complete(Page(source=source, html=tuple(pages)))


def iter_folder(folder: Path, *, ctx: IngestContext) -> Iterator[Page | Failure]:
    """Every ingestible file under ``folder``, recursively, in sorted order; hidden files are skipped.

    HTML files that are the next page of another file in their folder are read with that file, not alone;
    any left over (a chain longer than ``max_pages``, or a cycle without a first page) come last.
    """
    files = list(walk_folder(folder))
    if not files:
        raise ReadError(
            f"{folder}: no .html, .htm, .txt, .urls, .jsonl, .warc(.gz), .xml, .rss or .atom files found"
        )
    # Each HTML file is parsed once for its next page, here; reading the articles reuses what was found.
    next_pages = _next_pages(files, max_bytes=ctx.settings.max_input_bytes)
    continuations = {target for path, target in next_pages.items() if target is not None and target != path}
    consumed: set[Path] = set()
    deferred = []
    for path in files:
        if path.resolve() in continuations:
            deferred.append(path)
            continue
        yield from _guarded_file(path, ctx=ctx, consumed=consumed, next_pages=next_pages)
    for path in deferred:
        if path.resolve() not in consumed:
            yield from _guarded_file(path, ctx=ctx, consumed=consumed, next_pages=next_pages)


def _guarded_file(
    path: Path, *, ctx: IngestContext, consumed: set[Path], next_pages: Mapping[Path, Path | None]
) -> Iterator[Page | Failure]:
    walked = _iter_walked_file(path, ctx=ctx, consumed=consumed, next_pages=next_pages)
    yield from guarded(walked, source=str(path))


def _iter_walked_file(
    path: Path, *, ctx: IngestContext, consumed: set[Path], next_pages: Mapping[Path, Path | None]
) -> Iterator[Page | Failure]:
    if kind_of(path) == "html":
        yield read_html_article(path, source=str(path), ctx=ctx, consumed=consumed, next_pages=next_pages)
    else:
        yield from iter_file(path, source=str(path), ctx=ctx)


def walk_folder(folder: Path) -> Iterator[Path]:
    """The files of ``folder`` that warta reads, recursively, in sorted order; hidden ones skipped."""
    for directory, subdirectories, names in os.walk(folder, onerror=_log_walk_error):
        # Sorting in place also fixes the order os.walk descends in.
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        for name in sorted(names):
            path = Path(directory) / name
            if not name.startswith(".") and kind_of(path) is not None:
                yield path


def _log_walk_error(exc: OSError) -> None:
    log.warning("cannot list %s: %s", exc.filename, exc.strerror)


def _next_pages(files: list[Path], *, max_bytes: int) -> dict[Path, Path | None]:
    """The next page (or None) of each HTML file that shares its folder with other HTML files, by resolved
    path: the files another one links to are continuations, read with their first page."""
    by_folder: dict[Path, list[Path]] = {}
    for path in files:
        if kind_of(path) == "html":
            by_folder.setdefault(path.parent, []).append(path)
    found: dict[Path, Path | None] = {}
    for siblings in by_folder.values():
        if len(siblings) < 2:
            continue
        for path in siblings:
            try:
                html = decode_bytes(read_bytes(path, max_bytes=max_bytes), name=str(path))
            except ReadError:
                continue  # reported when the file itself is read
            found[path.resolve()] = _local_next_page(html, path.resolve())
    return found


def _read_html(path: Path, *, ctx: IngestContext) -> str:
    return decode_bytes(read_bytes(path, max_bytes=ctx.settings.max_input_bytes), name=str(path))


def _local_next_page(html: str, path: Path) -> Path | None:
    """The existing HTML file in ``path``'s folder that ``html`` links to as its next page, if any."""
    url = find_next_page(html, path.as_uri())
    if url is None or urlsplit(url).scheme != "file":
        return None
    target = Path(url2pathname(urlsplit(url).path))
    try:
        if target.parent != path.parent or kind_of(target) != "html" or not target.is_file():
            return None
        return target.resolve()
    except (OSError, ValueError):  # a link no file system can hold ("a\x00.html", a name too long)
        return None


def _iter_jsonl_file(path: Path, *, source: str, ctx: IngestContext) -> Iterator[Page | Failure]:
    if not path.is_file():
        raise ReadError(f"{source}: no such file; check the path")
    try:
        with path.open("rb") as handle:
            yield from iter_jsonl(handle, source=source, ctx=ctx)
    except OSError as exc:
        raise ReadError(f"{source}: cannot read ({exc.strerror or exc})") from exc
