"""What the quote finder reads and what it finds.

``_Article`` holds one article as the finder reads it: its sentences, the spans between quotation marks, the
speech cues of its language and the speakers it names. ``_Found`` is a quote found, direct or reported, before
it becomes a :class:`~warta.records.Quote`. Direct quotes (:mod:`warta.quotes.quotes`), reported speech
(:mod:`warta.quotes.reported_speech`) and the subject finder (:mod:`warta.quotes.speech_subjects`) share them
from here, so that none of those modules imports another in a cycle.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from warta.nlp.gazetteer_data import load_gazetteer
from warta.quotes.cues import Cues, cues_for
from warta.quotes.intervals import Intervals
from warta.quotes.quote_marks import QuoteSpan, find_direct_spans
from warta.quotes.speakers import Speaker, Speakers
from warta.records import AnnotatedArticle, Token

_WORD = re.compile(r"\w+")
_ENDS = frozenset({".", "!", "?", "…"})
_MARKS = frozenset("\"“”‘’«»„'")


@dataclass(frozen=True, slots=True)
class _Found:
    """A quote found, before it becomes a :class:`~warta.records.Quote`."""

    speaker: Speaker
    start: int
    end: int
    text: str
    direct: bool
    cue: str | None
    via: str | None
    last_sentence: int  # the sentence where the attribution ends, for continuations
    embedded: bool = False  # a quoted fragment inside a longer sentence


class _Article:
    """Sentences, cues and speakers of one article."""

    def __init__(self, doc: AnnotatedArticle) -> None:
        self.text = doc.article.text
        self.cues: Cues = cues_for(doc.article.language or "en")
        self.sentences: list[list[Token]] = [list(s.tokens) for s in doc.sentences if s.tokens]
        self.starts = [s[0].start for s in self.sentences]
        self.spans: list[QuoteSpan] = find_direct_spans(self.text)
        self._inside = Intervals((s.open_at, s.close_at) for s in self.spans)
        quoted = [(s.open_at, s.close_at + 1) for s in self.spans]
        gazetteer = load_gazetteer()
        self.speakers = Speakers.build(self.text, self.sentences, doc.entities, self.cues, gazetteer, quoted)

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def in_quote(self, tok: Token) -> bool:
        """Whether ``tok`` starts strictly between a quote's opening and closing marks."""
        return self._inside.covers_inside(tok.start)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _span_text(art: _Article, parts: Sequence[Sequence[Token]]) -> tuple[int, int, str]:
    """Offsets and text of one or two runs of tokens (the reported words around an inserted attribution)."""
    parts = [p for p in parts if p]
    start, end = parts[0][0].start, parts[-1][-1].end
    text = " ".join(art.text[p[0].start : p[-1].end] for p in parts)
    return start, end, text.strip().strip(",").strip()
