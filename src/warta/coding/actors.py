"""Actors: which mentions in a sentence can take part in an event, and who they are.

An actor mention is a country ("Rusia" -> RUS GOV), a capital or seat of power acting for its government
("Moskow", "Kremlin", "Gedung Putih"), a leader or official ("Antony Blinken" -> USA GOV), an IGO ("PBB" ->
UNO), an organisation with a known country, or an English adjective before a role ("Russian President").
Adjacent mentions of the same country are one actor: in "Menteri Luar Negeri AS Antony Blinken" (US Secretary
of State Antony Blinken) the country and the person are the same participant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from warta.nlp.gazetteer import Gazetteer
from warta.records import Actor, Entity, Sentence, Token

# Kinds of dictionary entries that act for a state's government when they are a verb's subject or object.
_GOV_KINDS = frozenset({"country", "capital", "seat", "adjective"})


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor in a sentence: token indices ``[first, last]`` within the sentence, and the actor."""

    first: int
    last: int
    actor: Actor
    kind: str
    type: str


def _sector(ent: Entity) -> str | None:
    if ent.sector:
        return ent.sector
    if ent.kind in _GOV_KINDS:
        return "GOV"
    if ent.kind == "outlet":
        return "MED"
    return None


def _token_index(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int] | None:
    first = next((i for i, t in enumerate(tokens) if t.end > start), None)
    last = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i].start < end), None)
    if first is None or last is None or last < first:
        return None
    return first, last


def actor_mentions(
    text: str, sentence: Sentence, entities: Sequence[Entity], gazetteer: Gazetteer, *, language: str | None = None
) -> list[ActorMention]:
    """Actor mentions of one sentence, in order, with adjacent same-country mentions merged."""
    tokens = sentence.tokens
    raw: list[ActorMention] = []
    for ent in entities:
        if not (sentence.start <= ent.start and ent.end <= sentence.end) or not ent.country:
            continue
        idx = _token_index(tokens, ent.start, ent.end)
        if idx is None:
            continue
        actor = Actor(
            text=ent.text,
            name=ent.name or ent.text,
            country=ent.country,
            sector=_sector(ent),
            role=ent.role,
            start=ent.start,
            end=ent.end,
        )
        raw.append(ActorMention(idx[0], idx[1], actor, ent.kind or "", ent.type))
    # English adjectives are not entities but make actors: "Russian President Vladimir Putin", "Chinese coast
    # guard ships" (the coast guard is CHN even when no name follows).
    for match in gazetteer.find(text[sentence.start : sentence.end], language=language):
        entry = match.entries[0]
        if entry.kind != "adjective" or not entry.country:
            continue
        start, end = sentence.start + match.start, sentence.start + match.end
        if any(m.actor.start is not None and m.actor.start < end and start < (m.actor.end or 0) for m in raw):
            continue
        idx = _token_index(tokens, start, end)
        if idx is None:
            continue
        actor = Actor(text=match.text, name=entry.name, country=entry.country, sector="GOV", start=start, end=end)
        raw.append(ActorMention(idx[0], idx[1], actor, "adjective", "LOC"))
    raw.sort(key=lambda m: m.first)
    return _merge_adjacent(raw, tokens)


def _merge_adjacent(mentions: list[ActorMention], tokens: Sequence[Token]) -> list[ActorMention]:
    """Join "AS" + "Antony Blinken" (and "Russian" + "Vladimir Putin") into one actor, keeping the person.

    Only capitalised words may stand between them ("Menteri Luar Negeri AS Antony Blinken"); a lower-case
    word or punctuation separates two actors ("Moskow dan Pyongyang").
    """
    out: list[ActorMention] = []
    for m in mentions:
        if out:
            prev = out[-1]
            between = tokens[prev.last + 1 : m.first]
            same_country = prev.actor.country == m.actor.country
            if same_country and len(between) <= 3 and all(t.text[:1].isupper() for t in between):
                keep = m if (m.type == "PER" or prev.type != "PER") else prev
                merged = Actor(
                    text=keep.actor.text,
                    name=keep.actor.name,
                    country=keep.actor.country,
                    sector=keep.actor.sector or prev.actor.sector,
                    role=keep.actor.role or prev.actor.role,
                    start=keep.actor.start,
                    end=keep.actor.end,
                )
                out[-1] = ActorMention(prev.first, m.last, merged, keep.kind, keep.type)
                continue
        out.append(m)
    return out
