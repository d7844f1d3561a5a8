"""One event per real event: mentions of the same event in an article merged into one.

Two mentions are one event when they have the same type, mode and dyad (:func:`event_key`), or the same type,
a word of their triggers in common and a country on the same side (:func:`_retold`), and dates that do not
contradict each other; the rules for statuses and background mentions are in :func:`merge_mentions`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache

from warta.events.dates import lead_date
from warta.events.event_features import stems
from warta.events.status import stronger
from warta.records import SYMMETRIC_TYPES, Actor, Event

_WORD = re.compile(r"\w+")

# Statuses that give way to "asserted" when another mention of the same event tells it as done.
_TOLD_AS_DONE = frozenset({"asserted", "reported", "future", "hypothetical"})


def event_key(event: Event) -> tuple[str, str | None, frozenset[str], frozenset[str]]:
    """Identity of an event for merging: type, mode and dyad (unordered for symmetric types, but a visit
    has a direction: Putin visiting Pyongyang and Kim visiting Russia are two events)."""
    src = frozenset(a.country or "" for a in event.source)
    tgt = frozenset(a.country or "" for a in event.target)
    if event.type in SYMMETRIC_TYPES and event.mode != "visit" and sorted(src) > sorted(tgt):
        src, tgt = tgt, src
    return event.type, event.mode, src, tgt


@lru_cache(maxsize=4096)
def _trigger_stems(trigger: str, language: str) -> frozenset[str]:
    """The words of a trigger (longer than three letters) and their crude stems."""
    found: set[str] = set()
    for word in _WORD.findall(trigger.lower()):
        if len(word) > 3:
            found.add(word)
            found.update(stems(word, language))
    return frozenset(found)


def _countries(actors: Sequence[Actor]) -> set[str]:
    return {a.country for a in actors if a.country}


def _retold(a: Event, b: Event, language: str) -> bool:
    """Whether ``b`` tells the event ``a`` again with other arguments: the same type, a trigger word or stem in
    common and a country on the same side. "Indonesia mengutuk keras tindak kekerasan ... aparat keamanan
    Israel atas warga Palestina" (Indonesia strongly condemned the violence of Israeli security forces against
    Palestinians), then "Indonesia mengutuk Israel atas aksi kekerasan": the violence is told twice, and the
    second telling's arguments (Indonesia as a side) are the coder's error, not a second act of violence
    (GUIDE: one record per distinct event, however often it is repeated)."""
    if a.type != b.type or not _trigger_stems(a.trigger, language) & _trigger_stems(b.trigger, language):
        return False
    return bool(_countries(a.source) & _countries(b.source) or _countries(a.target) & _countries(b.target))


def _dates_agree(a: str | None, b: str | None) -> bool:
    """Two dates may name one event when either is unknown or one refines the other ("2024-06", "2024-06-19")."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _mentions_agree(a: Event, b: Event, stand_in: Callable[[Event], str | None]) -> bool:
    """Whether two mentions' dates allow one event. A stand-in date is only a guess near the news date, so it
    is compared by month: a headline "Diminta mundur oleh Filipina" (asked to withdraw by the Philippines)
    is the request dated "Selasa (14/1)" in the body, while "berkunjung pada tahun 2000" is not today's
    visit."""
    if a.date and b.date:
        return _dates_agree(a.date, b.date)
    da, db = a.date or stand_in(a), b.date or stand_in(b)
    return _dates_agree(da and da[:7], db and db[:7])


def merge_mentions(
    events: Sequence[tuple[Event, int]],
    stand_in: Callable[[Event], str | None] = lambda e: None,
    *,
    earlier: set[int] | frozenset[int] = frozenset(),
    nouns: set[int] | frozenset[int] = frozenset(),
    language: str | None = None,
) -> tuple[Event, ...]:
    """One event per real event: same type and dyad (or, given the ``language`` of the trigger words, a
    retelling: :func:`_retold`, whose first telling keeps its arguments; the learned coder passes it, the rule
    coder does not: merging its retellings cost it held-out F1, docs/coder.md), and dates that do not
    contradict each other (an undated mention counts with its ``stand_in`` date). A mention told as background
    (its trigger offset in ``earlier``: "Sebelumnya, China telah memberi sanksi ..." - China had sanctioned
    before) is an earlier event than an undated mention of the news in another sentence, not the same one -
    unless the later mention is a noun referring back ("menanggapi sanksi baru PBB", responding to the new UN
    sanctions).

    Within one sentence the stronger status wins ("perjanjian ... akan ditandatangani": the noun and the verb
    are one future signing). Across sentences the first mention stands, except that a denial gives way to any
    other status (GUIDE: the denied event keeps the status its other mentions give it) and a plain factual
    mention wins over an attributed one (GUIDE: "asserted" over "reported": "Rusia menyerang Kharkiv pada Senin.
    ... Serangan itu, kata Kyiv, menewaskan ..." - Russia attacked Kharkiv on Monday ... the attack, Kyiv said,
    killed ...), and over a plan or a possibility of the same event.
    """
    kept: list[tuple[Event, int]] = []
    for event, index in sorted(events, key=lambda item: item[0].start):
        for i, (other, other_index) in enumerate(kept):
            if event_key(other) != event_key(event) and not (language and _retold(other, event, language)):
                continue
            if index != other_index and not _mentions_agree(other, event, stand_in):
                continue
            if (
                index != other_index
                and (other.start in earlier) != (event.start in earlier)
                and not (event.start in nouns and other.start in earlier)
            ):
                continue
            if index == other_index:
                status = stronger(other.status, event.status)
            elif other.status == "denied" or (
                "asserted" in (other.status, event.status) and {other.status, event.status} <= _TOLD_AS_DONE
            ):
                # GUIDE: a plain factual mention wins over an attributed one ("asserted" over "reported"),
                # and a denied event keeps the status its other mentions give it. A mention told as done also
                # wins over a plan or a possibility: "Uni Eropa Akan Terbitkan Paket Sanksi" (the EU will issue
                # a sanctions package), then "Uni Eropa mencapai kesepakatan atas paket sanksi baru" (the EU
                # agreed on a new sanctions package) is an asserted event.
                status = event.status if other.status != "asserted" else other.status
            else:
                status = other.status
            kept[i] = (
                replace(
                    other,
                    status=status,
                    date=other.date or event.date,
                    quantity=other.quantity or event.quantity,
                    location=other.location or event.location,
                    place=other.place or event.place,
                ),  # fmt: skip
                other_index,
            )
            break
        else:
            kept.append((event, index))
    return tuple(e for e, _ in kept)


def merge_dated(
    events: Sequence[tuple[Event, int]],
    text: str,
    published: str | None,
    *,
    background: set[int] | frozenset[int] = frozenset(),
    nouns: set[int] | frozenset[int] = frozenset(),
    dated: frozenset[str] = frozenset({"asserted"}),
    language: str | None = None,
) -> tuple[Event, ...]:
    """:func:`merge_mentions` with the news date standing in for undated events of a status in ``dated``.

    The news date (the lead's date, else the publication date) stands in only where the text gives nothing
    better, and only for what the outlet itself reports as the news: a plan or a possibility has no date of its
    own, an attributed event is dated by its source or not at all ("Indonesia telah menandatangani empat MoU",
    Retno said - no date; the learned coder dates reported events too, see :mod:`warta.events.event_model`),
    and background (trigger offsets in ``background``: "China telah memberi sanksi", China has sanctioned
    before) is older than the news. Mentions are merged with these stand-in dates in view, so that the state
    visit of today and "berkunjung pada tahun 2000" (visited in 2000) stay two events, and the stand-in is
    filled only after merging.
    """
    news_date = lead_date(text, published) or published

    def stand_in(event: Event) -> str | None:
        eligible = event.date is None and event.status in dated and event.start not in background
        return news_date if eligible else None

    merged = merge_mentions(events, stand_in, earlier=background, nouns=nouns, language=language)
    return tuple(replace(e, date=e.date or stand_in(e)) for e in merged)
