"""From a :class:`~warta.records.Page` to an :class:`~warta.records.Article`: the extract stage.

::

    Page --repair_mojibake--> Page.html (one string per page) --read_html--> lines + captions + metadata --+
                              Page.text --------------------------split_lines--> lines -------------------+
                                                                                                          |
                               pull_captions -> clean_lines -> paragraphs joined by a blank line -> Article

Error codes (all :class:`~warta.errors.ExtractError`, terminal):

- W231: the page has no HTML and no text at all.
- W232: HTML or text was given but no line of it survived extraction and cleanup.
- W233: the text left from an HTML page is shorter than ``settings.min_article_chars``: a login page, an
  error page, not an article. Plain text (a ``.txt`` file, a JSONL record's ``text``) is never refused for
  being short: text a user hands over as text is the article, be it a one-sentence wire brief
  ("Putin tiba di Pyongyang pada Rabu.", Putin arrived in Pyongyang on Wednesday).
- W234: most of the extracted HTML text is link text: an index or section page listing other stories.

Text longer than ``settings.max_article_chars`` is cut, and the cut recorded in ``Article.limits``
(:mod:`~warta.extract.limits`).
"""

from __future__ import annotations

import functools
import hashlib
import logging
from dataclasses import replace

from warta.errors import ExtractError
from warta.extract.captions import pull_captions
from warta.extract.cleanup import PARAGRAPH_SEPARATOR, clean_lines, split_lines
from warta.extract.limits import cut_text
from warta.extract.metadata import normalise_date
from warta.extract.mojibake import MOJIBAKE, repair_mojibake
from warta.extract.webpage import HtmlContent, read_html
from warta.pipeline import FunctionStage, stage
from warta.records import Article, Caption, Page
from warta.settings import Settings

log = logging.getLogger(__name__)

NO_INPUT = "W231"
NO_TEXT = "W232"
TOO_SHORT = "W233"
MOSTLY_LINKS = "W234"
# Share of link text above which a page is an index, not an article. Article pages, with their "Baca juga"
# links, stay well under 0.2 (the demo samples: 0.00-0.04); a list of headlines is 0.6 and more, the
# rest of each item being a time stamp.
MAX_LINK_SHARE = 0.5


def article_id(text: str, url: str | None) -> str:
    """A stable content id: the first 16 hex digits of SHA-256 over the URL and the cleaned text.

    The same page extracted twice gets the same id, so storing it again is an upsert; an edited article
    (new text) gets a new one.
    """
    digest = hashlib.sha256(f"{url or ''}\n{text}".encode())
    return digest.hexdigest()[:16]


def extract_article(page: Page, *, settings: Settings) -> Article:
    """Extract the article of ``page``: body text, captions and metadata.

    HTML pages (``page.html``, in reading order) go through trafilatura, with lxml paragraphs as a
    fallback; plain text (``page.text``) is only cleaned. Metadata comes from the first page that has it,
    then from the page's own fields (``published``, ``title``). Raises :class:`~warta.errors.ExtractError`
    (W231-W234; see the module docstring) when there is no article to extract.
    """
    page, repairs = _repair(page)
    is_html = any(html.strip() for html in page.html)
    if is_html:
        contents = [read_html(html, url=page.url, min_chars=settings.min_article_chars) for html in page.html]
        lines = [line for content in contents for line in content.lines]
        figure_captions = [caption for content in contents for caption in content.captions]
    elif page.text and page.text.strip():
        contents = []
        lines = split_lines(page.text)
        figure_captions = []
    else:
        raise ExtractError(
            "the page has no HTML and no text; check that the input file or fetch returned a body",
            code=NO_INPUT,
        )
    link_chars = sum(c.link_chars for c in contents)
    body_chars = sum(c.body_chars for c in contents)
    if body_chars and link_chars / body_chars > MAX_LINK_SHARE:
        raise ExtractError(
            f"{link_chars / body_chars:.0%} of the page text is links: this is an index or section page, "
            "not an article; give the URL of one article",
            code=MOSTLY_LINKS,
        )
    body, line_captions = pull_captions(lines)
    paragraphs = clean_lines(body)
    text, limit = cut_text(
        PARAGRAPH_SEPARATOR.join(paragraphs), settings.max_article_chars, separator=PARAGRAPH_SEPARATOR
    )
    if limit is not None:
        log.warning("%s: text cut to %d of %d characters (max_article_chars)", page.source, len(text), limit.found)
    if not text:
        raise ExtractError(
            "no article text found: the page holds only navigation, boilerplate or markup",
            code=NO_TEXT,
        )
    # The guard is for web pages, whose short remains are a login form or an error message; a short plain
    # text is a short article.
    if is_html and len(text) < settings.min_article_chars:
        raise ExtractError(
            f"only {len(text)} characters of text after cleanup (min_article_chars is "
            f"{settings.min_article_chars}): this looks like a non-article page (login, index, error); "
            "lower min_article_chars if short items are wanted",
            code=TOO_SHORT,
        )
    captions = _unique(figure_captions + line_captions)
    log.debug("%s: %d paragraphs, %d captions", page.source, len(paragraphs), len(captions))
    return Article(
        id=page.record_id or article_id(text, page.url),
        source=page.source,
        text=text,
        url=page.url,
        title=_first(contents, "title") or _clean(page.title),
        published=_first(contents, "date") or normalise_date(page.published),
        language=page.language,
        outlet=_first(contents, "sitename"),
        authors=next((c.authors for c in contents if c.authors), ()),
        captions=captions,
        repairs=repairs,
        limits=(limit,) if limit is not None else (),
    )


def make_extract_stage(settings: Settings) -> FunctionStage:
    """The extract stage (``page`` -> ``article``) bound to ``settings``.

    A :func:`functools.partial` of a module-level function, not a closure, so the stage pickles to Dask
    workers.
    """
    return stage(name="extract", requires=["page"], assigns=["article"])(
        functools.partial(extract_article, settings=settings)
    )


def _repair(page: Page) -> tuple[Page, tuple[str, ...]]:
    """``page`` with mojibake repaired in its HTML, text and title, and what was repaired (see
    :mod:`warta.extract.mojibake`). Done before anything else reads the page, so trafilatura, the cleanup
    and the language detector all see the mended text."""
    html = tuple(repair_mojibake(h) for h in page.html)
    text = repair_mojibake(page.text) if page.text else page.text
    title = repair_mojibake(page.title) if page.title else page.title
    if html == page.html and text == page.text and title == page.title:
        return page, ()
    log.info("%s: repaired mojibake (UTF-8 text that had been read as Latin-1 or cp1252)", page.source)
    return replace(page, html=html, text=text, title=title), (MOJIBAKE,)


def _first(contents: list[HtmlContent], field: str) -> str | None:
    return next((value for c in contents if (value := getattr(c, field))), None)


def _unique(captions: list[Caption]) -> tuple[Caption, ...]:
    # A <figcaption> may also survive as a line on a page whose markup hid it from lxml; keep one copy.
    seen: list[Caption] = []
    for caption in captions:
        if caption not in seen:
            seen.append(caption)
    return tuple(seen)


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None
