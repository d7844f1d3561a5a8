"""warta's data files (dictionaries, lexicons, cue lists), each with a header naming its source.

Code reads them only through :func:`load_yaml` / :func:`data_path`, and picks a language's lists through
:func:`word_key` / :func:`language_words` (``languages.yaml`` says which languages have word lists), so a
user can point warta at a folder of their own (``Settings.data``) later without touching the stages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from warta.errors import LanguageError, ModelError


def data_path(name: str) -> Path:
    """Path of a data file shipped with warta."""
    return Path(str(resources.files("warta.data").joinpath(name)))


def parse_yaml(text: str) -> Any:
    """YAML text parsed with libyaml's safe loader when PyYAML has it (about ten times faster than the pure
    Python one: warta reads some 20 data files at start-up)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


@cache
def load_yaml(name: str) -> Any:
    """Parse a shipped YAML data file once per process."""
    path = data_path(name)
    try:
        return parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ModelError(f"cannot read data file {path}: {exc}; reinstall warta", code="W301") from exc


def language_settings(language: str) -> dict[str, Any] | None:
    """The block of ``language`` in ``languages.yaml`` (its word-list key, its abbreviations), or None."""
    block = load_yaml("languages.yaml")["languages"].get(language)
    return dict(block) if block is not None else None


def language_option(language: str, name: str) -> Any:
    """The optional setting ``name`` of ``language`` in ``languages.yaml``, or None where it has none."""
    return (language_settings(language) or {}).get(name)


def language_home(language: str) -> str | None:
    """The country an article in ``language`` is about when it names none (``languages.yaml`` home_country)."""
    return language_option(language, "home_country")


def language_setting(language: str, name: str) -> Any:
    """The setting ``name`` of ``language`` in ``languages.yaml`` (its number separators, its name order, ...).

    Raises :class:`~warta.errors.LanguageError` (``W241``) for a language without a block and
    :class:`~warta.errors.ModelError` (``W301``) for a block without the setting.
    """
    word_key(language)  # the clear error for an unknown language
    block = language_settings(language) or {}
    if name not in block:
        raise ModelError(
            f"languages.yaml: language {language!r} has no setting {name!r}; reinstall warta", code="W301"
        )
    return block[name]


@dataclass(frozen=True, slots=True)
class Grammar:
    """The settings of one language in ``languages.yaml`` that the stages' rules branch on.

    Each field is a setting of the same name; ``languages.yaml`` says what each one means, with examples.
    Stage code asks ``grammar(language).head_first`` where it would otherwise ask ``language == "id"``, so a
    new language picks its rules by data.
    """

    head_first: bool
    name_after_body: bool
    post_cues_introduce: bool
    verbs_in_names: bool
    passive_by_auxiliary: bool
    light_verb_recipients: bool
    noun_subject_needs_light_verb: bool
    lexicon_marks_nouns: bool
    inflection: str


@cache
def grammar(language: str) -> Grammar:
    """The :class:`Grammar` of ``language``, read once per process.

    Raises :class:`~warta.errors.LanguageError` (``W241``) for a language ``languages.yaml`` does not list and
    :class:`~warta.errors.ModelError` (``W301``) for a block that lacks one of the settings.
    """
    values = {f.name: language_setting(language, f.name) for f in fields(Grammar)}
    for f in fields(Grammar):
        if f.type == "bool" and not isinstance(values[f.name], bool):
            raise ModelError(
                f"languages.yaml: setting {f.name!r} of {language!r} must be true or false; reinstall warta",
                code="W301",
            )
    return Grammar(**values)


@cache
def word_key(language: str) -> str:
    """The key under which the word-data files hold the lists of ``language`` ("id" for "id", ...).

    Raises :class:`~warta.errors.LanguageError` (``W241``) for a language ``languages.yaml`` does not list:
    no stage silently reads another language's words.
    """
    block = language_settings(language)
    if block is None:
        known = ", ".join(sorted(load_yaml("languages.yaml")["languages"]))
        raise LanguageError(
            f"no word lists for language {language!r}; warta has word lists for: {known}", code="W241"
        )
    return str(block["words"])


def language_words(name: str, language: str, *section: str) -> Any:
    """The entry of ``language`` in the data file ``name``, under the nested keys ``section``.

    ``language_words("dates.yaml", "id", "background")`` is ``load_yaml("dates.yaml")["background"]["id"]``.
    Raises :class:`~warta.errors.LanguageError` for a language without word lists and
    :class:`~warta.errors.ModelError` (``W301``) when the file lacks the entry.
    """
    return _entry(name, (*section, word_key(language)))


def all_language_words(name: str, *section: str) -> frozenset[str]:
    """The union of every language's list in the data file ``name`` under ``section``.

    For rules that match the words of all of warta's languages in every article, whatever its language:
    Indonesian news keeps English names of bodies ("Center of Reform on Economics"). Each word-list key of
    ``languages.yaml`` must have its list in the file (an empty one where the rule has no words there).
    """
    return frozenset(str(w) for key in word_keys() for w in _entry(name, (*section, key)))


def known_languages() -> tuple[str, ...]:
    """The languages ``languages.yaml`` lists, in its order ("id", "en", "ms")."""
    return tuple(load_yaml("languages.yaml")["languages"])


def word_alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words``, escaped, longest first ("meskipun" before "meski"), so
    that stage code builds its patterns from the data files instead of writing words into them."""
    return "|".join(sorted({re.escape(str(w)) for w in words}, key=lambda w: (-len(w), w)))


def word_keys() -> tuple[str, ...]:
    """Every word-list key of ``languages.yaml``, sorted ("en", "id"): the lists a file keyed by language holds."""
    return tuple(sorted({str(block["words"]) for block in load_yaml("languages.yaml")["languages"].values()}))


def _entry(name: str, path: tuple[str, ...]) -> Any:
    node = load_yaml(name)
    for part in path:
        if not isinstance(node, dict) or part not in node:
            raise ModelError(f"data file {name} has no entry {'/'.join(path)}; reinstall warta", code="W301")
        node = node[part]
    return node
