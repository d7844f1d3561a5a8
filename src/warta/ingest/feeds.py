"""RSS and Atom feeds: the list of articles to fetch, with their titles and publication dates."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from warta.errors import ReadError

log = logging.getLogger(__name__)

_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf"})
# The first real element, after an XML declaration, comments, a doctype or processing instructions.
_FIRST_ELEMENT = re.compile(rb"<([A-Za-z][\w:.-]*)")
# Numeric character references ("&#233;", "&#xE9;"); long runs of digits included, to catch "&#99999999999;".
_CHAR_REF = re.compile(rb"&#([xX][0-9a-fA-F]{1,30}|[0-9]{1,30});")
_PROLOGUE = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: the article link, and the title and date (``YYYY-MM-DD``) the feed gives."""

    link: str | None
    title: str | None = None
    published: str | None = None


def looks_like_feed(data: bytes) -> bool:
    """True when the document's root element is ``<rss>``, ``<feed>`` or ``<rdf:RDF>``."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    prologue = _PROLOGUE.match(head)
    match = _FIRST_ELEMENT.match(head, prologue.end() if prologue else 0)
    return bool(match) and match.group(1).decode("ascii", errors="ignore").lower() in _FEED_ROOTS


def parse_feed(data: bytes, *, base_url: str | None = None) -> list[FeedEntry]:
    """The entries of an RSS/Atom document, links made absolute against ``base_url`` (the feed's address) or,
    for a feed read from a file, against the site address the feed gives in its ``<link>``.

    Raises :class:`ReadError` when ``data`` is not a feed at all.
    """
    # Always bytes in a file object: given a str that looks like a URL, feedparser would go and fetch it.
    try:
        import feedparser  # deferred: only feeds need it, and it costs 20 ms to import

        parsed = feedparser.parse(io.BytesIO(_CHAR_REF.sub(_valid_char_ref, data)))
    except ValueError as exc:  # feedparser's fallback parser on markup it cannot read
        raise ReadError(f"{base_url or 'input'}: the feed cannot be parsed ({exc}); check the file") from exc
    if not parsed.get("version") and not parsed.entries:
        raise ReadError(f"{base_url or 'input'}: not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root)")
    base = base_url or (parsed.feed.get("link") or "").strip() or None
    entries = []
    for item in parsed.entries:
        link = (item.get("link") or "").strip() or None
        if link and base:
            link = urljoin(base, link)
        title = " ".join((item.get("title") or "").split()) or None
        entries.append(FeedEntry(link=link, title=title, published=_entry_date(item)))
    log.debug("feed %s: %d entries", base_url, len(entries))
    return entries


def _valid_char_ref(match: re.Match[bytes]) -> bytes:
    """A numeric character reference as it was, or U+FFFD's when it names no character (beyond U+10FFFF, or
    a surrogate), as an HTML parser reads it: feedparser's fallback parser raises on those ("&#x110000;",
    found by the fuzzer, docs/reliability.md)."""
    digits = match.group(1)
    value = int(digits[1:], 16) if digits[:1] in (b"x", b"X") else int(digits)
    return match.group(0) if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else b"&#xFFFD;"


def _entry_date(item: Any) -> str | None:
    """The entry's date as the publisher wrote it (``YYYY-MM-DD``).

    The raw string is read first: feedparser's ``published_parsed`` is converted to UTC, which moves an
    article published at 06:00 WIB (UTC+7) on 12 May to 11 May.
    """
    for key in ("published", "updated", "created"):
        raw = (item.get(key) or "").strip()
        if not raw:
            continue
        moment = _parse_date(raw)
        if moment is not None:
            return moment.date().isoformat()
        parsed = item.get(f"{key}_parsed")
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def _parse_date(raw: str) -> datetime | None:
    try:
        return parsedate_to_datetime(raw)  # RSS: "Sun, 12 May 2024 06:00:00 +0700"
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))  # Atom: "2024-05-12T06:00:00+07:00"
    except ValueError:
        return None
