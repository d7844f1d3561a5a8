"""Quotes: who said what, in quotation marks or as reported speech.

Direct quotes are found on the whole text (a quotation may run over several sentences or paragraphs), then
attributed from the words around them:

- cue after the quote: '"Maroko adalah sahabat lama Indonesia," terang Retno.' ("..., explained Retno.");
  '"We will respond," Wang said.';
- cue before it: 'Kim Jong Un mengatakan negaranya akan "memperkuat ..."' ("Kim Jong Un said his country
  would ..."); 'yang menurut ajudan ... Kremlin, Yuri Ushakov, akan membahas "..."' ("which, according to
  the Kremlin aide Yuri Ushakov, would discuss ...").

Reported speech without quotation marks:

- 'X mengatakan bahwa CLAUSE' / 'X said (that) CLAUSE';
- 'CLAUSE, X mengatakan ...' / 'CLAUSE, kata X.' / 'CLAUSE, X said.' / 'CLAUSE, menurut X.';
- 'Menurut X, CLAUSE.' / 'According to X, CLAUSE.'

A news outlet named with "menurut"/"dikutip"/"according to" next to a person is the intermediary (``via``),
not the speaker: '..., menurut layanan berita Interfax' ("according to the Interfax news service").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from warta.coding.cues import Cues, cues_for
from warta.pipeline import Stage, stage
from warta.records import AnnotatedArticle, Entity, Quote, Sentence, Token

_PAIRS = {'"': '"', "“": "”", "«": "»", "„": "“", "”": "”"}
_MIN_DIRECT_WORDS = 3
_WORD = re.compile(r"\w+")
# How far (in tokens) a speaker may stand from its cue: "kata Menteri Luar Negeri China Wang Yi" puts the
# name five tokens after "kata".
_SPEAKER_WINDOW = 9


@dataclass(frozen=True, slots=True)
class _Span:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    open_at: int  # position of the opening mark
    close_at: int  # position of the closing mark


def find_direct_spans(text: str) -> list[_Span]:
    """Quotation spans in the text, pairing each opening mark with its closing mark.

    A quotation left open at the end of a paragraph continues only when the next paragraph opens with a
    quote mark (the print convention for multi-paragraph quotes); otherwise the stray mark is ignored.
    """
    spans: list[_Span] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch not in _PAIRS or ch == "”":
            i += 1
            continue
        closer = _PAIRS[ch]
        j = i + 1
        close = -1
        while j < n:
            c = text[j]
            if c == closer or (ch == '"' and c == "”") or (ch == "“" and c == '"'):
                close = j
                break
            if text.startswith("\n\n", j):
                k = j
                while k < n and text[k].isspace():
                    k += 1
                if k < n and text[k] in _PAIRS:
                    j = k + 1
                    continue
                break
            j += 1
        if close == -1:
            i += 1
            continue
        inner_start, inner_end = i + 1, close
        while inner_start < inner_end and text[inner_start].isspace():
            inner_start += 1
        while inner_end > inner_start and text[inner_end - 1].isspace():
            inner_end -= 1
        spans.append(_Span(inner_start, inner_end, i, close))
        i = close + 1
    return spans


class _Context:
    """Lookups over one article shared by the attribution rules."""

    def __init__(self, doc: AnnotatedArticle) -> None:
        self.text = doc.article.text
        self.cues: Cues = cues_for(doc.article.language or "en")
        self.sentences = doc.sentences
        self.entities = sorted(doc.entities, key=lambda e: e.start)
        # The fullest mention of each name, which is what a speaker is reported as ("Retno" -> "Retno Marsudi").
        self.fullest: dict[str, str] = {}
        for ent in self.entities:
            if ent.type != "PER":
                continue  # "Rusia" stays "Rusia": only people are reported under their fullest name
            key = ent.name or ent.text
            if len(ent.text) > len(self.fullest.get(key, "")):
                self.fullest[key] = ent.text

    def sentence_at(self, pos: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return None

    def entities_between(self, start: int, end: int) -> list[Entity]:
        return [e for e in self.entities if start <= e.start and e.end <= end]

    def speaker_name(self, ent: Entity) -> str:
        if ent.type != "PER":
            return ent.text
        return self.fullest.get(ent.name or ent.text, ent.text)

    def last_person_before(self, pos: int) -> Entity | None:
        people = [e for e in self.entities if e.type == "PER" and e.end <= pos]
        return people[-1] if people else None


def _tokens_between(sentence: Sentence, start: int, end: int) -> list[Token]:
    return [t for t in sentence.tokens if start <= t.start and t.end <= end]


def _pick_speaker(ctx: _Context, candidates: Sequence[Entity]) -> Entity | None:
    """Prefer a person, then an organisation, then a place ("Rusia mengatakan" - Russia as a speaker)."""
    for etype in ("PER", "ORG", "LOC"):
        for ent in candidates:
            if ent.type == etype:
                return ent
    return None


def _after_cue(ctx: _Context, sentence: Sentence, tokens: list[Token], k: int) -> tuple[Entity | None, str | None]:
    """The speaker named right after a cue at token ``k``: 'kata Menteri Luar Negeri China Wang Yi'."""
    window = tokens[k + 1 : k + 1 + _SPEAKER_WINDOW]
    if window and window[0].text.lower() in ctx.cues.pronouns:
        return ctx.last_person_before(window[0].start), window[0].text
    stop = next((t.start for t in window if t.text in (",", ".", ";", '"', "“", "”")), None)
    end = stop if stop is not None else (window[-1].end if window else tokens[k].end)
    return _pick_speaker(ctx, ctx.entities_between(tokens[k].end, end)), None


def _before_cue(ctx: _Context, sentence: Sentence, tokens: list[Token], k: int) -> Entity | None:
    """The speaker standing before a cue verb: 'Menteri Luar Negeri AS Antony Blinken mengatakan'."""
    lo = max(0, k - _SPEAKER_WINDOW)
    window = tokens[lo:k]
    # The subject ends at the previous clause boundary; a speaker never lies across a quotation mark.
    for idx in range(len(window) - 1, -1, -1):
        if window[idx].text in (";", '"', "“", "”", "."):
            window = window[idx + 1 :]
            break
    if not window:
        return None
    pron = window[-1].text.lower()
    if pron in ctx.cues.pronouns:
        return ctx.last_person_before(window[-1].start)
    cands = ctx.entities_between(window[0].start, window[-1].end)
    people = [e for e in cands if e.type == "PER"]
    if people:
        return people[-1]
    return cands[-1] if cands else None


def _via(ctx: _Context, start: int, end: int) -> Entity | None:
    """An outlet named in ``[start, end)`` with an intermediary cue, e.g. "menurut layanan berita Interfax"."""
    for ent in ctx.entities_between(start, end):
        if ent.kind == "outlet":
            return ent
    return None


def _make_quote(
    ctx: _Context,
    speaker: Entity | None,
    start: int,
    end: int,
    *,
    direct: bool,
    cue: str | None,
    via: Entity | None,
) -> Quote | None:
    text = ctx.text[start:end].strip().strip(",").strip()
    if len(_WORD.findall(text)) < (_MIN_DIRECT_WORDS if direct else 4):
        return None
    if speaker is not None and via is not None and speaker.start == via.start:
        via = None
    return Quote(
        speaker=ctx.speaker_name(speaker) if speaker else None,
        speaker_country=speaker.country if speaker else None,
        text=text,
        start=start,
        end=start + len(text),
        direct=direct,
        cue=cue,
        via=ctx.speaker_name(via) if via else None,
    )


def _attribute_direct(ctx: _Context, span: _Span) -> Quote | None:
    sent = ctx.sentence_at(span.close_at) or ctx.sentence_at(span.open_at)
    if sent is None:
        return None
    tokens = list(sent.tokens)
    after = [t for t in tokens if t.start > span.close_at]
    before = [t for t in tokens if t.end <= span.open_at]
    # 1. A cue right after the closing mark: '"...," kata dia.' / '"...," Putin said.'
    for k, tok in enumerate(after[:_SPEAKER_WINDOW]):
        if tok.text in (".", "!", "?", '"', "“"):
            break
        if ctx.cues.is_speech(tok.text):
            speaker, pronoun = _after_cue(ctx, sent, after, k)
            if speaker is None and k > 0:
                speaker = _pick_speaker(ctx, ctx.entities_between(after[0].start, tok.start))
            if speaker is not None:
                via = _via(ctx, tok.end, sent.end)
                return _make_quote(ctx, speaker, span.start, span.end, direct=True, cue=tok.text, via=via)
    # 2. A cue before the opening mark in the same sentence: 'X mengatakan ... "..."', 'menurut X, ... "..."'.
    for k in range(len(before) - 1, -1, -1):
        tok = before[k]
        word = tok.text.lower()
        if (word,) in ctx.cues.according or (
            k + 1 < len(before) and (word, before[k + 1].text.lower()) in ctx.cues.according
        ):
            speaker, _ = _after_cue(ctx, sent, before, k + (0 if (word,) in ctx.cues.according else 1))
            if speaker is not None:
                via = _via(ctx, span.close_at, sent.end)
                return _make_quote(ctx, speaker, span.start, span.end, direct=True, cue=tok.text, via=via)
        if ctx.cues.is_speech(word):
            speaker = _before_cue(ctx, sent, before, k)
            if speaker is not None:
                via = _via(ctx, span.close_at, sent.end)
                return _make_quote(ctx, speaker, span.start, span.end, direct=True, cue=tok.text, via=via)
    return None


def _reported_speech(ctx: _Context, sent: Sentence, direct_spans: Sequence[_Span]) -> list[Quote]:
    """Indirect quotes in one sentence (no quotation marks around the reported words)."""
    tokens = list(sent.tokens)
    if any(sent.start <= s.open_at < sent.end for s in direct_spans):
        return []  # the direct quote carries the words; a second, indirect copy would double count
    out: list[Quote] = []
    words = [t.text.lower() for t in tokens]
    end_text = tokens[-1].start if tokens and tokens[-1].text in (".", "!", "?") else sent.end
    for k, word in enumerate(words):
        # 'Menurut X, CLAUSE.' / 'According to X, CLAUSE.' at the start of the sentence.
        if k <= 1 and (
            (word,) in ctx.cues.according or (k + 1 < len(words) and (word, words[k + 1]) in ctx.cues.according)
        ):
            comma = next((i for i in range(k + 1, len(tokens)) if words[i] == ","), None)
            if comma is not None:
                speaker = _pick_speaker(ctx, ctx.entities_between(tokens[k].end, tokens[comma].start))
                if speaker is not None:
                    q = _make_quote(
                        ctx, speaker, tokens[comma].end, end_text, direct=False, cue=tokens[k].text, via=None
                    )
                    return [q] if q else []
        if not (
            ctx.cues.is_speech(word)
            or (word,) in ctx.cues.according
            or (k + 1 < len(words) and (word, words[k + 1]) in ctx.cues.according)
        ):
            continue
        comma_before = next((i for i in range(k - 1, -1, -1) if words[i] == ","), None)
        if comma_before is not None and comma_before >= 3:
            # 'CLAUSE, X mengatakan ...' / 'CLAUSE, kata X.' / 'CLAUSE, menurut X.' / 'CLAUSE, X said.'
            if ctx.cues.is_speech(word) and k > comma_before + 1:
                speaker = _before_cue(ctx, sent, tokens, k)
            else:
                speaker, _ = _after_cue(
                    ctx, sent, tokens, k if ctx.cues.is_speech(word) or (word,) in ctx.cues.according else k + 1
                )
            if speaker is not None and speaker.start > tokens[comma_before].start:
                via = None
                if speaker.kind == "outlet":
                    via = None
                q = _make_quote(
                    ctx, speaker, sent.start, tokens[comma_before].start, direct=False, cue=tokens[k].text, via=via
                )
                if q:
                    out.append(q)
                    break
        if ctx.cues.is_speech(word):
            # 'X mengatakan (pada Selasa) bahwa CLAUSE' / 'X said (on Tuesday) (that) CLAUSE'.
            speaker = _before_cue(ctx, sent, tokens, k)
            if speaker is None:
                continue
            that = next((i for i in range(k + 1, min(len(tokens), k + 8)) if words[i] in ctx.cues.that), None)
            begin = tokens[that].end if that is not None else tokens[k].end
            q = _make_quote(ctx, speaker, begin, end_text, direct=False, cue=tokens[k].text, via=None)
            if q:
                out.append(q)
                break
    return out


def find_quotes(doc: AnnotatedArticle) -> tuple[Quote, ...]:
    """Every attributed quote of an article, direct and reported, in text order."""
    ctx = _Context(doc)
    spans = find_direct_spans(ctx.text)
    quotes: list[Quote] = []
    for span in spans:
        q = _attribute_direct(ctx, span)
        if q is not None:
            quotes.append(q)
    for sent in doc.sentences:
        quotes.extend(_reported_speech(ctx, sent, spans))
    return tuple(sorted(quotes, key=lambda q: q.start))


def make_quotes_stage() -> Stage:
    """The stage that adds quotes to an annotated article."""

    @stage(name="quotes", requires=["sentences", "entities"], assigns=["quotes"])
    def add_quotes(doc: AnnotatedArticle) -> AnnotatedArticle:
        return replace(doc, quotes=find_quotes(doc))

    return add_quotes
