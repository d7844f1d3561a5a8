"""The event lexicon: PLOVER 2.0 trigger candidates of each language, from auditable tables.

Each language has a table ``data/event_lexicon/<lang>.tsv`` and optional companions ``<lang>_*.tsv`` (English:
``en.tsv`` is generated from PETRARCH2's CAMEO verb dictionary by ``scripts/build_event_lexicon_en.py``,
``en_extra.tsv`` is written by hand). A table is UTF-8, tab-separated, ``#`` lines are comments, and its first
other line is the header ``type mode kind pattern cameo gloss``. ``kind`` says how ``pattern`` is matched:

=========  ===============================  =========================================================
kind       pattern                          matches
=========  ===============================  =========================================================
verb       ``impose``, ``carry out``        English: the first word inflected (imposes, imposed,
           ``men|di+kirim+|kan``            imposing); Indonesian: the morphology pattern expanded
noun       ``invasion``, ``air strike``     English: the last word also in the plural (invasions);
           ``serangan``                     Indonesian: also reduplicated (serangan-serangan)
frame      ``launch * strike``              light verb (inflected/expanded), up to three other words,
           ``men+lancar+kan * serangan``    then the noun: "launched a massive air strike"
phrase     ``call for``, ``tiba di``        fixed words; English inflects the first word as a verb
=========  ===============================  =========================================================

:meth:`EventLexicon.propose` returns every match as a :class:`Proposal` (overlapping ones too); deciding which
candidate is an event in its sentence is the coder's job, not the lexicon's. Surface forms are expanded once
when the lexicon is built and indexed by their first word, so a sentence costs one dict lookup per token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from warta.data import data_path, grammar, known_languages, language_settings
from warta.errors import LanguageError, ModelError
from warta.events.morphology import expand, strip_particle
from warta.records import EVENT_TYPES

HEADER = ("type", "mode", "kind", "pattern", "cameo", "gloss")
KINDS = ("verb", "noun", "frame", "phrase")
#: Words a frame allows between its light verb and its noun: "launched [a massive air] strike".
FRAME_GAP = 3
_TABLES = "event_lexicon"


@dataclass(frozen=True, slots=True)
class Proposal:
    """A candidate event trigger in a sentence: token span ``[first, last]`` and the word carrying the event."""

    first: int
    last: int
    head: int
    type: str
    mode: str | None
    kind: str
    cameo: str | None


@dataclass(frozen=True, slots=True)
class EventRow:
    """One row of an event-lexicon table, with ``where`` (file:line) for error messages and audits."""

    type: str
    mode: str | None
    kind: str
    pattern: str
    cameo: str | None
    gloss: str
    where: str


def read_event_table(path: Path) -> list[EventRow]:
    """The rows of one table, checked: a malformed row raises :class:`ModelError` naming its file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"cannot read the event lexicon {path}: {exc}; reinstall warta", code="W301") from exc
    rows: list[EventRow] = []
    header_seen = False
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{path.name}:{number}"
        if not header_seen:
            if tuple(cells) != HEADER:
                raise _bad(where, f"the header must be {' '.join(HEADER)!r} (tab-separated)")
            header_seen = True
            continue
        if len(cells) == len(HEADER) - 1:
            cells.append("")  # an empty gloss whose tab an editor trimmed
        if len(cells) != len(HEADER):
            raise _bad(where, f"{len(cells)} columns, expected {len(HEADER)}")
        type_, mode, kind, pattern, cameo, gloss = (c.strip() for c in cells)
        _check_row(where, type_, mode, kind, pattern)
        rows.append(EventRow(type_, mode or None, kind, pattern, cameo or None, gloss, where))
    if not header_seen:
        raise _bad(path.name, "no header line")
    return rows


def _check_row(where: str, type_: str, mode: str, kind: str, pattern: str) -> None:
    if type_ not in EVENT_TYPES:
        raise _bad(where, f"unknown PLOVER type {type_!r}")
    if kind not in KINDS:
        raise _bad(where, f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
    if mode != mode.lower() or " " in mode:
        raise _bad(where, f"a mode is one lower-case word, not {mode!r}")
    if not pattern or pattern != pattern.lower():
        raise _bad(where, f"a pattern is written in lower case, not {pattern!r}")
    stars = pattern.split().count("*")
    if kind == "frame" and (stars != 1 or pattern.startswith("*") or pattern.endswith("*")):
        raise _bad(where, f"a frame is 'LIGHT * NOUN', not {pattern!r}")
    if kind != "frame" and stars:
        raise _bad(where, f"only frames have '*' (a verb with its object noun is a frame): {pattern!r}")


def _bad(where: str, what: str) -> ModelError:
    return ModelError(f"event lexicon {where}: {what}; fix the table", code="W302")


# --- English inflection -------------------------------------------------------------------------------------


@cache
def _irregular_verbs() -> dict[str, tuple[tuple[str, ...], ...]]:
    """base -> (past forms, participles, third-person forms, -ing forms); the last two empty when regular."""
    table: dict[str, tuple[tuple[str, ...], ...]] = {}
    path = data_path("irregular_verbs_en.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("base\t"):
            continue
        cells = line.split("\t")
        forms = tuple(tuple(c.split("|")) for c in cells[1:])
        table[cells[0]] = forms + ((),) * (4 - len(forms))
    return table


_VOWEL = "aeiou"
# A final consonant-vowel-consonant: "ban", "ship", "commit" may double it ("banned", "committing").
# "qu" counts as a consonant: "equip" -> "equipped", "quit" -> "quitting".
_CVC = re.compile(r"(?:^|[^aeiou]|qu)[aeiou][b-df-hj-np-tvz]$")


def english_verb_forms(base: str) -> tuple[str, ...]:
    """The base form and its inflections: "impose" -> impose, imposes, imposed, imposing; "hold" -> holds,
    held, holding (irregular pasts from ``irregular_verbs_en.tsv``)."""
    forms = [base]
    irregular = _irregular_verbs().get(base)
    third = irregular[2] if irregular and irregular[2] else (_third_person(base),)
    ing = irregular[3] if irregular and irregular[3] else _suffixed(base, "ing")
    past = irregular[0] + irregular[1] if irregular else _suffixed(base, "ed")
    for form in (*third, *past, *ing):
        if form not in forms:
            forms.append(form)
    return tuple(forms)


def _third_person(base: str) -> str:
    if base.endswith(("s", "x", "z", "ch", "sh")) or (base.endswith("o") and not base.endswith("oo")):
        return base + "es"  # "reaches", "vetoes"
    if base.endswith("y") and len(base) > 1 and base[-2] not in _VOWEL:
        return base[:-1] + "ies"  # "denies"
    return base + "s"


def _suffixed(base: str, suffix: str) -> tuple[str, ...]:
    """``base`` + "ed" or "ing" with English spelling rules; both spellings where the rule depends on stress."""
    if suffix == "ed" and base.endswith("e"):
        return (base + "d",)  # "imposed", "agreed"
    if base.endswith("y") and len(base) > 1 and base[-2] not in _VOWEL:
        return (base[:-1] + "ied",) if suffix == "ed" else (base + "ing",)  # "denied", "denying"
    if suffix == "ing" and base.endswith("ie"):
        return (base[:-2] + "ying",)  # "dying", "tying"
    if suffix == "ing" and base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
        return (base[:-1] + "ing",)  # "imposing"; but "agreeing", "eyeing", "hoeing"
    if _CVC.search(base) and base[-1] not in "wxy":
        doubled = base + base[-1] + suffix
        if len(re.findall(r"[aeiouy]+", base.replace("qu", "q"))) == 1:
            return (doubled,)  # one syllable doubles: "banned", "shipping"
        # Longer verbs double only with the stress on the last syllable ("committed", "admitting", but
        # "visited", "targeting"), which spelling does not show; British English doubles a final l anyway
        # ("cancelled"). Both spellings are generated; the wrong one does not occur in text.
        return (base + suffix, doubled)
    return (base + suffix,)


def english_plurals(noun: str) -> tuple[str, ...]:
    """The noun and its plural: "invasion" -> invasions, "crisis" -> crises, "embargo" -> embargoes. Words
    already ending in a plural -s ("sanctions", "talks") are left alone."""
    if noun.endswith("is"):
        return (noun, noun[:-2] + "es")
    if noun.endswith(("ss", "x", "z", "ch", "sh")) or (noun.endswith("o") and not noun.endswith(("oo", "eo"))):
        return (noun, noun + "es")
    if noun.endswith("s"):
        return (noun,)
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in _VOWEL:
        return (noun, noun[:-1] + "ies")
    return (noun, noun + "s")


# --- surface forms of a pattern -----------------------------------------------------------------------------

Forms = tuple[tuple[str, ...], ...]


def _en_verb(pattern: str) -> Forms:
    first, *rest = pattern.split()
    return tuple((form, *rest) for form in english_verb_forms(first))


def _en_noun(pattern: str) -> Forms:
    *rest, last = pattern.split()
    return tuple((*rest, form) for form in english_plurals(last))


def _id_words(pattern: str) -> Forms:
    return tuple(tuple(form.split()) for form in expand(pattern))


def _id_noun(pattern: str) -> Forms:
    # Indonesian marks a plural by repeating the noun: "serangan-serangan" (attacks), "sanksi-sanksi".
    forms = _id_words(pattern)
    return forms + tuple((f"{f[0]}-{f[0]}",) for f in forms if len(f) == 1)


@dataclass(frozen=True, slots=True)
class _Inflection:
    """How a language's rows give surface forms (``inflection`` in ``data/languages.yaml``)."""

    verb: Callable[[str], Forms]
    noun: Callable[[str], Forms]
    phrase: Callable[[str], Forms]  # English inflects a phrase's first word as a verb ("calls for")
    clitics: bool  # clitics and particles stick to the word: "serangannya" (its attack)


_INFLECTIONS = {
    "suffixing": _Inflection(_en_verb, _en_noun, _en_verb, clitics=False),
    "affixing": _Inflection(_id_words, _id_noun, _id_words, clitics=True),
}

Info = tuple[str, str | None, str, str | None]  # type, mode, kind, cameo
Fixed = tuple[tuple[str, ...], int, Info]  # words, head offset, info
Nouns = dict[str, list[Fixed]]  # a frame's nouns by first word


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """The event lexicon of one language: built once (:func:`load_event_lexicon`), read-only, picklable."""

    language: str
    fixed: dict[str, list[Fixed]]
    frames: dict[str, list[tuple[tuple[str, ...], Nouns]]]
    vocabulary: frozenset[str]  # every word of every form: Indonesian clitics are stripped against it
    strip_clitics: bool = False

    @classmethod
    def from_rows(cls, language: str, rows: Sequence[EventRow]) -> EventLexicon:
        """Expand ``rows`` into surface forms and index them by their first word.

        The language's ``inflection`` setting picks the rules; a noun's head is its last word ("air strike")
        unless the language puts the head first ("serangan udara", air attack: ``head_first``).
        """
        rules = grammar(language)
        inflection = _INFLECTIONS.get(rules.inflection)
        if inflection is None:
            known = ", ".join(sorted(_INFLECTIONS))
            raise ModelError(
                f"languages.yaml: {language!r} names inflection {rules.inflection!r}; warta has: {known}",
                code="W301",
            )
        verb_forms, noun_forms, head_last = inflection.verb, inflection.noun, not rules.head_first
        fixed: dict[str, dict[Fixed, None]] = {}
        frames: dict[tuple[str, ...], dict[str, dict[Fixed, None]]] = {}
        for row in rows:
            info = (row.type, row.mode, row.kind, row.cameo)
            if row.kind == "frame":
                light, noun = (part.strip() for part in row.pattern.split(" * "))
                for lf in verb_forms(light):
                    nouns = frames.setdefault(lf, {})
                    for nf in noun_forms(noun):
                        head = len(nf) - 1 if head_last else 0
                        nouns.setdefault(nf[0], {})[(nf, head, info)] = None
                continue
            if row.kind == "noun":
                forms = noun_forms(row.pattern)
            elif row.kind == "verb":
                forms = verb_forms(row.pattern)
            else:
                forms = inflection.phrase(row.pattern)
            for form in forms:
                head = len(form) - 1 if row.kind == "noun" and head_last else 0
                fixed.setdefault(form[0], {})[(form, head, info)] = None
        by_first: dict[str, list[tuple[tuple[str, ...], Nouns]]] = {}
        for light, nouns in frames.items():
            by_first.setdefault(light[0], []).append((light, {w: list(e) for w, e in nouns.items()}))
        words = {w for entries in fixed.values() for form, _, _ in entries for w in form}
        for light, nouns in frames.items():
            words.update(light)
            words.update(w for entries in nouns.values() for form, _, _ in entries for w in form)
        fixed_by_first = {w: list(e) for w, e in fixed.items()}
        return cls(language, fixed_by_first, by_first, frozenset(words), strip_clitics=inflection.clitics)

    def propose(self, words: Sequence[str]) -> list[Proposal]:
        """Every lexicon match in a sentence's lower-cased tokens, overlapping ones included, sorted by
        (first, last): "launched a massive air strike" gives the frame launch...strike and the noun "strike"."""
        if self.strip_clitics:
            # Clitics and particles stick to the word: "serangannya" (its attack), "menolaklah" (do refuse).
            vocabulary = self.vocabulary
            words = [strip_particle(w, vocabulary) for w in words]
        out: list[Proposal] = []
        n = len(words)
        fixed, frames = self.fixed, self.frames
        for i, word in enumerate(words):
            entries = fixed.get(word)
            if entries is not None:
                for form, head, info in entries:
                    k = len(form)
                    if k == 1 or tuple(words[i : i + k]) == form:
                        out.append(Proposal(i, i + k - 1, i + head, *info))
            lights = frames.get(word)
            if lights is None:
                continue
            for light, nouns in lights:
                k = len(light)
                if k > 1 and tuple(words[i : i + k]) != light:
                    continue
                for j in range(i + k, min(i + k + FRAME_GAP + 1, n)):
                    candidates = nouns.get(words[j])
                    if candidates is None:
                        continue
                    for form, head, info in candidates:
                        m = len(form)
                        if m == 1 or tuple(words[j : j + m]) == form:
                            out.append(Proposal(i, j + m - 1, j + head, *info))
        out.sort(key=lambda p: (p.first, p.last))
        return out


def table_paths(language: str) -> list[Path]:
    """The tables of ``language``: ``<lang>.tsv`` first, then its ``<lang>_*.tsv`` companions by name."""
    folder = data_path(_TABLES)
    main = folder / f"{language}.tsv"
    if not main.is_file():
        return []
    return [main, *sorted(folder.glob(f"{language}_*.tsv"))]


@cache
def load_event_lexicon(language: str) -> EventLexicon:
    """The event lexicon of ``language`` ("en" or "id"), built once per process, from the tables of its
    word-list key (``words`` in ``data/languages.yaml``: Malaysian Malay reads the English tables)."""
    block = language_settings(language)
    paths = table_paths(str(block["words"])) if block is not None else []
    if not paths:
        known = ", ".join(lang for lang in sorted(known_languages()) if table_paths(lang))
        raise LanguageError(
            f"no event lexicon for language {language!r}; warta has event lexicons for: {known}", code="W241"
        )
    rows = [row for path in paths for row in read_event_table(path)]
    return EventLexicon.from_rows(language, rows)
