"""Finding the next page of a multi-page article.

Indonesian news sites split long articles over pages ("Halaman 1 2 3", "Selanjutnya", ``?page=2``,
``.../judul-berita/2``). The signals are tried from the most to the least explicit, and every candidate must
stay on the same site and differ from the page itself:

1. ``<link rel="next">`` and ``<a rel="next">``: the site says so itself;
2. an anchor whose text (or aria-label/title) means "next": "Selanjutnya", "Berikutnya", "Halaman
   berikutnya", "Next page", "Next", "›", "»";
3. a numbered page list ("Halaman 1 2 3", "Halaman 2"): the anchor for the current page + 1;
4. a link that is this URL with its page number raised by one (``?page=2`` -> ``?page=3``, ``/judul/2`` ->
   ``/judul/3``).
"""

from __future__ import annotations

import logging
import re
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from warta.data import load_yaml, word_alternation

log = logging.getLogger(__name__)

_BOILERPLATE = load_yaml("boilerplate.yaml")
# Labels of a link to the next page (``next_page_labels`` in ``data/boilerplate.yaml``), compared after
# lower-casing and collapsing spaces, with arrows and punctuation around the words removed ("Selanjutnya »" ->
# "selanjutnya"). Bare arrows are kept as they are ("›").
_NEXT_WORDS = frozenset(str(w) for w in _BOILERPLATE["next_page_labels"])
_ARROWS = "›»>→ \u00a0:."
# "2", "Halaman 2", "Hal. 2", "Page 2"; pages are small numbers (three digits would be an article id).
_NUMBERED = re.compile(rf"^(?:({word_alternation(_BOILERPLATE['page_labels'])})\s*)?(\d{{1,2}})$")
# Query parameters that carry a page number. Not "p": WordPress uses ?p=123 for the post id.
_PAGE_PARAMS = frozenset(str(w) for w in _BOILERPLATE["page_parameters"])
_CURRENT_CLASSES = frozenset({"active", "current", "selected", "is-active", "is-current"})
# An address with its own host ("https://other.example/x", "//cdn.example/x"): its site is known before it is
# resolved against the page's address (the host stays the link's own), so links to other sites are dropped
# without the cost of resolving them (a news page links to dozens of other sites).
_WITH_HOST = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?//")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def find_next_page(html: str, base_url: str) -> str | None:
    """The absolute URL of the page after this one, or None when this is the last (or only) page.

    ``base_url`` is the address of ``html`` (an http(s) or file URL); links are resolved against it (or
    against ``<base href>``). Links to another site, to the page itself, or to ``javascript:`` are ignored.
    """
    root = _parse(html)
    if root is None:
        return None
    base = urldefrag(base_url)[0]
    anchors = _candidate_links(root, base)
    for element, url in anchors:
        if "next" in (element.get("rel") or "").lower().split():
            return url
    for element, url in anchors:
        if element.tag == "a" and _means_next(element):
            return url
    numbered = _numbered_links(anchors)
    current = _current_page(root, numbered, base)
    in_a_list = len({number for number, _, _ in numbered}) >= 2
    for number, url, labelled in numbered:
        if number == current + 1 and (labelled or in_a_list or page_number(url)[1] == number):
            return url
    key, number = page_number(base)
    for _, url in anchors:
        if page_number(url) == (key, number + 1):
            return url
    return None


def page_number(url: str) -> tuple[str, int]:
    """Split a URL into (the URL without its page number, the page number; 1 when there is none).

    ``https://x.id/a?id=7&page=3`` -> ``("https://x.id/a?id=7", 3)``; ``https://x.id/judul-berita/2`` ->
    ``("https://x.id/judul-berita", 2)``; ``https://x.id/tag/page/4/`` -> ``("https://x.id/tag", 4)``.
    """
    parts = urlsplit(urldefrag(url)[0])
    number = 1
    query = []
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name.lower() in _PAGE_PARAMS and value.isdigit():
            number = int(value)
        else:
            query.append((name, value))
    path = parts.path.rstrip("/")
    segments = path.split("/")
    if len(segments) >= 3 and segments[-1].isdigit() and len(segments[-1]) <= 2:
        if segments[-2].lower() == "page":
            number, path = int(segments[-1]), "/".join(segments[:-2])
        elif "-" in segments[-2] or "_" in segments[-2]:
            # Only after a slug ("judul-berita/2"): "/berita/12" is more likely article number 12.
            number, path = int(segments[-1]), "/".join(segments[:-1])
    netloc = parts.netloc.lower().removeprefix("www.")
    key = urlunsplit(("", netloc, path, urlencode(sorted(query)), ""))
    return key, number


def _parse(html: str) -> etree._Element | None:
    # lxml refuses str input that still carries an XML encoding declaration (XHTML pages often do).
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        log.debug("cannot parse page for pagination: %s", exc)
        return None


def _candidate_links(root: etree._Element, base: str) -> list[tuple[etree._Element, str]]:
    """Every ``<a href>`` and ``<link href>`` that resolves to another page of the same site, in order."""
    base_tag = root.find(".//base[@href]")
    resolve_against = base
    if base_tag is not None:
        try:
            resolve_against = urljoin(base, base_tag.get("href").strip())
        except ValueError:
            log.debug("malformed <base href> ignored")
    origin = _origin(base)
    default_scheme = urlsplit(resolve_against).scheme
    links = []
    for element in root.iter("a", "link"):
        href = (element.get("href") or "").strip()
        if not href or href.startswith("#") or href.lower().startswith(("javascript:", "mailto:", "tel:")):
            continue
        try:
            if _WITH_HOST.match(href) and _origin(href, default_scheme) != origin:
                continue
            url = urldefrag(urljoin(resolve_against, href))[0]
            same_site = _origin(url) == origin
        except ValueError:  # a malformed address ("http://[::1"): not a link anyone can follow
            continue
        if url != base and same_site:
            links.append((element, url))
    return links


def _origin(url: str, default_scheme: str = "") -> tuple[str, str]:
    parts = urlsplit(url, default_scheme)
    # http and https, www. and bare: the same site (news sites mix them in their own links).
    scheme = "http" if parts.scheme in ("http", "https") else parts.scheme
    return scheme, parts.netloc.lower().removeprefix("www.")


def _label(element: etree._Element) -> str:
    """The visible text of an element, or its aria-label/title when it has none (an icon link)."""
    text = " ".join(element.text_content().split()).lower()
    return text or " ".join((element.get("aria-label") or element.get("title") or "").split()).lower()


def _means_next(element: etree._Element) -> bool:
    labels = [_label(element), element.get("aria-label") or "", element.get("title") or ""]
    for label in labels:
        label = " ".join(label.split()).lower()
        if label in _NEXT_WORDS or label.strip(_ARROWS) in _NEXT_WORDS:
            return True
    return False


def _numbered_links(anchors: list[tuple[etree._Element, str]]) -> list[tuple[int, str, bool]]:
    """Anchors labelled with a page number: (number, url, whether the label says "Halaman"/"Page")."""
    numbered = []
    for element, url in anchors:
        if element.tag != "a":
            continue
        match = _NUMBERED.match(_label(element))
        if match:
            numbered.append((int(match.group(2)), url, match.group(1) is not None))
    return numbered


def _current_page(root: etree._Element, numbered: list[tuple[int, str, bool]], base: str) -> int:
    """This page's number: marked in the page list, else given by the URL, else the gap in the list."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        classes = set((element.get("class") or "").lower().split())
        if element.get("aria-current") == "page" or classes & _CURRENT_CLASSES:
            match = _NUMBERED.match(_label(element))
            if match:
                return int(match.group(2))
    _, number = page_number(base)
    if number > 1:
        return number
    linked = {number for number, _, _ in numbered}
    # Page lists rarely link the page being read: "1 [2] [3]" on page 1, "[1] 2 [3]" on page 2.
    return next(n for n in range(1, len(linked) + 2) if n not in linked)
