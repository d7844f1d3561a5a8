"""Quotation spans: pairing opening and closing marks in every common news style.

Styles handled (the words inside are what a quote finder attributes):

- straight "..." and curly “...” (English and most Indonesian sites);
- ”...” with the same mark at both ends, the Kompas house style: '”Saya minta Mensos bergerak,” kata Presiden.'
  ("I ask the social affairs minister to act," said the President);
- „...“ and „...” (German and Dutch wire copy), «...» and ‹...› (French and Russian agency copy);
- single ‘...’ and '...', told apart from apostrophes ("Ma’ruf", "We’re", "Asean’s"): a mark between two
  letters is an apostrophe, never a quotation mark;
- a quotation running over several paragraphs: by print convention the closing mark is left out at the end of
  every paragraph but the last, and each new paragraph opens with a mark again.

Whether a symmetric mark (", ”, ') opens or closes is read from its flanks: an opening mark has a space or line
start before it and a word after it ('kata dia, "Kami siap'), a closing mark the reverse ('siap," kata dia').
Marks of one family nest inside the other (single quotes inside double quotes are part of the quoted words).
"""

from __future__ import annotations

from dataclasses import dataclass

_DOUBLE = '"“”„'
_SINGLE = "'‘’‚"
_ANGLE = "«»‹›"
_ALL = _DOUBLE + _SINGLE + _ANGLE
# What may stand right before an opening mark or right after a closing one besides a space.
_OPEN_BEFORE = "([{—–-/:" + _ALL
_CLOSE_AFTER = ".,;:!?)]}—–-…/" + _ALL


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """The words inside a pair of marks: ``start``/``end`` exclude the marks and surrounding spaces."""

    start: int
    end: int
    open_at: int
    close_at: int


def _family(ch: str) -> str:
    return "double" if ch in _DOUBLE else "single" if ch in _SINGLE else "angle"


def _left_flank(text: str, i: int) -> bool:
    return i == 0 or text[i - 1].isspace() or text[i - 1] in _OPEN_BEFORE


def _right_flank(text: str, i: int) -> bool:
    return i + 1 >= len(text) or text[i + 1].isspace() or text[i + 1] in _CLOSE_AFTER


def _can_open(text: str, i: int) -> bool:
    ch = text[i]
    if ch in "«‹„‚":
        return True
    if ch in "»›":
        return False
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    if ch in "'’" and i > 0 and text[i - 1].isalnum() and nxt.isalnum():
        return False  # an apostrophe: "Ma’ruf", "don't"
    if _left_flank(text, i) or (ch in "“‘" and not text[i - 1].isalnum()):
        return True
    # a quote glued to the sentence before it: 'Gregory J Hayes."Guna mempertahankan ...'
    return ch in '"”“' and text[i - 1] in ".!?" and nxt.isupper()


def _can_close(text: str, i: int) -> bool:
    ch = text[i]
    if ch in "«‹„‚":
        return False
    if ch in "»›":
        return True
    if i == 0 or text[i - 1].isspace():
        return False
    if ch in "'’" and i + 1 < len(text) and text[i - 1].isalnum() and text[i + 1].isalnum():
        return False
    return _right_flank(text, i) or ch in "”’“"


def _closes(opener: str, closer: str) -> bool:
    """Whether ``closer`` ends a quotation opened by ``opener`` (any closing mark of the same family)."""
    return _family(opener) == _family(closer)


def _paragraph_start(text: str, i: int) -> int:
    """Index of the first non-space character after the line break at ``i``."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _scan(text: str, open_at: int) -> tuple[int, int]:
    """Index of the mark closing the quotation opened at ``open_at`` (-1 when it is left open), and the index
    where the scan stopped (the closing mark, or where the quotation was found to be left open)."""
    opener = text[open_at]
    i = open_at + 1
    nested: str | None = None  # a quotation of the other family inside this one
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            # The quotation continues into the next paragraph only when that paragraph opens with a mark of
            # the same family (multi-paragraph quotes); otherwise it was never closed.
            k = _paragraph_start(text, i)
            if k < len(text) and text[k] in _ALL and _family(text[k]) == _family(opener) and _can_open(text, k):
                i, nested = k + 1, None
                continue
            return -1, i
        if ch in _ALL:
            if _family(ch) == _family(opener):
                if _can_close(text, i) and _closes(opener, ch):
                    return i, i
                if _can_open(text, i) and ch in '"”' and _left_flank(text, i):
                    return -1, i  # a new opening mark: this one was never closed ('"Kami siap kata dia. "Ya')
            elif nested is None and _can_open(text, i):
                nested = ch
            elif nested is not None and _can_close(text, i) and _closes(nested, ch):
                nested = None
        i += 1
    return -1, len(text)


def find_direct_spans(text: str) -> list[QuoteSpan]:
    """Quotation spans of the text in order, each opening mark paired with its closing mark.

    A mark left open at the end of a paragraph that is not continued is ignored, except that a quotation
    opening a paragraph and running to its end is kept (copy cut off before the closing mark, as in
    '"Dua di antara empat MoU yang ditandatangani' at the end of a scraped page).
    """
    return _find_spans(text, remember_open=True)


def _find_spans(text: str, *, remember_open: bool) -> list[QuoteSpan]:
    # remember_open: a scan from a mark that found it left open is not repeated for the same mark further on
    # before the place where that scan stopped. What a scan decides at each character depends only on the
    # text and on the opening character (nested marks of the other family never end it), so a later scan
    # from the same character would stop at the same place, as open: 10,000 unclosed "“" in one paragraph
    # cost 10,000 scans to its end (26 CPU seconds) before. remember_open=False is the plain algorithm,
    # kept for the test that the two agree (tests/robustness/test_regressions.py).
    spans: list[QuoteSpan] = []
    open_until: dict[str, int] = {}  # opening character -> where a scan from it found it left open
    i = 0
    n = len(text)
    while i < n:
        if text[i] not in _ALL or not _can_open(text, i):
            i += 1
            continue
        if remember_open and open_until.get(text[i], -1) > i:
            close = -1
        else:
            close, stopped = _scan(text, i)
            if close == -1:
                open_until[text[i]] = stopped
        if close == -1:
            if _starts_paragraph(text, i) and _family(text[i]) == "double":
                end = text.find("\n", i)
                end = n if end == -1 else end
                if not any(c in _DOUBLE for c in text[i + 1 : end]):
                    spans.append(_inner(text, i, end))
                    i = end
                    continue
            i += 1
            continue
        spans.append(_inner(text, i, close))
        i = close + 1
    return [s for s in spans if s.end > s.start]


def _starts_paragraph(text: str, i: int) -> bool:
    """Whether only spaces or tabs stand between the start of the text or a line break and ``text[i]``
    (looking back from ``i``, not copying the text before it: this runs for every mark left open)."""
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] == "\n"


def _inner(text: str, open_at: int, close_at: int) -> QuoteSpan:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuoteSpan(start, end, open_at, close_at)
