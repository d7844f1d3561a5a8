"""Rough verb tests by affix (``data/verb_forms.yaml``): whether a lower-case word looks like a verb, a verb
that takes an object, or a verbal trigger, without a parser.

Indonesian marks verbs with prefixes ("mengecam" condemned, "dihubungi" contacted, "berharap" hoped),
English with endings ("condemned"); each language's affixes are data, so the rules that read them hold no
language's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from warta.data import language_words


@dataclass(frozen=True, slots=True)
class VerbForms:
    """The verb affixes of one language (see ``data/verb_forms.yaml`` for each list, with examples)."""

    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    object_prefixes: tuple[str, ...]
    trigger_prefixes: tuple[str, ...]
    trigger_suffixes: tuple[str, ...]
    participle_endings: tuple[str, ...]
    reduced_passive_endings: tuple[str, ...]
    reduced_passive_followers: frozenset[str]
    passive_prefixes: tuple[str, ...]

    def is_verb(self, word: str) -> bool:
        """A verb prefix or ending: "mengecam", "dihubungi", "condemned"."""
        return word.startswith(self.prefixes) or word.endswith(self.suffixes)

    def takes_object(self, word: str) -> bool:
        """An active verb form that takes an object: "mengecam" (condemned), "condemned"."""
        return word.startswith(self.object_prefixes) or word.endswith(self.suffixes)

    def is_trigger_verb(self, word: str) -> bool:
        """A trigger word in a verb form: "mengunjungi", "visited" (not "kunjungan", "visit")."""
        return word.startswith(self.trigger_prefixes) or word.endswith(self.trigger_suffixes)


@cache
def verb_forms(language: str) -> VerbForms:
    """The verb affixes of ``language`` (a :class:`~warta.errors.LanguageError` for one without word lists)."""

    def words(section: str) -> tuple[str, ...]:
        return tuple(str(w) for w in language_words("verb_forms.yaml", language, section))

    return VerbForms(
        prefixes=words("verb_prefixes"),
        suffixes=words("verb_suffixes"),
        object_prefixes=words("object_verb_prefixes"),
        trigger_prefixes=words("trigger_verb_prefixes"),
        trigger_suffixes=words("trigger_verb_suffixes"),
        participle_endings=words("passive_participle_endings"),
        reduced_passive_endings=words("reduced_passive_endings"),
        reduced_passive_followers=frozenset(words("reduced_passive_followers")),
        passive_prefixes=words("passive_verb_prefixes"),
    )
