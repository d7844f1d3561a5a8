"""URL inputs: an article (with its continuation pages) or a feed whose entries are fetched as articles."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from urllib.parse import urldefrag

from warta.errors import FetchError, InputError, ReadError
from warta.ingest.context import IngestContext, failure_from
from warta.ingest.feeds import FeedEntry, looks_like_feed, parse_feed
from warta.ingest.http import HTML_TYPES, FetchedDocument, Fetcher
from warta.ingest.pagination import find_next_page
from warta.records import Failure, Page

log = logging.getLogger(__name__)


def fetch_article(
    url: str, fetcher: Fetcher, *, max_pages: int, first: FetchedDocument | None = None
) -> tuple[str, tuple[str, ...]]:
    """Fetch an article and its next pages; return its final URL and the HTML of every page in order.

    At most ``max_pages`` pages are fetched and no URL twice. ``first`` is the already fetched first page, if
    any. A continuation page that cannot be had for good (404, not HTML, robots.txt) ends the article there:
    the "next" link was probably wrong. A transient failure fails the whole article, so that a retry later gets
    all of it rather than a silently truncated text.
    """
    document = first if first is not None else fetcher.fetch(url)
    pages = [document.text]
    article_url = current = document.url
    visited = {urldefrag(url)[0], urldefrag(current)[0]}
    while len(pages) < max_pages:
        next_url = find_next_page(pages[-1], current)
        if next_url is None or next_url in visited:
            break
        visited.add(next_url)
        try:
            document = fetcher.fetch(next_url)
            html = document.text
        except InputError as exc:
            if exc.transient:
                raise FetchError(f"page {len(pages) + 1} of {url}: {exc.message}", transient=True) from exc
            log.warning("page %d of %s not followed: %s", len(pages) + 1, url, exc.message)
            break
        final = urldefrag(document.url)[0]
        if final != next_url and final in visited:
            break  # redirected back to a page already read ("page 9" of 8 -> page 1)
        visited.add(final)
        pages.append(html)
        current = document.url
    return article_url, tuple(pages)


def iter_url(url: str, ctx: IngestContext) -> Iterator[Page | Failure]:
    """The Page for an article URL, or one Page (or Failure) per entry when the URL is an RSS/Atom feed."""
    document = ctx.fetcher.fetch(url, allow_feed=True)
    if looks_like_feed(document.body):
        entries = parse_feed(document.body, base_url=document.url)
        yield from iter_feed_articles(entries, ctx, feed=url)
        return
    if document.media_type and document.media_type not in HTML_TYPES:
        raise FetchError(f"{url}: content type {document.media_type!r} is neither HTML nor an RSS/Atom feed")
    final_url, pages = fetch_article(url, ctx.fetcher, max_pages=ctx.settings.max_pages, first=document)
    yield ctx.complete(Page(source=url, url=final_url, html=pages))


def iter_feed_articles(entries: Iterable[FeedEntry], ctx: IngestContext, *, feed: str) -> Iterator[Page | Failure]:
    """Fetch every entry's link as an article; the feed's title and date fill the Page."""
    count = 0
    for count, entry in enumerate(entries, start=1):
        if entry.link is None:
            error = ReadError(f"{feed}: entry {count} ({entry.title or 'untitled'}) has no link to fetch")
            yield failure_from(error, source=f"{feed}#{count}")
            continue
        try:
            final_url, pages = fetch_article(entry.link, ctx.fetcher, max_pages=ctx.settings.max_pages)
        except InputError as exc:
            yield failure_from(exc, source=entry.link, url=entry.link)
            continue
        page = Page(source=entry.link, url=final_url, html=pages, title=entry.title, published=entry.published)
        yield ctx.complete(page)
    if count == 0:
        yield failure_from(ReadError(f"{feed}: the feed has no entries"), source=feed)
