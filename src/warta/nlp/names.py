"""Names within one article: later short mentions of a person and the canonical name of every mention.

"Kim" after "Kim Jong Un" is Kim Jong Un (:func:`short_forms`); a one-word name found by the rules or the NER
is the longer name of the same type that contains it (:func:`link_short_names`), the one named last when
there are several; every mention gets a canonical ``name`` (:func:`resolve_names`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from warta.data import load_yaml
from warta.records import Entity, Sentence

# Connectors allowed inside a personal or place name: "Mohammed bin Salman", "Ursula von der Leyen"; they are
# never a short form of the name. ("di" is not one: it is the Indonesian "in", as in "Penny Wong di Gedung
# Pancasila".)
NAME_CONNECTORS = frozenset(str(w) for w in load_yaml("name_heads.yaml")["name_particles"])


def short_forms(text: str, sentences: Sequence[Sentence], found: Sequence[Entity]) -> list[Entity]:
    """Later mentions of a known person by one part of the name: "Kim" after "Kim Jong Un"."""
    people = [e for e in found if e.type == "PER" and " " in e.text]
    if not people:
        return []
    parts: dict[str, list[Entity]] = {}
    for person in people:
        for word in person.text.split():
            if len(word) > 2 and word[0].isupper() and word.lower() not in NAME_CONNECTORS:
                parts.setdefault(word, []).append(person)
    taken = [(e.start, e.end) for e in found]
    out = []
    for sentence in sentences:
        for tok in sentence.tokens:
            person = _latest_before(parts.get(tok.text, ()), tok.start)
            if person is None:
                continue
            if any(s < tok.end and tok.start < e for s, e in taken):
                continue
            out.append(
                Entity(
                    tok.text,
                    "PER",
                    tok.start,
                    tok.end,
                    country=person.country,
                    name=person.name or person.text,
                    kind=person.kind,
                    sector=person.sector,
                    role=person.role,
                )
            )
    return out


def _latest_before(candidates: Sequence[Entity], start: int) -> Entity | None:
    """The candidate mentioned last before ``start``: "Wang" after "Wang Yi" and, later, "Wang Wenbin" is Wang
    Yi until Wang Wenbin is named, and Wang Wenbin after."""
    before = [c for c in candidates if c.start < start]
    return max(before, key=lambda c: c.start) if before else None


def link_short_names(found: list[Entity]) -> list[Entity]:
    """A one-word name found by the rules or the NER ("Jenderal Kellogg", "kata Mao", "era Soviet") is the
    longer name of the same type in the same article with that word ("Keith Kellogg", "Mao Ning", "Uni
    Soviet"): the only such name, or, when there are several, the one named last before it."""
    longer = [e for e in found if " " in e.text]
    out = []
    for ent in found:
        if " " not in ent.text and ent.kind in ("person", "org", "place") and (ent.name is None):
            owners = [o for o in longer if o.type == ent.type and ent.text in o.text.split()]
            names = {o.name or o.text for o in owners}
            owner = owners[0] if len(names) == 1 else _latest_before(owners, ent.start)
            if owner is not None:
                ent = replace(
                    ent,
                    name=owner.name or owner.text,
                    country=ent.country or owner.country,
                    kind=owner.kind,
                    sector=ent.sector or owner.sector,
                    role=ent.role or owner.role,
                )
        out.append(ent)
    return out


def resolve_names(entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """Give every mention a canonical ``name``: its dictionary name, else its own text."""
    return tuple(e if e.name else replace(e, name=e.text) for e in entities)
