"""Date expressions: find them in a text and resolve them against the publication date.

Granularity follows the text: "Rabu (19/6)" -> 2024-06-19, "pada September" -> 2023-09, "tahun 2000" -> 2000,
"tahun lalu" (last year) -> 2023, "tiga hari lalu" (three days ago) -> 2024-06-16. Which expression belongs
to which event is :mod:`warta.events.dates`' business; the names, numbers and joiners are in
``data/dates.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from warta.data import load_yaml

_NAME_LISTS = ("months", "weekdays", "relative", "relative_weeks", "relative_months", "relative_years", "counts")


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression found in text, with offsets relative to the string searched."""

    start: int
    end: int
    value: str | None  # already absolute ("2019-10-28", "2000"), or None when it needs resolving
    weekday: int | None = None  # 0 = Monday
    month: int | None = None
    day: int | None = None
    relative_days: int | None = None
    relative_weeks: int | None = None
    relative_months: int | None = None
    relative_years: int | None = None
    direction: int | None = None  # -1 "Senin lalu" (last Monday), +1 "next Monday"; None: the tense decides

    @property
    def relative(self) -> bool:
        """Whether the expression counts days, weeks, months or years from the publication date."""
        shifts = (self.relative_days, self.relative_weeks, self.relative_months, self.relative_years)
        return any(s is not None for s in shifts)


def _alternation(words: Any) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@cache
def _names() -> dict[str, Any]:
    data = load_yaml("dates.yaml")
    extra = ("units", "ago", "direction", "range_joiners", "common_word_months", "vague_counts")
    return {key: data[key] for key in (*_NAME_LISTS, *extra)}


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    names = _names()
    months, weekdays = _alternation(names["months"]), _alternation(names["weekdays"])
    years_rel, weeks = _alternation(names["relative_years"]), _alternation(names["relative_weeks"])
    counts, units, ago = _alternation(names["counts"]), _alternation(names["units"]), _alternation(names["ago"])
    joiner = rf"\s*(?:{_alternation(names['range_joiners'])})\s*"
    pattern_kinds = [
        (r"\b((?:19|20)\d{2})-(\d{2})(?:-(\d{2}))?\b", "iso"),
        (r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", "dmy_numeric"),
        (r"\((\d{1,2})/(\d{1,2})\)", "dm_numeric"),
        # A range is dated by its first day: "KTT berlangsung 10-12 Juni 2024" (the summit took place on 10-12
        # June 2024) -> 2024-06-10; "from June 10 to 12" -> the 10th.
        # "24 hingga 3 Oktober" (24 [September] to 3 October) starts in the month before.
        (rf"\b(\d{{1,2}}){joiner}(\d{{1,2}})\s+({months})(?:\s+(\d{{4}}))?\b", "d_range"),
        (rf"\b({months})\s+(\d{{1,2}}){joiner}(\d{{1,2}})\b(?:,?\s+(\d{{4}}))?", "month_range"),
        (rf"\b(\d{{1,2}})\s+({months})\s+(\d{{4}})\b", "d_month_y"),
        (rf"\b({months})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", "month_d_y"),
        # A month with a relative year: "pada Maret tahun lalu" (in March last year), "on May 3 next year".
        (rf"\b(?:(\d{{1,2}})\s+)?({months})\s+({years_rel})\b", "d_month_rel"),
        (rf"\b({months})\s+(\d{{1,2}}),?\s+({years_rel})\b", "month_d_rel"),
        (rf"\b(\d{{1,2}})\s+({months})\b", "d_month"),
        (rf"\b({months})\s+(\d{{1,2}})\b(?!\s*,?\s*\d{{4}})", "month_d"),
        (rf"\b({months})\s+(\d{{4}})\b", "month_y"),
        (rf"\b(pada|bulan|in|since|sejak|during|last|next)\s+({months})\b", "month"),
        # "sejak tahun 1961" / "since 1961" is a reference point for a duration, not the date of an event.
        (r"\b(?<!sejak )(?<!since )(?:tahun|pada|in)\s+((?:19|20)\d{2})\b", "year"),
        # "tiga hari lalu" (three days ago), "dua pekan yang lalu" (two weeks ago), "five years ago".
        (rf"\b(\d{{1,3}}|{counts})\s+({units})\s+(?:{ago})\b", "ago"),
        # "Senin pekan lalu" (Monday last week), "Friday next week": that weekday in the named week.
        (rf"\b({weekdays})\s+({weeks})\b", "weekday_week"),
        (rf"\b({years_rel})\b", "relative_years"),
        (rf"\b({_alternation(names['relative_months'])})\b", "relative_months"),
        (rf"\b({weeks})\b", "relative_weeks"),
        (rf"\b({weekdays})\b", "weekday"),
        (rf"\b({_alternation(names['relative'])})\b", "relative"),
    ]
    return [(re.compile(pattern, re.I), kind) for pattern, kind in pattern_kinds]


def find_dates(text: str) -> list[DateExpression]:
    """Date expressions in ``text``, longest first where they overlap."""
    return list(_find_dates(text))


@lru_cache(maxsize=4096)
def _find_dates(text: str) -> tuple[DateExpression, ...]:
    # Cached: the coder asks once per trigger and once per quantity in the same sentence.
    found: list[DateExpression] = []
    for pattern, kind in _patterns():
        for m in pattern.finditer(text):
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            expr = _expression(kind, m)
            if expr is not None and kind.startswith("relative_") and _counted(text, m.start()):
                # "beberapa tahun lalu" (a few years ago), "dua belas tahun lalu" (twelve years ago): not last
                # year, and no count this module can read.
                continue
            if expr is not None:
                found.append(_with_direction(expr, text) if kind in _DIRECTED else expr)
    found.sort(key=lambda e: e.start)
    # "Rabu (19/6)": the weekday and the numeric date name the same day; keep the numeric one.
    return tuple(
        e
        for i, e in enumerate(found)
        if not (
            e.weekday is not None
            and i + 1 < len(found)
            and found[i + 1].start - e.end <= 3
            and found[i + 1].weekday is None
            and not found[i + 1].relative
        )
    )


def _expression(kind: str, m: re.Match[str]) -> DateExpression | None:
    """The expression a pattern of ``kind`` matched, or None when the match is not a date after all."""
    names = _names()
    months, g = names["months"], m.groups()
    span = (m.start(), m.end())
    # English month names that are also common words count only when capitalised: "China may 5 ..." has the
    # modal "may", "in May" the month.
    if any(word in names["common_word_months"] for word in g if isinstance(word, str)):
        return None
    if kind == "iso":
        return _iso(m, g)
    if kind == "dmy_numeric":
        return _absolute(m, int(g[2]), int(g[1]), int(g[0]))
    if kind == "dm_numeric":
        return DateExpression(*span, None, month=int(g[1]), day=int(g[0]))
    if kind in ("d_range", "month_range"):
        first, last, month = (g[0], g[1], g[2]) if kind == "d_range" else (g[1], g[2], g[0])
        number, year = months[month.lower()], int(g[3]) if g[3] else None
        if int(first) > int(last):  # the range starts in the month before
            number, year = (number - 1, year) if number > 1 else (12, year and year - 1)
        if year is None:
            return DateExpression(*span, None, month=number, day=int(first))
        return _absolute(m, year, number, int(first))
    if kind in ("d_month_y", "month_d_y"):
        day, month = (g[0], g[1]) if kind == "d_month_y" else (g[1], g[0])
        return _absolute(m, int(g[2]), months[month.lower()], int(day))
    if kind in ("d_month_rel", "month_d_rel"):
        day, month = (g[0], g[1]) if kind == "d_month_rel" else (g[1], g[0])
        shift = names["relative_years"][g[2].lower()]
        return DateExpression(
            *span, None, month=months[month.lower()], day=int(day) if day else None, relative_years=shift
        )
    if kind == "d_month":
        return DateExpression(*span, None, month=months[g[1].lower()], day=int(g[0]))
    if kind == "month_d":
        return DateExpression(*span, None, month=months[g[0].lower()], day=int(g[1]))
    if kind == "month_y":
        return DateExpression(*span, f"{int(g[1]):04d}-{months[g[0].lower()]:02d}")
    if kind == "month":
        # "last September", "next March": the preposition fixes the direction.
        directions = names["direction"]
        direction = -1 if g[0].lower() in directions["past_before"] else None
        direction = 1 if g[0].lower() in directions["future_before"] else direction
        return DateExpression(*span, None, month=months[g[1].lower()], direction=direction)
    if kind == "year":
        return DateExpression(*span, g[0])
    if kind == "ago":
        count = int(g[0]) if g[0].isdigit() else names["counts"][g[0].lower()]
        unit = names["units"][g[1].lower()]
        return DateExpression(*span, None, **{f"relative_{unit}s": -count})
    if kind in ("weekday", "weekday_week"):
        # "Minggu" is both Sunday and "week" ("pekan"/"minggu lalu" = last week): only a capitalised
        # weekday counts, as Indonesian writes day names with a capital.
        if not g[0][0].isupper():
            return None
        weeks = names["relative_weeks"][g[1].lower()] if kind == "weekday_week" else None
        return DateExpression(*span, None, weekday=names["weekdays"][g[0].lower()], relative_weeks=weeks)
    shift = names[kind][g[0].lower()]
    field = "relative_days" if kind == "relative" else kind
    return DateExpression(*span, None, **{field: shift})


def _counted(text: str, start: int) -> bool:
    """Whether a number or a vague count stands right before ``start``."""
    before = re.search(r"(\w+)\s+$", text[:start])
    return bool(before) and (before.group(1).isdigit() or before.group(1).lower() in _names()["vague_counts"])


# Expressions whose direction a neighbouring word may fix.
_DIRECTED = frozenset({"weekday", "month", "d_month", "month_d"})


def _with_direction(expr: DateExpression, text: str) -> DateExpression:
    """``expr`` with the direction its neighbours give it: "Jumat lalu" (last Friday), "3 September lalu"
    (last 3 September), "Senin depan" / "Senin mendatang" (next Monday), "last Monday", "next March"."""
    words = _names()["direction"]
    after = re.match(r"\s+(\w+)", text[expr.end :])
    if after and after.group(1).lower() in words["past_after"] + words["future_after"]:
        direction = -1 if after.group(1).lower() in words["past_after"] else 1
        return replace(expr, end=expr.end + after.end(), direction=direction)
    before = re.search(r"(\w+)\s+$", text[: expr.start])
    preceding = before.group(1).lower() if before else ""
    if preceding in words["past_before"]:
        return replace(expr, direction=-1)
    if preceding in words["future_before"]:
        return replace(expr, direction=1)
    return expr


def _iso(m: re.Match[str], g: tuple[str | Any, ...]) -> DateExpression | None:
    """ "2024-06-19" or "2017-09" as written in a page's header."""
    if not 1 <= int(g[1]) <= 12:
        return None
    if g[2] is None:
        return DateExpression(m.start(), m.end(), f"{g[0]}-{g[1]}")
    return _absolute(m, int(g[0]), int(g[1]), int(g[2]))


def _absolute(m: re.Match[str], year: int, month: int, day: int) -> DateExpression | None:
    try:
        value = dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return DateExpression(m.start(), m.end(), value)


def parse_published(published: str | None) -> dt.date | None:
    """The publication date as a date when it has day precision."""
    if not published or len(published) < 10:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def resolve(expr: DateExpression, published: str | None, *, future: bool) -> str | None:
    """The absolute date of ``expr`` ("YYYY", "YYYY-MM" or "YYYY-MM-DD"), or None if it cannot be placed.

    Relative expressions look backwards for past events and forwards for planned ones, unless a word fixes
    the direction: with publication date Wednesday 2024-06-19, "mengatakan pada Selasa" ("said on Tuesday") is
    2024-06-18, "akan bertolak ke Vietnam pada Rabu" ("will leave for Vietnam on Wednesday") the nearest
    Wednesday on or after it, 2024-06-19, and "Rabu depan" (next Wednesday) 2024-06-26.
    """
    if expr.value is not None:
        return expr.value
    pub = parse_published(published)
    pub_year = int(published[:4]) if published and published[:4].isdigit() else None
    pub_month = int(published[5:7]) if published and len(published) >= 7 else 12
    forward = future if expr.direction is None else expr.direction > 0
    if expr.weekday is not None:
        return None if pub is None else _weekday(expr, expr.weekday, pub, forward=forward)
    if expr.relative_days is not None:
        return None if pub is None else (pub + dt.timedelta(days=expr.relative_days)).isoformat()
    if expr.relative_weeks is not None:
        # "pekan lalu" (last week): the week is known, its day is not; the month is the honest precision.
        return None if pub is None else (pub + dt.timedelta(weeks=expr.relative_weeks)).isoformat()[:7]
    if pub_year is None:
        return None
    if expr.relative_months is not None:
        if not published or len(published) < 7:
            return None
        index = pub_year * 12 + pub_month - 1 + expr.relative_months
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    year = pub_year + (expr.relative_years or 0)
    if expr.month is None:
        return f"{year:04d}" if expr.relative_years is not None else None
    if expr.relative_years is None:
        # A month later than the publication month is last year's for a past event: "September" in an
        # article of June 2024 is 2023-09; an earlier one is next year's for a plan.
        if not forward and expr.month > pub_month:
            year -= 1
        elif forward and expr.month < pub_month:
            year += 1
    if expr.day is None:
        return f"{year:04d}-{expr.month:02d}"
    try:
        return dt.date(year, expr.month, expr.day).isoformat()
    except ValueError:
        return None


def _weekday(expr: DateExpression, weekday: int, pub: dt.date, *, forward: bool) -> str:
    """The day a weekday names. "Senin pekan lalu" (Monday last week) is the Monday of the week before the
    publication week; "Senin lalu" (last Monday) is strictly before the publication day and "Senin depan"
    (next Monday) strictly after it; a bare "Senin" may be the publication day itself."""
    if expr.relative_weeks is not None:
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=expr.relative_weeks)
        return (monday + dt.timedelta(days=weekday)).isoformat()
    strict = expr.direction is not None
    if forward:
        delta = (weekday - pub.weekday()) % 7 or (7 if strict else 0)
    else:
        delta = -((pub.weekday() - weekday) % 7 or (7 if strict else 0))
    return (pub + dt.timedelta(days=delta)).isoformat()


# The date an article was written, when its metadata has none: the first date in its opening paragraphs
# that is written with its weekday, as a dateline is ("kata anggota parlemen, dikutip Reuters, Rabu
# (20/11/2024)" - said the lawmaker, quoted by Reuters on Wednesday 20/11/2024). The weekday must agree with
# the date; a bare date ("on March 29, 2014" in a photo caption) may be anything.
_REFERENCE_CHARS = 1000


@lru_cache(maxsize=256)
def reference_date(text: str, published: str | None) -> str | None:
    """The date relative expressions in ``text`` are counted from: the publication date when it has day
    precision, else a weekday-confirmed date near the top of the text that agrees with it, else
    ``published`` as it is."""
    if parse_published(published) is not None:
        return published
    weekdays = _names()["weekdays"]
    head = text[:_REFERENCE_CHARS]
    for expr in find_dates(head):
        if expr.value is None or len(expr.value) != 10 or (published and not expr.value.startswith(published)):
            continue
        named = re.search(rf"\b({_alternation(weekdays)})\W{{0,3}}$", head[: expr.start], re.I)
        if named and weekdays[named.group(1).lower()] == dt.date.fromisoformat(expr.value).weekday():
            return expr.value
    return published
