"""Ingest stage: files, folders, URLs, URL lists, feeds, WARC archives and stdin in; :class:`~warta.records.Page`
out.

Every input that cannot be read becomes a :class:`~warta.records.Failure` (stage ``ingest``) and the run goes
on. Modules: ``inputs`` (the entry point), ``files``, ``jsonl``, ``warc``, ``web``, ``urllist`` and ``feeds``
(one per kind of input), ``http`` (polite fetching), ``pagination`` (next-page links) and ``decode`` (bytes
to text).
"""

from __future__ import annotations

from warta.ingest.decode import decode_bytes, read_bytes
from warta.ingest.feeds import FeedEntry, parse_feed
from warta.ingest.http import FetchedDocument, Fetcher
from warta.ingest.inputs import iter_pages
from warta.ingest.pagination import find_next_page
from warta.ingest.web import fetch_article

__all__ = [
    "FeedEntry",
    "FetchedDocument",
    "Fetcher",
    "decode_bytes",
    "fetch_article",
    "find_next_page",
    "iter_pages",
    "parse_feed",
    "read_bytes",
]
