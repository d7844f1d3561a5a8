"""The subject of a speech verb: who stands before "mengatakan", "menyatakan", "said", "told".

The words before the verb are read backwards, up to clause punctuation or a conjunction opening another clause
("AS ... akan fokus ... setelah Rusia mengatakan" - after Russia said), and split at commas into segments
(:func:`_subject_at`). Segments of time, place or occasion are passed over ("Rabu lalu, Kanselir Jerman
Friedrich Merz mengatakan" - last Wednesday, German Chancellor Friedrich Merz said); an office in commas gives
way to the name before it ("Kisran Makati, Ketua Puspaham Sultra, menjabarkan" - Kisran Makati, chair of
Puspaham, explained); words between the subject and its verb are cut off ("Zhao Lijian pada Senin
mengumumkan" - Zhao Lijian on Monday announced).

Used for a cue before a quotation (:mod:`warta.quotes.quotes`) and for reported speech
(:mod:`warta.quotes.reported_speech`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from warta.data import all_language_words, word_alternation
from warta.quotes.quote_context import _MARKS, _Article
from warta.quotes.speakers import Speaker, calendar_words, is_also_office, is_verb_like
from warta.records import Token

# Where a subject read backwards from its verb stops: punctuation that ends a clause, dateline dashes and
# conjunctions opening another clause ("AS ... akan fokus ... setelah Rusia mengatakan" - after Russia said).
_SUBJECT_STOPS = frozenset({".", "!", "?", ";", ":", "-", "—", "–", *_MARKS})
_CLAUSE_OPENERS = all_language_words("speaker_words.yaml", "clause_openers")
# Words between a subject and its verb that are not part of the subject ("Komando Pasifik AS juga
# mengatakan"; "Zhao Lijian pada Senin mengumumkan"; "Yellen said earlier").
_SUBJECT_TAIL = all_language_words("speaker_words.yaml", "subject_tail")
_RELATIVE = all_language_words("speaker_words.yaml", "relative")
_TIME_PREPOSITIONS = all_language_words("speaker_words.yaml", "time_prepositions")
# Prepositions opening a segment of time, place or occasion between a subject and its verb.
_ADJUNCT_OPENERS = all_language_words("speaker_words.yaml", "adjunct_openers")
# How far back from its verb a subject is looked for: a name with an office and a body in commas runs long
# ("Suryono Herlambang, peneliti senior di Center for Metropolitan Studies, lembaga kajian ..., mengatakan").
_SUBJECT_REACH = 40


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


_PASSIVE_PREFIXES = word_alternation(all_language_words("verb_forms.yaml", "passive_verb_prefixes"))
_PASSIVE_VERB = re.compile(rf"(?:{_PASSIVE_PREFIXES})[a-z]{{4,}}")


def _is_participle(word: str) -> bool:
    """An active or passive Indonesian verb form: "menyampaikan" (presenting), "dihubungi" (contacted)."""
    return is_verb_like(word) or _PASSIVE_VERB.fullmatch(word) is not None


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


def _is_calendar(word: str) -> bool:
    return word in calendar_words()
