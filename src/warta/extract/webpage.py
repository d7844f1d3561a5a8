"""Body text, captions and metadata of one HTML page, with trafilatura and a plain lxml fallback."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement
from trafilatura import bare_extraction, extract_metadata, load_html
from trafilatura.xml import xmltotxt

from warta.extract.captions import caption_from_element_text
from warta.extract.cleanup import split_lines
from warta.extract.metadata import normalise_date, split_authors
from warta.records import Caption

log = logging.getLogger(__name__)

# Precision over recall: a menu line or a related headline kept in the body becomes a false entity or
# event downstream, while the rare paragraph trafilatura drops costs one sentence. Comments, tables and
# images are never news text. Links are kept in trafilatura's XML only to measure how much of the text
# is link text (an index page is mostly links), then stripped before the text is made. Dates come from
# the page's markup only (meta tags, <time>, the URL): htmldate's extensive search also reads dates out
# of the visible text and then picks up the date of a related story in the sidebar.
_TRAFILATURA_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": True,
    "with_metadata": True,
    "deduplicate": False,
    "date_extraction_params": {"original_date": True, "extensive_search": False},
}
# Caption containers other than <figcaption>, by class name (WordPress and common CMS themes).
_CAPTION_CLASSES = frozenset(
    {"caption", "wp-caption-text", "image-caption", "photo-caption", "media-caption", "foto-caption"}
)
_MAX_CAPTION_CHARS = 600
# Elements whose paragraphs are never the article, for the lxml fallback.
_NOT_BODY = frozenset({"nav", "header", "footer", "aside", "form", "figure", "script", "style", "noscript"})


@dataclass(frozen=True, slots=True)
class HtmlContent:
    """What one HTML page gave: body lines in reading order, captions, and metadata (None when absent).

    ``link_chars``/``body_chars`` count the characters of the extracted body inside links and in all.
    """

    lines: tuple[str, ...] = ()
    captions: tuple[Caption, ...] = ()
    title: str | None = None
    date: str | None = None
    authors: tuple[str, ...] = ()
    sitename: str | None = None
    link_chars: int = 0
    body_chars: int = 0


def read_html(html: str, *, url: str | None = None, min_chars: int = 0) -> HtmlContent:
    """Extract one HTML page: trafilatura first, paragraphs by lxml when trafilatura finds too little.

    "Too little" is no text at all, or fewer than ``min_chars`` characters (a headline alone) when the
    page's own ``<p>`` paragraphs hold more. Figure captions are taken out of the tree before extraction,
    so they can never leak into the body. Truncated HTML is fine (lxml closes what was left open); a page
    that does not parse at all gives an empty :class:`HtmlContent`, and the caller decides whether that is
    an error.
    """
    tree = _parse(html)
    if tree is None:
        log.debug("page does not parse as HTML (%d characters)", len(html))
        return HtmlContent()
    captions = _pull_figcaptions(tree)
    document = bare_extraction(tree, url=url, **_TRAFILATURA_OPTIONS)
    lines: list[str] = []
    link_chars = body_chars = 0
    if document is not None and document.body is not None:
        body = document.body
        link_chars = sum(len("".join(ref.itertext())) for ref in body.iter("ref"))
        body_chars = len("".join(body.itertext()))
        # Plain link text, not markdown "[title](url)": the same text trafilatura gives without links.
        etree.strip_tags(body, "ref")
        lines = split_lines(xmltotxt(body, include_formatting=False))
    found = sum(map(len, lines))
    # The two fallbacks below read the page as it was before trafilatura, parsed again: the same tree as a
    # copy made before trafilatura, which may prune what it is given, and only the rare pages that need a
    # fallback pay for it.
    backup: HtmlElement | None = None
    if found == 0 or found < min_chars:
        backup = _parse_without_captions(html, tree)
        paragraphs, paragraph_links = _paragraph_lines(backup)
        if sum(map(len, paragraphs)) > found:
            log.info(
                "trafilatura found %d characters in %s; used the page's <p> paragraphs", found, url or "a page"
            )
            # the share of link text is measured on what is kept: a section page of "<p><a>headline</a></p>"
            # is all links, whatever trafilatura made of it
            lines, link_chars, body_chars = paragraphs, paragraph_links, sum(map(len, paragraphs))
    if document is None:
        if backup is None:
            backup = _parse_without_captions(html, tree)
        document = extract_metadata(
            backup, default_url=url, date_config=_TRAFILATURA_OPTIONS["date_extraction_params"]
        )
    return HtmlContent(
        lines=tuple(lines),
        captions=tuple(captions),
        title=_clean(document.title),
        date=normalise_date(document.date),
        authors=split_authors(document.author),
        sitename=_clean(document.sitename),
        link_chars=link_chars,
        body_chars=body_chars,
    )


def _parse(html: str) -> HtmlElement | None:
    return load_html(html) if html.strip() else None


def _parse_without_captions(html: str, parsed: HtmlElement) -> HtmlElement:
    """The page's tree with its captions taken out, as read_html gives it to trafilatura; ``parsed`` (the tree
    given to trafilatura) if the text no longer parses, which cannot happen: it parsed once already."""
    tree = _parse(html)
    if tree is None:
        return parsed
    _pull_figcaptions(tree)
    return tree


def _pull_figcaptions(tree: HtmlElement) -> list[Caption]:
    # <figcaption>Menlu Retno Marsudi (kanan) menyambut ... (Foto: Kabar Contoh/Dimas Pratama)</figcaption>
    # becomes a Caption and is removed, so the body never contains it.
    captions: list[Caption] = []
    elements = [
        el
        for el in tree.iter()
        if isinstance(el.tag, str)
        and (el.tag == "figcaption" or _CAPTION_CLASSES & set((el.get("class") or "").lower().split()))
    ]
    for element in elements:
        text = " ".join(element.itertext())
        if len(text) > _MAX_CAPTION_CHARS:  # a wrapper that happens to be called "caption", not a caption
            continue
        caption = caption_from_element_text(text)
        if caption is not None and caption not in captions:
            captions.append(caption)
        if element.getparent() is not None:
            element.drop_tree()
    return captions


def _paragraph_lines(tree: HtmlElement) -> tuple[list[str], int]:
    """The lines of the page's body ``<p>`` paragraphs, and how many of their characters are link text."""
    lines: list[str] = []
    link_chars = 0
    for paragraph in tree.iter("p"):
        if any(isinstance(a.tag, str) and a.tag in _NOT_BODY for a in paragraph.iterancestors()):
            continue
        for br in paragraph.iter("br"):
            br.tail = "\n" + (br.tail or "")
        link_chars += sum(len("".join(a.itertext()).strip()) for a in paragraph.iter("a"))
        lines.extend(split_lines("".join(paragraph.itertext())))
    return lines, link_chars


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None
