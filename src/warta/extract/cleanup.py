"""Line-level cleanup of extracted text: drop the page furniture that survives extraction.

Extraction (trafilatura on HTML, or nothing at all for a plain-text input) leaves lines that are not the
article: "Logo Bloomberg Technoz", "Baca juga: ...", "Bagikan", "ADVERTISEMENT", "Penulis: ...", "(bbn)",
"No more pages". Every rule here judges one WHOLE line and drops it only when all of it is furniture, so a
news sentence that merely contains such a word ("Sebuah iklan kampanye ditayangkan ...") is kept. The
phrase lists are data in ``warta/data/boilerplate.yaml``; this module holds the patterns.

Lines that are kept are never edited inside: only whitespace is normalised (runs of spaces, tabs and
non-breaking spaces become one space, lines are trimmed), so character offsets computed later on
``Article.text`` point at the words exactly as published.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from warta.extract.boilerplate import alternation, load_boilerplate

log = logging.getLogger(__name__)

#: Paragraphs of ``Article.text`` are separated by one blank line.
PARAGRAPH_SEPARATOR = "\n\n"

# Any whitespace except the newline: "Kim\u00a0Jong  Un" -> "Kim Jong Un".
_SPACE = re.compile(r"[^\S\n]+")
# Invisible characters that some CMSs leave at the edge of a paragraph (byte-order mark, zero-width space).
_EDGE_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# Separators between the parts of a line of page furniture: "Bagikan: Facebook | Twitter",
# "Reporting by Lena Morris; Editing by Tom Hale".
_TOKEN_SPLIT = re.compile(r"[\s|:,;/·•]+")
_SEGMENT_SPLIT = re.compile(r"\s*[|•·]\s*|;\s+")
# A byline code standing alone on a line, the agency's or editor's initials: "(bbn)", "(ant)", "(rzk/rzk)",
# "(qlh)", "[ant]". Such a line is never a paragraph of news.
_BYLINE_CODE = re.compile(r"^[(\[]\s*[A-Za-z*]{1,8}(?:\s*[/-]\s*[A-Za-z*]{1,8}){0,4}\s*[)\]]$")
# The same code glued to the end of the last paragraph after its final punctuation:
# 'Putin akan bertolak ke Vietnam pada Rabu, menurut Kremlin. (bbn)'. Lower-case only, so that a real
# acronym such as "(AS)" or "(UNCLOS)" is never cut.
_TRAILING_CODE = re.compile(r"(?<=[.!?\"”’])\s+\(\s*[a-z*]{2,6}(?:\s*/\s*[a-z*]{2,6}){0,3}\s*\)$")
# Numbers in time stamps: "2024", "19/6", "12/05/2012", "2024-06-19", "14:05", "16.53".
_NUMBER = re.compile(r"^\d{1,4}(?:[:./-]\d{1,4}){0,2}$")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}$")
_DAY_MONTH = re.compile(r"^\d{1,4}[/-]\d{1,2}(?:[/-]\d{1,4})?$")
# Words of a personal name in an English or Indonesian byline: "By Andrew Mills, Nidal al-Mughrabi and
# Maayan Lubell", "Oleh Rina Wulandari".
_NAME_WORD = re.compile(r"^(?:[A-Z\u00c0-\u00de][\w.'’-]*|[a-z]{1,3}-[A-Z][\w'’-]*)$")
_NAME_JOINERS = frozenset({"and", "dan", "&", "bin", "binti", "van", "von", "de", "der", "da", "di", "del"})


@dataclass(frozen=True, slots=True)
class _Patterns:
    lead_in_loose: re.Pattern[str]
    lead_in_colon: re.Pattern[str]
    credit: re.Pattern[str]
    byline: re.Pattern[str]
    promo: re.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    bp = load_boilerplate()
    return _Patterns(
        # "Baca juga: Indonesia dan Malaysia ...", "BACA JUGA Putin tiba ...", "» Read also: G7 ministers ...".
        lead_in_loose=re.compile(rf"^\W*(?:{alternation(bp.lead_ins_loose)})(?:$|[\s:|»>\-–—])", re.IGNORECASE),
        # "Baca: Berbagai Kecaman ...", "Related: ..."; but "Related talks were held ..." stays.
        lead_in_colon=re.compile(rf"^\W*(?:{alternation(bp.lead_ins_with_colon)})\s*:", re.IGNORECASE),
        # "Penulis: anung aulia malik", "Editor : Atman Ahdiat", "Reporting by Lena Morris".
        credit=re.compile(
            rf"^\W*(?:{alternation(bp.credit_labels)})(?:\s*:\s*|(?<=by)\s+)(?P<who>\S.*)$", re.IGNORECASE
        ),
        byline=re.compile(rf"^(?:{alternation(bp.byline_words)})\s+(?P<who>\S.*)$", re.IGNORECASE),
        # "Ikuti kami di Google News", "Baca berita tanpa iklan. Gabung Kompas.com+".
        promo=re.compile(rf"^\W*(?:{alternation(bp.promo_prefixes)})\b", re.IGNORECASE),
    )


def split_lines(text: str) -> list[str]:
    """Split raw text into its non-empty lines, with whitespace normalised and nothing else changed."""
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPACE.sub(" ", raw).strip().strip(_EDGE_INVISIBLE).strip()
        if line:
            lines.append(line)
    return lines


def boilerplate_reason(line: str) -> str | None:
    """Say why ``line`` (one whitespace-normalised line) is page furniture, or None if it may be content.

    The reasons are ``symbols``, ``phrase``, ``share``, ``pagination``, ``lead-in``, ``byline-code``,
    ``credit``, ``logo``, ``copyright`` and ``promo``; they are logged and let tests pin which rule fired.
    """
    bp = load_boilerplate()
    pat = _patterns()
    key = re.sub(r"^[\W_]+|[\W_]+$", "", line.lower())
    words = line.split()
    # A line of symbols only ("***", "•", "—") separates blocks; it carries no text.
    if not key and not any(ch.isdigit() for ch in line):
        return "symbols"
    # The whole line is a known phrase: "ADVERTISEMENT", "Scroll to continue with content", "Text Sizes".
    if key in bp.phrases:
        return "phrase"
    tokens = _tokens(line)
    # Only share, social, font-size and ad words: "Bagikan", "AA", "Medium", "Facebook Twitter WhatsApp".
    if tokens and len(tokens) <= 10 and all(t in bp.words for t in tokens):
        return "share"
    if _is_pagination(tokens):
        return "pagination"
    if pat.lead_in_loose.match(line) or pat.lead_in_colon.match(line):
        return "lead-in"
    if _BYLINE_CODE.match(line):
        return "byline-code"
    if len(line) <= 200 and _is_meta_line(line):
        return "credit"
    # Alt text of the site's logo, left when the image became text: "Logo Bloomberg Technoz",
    # "Example Wire logo". Short and without final punctuation, so "Logo baru Pertamina diluncurkan pada
    # Senin di Jakarta." is kept.
    if len(words) <= 6 and not line.endswith((".", "!", "?")):
        first, last = words[0].lower(), words[-1].lower()
        if first == "logo" or last == "logo" or first.startswith(("logo-", "logo_")):
            return "logo"
    # Rights notices and promotion, only in short lines: "COPYRIGHT © ANTARA 2022",
    # "Ikuti kami di Google News". A "Copyright" prefix also needs a year, so the headline "Copyright
    # office rejects AI-made art" stays.
    if len(words) <= 30:
        low = line.lower()
        if any(m in low for m in bp.copyright_markers) or (
            low.startswith(bp.copyright_prefixes) and _YEAR.search(low)
        ):
            return "copyright"
        if pat.promo.match(line):
            return "promo"
    return None


def clean_lines(lines: Iterable[str]) -> list[str]:
    """Drop the boilerplate lines, then repeated lines, then a byline code glued to the last paragraph.

    A repeated line is dropped because multi-page articles repeat the headline, the lead or a related-links
    block on every page; the first occurrence stays where it was.
    """
    kept: list[str] = []
    seen: set[str] = set()
    for line in lines:
        reason = boilerplate_reason(line)
        if reason is not None:
            log.debug("dropped %s line: %.80s", reason, line)
            continue
        if line in seen:
            log.debug("dropped repeated line: %.80s", line)
            continue
        seen.add(line)
        kept.append(line)
    if kept:
        kept[-1] = _TRAILING_CODE.sub("", kept[-1])
    return kept


def clean_text(text: str) -> str:
    """Clean raw text line by line and join the kept lines as paragraphs separated by a blank line."""
    return PARAGRAPH_SEPARATOR.join(clean_lines(split_lines(text)))


def _tokens(line: str) -> list[str]:
    tokens = []
    for raw in _TOKEN_SPLIT.split(line.lower()):
        token = raw.strip(".()[]!?\"'“”‘’")
        # A token made only of stripped characters is itself the signal: "..." in "1 2 ... 9".
        token = token or raw
        if token:
            tokens.append(token)
    return tokens


def _is_pagination(tokens: list[str]) -> bool:
    # "Halaman 1 2 3", "Page 1 of 2", "Halaman selanjutnya", "Next page", "« 1 2 »": pagination words and
    # small numbers only, with at least one number or one move ("next", "selanjutnya"). "Halaman" alone
    # is not enough: it could be a heading.
    if not tokens or len(tokens) > 15:
        return False
    bp = load_boilerplate()
    signal = False
    for token in tokens:
        if token.isdigit() and len(token) <= 3:
            signal = True
        elif token in bp.pagination_words:
            signal = signal or token in bp.pagination_moves
        else:
            return False
    return signal


def _is_meta_line(line: str) -> bool:
    # A line whose every part is a credit, a byline or a time stamp:
    # "Penulis: anung aulia malik", "Editor: Bambang | Pewarta: Dimas",
    # "SENIN, 26 OKTOBER 2020 | 16:53 WIB | LAPORAN: SARAH MEILIANA GUNAWAN",
    # "Reporting by Lena Morris; Editing by Tom Hale", "Kompas.com - 12/05/2012, 02:27 WIB".
    # A dateline that opens a paragraph ("JAKARTA, Rabu (19/6) - Menteri ...") has many other words and
    # is kept.
    segments = [s for s in _SEGMENT_SPLIT.split(line) if s.strip()]
    return bool(segments) and all(_is_credit(s) or _is_byline(s) or _is_timestamp(s) for s in segments)


def _is_credit(segment: str) -> bool:
    # "Editor: Claudia Noventa" (a colon: any short credit, even lower-case "anung aulia malik");
    # "Reporting by Lena Morris" (no colon: names must follow, so "Written by hand, the letter ..." stays).
    match = _patterns().credit.match(segment)
    if match is None or len(match["who"].split()) > 10:
        return False
    return ":" in segment[: match.start("who")] or _are_names(match["who"])


def _is_byline(segment: str) -> bool:
    # "By Andrew Mills, Nidal al-Mughrabi and Maayan Lubell": every word is part of a name. "By Tuesday,
    # talks had stalled" has lower-case words and is kept; so is "Oleh karena itu, ...".
    match = _patterns().byline.match(segment)
    return match is not None and _are_names(match["who"])


def _are_names(text: str) -> bool:
    words = [w.strip(",") for w in text.split() if w.strip(",")]
    if not words or len(words) > 12:
        return False
    return all(_NAME_WORD.match(w) or w.lower() in _NAME_JOINERS for w in words) and any(
        _NAME_WORD.match(w) for w in words
    )


def _is_timestamp(segment: str) -> bool:
    # "Rabu, 19 Juni 2024 | 14:05 WIB", "April 26, 2024 11:40 AM UTC", "Kompas.com - 12/05/2012, 02:27 WIB":
    # date words and numbers, at least one month name, clock time or day/month number, and at most one
    # other word (the outlet). "Putin tiba di Pyongyang 19/6" has three other words and is kept.
    bp = load_boilerplate()
    tokens = [t.rstrip(".") for t in re.findall(r"[\w:./'+-]+", segment.lower())]
    tokens = [t for t in tokens if any(ch.isalnum() for ch in t)]
    if not tokens or len(tokens) > 14:
        return False
    numbers = others = 0
    signal = False
    for token in tokens:
        if _NUMBER.match(token):
            numbers += 1
            signal = signal or bool(_CLOCK.match(token) or _DAY_MONTH.match(token))
        elif token in bp.month_words:
            signal = True
        elif token not in bp.date_words:
            others += 1
    return numbers > 0 and signal and others <= 1
