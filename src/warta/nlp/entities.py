"""Named entities: the dictionaries first, then rules for names no dictionary knows.

1. **Dictionaries** (``warta.nlp.gazetteer``): countries, capitals and seats of power, IGOs, outlets, leaders.
   They are sure of themselves, so they win wherever they match.
2. **Capitalised names** the dictionaries do not know are typed by rules, in order:
   - a place or organisation head word: "Kim Il Sung Square" (LOC), "Kementerian Luar Negeri Filipina" (ORG),
     "Bloomberg News" (ORG);
   - a title or role before the name: "Menteri Pertahanan Korea Selatan Shin Wonsik" (PER, KOR), also with a
     lower-case role and an apposition: "ajudan kebijakan luar negeri Kremlin, Yuri Ushakov," (PER, RUS);
   - a speech verb after or before it: "Lin Jian mengatakan" / "kata Lin Jian" (PER).
   A capitalised single word with none of these signals is left alone: sentence-initial words ("Kunjungan")
   look exactly like names.
3. **Short forms**: once "Kim Jong Un" is known, a later "Kim" in the same article is the same person.

A trained NER (issue 3) adds a further source of candidates; the dictionaries stay on top of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from warta.data import load_yaml
from warta.nlp.gazetteer import Gazetteer, GazetteerEntry, GazetteerMatch
from warta.pipeline import Stage, stage
from warta.records import AnnotatedArticle, Entity, Sentence, Token

# Gazetteer kinds and the entity type a mention of them is. Adjectives ("Russian") and roles ("Presiden")
# make actors but are not named entities.
_KIND_TYPE = {
    "country": "LOC",
    "capital": "LOC",
    "place": "LOC",
    "seat": "ORG",
    "igo": "ORG",
    "outlet": "ORG",
    "org": "ORG",
    "leader": "PER",
}
# Connectors allowed inside a personal or place name: "Mohammed bin Salman", "Ursula von der Leyen".
# ("di" is not one: it is the Indonesian "in", as in "Penny Wong di Gedung Pancasila".)
_NAME_CONNECTORS = frozenset({"bin", "binti", "al", "van", "von", "der", "de", "da", "la", "le", "el"})
_CAPITALISED = re.compile(r"^[A-Z\u00C0-\u00DE][\w\u00C0-\u024F'’.-]*$")


@dataclass(frozen=True, slots=True)
class _Heads:
    org_first: frozenset[str]
    org_last: frozenset[str]
    place_first: frozenset[str]
    place_last: frozenset[str]
    speech: frozenset[str]


@cache
def _heads() -> _Heads:
    heads = load_yaml("name_heads.yaml")
    cues = load_yaml("cues.yaml")
    speech = {w.lower() for key in ("speech_id", "speech_en") for w in cues[key] if " " not in w}
    return _Heads(
        org_first=frozenset(heads["org_first"]),
        org_last=frozenset(heads["org_last"]),
        place_first=frozenset(heads["place_first"]),
        place_last=frozenset(heads["place_last"]),
        speech=frozenset(speech),
    )


def _is_capitalised(token: Token) -> bool:
    return bool(_CAPITALISED.match(token.text)) and token.text.lower() not in ("i",)


def entity_from_match(match: GazetteerMatch, entry: GazetteerEntry) -> Entity | None:
    """The entity a dictionary match stands for, or None for roles and adjectives (not entities)."""
    etype = _KIND_TYPE.get(entry.kind)
    if etype is None:
        return None
    return Entity(
        text=match.text,
        type=etype,
        start=match.start,
        end=match.end,
        country=entry.country,
        name=entry.name,
        kind=entry.kind,
        sector=entry.sector,
        role=entry.role,
    )


def _best_entry(match: GazetteerMatch, published: str | None, gazetteer: Gazetteer) -> GazetteerEntry:
    """Pick among ambiguous entries: a leader in office on the publication date beats other readings."""
    entries = match.entries
    leaders = [e for e in entries if e.kind == "leader"]
    if leaders:
        dated = gazetteer.leader(match.text, published)
        if dated is not None:
            return dated
    non_role = [e for e in entries if e.kind not in ("role", "adjective")]
    return (non_role or list(entries))[0]


def find_entities(
    doc: AnnotatedArticle, gazetteer: Gazetteer, *, extra: Iterable[Entity] = ()
) -> tuple[Entity, ...]:
    """All entity mentions of an article, ordered by position (``extra``: candidates from a trained NER)."""
    text = doc.article.text
    published = doc.article.published
    matches = gazetteer.find(text, language=doc.article.language, on=published)
    known: list[Entity] = []
    covered: list[tuple[int, int]] = []
    for match in matches:
        entry = _best_entry(match, published, gazetteer)
        covered.append((match.start, match.end))
        ent = entity_from_match(match, entry)
        if ent is not None:
            known.append(ent)
    found = list(known)
    for sentence in doc.sentences:
        found.extend(_name_candidates(text, sentence, matches, known, gazetteer))
    for cand in extra:
        if not any(s < cand.end and cand.start < e for s, e in _spans(found)):
            found.append(cand)
    found = _drop_nested(found)
    found.extend(_short_forms(text, doc.sentences, found))
    return tuple(sorted(_drop_nested(found), key=lambda e: (e.start, -e.end)))


def _spans(entities: Iterable[Entity]) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in entities]


def _drop_nested(entities: list[Entity]) -> list[Entity]:
    """Keep the longest of overlapping mentions ("Kim Il Sung Square" over "Kim Il Sung")."""
    kept: list[Entity] = []
    for ent in sorted(entities, key=lambda e: (-(e.end - e.start), e.start)):
        if not any(k.start < ent.end and ent.start < k.end for k in kept):
            kept.append(ent)
    return kept


def _name_candidates(
    text: str,
    sentence: Sentence,
    matches: Sequence[GazetteerMatch],
    known: Sequence[Entity],
    gazetteer: Gazetteer,
) -> list[Entity]:
    """Capitalised runs in one sentence, minus what the dictionaries matched, typed by the rules above."""
    heads = _heads()
    tokens = sentence.tokens
    out: list[Entity] = []
    i = 0
    while i < len(tokens):
        if not _is_capitalised(tokens[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and (
            _is_capitalised(tokens[j + 1])
            or (
                tokens[j + 1].text.lower() in _NAME_CONNECTORS
                and j + 2 < len(tokens)
                and _is_capitalised(tokens[j + 2])
            )
        ):
            j += 1
        out.extend(_type_run(text, tokens, i, j, matches, known, gazetteer, heads))
        i = j + 1
    return out


def _type_run(
    text: str,
    tokens: Sequence[Token],
    first: int,
    last: int,
    matches: Sequence[GazetteerMatch],
    known: Sequence[Entity],
    gazetteer: Gazetteer,
    heads: _Heads,
) -> list[Entity]:
    run = tokens[first : last + 1]
    words = [t.text.rstrip(".") for t in run]
    start, end = run[0].start, run[-1].end
    inner = [m for m in matches if start <= m.start and m.end <= end]
    inner_country = next(
        (e.country for m in inner for e in m.entries if e.kind in ("country", "capital", "seat") and e.country),
        None,
    )
    # A whole run with a head word is one name even when a dictionary matched part of it:
    # "Kim Il Sung Square" (LOC) contains a leader's name; "Penjaga Pantai Filipina" (ORG) contains a country.
    if len(run) >= 2 and (words[0] in heads.place_first or words[-1] in heads.place_last):
        country = inner_country or _sentence_country(known, tokens)
        return [Entity(text[start:end], "LOC", start, end, country=country, kind="place")]
    if len(run) >= 2 and (words[0] in heads.org_first or words[-1] in heads.org_last):
        return [Entity(text[start:end], "ORG", start, end, country=inner_country, kind="org")]
    # Otherwise only the parts no dictionary matched are candidates: "Menteri Pertahanan Korea Selatan
    # Shin Wonsik" leaves "Shin Wonsik" after the role and country are taken out.
    pieces: list[tuple[int, int]] = []
    k = first
    while k <= last:
        tok = tokens[k]
        if any(m.start <= tok.start < m.end for m in inner):
            k += 1
            continue
        m_end = k
        while m_end + 1 <= last and not any(m.start <= tokens[m_end + 1].start < m.end for m in inner):
            m_end += 1
        pieces.append((k, m_end))
        k = m_end + 1
    out = []
    for a, b in pieces:
        ent = _person_candidate(text, tokens, a, b, matches, known, gazetteer, heads)
        if ent is not None:
            out.append(ent)
    return out


def _person_candidate(
    text: str,
    tokens: Sequence[Token],
    a: int,
    b: int,
    matches: Sequence[GazetteerMatch],
    known: Sequence[Entity],
    gazetteer: Gazetteer,
    heads: _Heads,
) -> Entity | None:
    """A capitalised piece is a person when a role precedes it or a speech verb is next to it."""
    piece = tokens[a : b + 1]
    if len(piece) > 4 or all(t.text.isupper() and len(t.text) > 1 for t in piece):
        return None  # long runs are titles or headlines; all-caps runs are acronyms (ORG, unknown country)
    start, end = piece[0].start, piece[-1].end
    role_entry, role_country = _role_before(tokens, a, matches, gazetteer)
    after = tokens[b + 1].text.lower() if b + 1 < len(tokens) else ""
    before = tokens[a - 1].text.lower() if a > 0 else ""
    speaks = after in heads.speech or before in heads.speech
    if role_entry is None:
        titled = _titled_name(text, tokens, a, b, gazetteer)
        if titled is not None:
            return titled
    if role_entry is None and not (speaks and len(piece) >= 2):
        return None
    if a == 0 and role_entry is None and len(piece) < 2:
        return None
    return Entity(
        text[start:end],
        "PER",
        start,
        end,
        country=role_country,
        kind="person",
        sector=role_entry.sector if role_entry else None,
        role=role_entry.role if role_entry else None,
    )


def _titled_name(
    text: str, tokens: Sequence[Token], a: int, b: int, gazetteer: Gazetteer
) -> Entity | None:
    """A title that opens the run itself: "President Yoweri Museveni has threatened ...", "Vice-President Moody
    Awori" - the person is the two or more capitalised words after the title."""
    start, end = tokens[a].start, tokens[b].end
    roles = gazetteer.find_roles(text[start:end])
    if not roles or roles[0].start != 0 or roles[0].entries[0].type != "PER":
        return None
    rest = [t for t in tokens[a : b + 1] if t.start >= start + roles[0].end]
    if len(rest) < 2 or not all(t.text[:1].isupper() and t.text[:1].isalpha() for t in rest):
        return None
    entry = roles[0].entries[0]
    return Entity(
        text[rest[0].start : rest[-1].end], "PER", rest[0].start, rest[-1].end,
        kind="person", sector=entry.sector, role=entry.role,
    )  # fmt: skip


def _role_before(
    tokens: Sequence[Token], index: int, matches: Sequence[GazetteerMatch], gazetteer: Gazetteer
) -> tuple[GazetteerEntry | None, str | None]:
    """A role word within six tokens before ``index`` and the country named between them.

    "Menteri Luar Negeri AS Antony Blinken": role "Menteri Luar Negeri", country AS -> USA.
    "juru bicara Kementerian Luar Negeri China, Lin Jian": role "juru bicara", country China -> CHN.
    A verb in between breaks the link: "Retno menerima kunjungan Menlu Maroko, Nasser Bourita" links the
    role "Menlu" to Bourita, not to Retno.
    """
    country = None
    window_start = max(0, index - 7)
    for k in range(index - 1, window_start - 1, -1):
        tok = tokens[k]
        for m in matches:
            if m.start <= tok.start < m.end:
                for entry in m.entries:
                    if entry.kind in ("country", "capital", "seat", "igo", "adjective") and country is None:
                        country = entry.country
                    if entry.kind == "role":
                        return entry, country
        for size in (3, 2, 1):
            if k - size + 1 < 0:
                continue
            phrase = " ".join(t.text for t in tokens[k - size + 1 : k + 1])
            entry = gazetteer.role(phrase)
            if entry is not None:
                return entry, country
        if tok.text in (".", ";", ":", '"', "“", "”") or (
            tok.text.islower() and tok.text.startswith(("me", "di", "ber"))
        ):
            break
    return None, None


def _sentence_country(known: Sequence[Entity], tokens: Sequence[Token]) -> str | None:
    """The country of the first country or capital mentioned in the sentence ("... di pusat kota Pyongyang")."""
    if not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    for ent in known:
        if start <= ent.start and ent.end <= end and ent.kind in ("country", "capital") and ent.country:
            return ent.country
    return None


def _short_forms(text: str, sentences: Sequence[Sentence], found: Sequence[Entity]) -> list[Entity]:
    """Later mentions of a known person by one part of the name: "Kim" after "Kim Jong Un"."""
    people = [e for e in found if e.type == "PER" and " " in e.text]
    if not people:
        return []
    parts: dict[str, Entity] = {}
    for person in people:
        for word in person.text.split():
            if len(word) > 2 and word[0].isupper() and word.lower() not in _NAME_CONNECTORS:
                parts.setdefault(word, person)
    taken = [(e.start, e.end) for e in found]
    out = []
    for sentence in sentences:
        for tok in sentence.tokens:
            person = parts.get(tok.text)
            if person is None or tok.start < person.start:
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


def resolve_names(entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """Give every mention a canonical ``name``: its dictionary name, else its own text."""
    return tuple(e if e.name else replace(e, name=e.text) for e in entities)


def make_entities_stage(gazetteer: Gazetteer) -> Stage:
    """The stage that adds entity mentions to an annotated article."""

    @stage(name="entities", requires=["sentences"], assigns=["entities"])
    def add_entities(doc: AnnotatedArticle) -> AnnotatedArticle:
        return replace(doc, entities=resolve_names(find_entities(doc, gazetteer)))

    return add_entities
