"""Reported speech: who said what without quotation marks.

- 'X mengatakan (kepada wartawan) (bahwa) CLAUSE' / 'X said (on Tuesday) (that) CLAUSE'; weak verbs
  ("mengumumkan", "announced") only when a clause follows: "Rusia mengumumkan akan mengirim delegasi";
- 'CLAUSE, kata X.' / 'CLAUSE, X said.' / 'CLAUSE, menurut X.' / 'CLAUSE, according to X.', and the same
  with the attribution in the middle: 'Penjualan senjata, tegas Mao, merusak kedaulatan China';
- 'Menurut X, CLAUSE.' / 'According to X, CLAUSE.' / 'Menurutnya, CLAUSE.' (according to him);
- 'Ditambahkan, CLAUSE.' (it was added): the speaker quoted just before.

The subject before a reporting verb is found by :mod:`warta.quotes.speech_subjects`; :mod:`warta.quotes.quotes`
calls :func:`_reported` sentence by sentence, between the direct quotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from warta.data import all_language_words
from warta.quotes.quote_context import _ENDS, _MARKS, _Article, _Found, _span_text, _words
from warta.quotes.speakers import Speaker
from warta.quotes.speech_subjects import _is_calendar, _subject, _subject_at
from warta.records import Token

_MIN_REPORTED_WORDS = 3
# Time adjuncts allowed between a verb and its clause: "said on Saturday the move ...", "mengatakan, Senin,".
_TIME_WORDS = all_language_words("speaker_words.yaml", "time_words")
_CONTINUING = all_language_words("speaker_words.yaml", "continuing")


def _reported(art: _Article, si: int) -> list[_Found]:
    """Reported speech in one sentence (several when a speaker goes on: ", menambahkan bahwa ...")."""
    toks = art.sentences[si]
    words = [t.text.lower() for t in toks]
    cues, sp = art.cues, art.speakers
    end = len(toks)
    while end > 0 and (toks[end - 1].text in _ENDS or toks[end - 1].text in _MARKS):
        end -= 1
    out: list[_Found] = []
    k = 0
    while k < end:
        if art.in_quote(toks[k]):
            k += 1
            continue
        found = _reported_at(art, si, toks, words, k, end)
        if found:
            for f in found:
                out.append(f)
                sp.record(f.start, f.speaker)
            k = max(k + 1, _index_after(toks, max(f.end for f in found)))
            continue
        k += 1
    if not out and words and words[0] in cues.passive and len(words) > 2 and words[1] == ",":
        prev = sp.said[-1][1] if sp.said and sp.said[-1][0] >= art.starts[max(0, si - 2)] else None
        if prev is not None:
            start, stop, text = _span_text(art, [toks[2:end]])
            if _words(text) >= _MIN_REPORTED_WORDS:
                out.append(_Found(prev, start, stop, text, False, toks[0].text, None, si))
    return out


def _index_after(toks: Sequence[Token], pos: int) -> int:
    return next((i for i, t in enumerate(toks) if t.start >= pos), len(toks))


_PASSIVE_AGENTS = all_language_words("speaker_words.yaml", "passive_agents")


def _reported_at(art: _Article, si: int, toks: list[Token], words: list[str], k: int, end: int) -> list[_Found]:
    """Reported speech cued by the word at ``k``: "menurut", a post cue after a comma, or a reporting verb."""
    cues, sp = art.cues, art.speakers
    word = words[k]
    according = cues.according_at(words, k) or (1 if word == "menurutnya" else 0)
    after_comma = k > 0 and words[k - 1] == ","
    if according and (k == 0 or (after_comma and not _reports(art, toks[: k - 1]))):
        # 'Menurut X, CLAUSE.' / 'CLAUSE, menurut X(, CLAUSE).' / 'Menurutnya, CLAUSE.'
        region = toks[k + according : end]
        m = sp.phrase_end(region)
        speaker = sp.pronoun(toks[k].start) if word == "menurutnya" else sp.resolve(region[:m], subject=False)
        rest = k + according + m
        tail = toks[rest + 1 : end] if rest < end and words[rest] == "," else []
        head = toks[: k - 1] if after_comma else []
        if len(head) < 3 and head:  # a short opener, "Saat ini, menurut Presiden, ..." (for now)
            head = []
        return _make_reported(art, speaker, [head, tail], toks[k].text, si)
    if cues.is_post(word) and after_comma and k >= 3:
        # 'CLAUSE, kata X.' / 'CLAUSE, tegas Mao, CLAUSE.' / 'CLAUSE, katanya.'
        region = toks[k + 1 : end]
        if word.endswith("nya"):
            speaker, m = sp.pronoun(toks[k].start), 0
        else:
            m = sp.phrase_end(region)
            speaker = sp.resolve(region[:m], subject=False)
        rest = k + 1 + m
        tail = toks[rest + 1 : end] if rest < end and words[rest] == "," else []
        if _reports(art, toks[: k - 1]):
            return []  # 'Putin said the document ..., said the report.': the report relays Putin's words
        found = _make_reported(art, speaker, [toks[: k - 1], tail], toks[k].text, si)
        if found or not cues.post_cues_introduce:
            return found
    # A reporting verb introduces the words after it; where names hold no verbs, even a capitalised one does.
    reporting = not cues.verbs_in_names and cues.is_reporting(word)
    if not cues.introduces(toks[k].text, first=k == 0) and not reporting:
        return []
    if k + 1 < end and words[k + 1] in _PASSIVE_AGENTS:
        return []  # a passive participle: "a reef claimed by both countries"
    speaker = _subject(art, toks, k)
    if speaker is None:
        return []
    clause = _clause_start(art, toks, words, k, end)
    if clause is not None:
        return _forward(art, speaker, toks, words, k, clause, end, si)
    # 'CLAUSE, Manila said in a statement.' / 'CLAUSE, X mengatakan.' - nothing but adjuncts after the verb
    _, b = _subject_at(art, toks, k)
    ends = k + 1 >= end or words[k + 1] in (",", *cues.stops)
    if ends and b >= 4 and words[b - 1] == "," and not _reports(art, toks[: b - 1]):
        return _make_reported(art, speaker, [toks[: b - 1]], toks[k].text, si)
    return []


def _reports(art: _Article, toks: Sequence[Token]) -> bool:
    """Whether these words hold a reporting verb of their own (outside quotation marks)."""
    return any(art.cues.is_reporting(t.text) and not art.in_quote(t) for t in toks)


_CALENDAR_PREPOSITIONS = all_language_words("speaker_words.yaml", "calendar_prepositions")


def _clause_start(art: _Article, toks: list[Token], words: list[str], k: int, end: int) -> int | None:
    """Where the reported clause after the verb at ``k`` starts: after "bahwa"/"that" (within ten words),
    after a comma or colon, or right after the verb and any time adjunct ("said on Saturday the move ...")."""
    cues = art.cues
    for i in range(k + 1, min(end, k + 11)):
        if words[i] in cues.that:
            return i + 1
        if toks[i].text in _MARKS and i > k + 1:
            break
    if words[k] in cues.needs_that:
        return None
    i = k + 1
    while i < end:
        if words[i] in _TIME_WORDS:
            i += 1
        elif words[i] in _CALENDAR_PREPOSITIONS and i + 1 < end and _is_calendar(words[i + 1]):
            i += 2
        elif _is_calendar(words[i]):
            i += 1
        elif toks[i].text == "(":
            i = next((j + 1 for j in range(i, end) if toks[j].text == ")"), end)
        else:
            break
    if i < end and toks[i].text in (",", ":"):
        i += 1
        while i < end and (_is_calendar(words[i]) or toks[i].text in (",", "(", ")") or _is_date(words[i])):
            i += 1
    elif i < end and (words[i] in cues.stops or toks[i].text in _ENDS):
        return None
    if i >= end:
        return None
    weak = words[k] in cues.weak
    if weak and not any(w in cues.clause_words for w in _until_comma(words, i, end)[:8]):
        return None
    return i


def _until_comma(words: list[str], i: int, end: int) -> list[str]:
    out = []
    for w in words[i:end]:
        if w == ",":
            break
        out.append(w)
    return out


def _is_date(word: str) -> bool:
    return bool(re.fullmatch(r"[\d/.-]+", word))


_THAT = all_language_words("speaker_words.yaml", "that")


def _forward(art: _Article, speaker: Speaker, toks: list[Token], words: list[str], k: int, c: int, end: int,
             si: int) -> list[_Found]:  # fmt: skip
    """The clause after the verb up to the sentence end, a colon before a quote, or a further attribution:
    '... ke Rusia, menambahkan bahwa Moskow ...' (adding that) starts a second quote by the same speaker;
    '..., Russian media reported.' is cut off."""
    cues = art.cues
    stop = end
    second: list[_Found] = []
    for i in range(c, end):
        if toks[i].text == ":" or (toks[i].text == ";"):
            stop = i
            break
        if words[i] != "," or art.in_quote(toks[i]):
            continue
        nxt = words[i + 1] if i + 1 < end else ""
        if nxt in _CONTINUING:
            stop = i
            j = i + 1
            while j < end and (words[j] in _CONTINUING or words[j] in _THAT):
                j += 1
            if j < end:
                second = _make_reported(art, speaker, [toks[j:end]], toks[i + 1].text, si)
            break
        if cues.is_post(nxt) or cues.according_at(words, i + 1) or _attribution_follows(art, words, i + 1, end):
            stop = i
            break
    return _make_reported(art, speaker, [toks[c:stop]], toks[k].text, si) + second


def _attribution_follows(art: _Article, words: list[str], i: int, end: int) -> bool:
    """'..., Russian media reported.': a few words and a reporting verb closing the sentence."""
    for j in range(i, min(end, i + 6)):
        if art.cues.is_reporting(words[j]):
            return j + 1 >= end or words[j + 1] in art.cues.stops
    return False


def _make_reported(art: _Article, speaker: Speaker | None, parts: Sequence[Sequence[Token]], cue: str,
                   si: int) -> list[_Found]:  # fmt: skip
    if speaker is None or not any(parts):
        return []
    start, end, text = _span_text(art, parts)
    if _words(text) < _MIN_REPORTED_WORDS:
        return []
    return [_Found(speaker, start, end, text, False, cue, None, si)]
