"""Quotes: who said what, in quotation marks or as reported speech.

Direct quotes are the spans between quotation marks (``warta.quotes.quote_marks``: every common style, quotes
running over sentences and paragraphs), attributed from the words around them, in this order:

1. a cue after the closing mark: '"Maroko adalah sahabat lama Indonesia," terang Retno.' ("..., explained
   Retno."); '"We will respond," Wang said.'; '”...,” ujarnya.' (said he/she);
2. a cue before the opening mark in the same sentence: 'Fidan menyatakan ...: “Kami yakin ...”' ("Fidan
   stated: 'We believe ...'"); 'menurut ajudan ... Kremlin, Yuri Ushakov, akan membahas "..."' ("according
   to the Kremlin aide Yuri Ushakov, would discuss ..."). When a quoted fragment sits inside someone's
   reported words and an outlet is named after it, the outlet is the intermediary: 'Putin said the document
   "will form the basis ...", said the report.' -> speaker Putin, via the report;
3. no cue of its own: a quotation opening the sentence right after another attributed quote continues it
   (split quotes, '"...," kata dia. "..."', and quote paragraphs following an introduction).

Reported speech without quotation marks ('X mengatakan (bahwa) CLAUSE', 'CLAUSE, kata X.', 'Menurut X,
CLAUSE.') is found by :mod:`warta.quotes.reported_speech`, the speaker standing before a speech verb by
:mod:`warta.quotes.speech_subjects`.

A quote whose speaker cannot be resolved is dropped: quotation marks around a title or a scare phrase
('tema "INA-MAROC 60ing Forward"') attribute nothing, and a title after a naming word is dropped even when a
speaker is at hand ('Ahmad Fauzi, dalam khotbah bertema "Idul Fitri Momentum Hijrah", menyampaikan ...' - in a
sermon themed ...). An outlet named with "dikutip", "according to", "told" next to a speaker is the
intermediary (``via``); an outlet that is the only source is the speaker ('..., Russia's RIA Novosti news agency
reported.').
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from warta.pipeline import Stage, stage
from warta.quotes.quote_context import _ENDS, _MARKS, _Article, _Found, _words
from warta.quotes.quote_marks import QuoteSpan
from warta.quotes.reported_speech import _reported
from warta.quotes.speakers import Speaker
from warta.quotes.speech_subjects import _subject
from warta.records import AnnotatedArticle, Quote, Token

_MIN_DIRECT_WORDS = 3


# -- direct quotes ---------------------------------------------------------------------------------------------
def _attribute_direct(art: _Article, span: QuoteSpan, found: Sequence[_Found]) -> _Found | None:
    if _is_title(art, span):
        return None
    si = art.sentence_index(span.close_at)
    after = [t for t in art.sentences[si] if t.start > span.close_at]
    trailing = _trailing(art, span, after, si)
    oi = art.sentence_index(span.open_at)
    before = [t for t in art.sentences[oi] if t.end <= span.open_at]
    leading = _leading(art, span, before, si)
    if leading is not None and leading.embedded and trailing is not None and leading.cue:
        # 'Putin said the document "will form ...", said the report.': Putin speaks, the report relays.
        return replace(leading, via=trailing.speaker.name, last_sentence=si)
    if trailing is not None:
        return trailing
    if leading is not None:
        return leading
    nxt = art.sentences[si + 1] if si + 1 < len(art.sentences) else []
    if (
        (not after or after[0].text in _ENDS)
        and 0 < len(nxt) <= 6
        and "\n" not in art.text[span.close_at : nxt[0].start]
    ):
        trailing = _trailing(art, span, nxt, si + 1)  # '"We will respond." Wang said.' as two sentences
        if trailing is not None:
            return trailing
    return _continuation(art, span, before, found)


def _is_title(art: _Article, span: QuoteSpan) -> bool:
    """A name or title in quotation marks, not speech: 'diskusi virtual bertajuk "Pilkada Sehat dan Covid-19"'
    (a virtual discussion titled ...), 'a campaign dubbed "Operation Shield"'."""
    before = art.text[max(0, span.open_at - 40) : span.open_at].split()
    return bool(before) and before[-1].lower().strip(",:") in art.cues.title_markers


def _direct(art: _Article, span: QuoteSpan, speaker: Speaker, cue: str | None, via: str | None, si: int,
            *, embedded: bool = False) -> _Found:  # fmt: skip
    text = art.text[span.start : span.end].strip().rstrip(",").strip()
    return _Found(speaker, span.start, span.start + len(text), text, True, cue, via, si, embedded)


def _trailing(art: _Article, span: QuoteSpan, after: list[Token], si: int) -> _Found | None:
    """A cue after the closing mark: '," kata Retno', '," ujarnya', '," Putin said', '," said Wang Yi'."""
    cues, sp = art.cues, art.speakers
    i0 = 0
    while i0 < len(after) and after[i0].text in (",", *_MARKS):
        i0 += 1
    for k in range(i0, min(len(after), i0 + 10)):
        tok = after[k]
        word = tok.text.lower()
        if tok.text in _ENDS or tok.text in _MARKS or (tok.text == "," and k > i0):
            return None
        if k == i0 and cues.is_post(word):
            if word.endswith("nya"):
                speaker = sp.pronoun(tok.start)
            else:
                region = after[k + 1 :]
                speaker = sp.resolve(region[: sp.phrase_end(region)], subject=False)
        elif k > i0 and (cues.is_reporting(word) or cues.is_post(word)):
            speaker = sp.resolve(after[i0:k], subject=True)
        else:
            continue
        if speaker is None:
            return None
        return _direct(art, span, speaker, tok.text, sp.via(after[i0:]), si)
    return None


def _leading(art: _Article, span: QuoteSpan, before: list[Token], si: int) -> _Found | None:
    """A cue before the opening mark: 'X mengatakan: "..."', 'menurut X, ... "..."', 'Kata Jokowi, "..."'."""
    cues, sp = art.cues, art.speakers
    words = [t.text.lower() for t in before]
    n = len(before)
    for k in range(n - 1, max(-1, n - 26), -1):
        tok = before[k]
        if tok.text in _ENDS or tok.text in _MARKS or art.in_quote(tok):
            return None
        according = cues.according_at(words, k)
        if according or words[k] == "menurutnya":
            region = before[k + (according or 1) :]
            speaker = (
                sp.pronoun(tok.start)
                if words[k] == "menurutnya"
                else sp.resolve(region[: sp.phrase_end(region)], subject=False)
            )
        elif cues.is_post(words[k]) and (k == 0 or words[k - 1] == ","):
            region = before[k + 1 :]
            if words[k].endswith("nya"):
                speaker = sp.pronoun(tok.start)
            else:
                speaker = sp.resolve(region[: sp.phrase_end(region)], subject=False)
        elif cues.introduces(tok.text, first=k == 0):
            speaker = _subject(art, before, k)
        else:
            continue
        if speaker is None:
            return None
        last = words[-1] if words else ""
        embedded = not (k >= n - 2 or last in (":", ",") or last in cues.that)
        return _direct(art, span, speaker, tok.text, sp.via(before[k + 1 :]), si, embedded=embedded)
    return None


def _continuation(art: _Article, span: QuoteSpan, before: list[Token], found: Sequence[_Found]) -> _Found | None:
    """A quotation opening a sentence right after an attributed quote continues it: '"...," kata dia.
    "Kami siap."' and a quote paragraph after 'Retno juga mengatakan bahwa ...'."""
    if any(t.text not in _MARKS for t in before) or not found:
        return None
    prev = max(found, key=lambda f: f.end)
    if prev.end > span.open_at or art.sentence_index(span.open_at) - prev.last_sentence > 1:
        return None
    si = art.sentence_index(span.close_at)
    return _direct(art, span, prev.speaker, None, prev.via, si)


# -- assembling ------------------------------------------------------------------------------------------------
def _resolve_overlaps(found: list[_Found]) -> list[_Found]:
    """One quote per stretch of text. A direct quote inside reported words stays when it is most of them
    ('Blinken mengatakan bahwa Rusia berusaha "dengan putus asa ..."'); a fragment gives way to the reported
    clause around it ('Sybiha mengatakan Ukraina telah mengirim “visi langkah-langkah kedepan” ke Rusia')."""
    keep: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        clash = next((g for g in keep if g.start < f.end and f.start < g.end), None)
        if clash is None:
            keep.append(f)
            continue
        if clash.direct == f.direct:
            continue
        direct, reported = (f, clash) if f.direct else (clash, f)
        if _words(direct.text) >= 0.6 * _words(reported.text):
            keep.remove(clash)
            keep.append(direct)
        elif reported is not clash:
            keep.remove(clash)
            keep.append(reported)
    return sorted(keep, key=lambda f: f.start)


def find_quotes(doc: AnnotatedArticle) -> tuple[Quote, ...]:
    """Every attributed quote of an article, direct and reported, in text order."""
    art = _Article(doc)
    if not art.sentences:
        return ()
    pending = sorted(art.spans, key=lambda s: s.close_at)
    found: list[_Found] = []
    for si in range(len(art.sentences)):
        limit = art.starts[si + 1] if si + 1 < len(art.sentences) else len(art.text) + 1
        while pending and pending[0].close_at < limit:
            span = pending.pop(0)
            f = _attribute_direct(art, span, found)
            if f is not None and (_words(f.text) >= _MIN_DIRECT_WORDS):
                found.append(f)
                art.speakers.record(f.start, f.speaker)
        found.extend(_reported(art, si))
    return tuple(_to_quote(f) for f in _resolve_overlaps(found))


def _to_quote(f: _Found) -> Quote:
    via = f.via if f.via and f.via != f.speaker.name else None
    return Quote(
        speaker=f.speaker.name,
        text=f.text,
        start=f.start,
        end=f.end,
        direct=f.direct,
        speaker_country=f.speaker.country,
        cue=f.cue,
        via=via,
        speaker_start=f.speaker.start,
        speaker_end=f.speaker.end,
    )


def add_quotes(doc: AnnotatedArticle) -> AnnotatedArticle:
    """The quotes stage's work: ``doc`` with its quotes found."""
    return replace(doc, quotes=find_quotes(doc))


def make_quotes_stage() -> Stage:
    """The stage that adds quotes to an annotated article (a module-level function: it pickles)."""
    return stage(name="quotes", requires=["sentences", "entities"], assigns=["quotes"])(add_quotes)
