"""Quantities attached to events: "hampir 5 juta peluru artileri" -> 5,000,000, approximate, "peluru artileri".

A quantity is a number (digits with the language's separators, a number word, or a vague amount like "ratusan",
hundreds) optionally scaled ("5,2 juta", "3.5 million"), marked approximate by a word before it ("hampir",
"sekitar", "nearly", "about"), with a unit: a currency ("$50,000", "1,8 miliar dolar") or the nouns after it
up to a function word ("10.900 pasukan Korea Utara" -> "pasukan"). Indonesian writes "1.000" for a thousand
and "5,2" for five point two; English the other way round. Years, dates and percentages are not quantities.
The words live in ``data/quantities.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta.data import all_language_words, language_setting, load_yaml, word_alternation, word_key
from warta.events.dates import find_dates
from warta.records import Quantity

# How far from the trigger a quantity may stand, in characters: "mengirimkan sekitar 10.000 tentara" puts the
# number right after the verb; "10.900 pasukan Korea Utara telah dikerahkan" before it.
_AFTER_CHARS = 80
_BEFORE_CHARS = 60
_NUMBER = re.compile(r"(?<![\w/])(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)(?![\w/]|[.,]\d)")
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[$€£]|[\w-]+|[^\w\s]", re.UNICODE)
# A quantity does not reach across a semicolon or colon, nor across a comma before a speech cue: "..., kata
# Retno, 5.000 ..." (..., Retno said, 5,000 ...) puts the number in another clause.
_CLAUSE_BREAK = re.compile(
    rf"[;:]|,\s*(?:{word_alternation(all_language_words('quantities.yaml', 'clause_cues'))})\b", re.I
)


@dataclass(frozen=True, slots=True)
class _Words:
    scales: dict[str, float]
    numbers: dict[str, float]
    vague: dict[str, float]
    approx: tuple[tuple[str, ...], ...]
    currency: dict[str, str]
    stops: frozenset[str]


@cache
def _words(language: str) -> _Words:
    data = load_yaml("quantities.yaml")
    lang = word_key(language)
    return _Words(
        scales={k.lower(): float(v) for k, v in data["scales"].items()},
        numbers={k.lower(): float(v) for k, v in data["words"].items()},
        vague={k.lower(): float(v) for k, v in data["vague"].items()},
        approx=tuple(sorted((tuple(w.split()) for w in data["approx"][lang]), key=len, reverse=True)),
        currency={k.lower(): v for k, v in data["currency_before"].items()},
        stops=frozenset(data["unit_stops"][lang]),
    )


def parse_number(text: str, language: str) -> float | None:
    """A number written with the separators of ``language``: "1.000" and "5,2" in Indonesian, "1,000" and
    "3.5" in English. A group of exactly three digits after the thousands separator is read as thousands in
    either language ("10.900 pasukan", "25,000 tons")."""
    thousands, decimal = language_setting(language, "number_separators")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text) and (thousands in text or text.count(decimal) > 1):
        return float(re.sub(r"[.,]", "", text))
    try:
        return float(text.replace(thousands, "").replace(decimal, "."))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    quantity: Quantity


def find_quantities(text: str, language: str) -> list[_Found]:
    """Every quantity in ``text`` with its character span."""
    words = _words(language)
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    lowered = [t[2].lower() for t in tokens]
    date_spans = [(d.start, d.end) for d in find_dates(text)]
    out: list[_Found] = []
    i = 0
    while i < len(tokens):
        start, end, token = tokens[i]
        low = lowered[i]
        value: float | None = None
        vague = False
        j = i + 1
        if _NUMBER.fullmatch(token):
            value = parse_number(token, language)
            if any(s <= start < e for s, e in date_spans) or _is_year(token, lowered, j):
                i += 1
                continue
        elif low in words.vague and j < len(tokens) and lowered[j] not in words.scales:
            value, vague = words.vague[low], True
        elif low in words.numbers:
            value = words.numbers[low]
        if value is None:
            i += 1
            continue
        if j < len(tokens) and lowered[j] in ("%", "persen", "percent", "per"):
            i = j + 1
            continue
        while j < len(tokens) and lowered[j] in words.scales and not (lowered[j] == "m" and j + 1 < len(tokens)):
            value *= words.scales[lowered[j]]
            j += 1
        unit, approx, first = _currency(tokens, lowered, i, words)
        marker = _approx_before(lowered, first, words)
        approx = approx or vague or marker > 0
        first -= marker
        if unit is None:
            unit, j = _unit_after(tokens, lowered, j, words)
        last_end = tokens[j - 1][1]
        q = Quantity(value=value, unit=unit, approx=approx, text=text[tokens[first][0] : last_end])
        out.append(_Found(tokens[first][0], last_end, q))
        i = j
    return out


def _is_year(token: str, lowered: list[str], nxt: int) -> bool:
    """ "pada 2024", "since 1961": a bare four-digit number from 1900 to 2100 with no scale word after it."""
    return token.isdigit() and len(token) == 4 and 1900 <= int(token) <= 2100


def _currency(
    tokens: list[tuple[int, int, str]], lowered: list[str], i: int, words: _Words
) -> tuple[str | None, bool, int]:
    """A currency sign or code right before the number ("$50,000", "US$ 1,8 miliar")."""
    if i > 1 and lowered[i - 2] + lowered[i - 1] in words.currency:
        return words.currency[lowered[i - 2] + lowered[i - 1]], False, i - 2
    if i > 0 and lowered[i - 1] in words.currency:
        return words.currency[lowered[i - 1]], False, i - 1
    return None, False, i


def _approx_before(lowered: list[str], first: int, words: _Words) -> int:
    """How many words before token ``first`` say the number is approximate ("hampir", "more than")."""
    for phrase in words.approx:
        n = len(phrase)
        if first - n >= 0 and tuple(lowered[first - n : first]) == phrase:
            return n
    return 0


def _unit_after(
    tokens: list[tuple[int, int, str]], lowered: list[str], j: int, words: _Words
) -> tuple[str | None, int]:
    """The nouns after a number, up to a function word or punctuation: "5 juta peluru artileri dari ..." ->
    "peluru artileri"; "70 million dollars of aid" -> "dollars". English "of" after a vague amount is skipped
    ("thousands of troops")."""
    if j < len(tokens) and lowered[j] == "of":
        j += 1
    unit: list[str] = []
    k = j
    while k < len(tokens) and len(unit) < 3:
        word = tokens[k][2]
        low = lowered[k]
        # A capitalised word ends the unit ("5 juta peluru artileri Korea Utara"), except a people right after
        # the number: "killed 23 Palestinians".
        people = k == j and word[:1].isupper() and word.endswith("s") and word.isalpha()
        if low in words.stops or not word.isalpha() and "-" not in word or _is_verb(low):
            break
        if word[:1].isupper() and not people:
            break
        unit.append(low)
        k += 1
    return (" ".join(unit) or None), (k if unit else j)


def _is_verb(word: str) -> bool:
    """A verb ends a unit: "tiga kapal perang dikirim" (three warships were sent), "troops deployed"."""
    return len(word) >= 6 and (word.startswith(("di", "me", "ber", "ter")) or word.endswith("ed"))


def quantity_near(sentence: str, trigger_start: int, trigger_end: int, language: str) -> Quantity | None:
    """The quantity that goes with the trigger at ``[trigger_start, trigger_end)`` of ``sentence``: the nearest
    one after it ("mengirimkan hampir 5 juta peluru", sent nearly 5 million shells), else the nearest before
    it ("10.900 pasukan Korea Utara telah dikerahkan"), in the same clause."""
    best: tuple[int, Quantity] | None = None
    for found in find_quantities(sentence, language):
        if found.start >= trigger_end:
            gap, lo, hi = found.start - trigger_end, trigger_end, found.start
            if gap > _AFTER_CHARS:
                continue
        elif found.end <= trigger_start:
            gap, lo, hi = trigger_start - found.end, found.end, trigger_start
            # Before the trigger the quantity must be its own subject, not the end of another clause: "amunisi
            # ... hampir 5 juta peluru artileri, Rusia telah mengirim teknologi" - the shells are not what
            # Russia sent.
            if gap > _BEFORE_CHARS or "," in sentence[lo:hi]:
                continue
            gap += _AFTER_CHARS  # a quantity after the trigger is preferred
        else:
            continue
        if _CLAUSE_BREAK.search(sentence[lo:hi]):
            continue
        if best is None or gap < best[0]:
            best = (gap, found.quantity)
    return best[1] if best else None
