"""Quotes: who said what, in quotation marks or as reported speech.

Direct quotes are the spans between quotation marks (``warta.coding.quote_marks``: every common style, quotes
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

Reported speech without quotation marks (``_reported``):

- 'X mengatakan (kepada wartawan) (bahwa) CLAUSE' / 'X said (on Tuesday) (that) CLAUSE'; weak verbs
  ("mengumumkan", "announced") only when a clause follows: "Rusia mengumumkan akan mengirim delegasi";
- 'CLAUSE, kata X.' / 'CLAUSE, X said.' / 'CLAUSE, menurut X.' / 'CLAUSE, according to X.', and the same
  with the attribution in the middle: 'Penjualan senjata, tegas Mao, merusak kedaulatan China';
- 'Menurut X, CLAUSE.' / 'According to X, CLAUSE.' / 'Menurutnya, CLAUSE.' (according to him);
- 'Ditambahkan, CLAUSE.' (it was added): the speaker quoted just before.

A quote whose speaker cannot be resolved is dropped: quotation marks around a title or a scare phrase
('tema "INA-MAROC 60ing Forward"') attribute nothing, and a title after a naming word is dropped even when a
speaker is at hand ('Ahmad Fauzi, dalam khotbah bertema "Idul Fitri Momentum Hijrah", menyampaikan ...' - in a
sermon themed ...). An outlet named with "dikutip", "according to", "told" next to a speaker is the
intermediary (``via``); an outlet that is the only source is the speaker ('..., Russia's RIA Novosti news agency
reported.').
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from warta.coding.cues import Cues, cues_for
from warta.coding.quote_marks import QuoteSpan, find_direct_spans
from warta.coding.speakers import Speaker, Speakers, calendar_words, is_also_office, is_verb_like
from warta.nlp.gazetteer import load_gazetteer
from warta.pipeline import Stage, stage
from warta.records import AnnotatedArticle, Quote, Token

_WORD = re.compile(r"\w+")
_MIN_DIRECT_WORDS = 3
_MIN_REPORTED_WORDS = 3
_ENDS = frozenset({".", "!", "?", "…"})
_MARKS = frozenset("\"“”‘’«»„'")
# Where a subject read backwards from its verb stops: punctuation that ends a clause, dateline dashes and
# conjunctions opening another clause ("AS ... akan fokus ... setelah Rusia mengatakan" - after Russia said).
_SUBJECT_STOPS = frozenset({".", "!", "?", ";", ":", "-", "—", "–", *_MARKS})
_CLAUSE_OPENERS = frozenset(
    {"but", "however", "namun", "tetapi", "sementara", "meanwhile", "setelah", "after", "sebelum", "before",
     "karena", "because", "ketika", "when", "sehingga", "while", "saat", "sedangkan", "bahwa", "that", "if",
     "jika", "kalau", "meski", "meskipun", "although"}
)  # fmt: skip
# Words between a subject and its verb that are not part of the subject ("Komando Pasifik AS juga
# mengatakan"; "Zhao Lijian pada Senin mengumumkan"; "Yellen said earlier").
_SUBJECT_TAIL = frozenset(
    {"juga", "pun", "kembali", "lagi", "telah", "sudah", "pernah", "kemudian", "lalu", "also", "then", "has",
     "had", "was", "is", "earlier", "later", "previously", "recently", "pada", "on", "late", "last"}
)  # fmt: skip
_RELATIVE = frozenset({"yang", "who", "whose", "which"})
_TIME_PREPOSITIONS = frozenset({"on", "pada", "late", "last"})
# Prepositions opening a segment of time, place or occasion between a subject and its verb.
_ADJUNCT_OPENERS = frozenset(
    {"di", "dalam", "pada", "saat", "ketika", "seusai", "usai", "melalui", "lewat", "via", "bersama", "kepada",
     "in", "at", "on", "during", "after", "before", "through"}
)  # fmt: skip
# How far back from its verb a subject is looked for: a name with an office and a body in commas runs long
# ("Suryono Herlambang, peneliti senior di Center for Metropolitan Studies, lembaga kajian ..., mengatakan").
_SUBJECT_REACH = 40
# Time adjuncts allowed between a verb and its clause: "said on Saturday the move ...", "mengatakan, Senin,".
_TIME_WORDS = frozenset({"earlier", "today", "yesterday", "kemarin", "tonight", "later", "also", "juga", "pun"})
_CONTINUING = frozenset({"menambahkan", "adding", "seraya", "sambil", "while"})


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
        quoted = [(s.open_at, s.close_at + 1) for s in self.spans]
        gazetteer = load_gazetteer()
        self.speakers = Speakers.build(self.text, self.sentences, doc.entities, self.cues, gazetteer, quoted)

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def in_quote(self, tok: Token) -> bool:
        return any(s.open_at < tok.start < s.close_at for s in self.spans)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _span_text(art: _Article, parts: Sequence[Sequence[Token]]) -> tuple[int, int, str]:
    """Offsets and text of one or two runs of tokens (the reported words around an inserted attribution)."""
    parts = [p for p in parts if p]
    start, end = parts[0][0].start, parts[-1][-1].end
    text = " ".join(art.text[p[0].start : p[-1].end] for p in parts)
    return start, end, text.strip().strip(",").strip()


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


# -- subjects --------------------------------------------------------------------------------------------------
def _subject(art: _Article, tokens: Sequence[Token], k: int) -> Speaker | None:
    """The speaker standing before the verb at ``k``: 'Menteri Luar Negeri AS Antony Blinken mengatakan'."""
    return _subject_at(art, tokens, k)[0]


def _subject_at(art: _Article, tokens: Sequence[Token], k: int) -> tuple[Speaker | None, int]:
    """The subject before the verb at ``k`` and the index where its segment starts.

    Commas split the words before the verb into segments read backwards: an empty one or a relative clause
    is passed over ("Juru bicara ..., Lin Jian, mengatakan"; "US President Joe Biden, whose administration
    ..., said"), and the first segment that names someone is the subject ("Rabu lalu, Kanselir Jerman Friedrich
    Merz mengatakan" - last Wednesday, German Chancellor Friedrich Merz said). Inside a segment, a verb in a
    relative clause has the noun before "yang"/"who" as its subject ("Presiden AS Donald Trump yang baru saja
    mengatakan" - US President Donald Trump, who just said).
    """
    start, end, cut = _subject_bounds(tokens, k)
    if start >= end:
        return None, k
    segments: list[tuple[int, int]] = []
    seg_start = start
    for i in range(start, end + 1):
        if i == end or tokens[i].text == ",":
            segments.append((seg_start, i))
            seg_start = i + 1
    for n, (a, b) in reversed(list(enumerate(segments))):
        if n == 0 and cut:
            break  # the tail of a longer clause ("... terhadap UU Cipta Kerja di Sidang Paripurna DPR")
        seg = list(tokens[a:b])
        if not seg:
            continue
        low = [t.text.lower() for t in seg]
        if low[0] in _RELATIVE or _is_adjunct(art, low):
            continue
        rel = next((i for i, w in enumerate(low) if w in _RELATIVE and not is_also_office(low, i)), None)
        if rel is not None:
            seg, a = seg[max(0, rel - 6) : rel], a + max(0, rel - 6)
        speaker = art.speakers.resolve(_trim_tail(seg), subject=True) if seg else None
        if speaker is not None and (speaker.kind == "description" or art.speakers.is_office(low)):
            named = _apposed_name(art, tokens, segments[int(cut) : n])
            if named is not None:
                return named
        if speaker is not None:
            return speaker, a
        if len(seg) > 3:
            break  # a clause of its own, not an apposition: the subject is not further back
    return None, k


def _apposed_name(
    art: _Article, tokens: Sequence[Token], segments: Sequence[tuple[int, int]]
) -> tuple[Speaker, int] | None:
    """The person an office in commas describes, named before it: "Kisran Makati, Ketua Puspaham Sultra,
    menjabarkan" (Kisran Makati, chair of Puspaham, explained); "Suryono Herlambang, peneliti senior di
    Center for Metropolitan Studies, lembaga kajian perkotaan, mengatakan" (a senior researcher at the
    Center for Metropolitan Studies, an urban research institute, said). Further offices in commas are
    passed over; the first segment that is neither names the person, or nobody."""
    for a, b in reversed(segments):
        seg = list(tokens[a:b])
        if not seg:
            return None
        low = [t.text.lower() for t in seg]
        if art.speakers.is_office(low):
            continue
        if not art.speakers.is_bare_name(seg):
            return None  # "Dihubungi terpisah, Ketua DPRD Abdulloh mengatakan": no name before the office
        named = art.speakers.resolve(seg, subject=True)
        return (named, a) if named is not None and named.kind == "person" else None
    return None


def _is_participle(word: str) -> bool:
    """An active or passive Indonesian verb form: "menyampaikan" (presenting), "dihubungi" (contacted)."""
    return is_verb_like(word) or bool(re.fullmatch(r"di[a-z]{4,}", word))


def _is_adjunct(art: _Article, low: list[str]) -> bool:
    """A segment giving time, place or occasion: "Jumat (31/7/2020)", "di Lombok Utara", "on Tuesday", "dalam
    bincang virtual bersama Total Quality Indonesia" (in a virtual talk with ...)."""
    if low[0] in _CLAUSE_OPENERS and len(low) > 1 and _is_participle(low[1]):
        return True  # "saat menyampaikan pendapat akhir pemerintah" (while presenting the government's view)
    return low[0] in _ADJUNCT_OPENERS or _is_calendar(low[0])


def _subject_bounds(tokens: Sequence[Token], k: int) -> tuple[int, int, bool]:
    """The words before the verb at ``k`` that may hold its subject, and whether the limit cut them short."""
    end = k
    while end > 0 and tokens[end - 1].text.lower() in _SUBJECT_TAIL:
        end -= 1
    start = end
    while start > 0:
        prev = tokens[start - 1]
        # "saat menyampaikan pendapat ..., menyatakan" (while presenting its view, ... stated), "saat dihubungi"
        # (when contacted): a participle, not a clause with a subject of its own; the subject stands before it
        participle = start < end and _is_participle(tokens[start].text)
        if prev.text in _SUBJECT_STOPS or (prev.text.lower() in _CLAUSE_OPENERS and not participle):
            break
        if end - start >= _SUBJECT_REACH:
            return start, end, True
        start -= 1
    return start, end, False


def _trim_tail(seg: list[Token]) -> list[Token]:
    """Cut time adjuncts off a subject: "Zhao Lijian pada Senin (26/10)" -> "Zhao Lijian"."""
    lows = [t.text.lower() for t in seg]
    for i, tok in enumerate(seg):
        nxt = seg[i + 1].text if i + 1 < len(seg) else ""
        low = lows[i]
        if i > 0 and is_also_office(lows, i - 1):
            continue  # "Kepala BNPB yang juga Ketua Satgas ..." (who is also chair of ...)
        if low in _TIME_PREPOSITIONS and nxt[:1].isupper() and not _is_calendar(nxt.lower()):
            continue  # "Center of Reform on Economics": part of a name, not "on Tuesday"
        if i > 0 and (low in _SUBJECT_TAIL or (tok.text == "(" and nxt[:1].isdigit())):
            return seg[:i]
    return seg


# -- reported speech -------------------------------------------------------------------------------------------
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
        if found or cues.language == "id":
            return found
    if not cues.introduces(toks[k].text, first=k == 0) and not (cues.language == "en" and cues.is_reporting(word)):
        return []
    if k + 1 < end and words[k + 1] in ("by", "oleh"):
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
        elif words[i] in ("on", "pada", "last", "this", "late") and i + 1 < end and _is_calendar(words[i + 1]):
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


def _is_calendar(word: str) -> bool:
    return word in calendar_words()


def _is_date(word: str) -> bool:
    return bool(re.fullmatch(r"[\d/.-]+", word))


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
            while j < end and (words[j] in _CONTINUING or words[j] in ("bahwa", "that")):
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


def make_quotes_stage() -> Stage:
    """The stage that adds quotes to an annotated article."""

    @stage(name="quotes", requires=["sentences", "entities"], assigns=["quotes"])
    def add_quotes(doc: AnnotatedArticle) -> AnnotatedArticle:
        return replace(doc, quotes=find_quotes(doc))

    return add_quotes
