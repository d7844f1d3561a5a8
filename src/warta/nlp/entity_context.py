"""What the entity rules know of a sentence: its tokens and the gazetteer's matches in it (:class:`Context`), the
name-head words of ``data/name_heads.yaml`` (:class:`Heads`), and whether a line is a headline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from warta.data import load_yaml, word_keys
from warta.nlp.gazetteer import Gazetteer, GazetteerMatch
from warta.records import Entity, Sentence, Token

# Tokens after which any word is capitalised: a sentence start in all but name.
OPENERS = frozenset({":", '"', "“", "”", "(", "-", "–", "—", "'", "‘"})
CAPITALISED = re.compile(r"^[A-Z\u00C0-\u00DE][\w\u00C0-\u024F'’.-]*$")


@dataclass(frozen=True, slots=True)
class Heads:
    org_first: frozenset[str]
    org_last: frozenset[str]
    place_first: frozenset[str]
    place_last: frozenset[str]
    speech: frozenset[str]
    post_cues: frozenset[str]
    titles: frozenset[str]
    honorifics: frozenset[str]
    not_names: frozenset[str]
    calendar: frozenset[str]
    vessels: frozenset[str]
    prepositions: frozenset[str]
    office_words: frozenset[str]


@cache
def load_heads() -> Heads:
    heads = load_yaml("name_heads.yaml")
    cues = load_yaml("cues.yaml")
    dates = load_yaml("dates.yaml")
    speech = {w.lower() for key in word_keys() for w in cues[f"speech_{key}"] if " " not in w}
    post = {w.lower() for key in word_keys() for w in cues[f"post_cues_{key}"] if " " not in w}
    # Month and weekday names, but not their abbreviations ("Jan", "Apr"), which are also given names:
    # an abbreviation is a prefix of the full name of the same month.
    calendar_names = {**dates["months"], **dates["weekdays"]}
    calendar = {
        word
        for word, number in calendar_names.items()
        if not any(o != word and o.startswith(word) and n == number for o, n in calendar_names.items())
    }
    return Heads(
        org_first=frozenset(heads["org_first"]),
        org_last=frozenset(heads["org_last"]),
        place_first=frozenset(heads["place_first"]),
        place_last=frozenset(heads["place_last"]),
        speech=frozenset(speech),
        post_cues=frozenset(post),
        titles=frozenset(str(t).rstrip(".") for t in heads["titles"] + heads["honorifics"]),
        honorifics=frozenset(str(t).rstrip(".") for t in heads["honorifics"]),
        not_names=frozenset(heads["not_names"]),
        calendar=frozenset(calendar),
        vessels=frozenset(heads["vessel_prefixes"]),
        office_words=frozenset(heads["office_words"]),
        prepositions=frozenset(
            w for words in load_yaml("function_words.yaml")["prepositions"].values() for w in words
        ),
    )


def is_capitalised(token: Token) -> bool:
    return bool(CAPITALISED.match(token.text)) and token.text.lower() not in ("i",)


def is_acronym(token: Token) -> bool:
    return len(token.text) > 1 and token.text.isupper() and token.text.isalpha()


@dataclass(frozen=True, slots=True)
class Context:
    """What the typing rules of one sentence look at."""

    text: str
    tokens: Sequence[Token]
    matches: Sequence[GazetteerMatch]  # dictionary names in the sentence
    roles: Sequence[GazetteerMatch]  # role and title words in the sentence, article offsets
    known: Sequence[Entity]
    gazetteer: Gazetteer
    heads: Heads

    def role_at(self, token: Token) -> GazetteerMatch | None:
        return next((m for m in self.roles if m.start <= token.start < m.end), None)

    def match_at(self, token: Token) -> GazetteerMatch | None:
        return next((m for m in self.matches if m.start <= token.start < m.end), None)


def make_context(
    text: str,
    sentence: Sentence,
    matches: Sequence[GazetteerMatch],
    known: Sequence[Entity],
    gazetteer: Gazetteer,
    language: str | None,
) -> Context:
    tokens = sentence.tokens
    start = tokens[0].start if tokens else sentence.start
    end = tokens[-1].end if tokens else sentence.end
    roles = [
        replace(m, start=m.start + start, end=m.end + start)
        for m in gazetteer.find_roles(text[start:end], language=language)
    ]
    inside = [m for m in matches if start <= m.start and m.end <= end]
    return Context(text, tokens, inside, roles, known, gazetteer, load_heads())


CLOSING_MARKS = frozenset({'"', "”", "’", "'", "»", ")"})


def is_headline(tokens: Sequence[Token]) -> bool:
    """Whether a sentence is written in title case, as headlines and link lists are ("Pandji Pragiwaksono
    Singgung Titipan PDIP di Kabinet Jokowi"): there every word looks like a name to a statistical NER."""
    words = [t for t in tokens if t.text[:1].isalpha()]
    if len(words) < 4:
        return False
    # A headline has no full stop; a sentence that lists names ("..., yakni Djarot Saiful Hidayat (Wagub
    # DKI), Boy Sadikin (Ketua PDIP DKI), Tri Rismaharini, dan Ganjar Pranowo," kata Prasetio Edi Marsudi.)
    # may be mostly capitalised and still be prose.
    last = next((t.text for t in reversed(tokens) if t.text not in CLOSING_MARKS), "")
    if last == ".":
        return False
    return sum(1 for t in words if t.text[:1].isupper()) / len(words) > 0.6
