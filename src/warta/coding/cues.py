"""Speech and attribution cues (``data/cues.yaml``) as quick lookups for the quote finder and status rules."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from warta.data import load_yaml


@dataclass(frozen=True, slots=True)
class Cues:
    """Cue words of one language, lower-cased; multi-word cues are kept as tuples of words."""

    speech: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    via: tuple[tuple[str, ...], ...]
    that: frozenset[str]
    pronouns: frozenset[str]

    def is_speech(self, word: str) -> bool:
        return word.lower() in self.speech


@cache
def cues_for(language: str) -> Cues:
    """The cues of ``language`` ("id" or "en"; anything else falls back to English)."""
    data = load_yaml("cues.yaml")
    lang = "id" if language == "id" else "en"
    return Cues(
        speech=frozenset(w.lower() for w in data[f"speech_{lang}"] if " " not in w),
        according=tuple(tuple(w.lower().split()) for w in data[f"according_{lang}"]),
        via=tuple(tuple(w.lower().split()) for w in data[f"via_{lang}"]),
        that=frozenset(data[f"that_{lang}"]),
        pronouns=frozenset(data[f"person_pronouns_{lang}"]),
    )
