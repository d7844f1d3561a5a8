"""Dictionary lookup of countries, capitals, IGOs, organisations, leaders and role words in id/en news text.

The dictionaries live in ``warta/data`` (``countries_extra.yaml``, ``capitals.yaml``, ``igos.yaml``,
``organisations.yaml``, ``roles.yaml``, ``leaders.tsv``, and ``titles.yaml`` for the ranks that end a unit's
name); country names also come from pycountry in English and, through its gettext catalogue, Indonesian.
:func:`load_gazetteer` builds one :class:`Gazetteer` per process.

Matching works on tokens (runs of word characters, or single punctuation marks), so a name can only match whole
words: "AS" never matches inside "ASEAN". Each alias token is either

* **strict**: an abbreviation or acronym ("AS", "PBB", "U.S.", "G20"), matched exactly as written, so the
  English word "as" is never the United States; or
* **loose**: an ordinary word, matched regardless of case and accents, as long as the match starts with a
  capital letter when the alias does. "Korea Utara", "KOREA UTARA" (a dateline) and "Élysée"/"Elysee" match;
  "china" (porcelain) and "turkey" (the bird) do not.

Longest match wins, left to right: "Dewan Keamanan PBB" is one match, not "PBB" inside it; "Korea Utara" is not
"Korea". A match carries every entry its text can mean: "Georgia" is the country and the US state, "Jordan" the
kingdom and a given name, "Korea" both Koreas, "AFP" the news agency and the Philippine armed forces; callers pick
by context. Leaders have one entry per term of office, most recent first; :meth:`Gazetteer.leader` picks the
office held on a date. A bare surname is an alias only where news uses it alone ("Putin", "Retno"): "Kim" is not,
coreference resolves such short forms later.

Some bodies are named by a head word and the area they serve: "Polda Metro Jaya" (the Jakarta regional police),
"Kodam XVII/Cenderawasih", "DPRD Kabupaten Pati" (the Pati regency council). Their heads are *units*
(``organisations.yaml``): a match of one takes the place names after it into its name, and, where the area is
required, up to two more capitalised words ("Metro Jaya"), never a rank, title or role word ("Polda Metro Jaya
Kombes Ade Ary": Kombes is a police rank, the name ends before it). Each such name is its own organisation;
a head that needs an area is no name without one ("dibawa ke Polsek" - taken to the police station). Bodies
that every state names alike ("Kementerian Keuangan", the finance ministry) are *national*: Indonesia's, unless a
country follows ("Kementerian Keuangan AS" is the US Treasury, a name the entity rules read as a whole).

Text in decomposed Unicode (a letter followed by a combining accent) splits into extra tokens and may not match;
extracted articles are NFC in practice.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from warta.data import word_key

log = logging.getLogger(__name__)

IGO_CODES = frozenset({"UNO", "NATO", "EUR", "ASEAN", "AU", "ICRC", "IMF", "WBK", "IGO"})
SECTORS = frozenset("GOV MIL COP JUD LEG REB SPY MED BUS CVL OPP PTY ELI REL".split())
KINDS = ("country", "adjective", "capital", "seat", "igo", "outlet", "org", "leader", "role", "place", "person")
# When one text means several things, the usual reading comes first: a country before a US state or a given
# name ("Georgia", "Jordan"), a news agency before an army sharing its abbreviation ("AFP").
_KIND_ORDER = {
    kind: i
    for i, kind in enumerate(
        ("country", "capital", "seat", "igo", "outlet", "org", "leader", "place", "adjective", "role", "person")
    )
}
_TOKEN = re.compile(r"\w+|[^\w\s]")
# Letters NFKD does not decompose, apostrophe and hyphen variants: "Yıldırım", "Wałęsa", "People’s".
_FOLD = str.maketrans({**dict(zip("’‘`´‐‑ıłŁđĐøØ", "''''--ilLdDoO", strict=True)), "æ": "ae", "ß": "ss"})
_END = ""  # trie key of the payload; never a token
_MAX_ROLE_ANSWERS = 200_000
# find() and find_roles() keep their answers for this many texts: the entity, quote and event stages look up
# the same article and the same sentences several times each (on the 181 AEB pages, find() was asked three
# times about every article's whole text).
_MAX_FOUND = 1024


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One thing a name can mean. ``name`` is canonical ("North Korea" for "Korut"); ``kind`` is one of
    :data:`KINDS`. Adjectives ("Russian") and roles ("Presiden") make actors but are not entities on their own
    (:attr:`is_entity`). Leaders carry their term (``start``/``end``, ``end`` None while in office); capitals,
    seats and places their coordinates. A capital with ``sector`` "GOV" stands for its government when it acts.
    """

    name: str
    type: str
    country: str | None
    kind: str
    sector: str | None = None
    role: str | None = None
    start: str | None = None
    end: str | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def is_entity(self) -> bool:
        """Whether a mention of this entry is a named entity (not an adjective or a role word)."""
        return self.kind not in ("adjective", "role")


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    """A dictionary name found in text: offsets into the text (end exclusive) and every entry it can mean."""

    start: int
    end: int
    text: str
    entries: tuple[GazetteerEntry, ...]


@dataclass(frozen=True, slots=True)
class _Alias:
    entry: GazetteerEntry
    upper_start: bool  # the match must begin with a capital letter
    language: str | None  # "en"/"id" for names that are ordinary words in the other language


def _names_key(language: str | None) -> str | None:
    """The key names of ``language`` are marked with: its word-list key ("ms" reads the English lists)."""
    return None if language is None else word_key(language)


def fold(text: str) -> str:
    """Strip accents and unify apostrophes and hyphens: "Erdoğan’s" -> "Erdogan's"."""
    text = text.translate(_FOLD)
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def _token_keys(token: str) -> tuple[str, str]:
    """The strict and the loose trie key of a text token ("Korea" -> "=Korea", "korea")."""
    folded = fold(token)
    return "=" + folded, folded.lower()


def _is_strict(token: str) -> bool:
    # Acronyms, single letters ("U", "S" of "U.S."), numbers and punctuation must match exactly.
    return not token.isalpha() or len(token) == 1 or (token.isupper() and len(token) >= 2)


def _alias_keys(alias: str) -> list[str]:
    keys = []
    for tok in _TOKEN.findall(fold(alias)):
        keys.append("=" + tok if _is_strict(tok) else tok.lower())
    return keys


def normal_form(text: str) -> str:
    """Case- and accent-free form for whole-phrase lookups (leaders, roles): "Kim  Jong-un" -> "kim jong - un"."""
    return " ".join(_TOKEN.findall(fold(text))).lower()


def _date_low(date: str) -> str:
    return date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date


def _date_high(date: str | None) -> str:
    if date is None:
        return "9999-12-31"
    return date + "-12-31"[len(date) - 4 :] if len(date) < 10 else date


def _date_point(date: str) -> str:
    # A year-only or month-only date stands for its middle: "2021" -> 2021-07-01, "2022-09" -> 2022-09-15.
    return {4: date + "-07-01", 7: date + "-15"}.get(len(date), date[:10])


class Gazetteer:
    """The merged dictionaries with a token trie for matching; build it with :func:`load_gazetteer`."""

    def __init__(self) -> None:
        self._trie: dict[str, Any] = {}
        self._leaders: dict[str, list[GazetteerEntry]] = {}
        self._terms: dict[GazetteerEntry, None] = {}  # every leader row once, in file order
        self._roles: dict[str, list[_Alias]] = {}
        # role() answers by phrase and language; the quote finder asks about the same few words thousands of
        # times per article ("kata", "juru bicara"), so answers are kept until the next add()
        self._role_answers: dict[tuple[str, str | None], GazetteerEntry | None] = {}
        self._found: dict[tuple[str, str, str | None, str | None], tuple[GazetteerMatch, ...]] = {}
        self._role_heads: set[str] = set()  # first words of the role phrases
        self._role_trie: dict[str, Any] = {}
        self._names: dict[tuple[str, str], str] = {}
        # unit heads ("Polda") -> what their area is ("required", "place" or "" for none needed); the words that
        # may join an area to its head ("Kabupaten", "Metro"); the words that end an area (ranks, titles): see
        # the module docstring
        self._units: dict[GazetteerEntry, str] = {}
        self._area_words: frozenset[str] = frozenset()
        self._area_stops: frozenset[str] = frozenset()
        # bodies named as every state names its own ("Kementerian Keuangan"): Indonesia's unless a country
        # follows ("Kementerian Keuangan AS" is the US Treasury)
        self._national: set[GazetteerEntry] = set()
        self.alias_count = 0

    def __len__(self) -> int:
        return self.alias_count

    def __getstate__(self) -> dict[str, Any]:
        # Pickled (to the disk cache, to Dask workers) without the answers kept for texts already looked up.
        return {**self.__dict__, "_role_answers": {}, "_found": {}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    # -- building -------------------------------------------------------------------------------------------
    def add(self, alias: str, entry: GazetteerEntry, *, language: str | None = None) -> None:
        """Register ``alias`` as a name of ``entry`` (``language``: only match in text of that language)."""
        self._found.clear()
        alias = alias.strip()
        keys = _alias_keys(alias)
        if not keys:
            return
        if entry.kind == "role":
            self._add_role(alias, entry, language)
            return
        node = self._trie
        for key in keys:
            node = node.setdefault(key, {})
        payload: list[_Alias] = node.setdefault(_END, [])
        if any(a.entry == entry for a in payload):
            return
        payload.append(_Alias(entry, alias[0].isupper(), language))
        self.alias_count += 1
        if entry.kind == "leader":
            self._leaders.setdefault(normal_form(alias), []).append(entry)
            self._terms.setdefault(entry)

    def _add_role(self, alias: str, entry: GazetteerEntry, language: str | None) -> None:
        self._role_answers.clear()
        self._found.clear()
        self._role_heads.add(normal_form(alias).split(" ")[0])
        aliases = self._roles.setdefault(normal_form(alias), [])
        if not any(a.entry == entry for a in aliases):
            aliases.append(_Alias(entry, False, language))
            self.alias_count += 1
        node = self._role_trie
        for key in normal_form(alias).split():
            node = node.setdefault(key, {})
        node.setdefault(_END, []).append(_Alias(entry, False, language))

    def set_name(self, code: str, language: str, name: str) -> None:
        """Record the canonical name of a country or IGO code in a language (the first one set wins)."""
        self._names.setdefault((code, language), name)

    def add_unit(self, alias: str, entry: GazetteerEntry, *, area: str, language: str | None = None) -> None:
        """Register ``alias`` as the head word of bodies named after their area ("Polda" + "Metro Jaya").
        ``area``: "required" (any name after the head is its area, the head alone is no name), "place" (only a
        known place is, the head alone is no name) or "" (only a known place is, the head alone is a name)."""
        self._units[entry] = area
        self.add(alias, entry, language=language)

    def add_national(self, alias: str, entry: GazetteerEntry, *, language: str | None = None) -> None:
        """Register ``alias`` as a generic name of a body of ``entry``'s country, which a country name right
        after it gives to that country instead ("Kementerian Luar Negeri China")."""
        self._national.add(entry)
        self.add(alias, entry, language=language)

    def set_area_words(self, joiners: Iterable[str], stops: Iterable[str]) -> None:
        """Words that may stand inside a unit's area ("Kabupaten", "Kota") and words that end it (ranks)."""
        self._found.clear()
        self._area_words = frozenset(joiners)
        self._area_stops = frozenset(w.lower() for w in stops)

    # -- lookups --------------------------------------------------------------------------------------------
    def find(self, text: str, *, language: str | None = None, on: str | None = None) -> list[GazetteerMatch]:
        """Longest non-overlapping dictionary names in ``text``, left to right.

        ``language`` ("id"/"en"; None = unknown) drops names that are ordinary words in the other language
        ("AS" in English text); names are marked with the word-list key of their language (``words`` in
        ``data/languages.yaml``), so a language that reads English word lists reads English names too.
        ``on`` (a date, "YYYY[-MM[-DD]]") narrows each leader to the term held then,
        or the nearest term when none was; without it every term is returned, most recent first.
        """
        key = ("names", text, language, on)
        if key not in self._found:
            self._remember(key, self._find(text, language=language, on=on))
        return list(self._found[key])

    def _find(self, text: str, *, language: str | None, on: str | None) -> tuple[GazetteerMatch, ...]:
        language = _names_key(language)
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        keys = [_token_keys(tok) for _, _, tok in tokens]
        matches: list[GazetteerMatch] = []
        trie = self._trie
        i = 0
        while i < len(tokens):
            strict, loose = keys[i]
            if strict not in trie and (loose == _END or loose not in trie):
                i += 1  # most words start no name: the quick test before _longest_at's full one
                continue
            best = self._longest_at(text, tokens, keys, i, language)
            if best is None:
                i += 1
                continue
            j, entries = best
            if (
                self._national
                and any(e in self._national for e in entries)
                and self._country_at(text, tokens, keys, j + 1, language)
            ):
                i = j + 1  # "Kementerian Luar Negeri China" is China's: the entity rules read the whole name
                continue
            if self._units and any(e in self._units for e in entries):
                area = self._with_area(text, tokens, keys, i, j, entries, language)
                if area is None:
                    i = j + 1  # "dibawa ke Polsek": a unit without its area is no one body
                    continue
                j, entries = area
            start, end = tokens[i][0], tokens[j][1]
            if on is not None:
                entries = self._leaders_on(entries, on)
            matches.append(GazetteerMatch(start, end, text[start:end], entries))
            i = j + 1
        return tuple(matches)

    def _remember(self, key: tuple[str, str, str | None, str | None], found: tuple[GazetteerMatch, ...]) -> None:
        if len(self._found) >= _MAX_FOUND:
            del self._found[next(iter(self._found))]  # the oldest: the articles of a run come one at a time
        self._found[key] = found

    def find_roles(self, text: str, *, language: str | None = None) -> list[GazetteerMatch]:
        """Role and title words in ``text`` (case-insensitive), longest first, left to right."""
        key = ("roles", text, language, None)
        if key not in self._found:
            self._remember(key, self._find_roles(text, language=language))
        return list(self._found[key])

    def _find_roles(self, text: str, *, language: str | None) -> tuple[GazetteerMatch, ...]:
        language = _names_key(language)
        tokens = [(m.start(), m.end(), _token_keys(m.group())[1]) for m in _TOKEN.finditer(text)]
        out: list[GazetteerMatch] = []
        i = 0
        while i < len(tokens):
            node, j, best = self._role_trie, i, None
            while j < len(tokens) and tokens[j][2] != _END and tokens[j][2] in node:
                node = node[tokens[j][2]]
                aliases = node.get(_END, ())
                hits = tuple(a.entry for a in aliases if language in (None, a.language) or not a.language)
                if hits:
                    best = (j, hits)
                j += 1
            if best is None:
                i += 1
                continue
            start, end = tokens[i][0], tokens[best[0]][1]
            out.append(GazetteerMatch(start, end, text[start:end], best[1]))
            i = best[0] + 1
        return tuple(out)

    def may_start_role(self, word: str) -> bool:
        """Whether some role phrase starts with ``word`` ("juru" of "juru bicara"): a quick test before
        :meth:`role` is asked about the phrases that start with it."""
        return normal_form(word).split(" ")[0] in self._role_heads

    def role(self, text: str, *, language: str | None = None) -> GazetteerEntry | None:
        """The role a title phrase gives, matched as a whole and case-insensitively: "Menlu" -> foreign minister
        (GOV), "coast guard" -> COP. None when ``text`` is not exactly a known title (see :meth:`find_roles`)."""
        language = _names_key(language)
        key = (text, language)
        if key not in self._role_answers:
            if len(self._role_answers) > _MAX_ROLE_ANSWERS:  # a long-running process sees ever new phrases
                self._role_answers.clear()
            aliases = self._roles.get(normal_form(text), ())
            self._role_answers[key] = next(
                (a.entry for a in aliases if language is None or a.language in (None, language)), None
            )
        return self._role_answers[key]

    def leader(self, name: str, on: str | None = None, *, nearest: bool = False) -> GazetteerEntry | None:
        """The office a leader's name or alias held on date ``on`` ("2019-06-01", "2019"); with ``on`` None the
        most recent one. When the person held no listed office that day: None, or with ``nearest`` the term
        closest in time (the country is still right for a former or future office holder)."""
        terms = self._leaders.get(normal_form(name))
        if not terms:
            return None
        if on is None:
            return max(terms, key=lambda e: (_date_high(e.end), _date_low(e.start or "0000")))
        point = _date_point(on)
        current = [e for e in terms if _date_low(e.start or "0000") <= point <= _date_high(e.end)]
        if current:
            return max(current, key=lambda e: _date_low(e.start or "0000"))
        if not nearest:
            return None
        return min(terms, key=lambda e: _distance(e, point))

    def office_holder(self, country: str, role: str, on: str | None = None) -> GazetteerEntry | None:
        """Who held an office on a date (None: today): ("USA", "head of state", "2019-06-01") -> Donald Trump.
        ``role`` is a leaders.tsv role ("head of state", "head of government", "foreign minister", ...)."""
        point = _date_point(on) if on else None
        holders = [
            e
            for e in self._terms
            if e.country == country
            and e.role == role
            and (e.end is None if point is None else _date_low(e.start or "0000") <= point <= _date_high(e.end))
        ]
        return max(holders, key=lambda e: _date_low(e.start or "0000"), default=None)

    def country_name(self, code: str, language: str = "en") -> str | None:
        """Canonical short name of an ISO3 or IGO code: ("PRK", "id") -> "Korea Utara", ("UNO", "en") ->
        "United Nations"."""
        return self._names.get((code, language)) or self._names.get((code, "en"))

    # -- helpers --------------------------------------------------------------------------------------------
    def _longest_at(
        self,
        text: str,
        tokens: Sequence[tuple[int, int, str]],
        keys: Sequence[tuple[str, str]],
        i: int,
        language: str | None,
    ) -> tuple[int, tuple[GazetteerEntry, ...]] | None:
        """The longest dictionary name starting at token ``i``: its last token and its entries."""
        best: tuple[int, tuple[GazetteerEntry, ...]] | None = None
        nodes = [self._trie]
        j = i
        while j < len(tokens):
            if j > i and "\n" in text[tokens[j - 1][1] : tokens[j][0]]:
                break  # a name does not run across lines
            # An acronym and an ordinary word may share a spelling in different aliases: follow both.
            # A token that folds to nothing (a lone combining accent) has the payload's key: it names nothing.
            nodes = [n[k] for n in nodes for k in keys[j] if k != _END and k in n]
            if not nodes:
                break
            payload = [a for n in nodes for a in n.get(_END, ())]
            if payload:
                entries = self._accept(payload, text[tokens[i][0]], language)
                if entries:
                    best = (j, entries)
            j += 1
        return best

    def _country_at(
        self,
        text: str,
        tokens: Sequence[tuple[int, int, str]],
        keys: Sequence[tuple[str, str]],
        k: int,
        language: str | None,
    ) -> bool:
        """Whether a country's name starts at token ``k``, on the same line as the token before it."""
        if k >= len(tokens) or "\n" in text[tokens[k - 1][1] : tokens[k][0]]:
            return False
        found = self._longest_at(text, tokens, keys, k, language)
        return found is not None and any(e.kind == "country" for e in found[1])

    def _with_area(
        self,
        text: str,
        tokens: Sequence[tuple[int, int, str]],
        keys: Sequence[tuple[str, str]],
        i: int,
        j: int,
        entries: tuple[GazetteerEntry, ...],
        language: str | None,
    ) -> tuple[int, tuple[GazetteerEntry, ...]] | None:
        """A unit head with the area after it: "Polda" + "Metro Jaya", "DPRD" + "Kabupaten Pati",
        "Kodam" + "XVII/Cenderawasih". Returns the new last token and one entry named by the head's canonical
        name and the area ("Kepolisian Resor Batang" -> "Polres Batang"); None for a head without the area it
        needs."""
        unit = next(e for e in entries if e in self._units)
        required = self._units[unit] == "required"
        last, k, unknown, placed, introduced = j, j + 1, 0, False, False
        # the area's words by the token they end on, a place by its canonical name ("Jateng" -> "Central
        # Java"), so that "Polda Jateng" and "Polda Jawa Tengah" are one body
        parts: list[tuple[int, str]] = []
        while k < len(tokens) and "\n" not in text[tokens[k - 1][1] : tokens[k][0]]:
            word = tokens[k][2]
            found = self._longest_at(text, tokens, keys, k, language)
            place = next((e for e in found[1] if e.kind in ("place", "capital")), None) if found else None
            if found is not None and place is not None:
                if placed:
                    break
                last = k = found[0]
                placed = True
                parts.append((k, place.name))
            elif word in self._area_words:
                # a required area may be one of them ("Pemprov DKI"), and they complete a place ("Polres Aceh
                # Tenggara"); otherwise they only join a head to its place ("DPRD Kota Bekasi")
                if required or placed:
                    last = k
                introduced = True
                parts.append((k, word))
            elif word == "/" and k + 1 < len(tokens) and tokens[k + 1][0] == tokens[k][1]:
                parts.append((k, word))  # "Kodam XVII/Cenderawasih"
            elif (
                # a place the dictionaries do not know after "Kabupaten", "Kota": "DPRD Kabupaten Serang"
                (required or introduced) and not placed and found is None and unknown < 2
                and (word[:1].isupper() or word.isdigit()) and word.lower() not in self._area_stops
                and not self.may_start_role(word)
            ):  # fmt: skip
                last, unknown = k, unknown + 1
                parts.append((k, word))
            else:
                break
            k += 1
        if last == j:
            return None if self._units[unit] else (j, entries)
        area = " ".join(part for end, part in parts if end <= last)
        return last, (replace(unit, name=f"{unit.name} {area}"),)

    @staticmethod
    def _accept(payload: list[_Alias], first: str, language: str | None) -> tuple[GazetteerEntry, ...]:
        seen: dict[GazetteerEntry, None] = {}
        for alias in sorted(payload, key=_entry_order):
            if alias.upper_start and not first.isupper():
                continue
            if language is not None and alias.language not in (None, language):
                continue
            seen.setdefault(alias.entry)
        return tuple(seen)

    @staticmethod
    def _leaders_on(entries: tuple[GazetteerEntry, ...], on: str) -> tuple[GazetteerEntry, ...]:
        point = _date_point(on)
        by_person: dict[str, list[GazetteerEntry]] = {}
        for e in entries:
            if e.kind == "leader":
                by_person.setdefault(e.name, []).append(e)
        kept: list[GazetteerEntry] = []
        for e in entries:
            if e.kind != "leader":
                kept.append(e)
            elif e.name in by_person:
                terms = by_person.pop(e.name)
                current = [t for t in terms if _date_low(t.start or "0000") <= point <= _date_high(t.end)]
                pick = (
                    max(current, key=lambda t: _date_low(t.start or "0000"))
                    if current
                    else min(terms, key=lambda t: _distance(t, point))
                )
                kept.append(pick)
        return tuple(kept)


def _entry_order(alias: _Alias) -> tuple[int, str]:
    entry = alias.entry
    if entry.kind != "leader":
        return _KIND_ORDER[entry.kind], ""
    # Later terms first: invert the digits so that an ascending sort puts the latest end, then start, first.
    recency = _date_high(entry.end) + _date_low(entry.start or "0000")
    return _KIND_ORDER["leader"], recency.translate(_INVERT)


_INVERT = str.maketrans("0123456789", "9876543210")


def _distance(entry: GazetteerEntry, point: str) -> int:
    """Days, roughly, between ``point`` and a term (0 inside it); comparisons only need the order."""

    def days(d: str) -> int:
        y, m, dd = (int(x) for x in d.split("-"))
        return y * 372 + m * 31 + dd

    p, lo, hi = days(point), days(_date_low(entry.start or "0000")), days(_date_high(entry.end))
    return 0 if lo <= p <= hi else min(abs(p - lo), abs(p - hi))


# -- building from the data files ---------------------------------------------------------------------------
