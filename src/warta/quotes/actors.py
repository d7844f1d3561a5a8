"""Actors: which mentions in a sentence can take part in an event, and who they are.

An actor mention is a country ("Rusia" -> RUS GOV), a capital or seat of power acting for its government
("Moskow", "Kremlin", "Gedung Putih"), a leader or official ("Antony Blinken" -> USA GOV), an IGO ("PBB" ->
UNO), an organisation with a known country, or an English adjective before a role ("Russian President").
Adjacent mentions of the same country are one actor: in "Menteri Luar Negeri AS Antony Blinken" (US Secretary
of State Antony Blinken) the country and the person are the same participant.

Group nouns make actors too (the role words of ``data/roles.yaml`` with a domestic sector: police, troops,
rebels, protesters, the government, the opposition). Their country comes from a country word next to them
("Fijian rebels", "pasukan Korea Utara" - North Korean troops, which also gives that actor the noun's sector),
from a place right after them ("Demonstrators in Baghdad"), or else from the article's home, the country of
its dateline ("Manila, Jumat - ... Polisi sempat mencegah seorang aktivis": the police are Philippine).
Plural demonyms are actors of their country ("the Palestinians", "Iraqis").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from warta.data import all_language_words, grammar, language_home, language_words, load_yaml
from warta.nlp.gazetteer import Gazetteer
from warta.nlp.verb_forms import verb_forms
from warta.records import Actor, AnnotatedArticle, Entity, Sentence, Token

# Kinds of dictionary entries that act for a state's government when they are a verb's subject or object.
_GOV_KINDS = frozenset({"country", "capital", "seat", "adjective"})
# Sectors of the group nouns that make actors of their own (see the module docstring). Officials, ministers and
# other titles are left to the named people they introduce.
_GROUP_SECTORS = frozenset({"MIL", "COP", "REB", "CVL", "OPP", "JUD", "LEG"})
_GROUP_ROLES = frozenset({"government"})
# Titles of one person are not groups ("a major offensive" is not an army major).
_TITLE_ROLES = frozenset({"officer", "commander", "head of military", "police chief", "judge"})
# How far a group noun may stand from the country word that owns it: "Myanmar security forces", "the Sudanese
# government", "pasukan khusus Korea Utara" (North Korean special forces).
_OWNER_GAP = 2


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


def token_span(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int] | None:
    """Indices of the first and last of ``tokens`` that overlap the text span ``[start, end)``, or None."""
    first = next((i for i, t in enumerate(tokens) if t.end > start), None)
    last = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i].start < end), None)
    if first is None or last is None or last < first:
        return None
    return first, last


def actor_mentions(
    text: str,
    sentence: Sentence,
    entities: Sequence[Entity],
    gazetteer: Gazetteer,
    *,
    language: str | None = None,
    home: str | None = None,
) -> list[ActorMention]:
    """Actor mentions of one sentence, in order, with adjacent same-country mentions merged. ``home`` is the
    country of the article's dateline, for group nouns that name no country ("polisi", "protesters")."""
    tokens = sentence.tokens
    raw: list[ActorMention] = []
    for ent in entities:
        if not (sentence.start <= ent.start and ent.end <= sentence.end):
            continue
        # A person or organisation of unknown country is still an actor ("President Francois Mitterand gave a
        # warm welcome to South African leader F.W. de Klerk"); a place of unknown country is not.
        if not ent.country and not _is_stateless_actor(ent, gazetteer, language):
            continue
        idx = token_span(tokens, ent.start, ent.end)
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
        idx = token_span(tokens, start, end)
        if idx is None:
            continue
        actor = Actor(text=match.text, name=entry.name, country=entry.country, sector="GOV", start=start, end=end)
        raw.append(ActorMention(idx[0], idx[1], actor, "adjective", "LOC"))
    raw.extend(_plural_demonyms(sentence, raw, gazetteer))
    raw.sort(key=lambda m: m.first)
    raw = _add_groups(text, sentence, raw, gazetteer, language, home)
    return _merge_adjacent(raw, tokens)


# A dateline: a city, optionally a weekday or the agency in brackets, then a dash or colon, near the top of the
# article: "JAKARTA -", "Manila, Jumat -", "Beijing (ANTARA) -", "PYONGYANG/MOSCOW —", "Jakarta:".
_DATELINE_TAIL = re.compile(r"\s*(?:[,/][^-–—:\n]{0,25})?(?:\([^)\n]{0,30}\))?\s*[-–—:]")
_DATELINE_CHARS = 400


def dateline_country(text: str, entities: Sequence[Entity]) -> str | None:
    """The country of the article's dateline city."""
    for ent in sorted(entities, key=lambda e: e.start):
        if ent.start >= _DATELINE_CHARS:
            break
        if ent.type == "LOC" and ent.country and _DATELINE_TAIL.match(text, ent.end):
            return ent.country
    return None


class ArticleMentions:
    """The actor mentions of an article's sentences, each computed once: the rule coder and the learned coder
    read the same sentences (:func:`actor_mentions` with the article's home country, else its language's:
    ``languages.yaml`` home_country)."""

    def __init__(self, doc: AnnotatedArticle, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.language = doc.article.language or "en"
        self.home = home_country(doc.article.text, doc.entities) or language_home(self.language)
        self._memo: dict[int, list[ActorMention]] = {}

    def __call__(self, sentence: Sentence) -> list[ActorMention]:
        found = self._memo.get(sentence.start)
        if found is None:
            doc = self.doc
            found = actor_mentions(
                doc.article.text, sentence, doc.entities, self.gazetteer, language=self.language, home=self.home
            )
            self._memo[sentence.start] = found
        return list(found)


# Entities that say nothing about where a story happens: an IGO's code is no country ("EUR", "UNO"), and an
# outlet is named for its credit ("Reuters", "Kompas").
_NOT_HOME = frozenset({"igo", "outlet"})
# A dateline gives way when the article's entities belong to another country at least this many times as often
# (chosen on the articles of folds 0 and 1 of corpus/train.jsonl; docs/coder.md, stop 17).
_ELSEWHERE = 2


def home_country(text: str, entities: Sequence[Entity]) -> str | None:
    """Where the article's unnamed groups belong: the country its entities belong to most often (the first of
    equals), unless its dateline names a country they belong to at least half as often.

    Countries and capitals count, but so do towns, regions, organisations and people: they tell where a story
    happens when the countries it names are background. A report on unrest in Kashmir names Pakistan once
    and no other country, but Srinagar and Jammu five times: "Security forces fired on stone-pelting crowds"
    there are India's. A dateline is where the reporter files from, most often where the story is, but "Beirut
    (ANTARA News) - Angkatan darat Suriah menggempur pemberontak di kawasan terakhir di sekitar Damaskus" (the
    Syrian army pounded the rebels in the last area around Damascus) is filed from Beirut and names Syria and
    its places fourteen times, Lebanon once: its unnamed rebels are Syrian."""
    counts: dict[str, int] = {}
    for ent in sorted(entities, key=lambda e: e.start):
        if ent.country and ent.kind not in _NOT_HOME:
            counts[ent.country] = counts.get(ent.country, 0) + 1
    most = max(counts, key=lambda c: counts[c]) if counts else None
    dateline = dateline_country(text, entities)
    if dateline and (most is None or counts[most] < _ELSEWHERE * max(counts.get(dateline, 0), 1)):
        return dateline
    return most


@cache
def _not_names() -> tuple[frozenset[str], frozenset[str]]:
    """Last words of meeting names, and calendar words (``function_words.yaml``, ``dates.yaml``)."""
    meetings = load_yaml("function_words.yaml")["meeting_heads"]
    dates = load_yaml("dates.yaml")
    return (
        frozenset(w for ws in meetings.values() for w in ws),
        frozenset(w for key in ("months", "weekdays") for w in dates[key]),
    )


_STATELESS: dict[tuple[str, str, str | None, str | None], bool] = {}


def _is_stateless_actor(ent: Entity, gazetteer: Gazetteer, language: str | None) -> bool:
    key = (ent.text, ent.type, ent.kind, language)
    if key not in _STATELESS:
        if len(_STATELESS) > 65536:
            _STATELESS.clear()
        _STATELESS[key] = _check_stateless(ent, gazetteer, language)
    return _STATELESS[key]


def _check_stateless(ent: Entity, gazetteer: Gazetteer, language: str | None) -> bool:
    """Whether a person or organisation of unknown country may still act: a full name ("President Francois
    Mitterand", "Zaw Min Tun") once its titles are set aside, not a meeting ("the 2nd High-Level Dialogue ...
    Meeting"), a weekday or a lone title ("Treasury Secretary Janet" is a half-read name)."""
    if ent.type == "LOC" or ent.kind == "outlet":
        return False
    meetings, calendar = _not_names()
    words = ent.text.split()
    if not words or words[-1].lower() in meetings or any(w.lower() in calendar for w in words):
        return False
    roles = gazetteer.find_roles(ent.text, language=language)
    rest = ent.text[roles[0].end :] if roles and roles[0].start == 0 else ent.text
    names = [w for w in rest.split() if w[:1].isupper()]
    return len(names) >= 2 and not gazetteer.find_roles(" ".join(names[-1:]), language=language)


def _plural_demonyms(
    sentence: Sentence, found: Sequence[ActorMention], gazetteer: Gazetteer
) -> list[ActorMention]:
    """ "The Palestinians reject ...", "Iraqis": a capitalised plural whose singular is a country adjective."""
    taken = {k for m in found for k in range(m.first, m.last + 1)}
    out = []
    for i, token in enumerate(sentence.tokens):
        word = token.text
        if i in taken or len(word) < 5 or not word[0].isupper() or not word.endswith("s") or not word.isalpha():
            continue
        for match in gazetteer.find(word[:-1], language="en"):
            entry = match.entries[0]
            if entry.kind == "adjective" and entry.country and match.end == len(word) - 1:
                actor = Actor(text=word, name=entry.name, country=entry.country, start=token.start, end=token.end)
                out.append(ActorMention(i, i, actor, "demonym", "ORG"))
    return out


def _add_groups(
    text: str,
    sentence: Sentence,
    mentions: list[ActorMention],
    gazetteer: Gazetteer,
    language: str,
    home: str | None,
) -> list[ActorMention]:
    """Group nouns as actors, or as the sector of the country word that owns them (see the module docstring)."""
    tokens = sentence.tokens
    out = list(mentions)
    head_first = grammar(language).head_first
    for match in gazetteer.find_roles(text[sentence.start : sentence.end], language=language):
        entry = match.entries[0]
        if entry.sector not in _GROUP_SECTORS and entry.role not in _GROUP_ROLES or entry.role in _TITLE_ROLES:
            continue
        idx = token_span(tokens, sentence.start + match.start, sentence.start + match.end)
        if idx is None:
            continue
        first, last = idx
        if not head_first and _modifies_noun(tokens, last, language):
            continue  # "military intelligence", "a government offensive": an adjective, not the group
        if any(m.first <= last and first <= m.last for m in out):
            continue  # part of a name: "Penjaga Pantai Filipina", "Kepolisian Nasional Filipina"
        owner = _owner(out, first, last, tokens, language)
        if owner is not None:
            # The country word keeps its span (the argument rules read the words around it); it takes the
            # noun's sector unless it is a person: "pasukan Korea Utara" is North Korea's military.
            if owner.type != "PER":
                k = out.index(owner)
                out[k] = ActorMention(
                    owner.first, owner.last, replace(owner.actor, sector=entry.sector), owner.kind, owner.type
                )
            continue
        # A group of unknown country still stands as a participant: "unless the rebels agree to a ceasefire" -
        # the rebels, not a country named earlier, are who agrees.
        country = _place_after(out, last, tokens) or home
        start, end = tokens[first].start, tokens[last].end
        actor = Actor(
            text=text[start:end], name=None, country=country, sector=entry.sector, role=entry.role,
            start=start, end=end,
        )  # fmt: skip
        out.append(ActorMention(first, last, actor, "group", entry.type))
    out.sort(key=lambda m: m.first)
    return out


@cache
def _group_words(language: str) -> tuple[frozenset[str], frozenset[str], tuple[str, ...], frozenset[str]]:
    """The words after a group noun used as a noun, the nouns heading a group phrase after a group word
    ("opposition coalition"), the endings of words that are no noun after one, and the small words that
    cannot modify a group noun before it (``data/speaker_words.yaml``)."""

    def words(section: str) -> tuple[str, ...]:
        return tuple(str(w) for w in language_words("speaker_words.yaml", language, section))

    return (
        frozenset(words("after_group")), frozenset(words("group_heads")), words("not_noun_endings"),
        frozenset(words("not_modifiers")),
    )  # fmt: skip


def _modifies_noun(tokens: Sequence[Token], last: int, language: str) -> bool:
    """Whether a group word is an adjective before a noun, in a language that puts modifiers before the noun
    (``head_first`` false): "military intelligence"."""
    if last + 1 >= len(tokens):
        return False
    nxt = tokens[last + 1].text
    if not nxt.isalpha() or not nxt.islower():
        return False
    after, heads, not_noun, _ = _group_words(language)
    return nxt not in after and nxt not in heads and not nxt.endswith(not_noun)


def _owner(
    mentions: Sequence[ActorMention], first: int, last: int, tokens: Sequence[Token], language: str
) -> ActorMention | None:
    """The country word that a group noun belongs to: before it in English ("Israeli troops", "Sudan's
    government"), after it in Indonesian ("polisi Filipina", ``head_first``); only lower-case words or "'s"
    between."""
    head_first = grammar(language).head_first
    for m in mentions:
        if m.actor.country is None:
            continue
        if head_first:
            gap = tokens[last + 1 : m.first]
            ok = 0 <= m.first - last - 1 <= _OWNER_GAP
        else:
            gap = tokens[m.last + 1 : first]
            ok = 0 <= first - m.last - 1 <= _OWNER_GAP
        # Only modifiers may stand between: "pengunjuk rasa menuntut kapal-kapal China" (protesters demanded
        # that Chinese ships ...) has a verb between the protesters and China.
        if ok and all(_is_modifier_word(t.text, language) for t in gap):
            return m
    return None


# The possessive clitic and a bare apostrophe stand between an owner and its group: "Sudan's government",
# "the rebels' leaders" (in any language: Indonesian news quotes English).
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def _is_modifier_word(word: str, language: str) -> bool:
    """A lower-case word that may stand between a country and its group noun: no verb ("pengunjuk rasa
    menuntut kapal-kapal China" - protesters demanded that Chinese ships: a verb) and none of the small words
    that cannot modify ("troops and police")."""
    if word in _POSSESSIVE:
        return True
    if not word.islower() or not word.isalpha():
        return False
    return not verb_forms(language).is_verb(word) and word not in _group_words(language)[3]


_GROUP_PLACE_PREPOSITIONS = all_language_words("speaker_words.yaml", "group_place_prepositions")


def _place_after(mentions: Sequence[ActorMention], last: int, tokens: Sequence[Token]) -> str | None:
    """ "Demonstrators in Baghdad", "pengunjuk rasa di Manila": the place right after a group noun."""
    if last + 2 >= len(tokens) or tokens[last + 1].text.lower() not in _GROUP_PLACE_PREPOSITIONS:
        return None
    for m in mentions:
        if m.first in (last + 2, last + 3) and m.actor.country:
            return m.actor.country
    return None


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
            # An actor of unknown country takes the country of the word before it: "Egyptian President Hosni
            # Mubarak".
            # "Singapore's foreign ministry", "King Hassan of Morocco": a possessive or "of" joins them too.
            same_country = prev.actor.country == m.actor.country or None in (m.actor.country, prev.actor.country)
            joined = all(t.text[:1].isupper() for t in between) or (
                len(between) == 1 and between[0].text in ("'s", "’s", "of")
            )
            if same_country and len(between) <= 3 and joined:
                keep = m if (m.type == "PER" or prev.type != "PER") else prev
                merged = Actor(
                    text=keep.actor.text,
                    name=keep.actor.name,
                    country=keep.actor.country or prev.actor.country or m.actor.country,
                    sector=keep.actor.sector or prev.actor.sector,
                    role=keep.actor.role or prev.actor.role,
                    start=keep.actor.start,
                    end=keep.actor.end,
                )
                out[-1] = ActorMention(prev.first, m.last, merged, keep.kind, keep.type)
                continue
        out.append(m)
    return out
