"""The trigger lexicon: event words of each language (``data/triggers_<lang>.yaml``) and object classes.

Patterns are expanded once into surface forms (see :mod:`warta.events.morphology`) and indexed by their first
word, so matching a sentence costs one dict lookup per token.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from warta.data import grammar, language_words, load_yaml, word_key
from warta.errors import ModelError
from warta.events.morphology import expand, strip_particle
from warta.nlp.verb_forms import verb_forms
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


# Bounds of the memos of :class:`Lexicon` (cleared when full: a long run must not grow without limit).
_MATCH_MEMO = 1024
_WORD_MEMO = 65536


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
        # Both coders match every sentence (the rule coder, then the learned coder's features), and the words
        # of a language repeat: the last sentences' matches and every word's form without clitics are kept.
        self._matched: dict[tuple[str, ...], tuple[TriggerMatch, ...]] = {}
        self._plain: dict[str, str] = {}

    def match(self, words: Sequence[str]) -> list[TriggerMatch]:
        """Longest, non-overlapping trigger matches in lower-cased ``words``, left to right."""
        key = tuple(words)
        found = self._matched.get(key)
        if found is None:
            if len(self._matched) >= _MATCH_MEMO:
                self._matched.clear()
            found = self._matched[key] = tuple(self._match(key))
        return list(found)

    def _match(self, words: Sequence[str]) -> list[TriggerMatch]:
        plain = self._plain
        if len(plain) >= _WORD_MEMO:
            plain.clear()
        words = [plain.get(w) or plain.setdefault(w, self._strip_clitic(w)) for w in words]
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


def _is_noun(words: tuple[str, ...], entry: TriggerEntry, language: str) -> bool:
    """Whether a trigger form is an event noun, whose doer may follow it: "ancaman Pyongyang" (Pyongyang's
    threat). Indonesian verbs carry a verbal prefix, so a trigger word without one is a noun ("kunjungan"
    visit, "sanksi" sanctions); English entries marked ``noun`` mix nouns and verbs ("visit", "visited"), so
    there the lexicon says which are nouns (``lexicon_marks_nouns``) and inflected forms are verbs."""
    verbs = verb_forms(language)
    head = words[0]
    if not grammar(language).lexicon_marks_nouns:
        return not verbs.is_trigger_verb(head)
    # A phrase that opens with a verb or ends with a preposition is verbal: "gave a warm welcome", "return to".
    phrase_verbs, prepositions = _phrase_words(language)
    verbal = head in phrase_verbs or (len(words) > 1 and words[-1] in prepositions)
    return entry.noun and not (verbs.is_trigger_verb(head) or verbal)


@cache
def _phrase_words(language: str) -> tuple[frozenset[str], frozenset[str]]:
    phrase_verbs = frozenset(language_words("event_words.yaml", language, "phrase_verbs"))
    return phrase_verbs, frozenset(language_words("event_words.yaml", language, "phrase_prepositions"))


def _passive_forms(pattern: str, prefixes: Sequence[str]) -> set[str]:
    """Forms of ``pattern`` made with a passive prefix ("di+kirim" -> "dikirim", "was sent")."""
    prefix, plus, rest = pattern.partition("+")
    written = prefix.split("|")
    if not plus:
        return set()
    return {form for p in prefixes if p in written for form in expand(f"{p}+{rest}")}


@cache
def load_lexicon(language: str) -> Lexicon:
    """The lexicon of ``language`` ("id" or "en"), loaded once per process."""
    lang = word_key(language)
    passive_prefixes = verb_forms(language).passive_prefixes
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
                passive = form in _passive_forms(pattern, passive_prefixes)
                entries.append((words, entry, passive, _is_noun(words, entry, language)))
    obj = load_yaml("objects.yaml")
    objects = {
        name: tuple(tuple(w.lower().split()) for w in words) for name, words in obj.items() if name != "order"
    }
    return Lexicon(entries, objects, obj["order"])
