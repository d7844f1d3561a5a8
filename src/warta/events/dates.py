"""Event dates: which date expression of a sentence belongs to an event, and the article's news date.

The expressions themselves are found and resolved in :mod:`warta.events.date_expressions` (re-exported here).
An event takes the nearest date in its own clause ("Retno menerima kunjungan pada Senin, (28/10/2019)" - Retno
received a visit on Monday); failing that, a date closing the sentence, the date of the statement that
reports it ("Both agreed ...," the ministry said on Thursday), or the month that a dated "setelah"/"after"
clause and the publication date both bound. A planned event is never dated before the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from warta.data import all_language_words, language_words, load_yaml, word_alternation
from warta.events.date_expressions import (
    DateExpression,
    find_dates,
    parse_published,
    reference_date,
    resolve,
)

__all__ = [
    "DateExpression",
    "background_words",
    "event_date",
    "find_dates",
    "is_background",
    "lead_date",
    "parse_published",
    "reference_date",
    "resolve",
]

# Words that open another clause: a date beyond them belongs to another event. "Lawatan Putin dilakukan
# setelah Kim Jong Un melakukan perjalanan ke Rusia pada September" (Putin's visit came after Kim travelled
# to Russia in September): September dates Kim's trip, not Putin's visit.
_OPENERS = word_alternation(all_language_words("dates.yaml", "clause_openers"))
_CLAUSE_BREAK = re.compile(rf"[,;]|\b(?:{_OPENERS})\b", re.I)
_OPENER = re.compile(rf"[;:]|\b(?:{_OPENERS})\b", re.I)
_REPORTING = word_alternation(all_language_words("dates.yaml", "reporting"))
_CLAUSE_WORD = re.compile(rf"[;:]|\b(?:{_OPENERS}|{_REPORTING})\b", re.I)
_SINCE = re.compile(rf"\b(?:{word_alternation(all_language_words('dates.yaml', 'since'))})\b", re.I)


@cache
def _word_pattern(key: str) -> re.Pattern[str]:
    """Any word or phrase of the ``key`` list of ``data/dates.yaml`` (both languages where it has two)."""
    words = load_yaml("dates.yaml")[key]
    if isinstance(words, dict):
        words = [w for ws in words.values() for w in ws]
    alternation = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b", re.I)


def event_date(
    sentence: str,
    trigger_at: int,
    published: str | None,
    *,
    future: bool,
    reported: bool = False,
    dates: list[DateExpression] | None = None,
) -> str | None:
    """The date of an event whose trigger starts at ``trigger_at`` in ``sentence``.

    ``published`` is the date relative expressions count from (see :func:`reference_date`); ``reported``
    says the event is told by a source (and not as background), so the date of that statement may stand in.
    """
    exprs = find_dates(sentence) if dates is None else dates
    # "Kedua negara telah menempatkan kapal di wilayah itu sejak Maret" (both countries have placed ships in
    # the area since March): with a perfect, "sejak"/"since" gives the start of the event, not another clause.
    since_starts = not future and _is_perfect(sentence[:trigger_at])
    best = _nearest_in_clause(sentence, trigger_at, exprs, since_starts=since_starts)
    if best is None:
        best = _closing_date(sentence, trigger_at, exprs, since_starts=since_starts)
    if best is None and reported:
        best = _speech_date(sentence, exprs)
    if best is None:
        return None if future else _after_bound(sentence, trigger_at, exprs, published)
    value = resolve(best, published, future=future)
    if future and value and published and value < published[: len(value)]:
        return None  # "akan ... sejak 1961" is not a plan for 1961
    return value


def _is_perfect(before: str) -> bool:
    """Whether a perfect marker is among the three words before the trigger: "telah menempatkan" (have
    placed), "has long deployed"."""
    words = re.findall(r"\w+", before)[-3:]
    return any(_word_pattern("perfect").fullmatch(w) for w in words)


def _breaks(between: str, *, since_starts: bool) -> bool:
    if since_starts:
        between = _SINCE.sub(" ", between, count=1)
    return bool(_CLAUSE_BREAK.search(between))


def _nearest_in_clause(
    sentence: str, trigger_at: int, exprs: list[DateExpression], *, since_starts: bool
) -> DateExpression | None:
    """The nearest date with no clause break between it and the trigger."""
    best = None
    for expr in exprs:
        lo, hi = (trigger_at, expr.start) if expr.start >= trigger_at else (expr.end, trigger_at)
        # "pada Senin, (28/10/2019)": punctuation right next to the date is part of it, not a clause break.
        if _breaks(sentence[lo:hi].strip(" ,()"), since_starts=since_starts and expr.start >= trigger_at):
            continue
        if expr.start < trigger_at and _in_subordinate_clause(sentence, expr.start, trigger_at):
            continue
        if best is None or hi - lo < best[0]:
            best = (hi - lo, expr)
    return best[1] if best else None


def _in_subordinate_clause(sentence: str, start: int, trigger_at: int) -> bool:
    """Whether a date before the trigger sits in a clause of its own that closes before it: "Setelah uji coba
    nuklir pada 3 Juni, DK PBB menjatuhkan sanksi" (after the nuclear test on 3 June, the UNSC imposed
    sanctions) - 3 June dates the test. A plain opening date dates the main clause: "Pada Senin (17/6), DK
    PBB menjatuhkan sanksi" (on Monday 17/6 the UNSC imposed sanctions)."""
    if "," not in sentence[start:trigger_at]:
        return False
    head = sentence[:start]
    clause_start = max(head.rfind(","), head.rfind(";")) + 1
    return bool(_CLAUSE_BREAK.search(head[clause_start:]))


def _closing_date(
    sentence: str, trigger_at: int, exprs: list[DateExpression], *, since_starts: bool
) -> DateExpression | None:
    """A date closing the sentence dates its main verb even after a list: "menyetujui proposal penjualan tiga
    sistem senjata ke Taiwan, termasuk sensor, rudal, dan artileri senilai 1,8 miliar dolar AS pada pekan
    lalu." (approved the proposed sale ..., including sensors, missiles and artillery, last week). Only commas
    may stand between, no word that opens another clause - but "sejak" after a perfect is the event's start:
    "telah menempatkan kapal ... sejak sengketa ini mencuat, lebih dari sebulan lalu" (have placed ships ...
    since the dispute flared up, more than a month ago)."""
    for e in exprs:
        if e.start < trigger_at or sentence[e.end :].strip(' ."”’)'):
            continue
        between = sentence[trigger_at : e.start]
        if since_starts:
            between = _SINCE.sub(" ", between, count=1)
        if not _CLAUSE_WORD.search(between):
            return e
    return None


# The date of the statement that reports an event dates the event when it has none of its own: '"Both agreed
# that there are many challenges ...," the Indonesian Foreign Ministry said in a press release on Thursday.'
# A citation's date is when the outlet copied the statement from other media, not when it was made: "...,"
# bunyi pernyataan DK PBB seperti dikutip dari France24, Sabtu (16/9/2017) (the UNSC statement read, as
# quoted from France24 on Saturday).
_SPEECH_GAP = 80


def _speech_date(sentence: str, exprs: list[DateExpression]) -> DateExpression | None:
    """A date attached to a statement word of the sentence ("kata Retno, Rabu (19/6)" - Retno said on
    Wednesday; "said in a statement on Thursday"), with no clause opener or citation between them."""
    speech, citation = _word_pattern("speech"), _word_pattern("citation")
    for expr in exprs:
        said = _last_match(speech, sentence[: expr.start])
        if said is None:
            continue
        between = sentence[said.end() : expr.start]
        if len(between) > _SPEECH_GAP or citation.search(between) or _OPENER.search(between):
            continue
        return expr
    return None


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def _after_bound(sentence: str, trigger_at: int, exprs: list[DateExpression], published: str | None) -> str | None:
    """The month of an event that a dated "setelah"/"after" clause and the publication date both bound:
    "Sebelumnya, DK PBB telah menjatuhkan sanksi terbaru ... setelah melakukan uji coba nuklir pada tanggal 3
    September lalu" (earlier the UNSC imposed new sanctions ... after [North Korea] carried out a nuclear test
    on 3 September), published on 16 September: the sanctions came in September. Nothing when the two dates
    fall in different months ("Lawatan Putin dilakukan setelah Kim melakukan perjalanan ke Rusia pada
    September", published in June: Putin's visit is not dated by Kim's trip)."""
    if published is None or parse_published(published) is None:
        return None
    after = _word_pattern("after")
    after_or_break = re.compile(rf"{after.pattern}|{_CLAUSE_BREAK.pattern}", re.I)
    for expr in exprs:
        opener = _last_match(after_or_break, sentence[: expr.start])
        if opener is None or not after.fullmatch(opener.group()):
            continue
        if expr.start < trigger_at:
            # "Setelah uji coba nuklir pada 3 September, DK PBB menjatuhkan sanksi": the after-clause comes first.
            if _CLAUSE_BREAK.search(sentence[expr.end : trigger_at].strip(" ,")):
                continue
        elif opener.start() < trigger_at:
            continue  # the trigger is inside the after-clause: the date is its own, found before
        value = resolve(expr, published, future=False)
        if value and value[:7] == published[:7] and value <= published[: len(value)]:
            return value[:7]
    return None


@cache
def background_words(language: str) -> frozenset[str]:
    """Words that place an event before the article's news (``background`` in ``data/dates.yaml``)."""
    return frozenset(language_words("dates.yaml", language, "background"))


_BACKGROUND_WINDOW = 4


def is_background(words: list[str], index: int, language: str) -> bool:
    """Whether the trigger at token ``index`` is marked as earlier than the news: "China telah memberi sanksi
    kepada beberapa perusahaan AS" (China has [already] sanctioned several US firms), "had met", "groups
    believed to have supplied Russia", "the sanctions follow warnings from Yellen"."""
    cues = background_words(language)
    for k in range(index - 1, max(-1, index - 1 - _BACKGROUND_WINDOW), -1):
        if words[k] in (",", ";", ":"):
            break
        if words[k] == "followed" and k + 1 < len(words) and words[k + 1] == "by":
            return False  # "the visit was followed by sanctions": the sanctions came later
        if words[k] in cues or (k > 0 and f"{words[k - 1]} {words[k]}" in cues):
            return True
    return False


# The lead of a news article dates its news: "Manila, Jumat - Ratusan warga Filipina berdemonstrasi ...,
# Jumat (11/5)" (Manila, Friday - hundreds of Filipinos demonstrated ... on Friday 11 May). Only a date near
# the top and at most a week before publication counts; an older one is background.
_LEAD_CHARS = 600
_LEAD_MAX_DAYS = 7


def lead_date(text: str, published: str | None) -> str | None:
    """The day the article's news happened: the first day-precise date in its lead, within a week before the
    publication date; None when the lead names no such day. A page header that dates the article less
    precisely than its metadata ("date 2017-09" on a page published 2017-09-16) is what the text allows."""
    pub = parse_published(published)
    if pub is None or published is None:
        return None
    for expr in find_dates(text[:_LEAD_CHARS]):
        value = resolve(expr, published, future=False)
        if value is not None and len(value) == 7 and expr.value is not None and published.startswith(value):
            return value
        if value is None or len(value) != 10:
            continue
        if 0 <= (pub - dt.date.fromisoformat(value)).days <= _LEAD_MAX_DAYS:
            return value
    return None
