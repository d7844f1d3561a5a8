"""The trigger lexicon: event words of each language (``data/triggers_<lang>.yaml``) and object classes.

Patterns are expanded once into surface forms (see :mod:`warta.events.morphology`) and indexed by their first
word, so matching a sentence costs one dict lookup per token.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from warta.data import language_words, load_yaml, word_key
from warta.errors import ModelError
from warta.events.morphology import expand, strip_particle
from warta.records import EVENT_TYPES


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One lexicon entry: the event type and mode its words express, and what the coder must check."""

    type: str
    mode: str | None
    target_required: bool
    objects: tuple[str, ...]
    speech: bool
    noun: bool
    inverse: bool
    reciprocal: bool
    except_next: frozenset[str] = frozenset()
    except_prev: frozenset[str] = frozenset()
    addressee: bool = False
    domestic: bool = False


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in a sentence: token indices ``[first, last]`` and its entry."""

    first: int
    last: int
    words: tuple[str, ...]
    entry: TriggerEntry
    passive: bool = False
    noun: bool = False


class Lexicon:
    """Trigger words and object classes of one language."""

    def __init__(
        self,
        entries: Sequence[tuple[tuple[str, ...], TriggerEntry, bool, bool]],
        objects: dict[str, tuple[tuple[str, ...], ...]],
        order: Sequence[str],
    ) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], TriggerEntry, bool, bool]]] = {}
        for words, entry, passive, noun in entries:
            self._index.setdefault(words[0], []).append((words, entry, passive, noun))
        for options in self._index.values():
            options.sort(key=lambda item: -len(item[0]))  # longest first: "menjatuhkan sanksi" before "sanksi"
        self.objects = objects
        self.object_order = tuple(order)
        self._vocabulary = {w for options in self._index.values() for phrase, *_ in options for w in phrase}

    def match(self, words: Sequence[str]) -> list[TriggerMatch]:
        """Longest, non-overlapping trigger matches in lower-cased ``words``, left to right."""
        words = [w if w in self._vocabulary else self._strip_clitic(w) for w in words]
        out: list[TriggerMatch] = []
        i = 0
        while i < len(words):
            # Options are sorted longest first, so the first that fits is the longest; among equally long
            # phrases the lexicon's own order decides ("mengusir" is listed under SANCTION before COERCE).
            best = next(
                (opt for opt in self._index.get(words[i], ()) if tuple(words[i : i + len(opt[0])]) == opt[0]), None
            )
            if best is None:
                i += 1
                continue
            phrase, entry, passive, noun = best
            nxt = words[i + len(phrase)] if i + len(phrase) < len(words) else ""
            prev = words[i - 1] if i > 0 else ""
            if nxt not in entry.except_next and prev not in entry.except_prev:
                out.append(TriggerMatch(i, i + len(phrase) - 1, phrase, entry, passive, noun))
            i += len(phrase)
        return out

    def _strip_clitic(self, word: str) -> str:
        """Indonesian "-nya" (his/her/its/their) and the particles "-lah"/"-kah"/"-pun" stick to the word they
        modify: "dukungannya" (its support), "kunjungannya" (his visit) are the trigger words "dukungan",
        "kunjungan"."""
        return strip_particle(word, self._vocabulary)

    def object_class(self, words: Sequence[str], classes: Sequence[str]) -> str | None:
        """The first class (in the lexicon's priority order) among ``classes`` whose word occurs in ``words``."""
        for name in self.object_order:
            if name not in classes:
                continue
            for phrase in self.objects.get(name, ()):
                n = len(phrase)
                if any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1)):
                    return name
        return None


# Indonesian verbs carry a verbal prefix; a trigger word without one is an event noun ("kunjungan" visit,
# "ancaman" threat, "sanksi" sanctions) whose doer may follow it: "ancaman Pyongyang" (Pyongyang's threat).
_VERBAL_PREFIXES = ("me", "di", "ber", "be", "ter")


# English entries marked ``noun`` mix nouns and verbs ("visit", "visited"); inflected verb forms are verbs.
_ENGLISH_VERB_ENDINGS = ("ed", "ing", "es")


def _is_noun(words: tuple[str, ...], entry: TriggerEntry, language: str) -> bool:
    if language == "id":
        return not words[0].startswith(_VERBAL_PREFIXES)
    head = words[0]
    # A phrase that opens with a verb or ends with a preposition is verbal: "gave a warm welcome", "return to".
    verbal = head in _ENGLISH_IRREGULAR_VERBS or (len(words) > 1 and words[-1] in _PHRASE_PREPOSITIONS)
    return entry.noun and not (head.endswith(_ENGLISH_VERB_ENDINGS) or verbal)


_ENGLISH_IRREGULAR_VERBS = frozenset(language_words("event_words.yaml", "en", "phrase_verbs"))
_PHRASE_PREPOSITIONS = frozenset(language_words("event_words.yaml", "en", "phrase_prepositions"))


def _passive_forms(pattern: str) -> set[str]:
    """Forms of ``pattern`` made with the passive prefix di- ("di+kirim" -> "dikirim", "was sent")."""
    prefix, plus, rest = pattern.partition("+")
    if not plus or "di" not in prefix.split("|"):
        return set()
    return set(expand("di+" + rest))


@cache
def load_lexicon(language: str) -> Lexicon:
    """The lexicon of ``language`` ("id" or "en"), loaded once per process."""
    lang = word_key(language)
    raw = load_yaml(f"triggers_{lang}.yaml")
    entries = []
    for item in raw:
        if item["type"] not in EVENT_TYPES:
            raise ModelError(f"triggers_{lang}.yaml: unknown event type {item['type']!r}", code="W302")
        entry = TriggerEntry(
            type=item["type"],
            mode=item.get("mode"),
            target_required=item.get("target", "required") != "optional",
            objects=tuple(item.get("objects", ())),
            speech=bool(item.get("speech", False)),
            noun=bool(item.get("noun", False)),
            inverse=bool(item.get("inverse", False)),
            reciprocal=bool(item.get("reciprocal", False)),
            except_next=frozenset(item.get("except_next", ())),
            except_prev=frozenset(item.get("except_prev", ())),
            addressee=bool(item.get("addressee", False)),
            domestic=bool(item.get("domestic", False)),
        )
        for pattern in item["words"]:
            pattern = str(pattern)
            for form in expand(pattern):
                words = tuple(form.split())
                entries.append((words, entry, form in _passive_forms(pattern), _is_noun(words, entry, lang)))
    obj = load_yaml("objects.yaml")
    objects = {
        name: tuple(tuple(w.lower().split()) for w in words) for name, words in obj.items() if name != "order"
    }
    return Lexicon(entries, objects, obj["order"])
