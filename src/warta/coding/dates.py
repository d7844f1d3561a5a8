"""Event dates: find date expressions in a sentence and resolve them against the publication date.

Granularity follows the text: "Rabu (19/6)" -> 2024-06-19, "pada September" -> 2023-09, "tahun 2000" -> 2000.
Relative expressions look backwards for past events and forwards for planned ones: with publication date
Wednesday 2024-06-19, "mengatakan pada Selasa" ("said on Tuesday") is 2024-06-18, while "akan bertolak ke
Vietnam pada Rabu" ("will leave for Vietnam on Wednesday") is the nearest Wednesday on or after it,
2024-06-19. A month later than the publication month is last year's for a past event: "September" in an
article of June 2024 is 2023-09.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from warta.data import load_yaml


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


@cache
def _patterns() -> tuple[dict[str, dict[str, int]], list[tuple[re.Pattern[str], str]]]:
    data = load_yaml("dates.yaml")
    names = {key: data[key] for key in ("months", "weekdays", "relative", "relative_weeks", "relative_months")}
    months = "|".join(sorted(map(re.escape, names["months"]), key=len, reverse=True))
    weekdays = "|".join(sorted(map(re.escape, names["weekdays"]), key=len, reverse=True))
    relative = "|".join(sorted(map(re.escape, names["relative"]), key=len, reverse=True))
    weeks = "|".join(sorted(map(re.escape, names["relative_weeks"]), key=len, reverse=True))
    months_rel = "|".join(sorted(map(re.escape, names["relative_months"]), key=len, reverse=True))
    patterns = [
        (re.compile(r"\b((?:19|20)\d{2})-(\d{2})(?:-(\d{2}))?\b"), "iso"),
        (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), "dmy_numeric"),
        (re.compile(r"\((\d{1,2})/(\d{1,2})\)"), "dm_numeric"),
        (re.compile(rf"\b(\d{{1,2}})\s+({months})\s+(\d{{4}})\b", re.I), "d_month_y"),
        (re.compile(rf"\b({months})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I), "month_d_y"),
        (re.compile(rf"\b(\d{{1,2}})\s+({months})\b", re.I), "d_month"),
        (re.compile(rf"\b({months})\s+(\d{{1,2}})\b(?!\s*,?\s*\d{{4}})", re.I), "month_d"),
        (re.compile(rf"\b({months})\s+(\d{{4}})\b", re.I), "month_y"),
        (re.compile(rf"\b(?:pada|bulan|in|since|sejak|during)\s+({months})\b", re.I), "month"),
        # "sejak tahun 1961" / "since 1961" is a reference point for a duration, not the date of an event.
        (re.compile(r"\b(?<!sejak )(?<!since )(?:tahun|pada|in)\s+((?:19|20)\d{2})\b", re.I), "year"),
        (re.compile(rf"\b({months_rel})\b", re.I), "relative_months"),
        (re.compile(rf"\b({weeks})\b", re.I), "relative_weeks"),
        (re.compile(rf"\b({weekdays})\b", re.I), "weekday"),
        (re.compile(rf"\b({relative})\b", re.I), "relative"),
    ]
    return names, patterns


def find_dates(text: str) -> list[DateExpression]:
    """Date expressions in ``text``, longest first where they overlap."""
    return list(_find_dates(text))


@lru_cache(maxsize=4096)
def _find_dates(text: str) -> tuple[DateExpression, ...]:
    # Cached: the coder asks once per trigger and once per quantity in the same sentence.
    names, patterns = _patterns()
    months, weekdays, relative = names["months"], names["weekdays"], names["relative"]
    found: list[DateExpression] = []
    for pattern, kind in patterns:
        for m in pattern.finditer(text):
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            g = m.groups()
            if kind == "iso":
                expr = _iso(m, g)
            elif kind == "dmy_numeric":
                expr = _absolute(m, int(g[2]), int(g[1]), int(g[0]))
            elif kind == "dm_numeric":
                expr = DateExpression(m.start(), m.end(), None, month=int(g[1]), day=int(g[0]))
            elif kind == "d_month_y":
                expr = _absolute(m, int(g[2]), months[g[1].lower()], int(g[0]))
            elif kind == "month_d_y":
                expr = _absolute(m, int(g[2]), months[g[0].lower()], int(g[1]))
            elif kind == "d_month":
                expr = DateExpression(m.start(), m.end(), None, month=months[g[1].lower()], day=int(g[0]))
            elif kind == "month_d":
                expr = DateExpression(m.start(), m.end(), None, month=months[g[0].lower()], day=int(g[1]))
            elif kind == "month_y":
                expr = DateExpression(m.start(), m.end(), f"{int(g[1]):04d}-{months[g[0].lower()]:02d}")
            elif kind == "month":
                expr = DateExpression(m.start(), m.end(), None, month=months[g[0].lower()])
            elif kind == "year":
                expr = DateExpression(m.start(), m.end(), g[0])
            elif kind == "weekday":
                # "Minggu" is both Sunday and "week" ("pekan"/"minggu lalu" = last week): only a capitalised
                # weekday counts, as Indonesian writes day names with a capital.
                if not g[0][0].isupper():
                    continue
                expr = DateExpression(m.start(), m.end(), None, weekday=weekdays[g[0].lower()])
            elif kind == "relative_months":
                shift = names["relative_months"][g[0].lower()]
                expr = DateExpression(m.start(), m.end(), None, relative_months=shift)
            elif kind == "relative_weeks":
                shift = names["relative_weeks"][g[0].lower()]
                expr = DateExpression(m.start(), m.end(), None, relative_weeks=shift)
            else:
                expr = DateExpression(m.start(), m.end(), None, relative_days=relative[g[0].lower()])
            if expr is not None:
                found.append(expr)
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
            and found[i + 1].relative_days is None
            and found[i + 1].relative_weeks is None
            and found[i + 1].relative_months is None
        )
    )


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
    """The absolute date of ``expr`` ("YYYY", "YYYY-MM" or "YYYY-MM-DD"), or None if it cannot be placed."""
    if expr.value is not None:
        return expr.value
    pub = parse_published(published)
    pub_year = int(published[:4]) if published and published[:4].isdigit() else None
    if expr.weekday is not None:
        if pub is None:
            return None
        delta = (expr.weekday - pub.weekday()) % 7 if future else -((pub.weekday() - expr.weekday) % 7)
        return (pub + dt.timedelta(days=delta)).isoformat()
    if expr.relative_days is not None:
        if pub is None:
            return None
        return (pub + dt.timedelta(days=expr.relative_days)).isoformat()
    if expr.relative_weeks is not None:
        # "pekan lalu" (last week): the week is known, its day is not; the month is the honest precision.
        if pub is None:
            return None
        return (pub + dt.timedelta(weeks=expr.relative_weeks)).isoformat()[:7]
    if expr.relative_months is not None:
        if pub_year is None or not published or len(published) < 7:
            return None
        index = pub_year * 12 + int(published[5:7]) - 1 + expr.relative_months
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if expr.month is not None and pub_year is not None:
        pub_month = int(published[5:7]) if published and len(published) >= 7 else 12
        year = pub_year
        if not future and expr.month > pub_month:
            year -= 1
        elif future and expr.month < pub_month:
            year += 1
        if expr.day is None:
            return f"{year:04d}-{expr.month:02d}"
        try:
            return dt.date(year, expr.month, expr.day).isoformat()
        except ValueError:
            return None
    return None


# Words that open another clause: a date beyond them belongs to another event. "Lawatan Putin dilakukan
# setelah Kim Jong Un melakukan perjalanan ke Rusia pada September" (Putin's visit came after Kim travelled
# to Russia in September): September dates Kim's trip, not Putin's visit.
_CLAUSE_BREAK = re.compile(
    r"[,;]|\b(?:setelah|sebelum|sejak|ketika|saat|sementara|yang|bahwa|after|before|since|when|while|which|that)\b",
    re.I,
)


_CLAUSE_WORD = re.compile(
    r"[;:]|\b(?:setelah|sebelum|sejak|ketika|saat|sementara|yang|bahwa|kata|ujar|menurut|dikutip|bunyi|after|"
    r"before|since|when|while|which|that|who|said|says|according|quoted|citing)\b",
    re.I,
)


def event_date(
    sentence: str,
    trigger_at: int,
    published: str | None,
    *,
    future: bool,
    dates: list[DateExpression] | None = None,
) -> str | None:
    """The date of an event whose trigger starts at ``trigger_at`` in ``sentence``.

    The nearest date expression in the trigger's own clause wins. A planned event is never dated before the
    publication date ("akan ... sejak 1961" is not a plan for 1961).
    """
    exprs = find_dates(sentence) if dates is None else dates
    best = None
    for expr in exprs:
        lo, hi = (trigger_at, expr.start) if expr.start >= trigger_at else (expr.end, trigger_at)
        # "pada Senin, (28/10/2019)": punctuation right next to the date is part of it, not a clause break.
        if _CLAUSE_BREAK.search(sentence[lo:hi].strip(" ,()")):
            continue
        distance = hi - lo
        if best is None or distance < best[0]:
            best = (distance, expr)
    if best is None:
        # A date closing the sentence dates its main verb even after a list: "menyetujui proposal penjualan
        # tiga sistem senjata ke Taiwan, termasuk sensor, rudal, dan artileri senilai 1,8 miliar dolar AS pada
        # pekan lalu." (approved the proposed sale ..., including sensors, missiles and artillery, last week).
        # Only commas may stand between, no word that opens another clause.
        final = [
            e
            for e in exprs
            if e.start >= trigger_at
            and not sentence[e.end :].strip(' ."”’)')
            and not _CLAUSE_WORD.search(sentence[trigger_at : e.start])
        ]
        if not final:
            return None
        best = (0, final[0])
    value = resolve(best[1], published, future=future)
    if future and value and published and value < published[: len(value)]:
        return None
    return value


@cache
def background_words(language: str) -> frozenset[str]:
    """Words that place an event before the article's news (``background`` in ``data/dates.yaml``)."""
    return frozenset(load_yaml("dates.yaml")["background"]["id" if language == "id" else "en"])


_BACKGROUND_WINDOW = 4


def is_background(words: list[str], index: int, language: str) -> bool:
    """Whether the trigger at token ``index`` is marked as earlier than the news: "China telah memberi sanksi
    kepada beberapa perusahaan AS" (China has [already] sanctioned several US firms), "had met"."""
    cues = background_words(language)
    for k in range(index - 1, max(-1, index - 1 - _BACKGROUND_WINDOW), -1):
        if words[k] in (",", ";", ":"):
            break
        if words[k] in cues:
            return True
    return False


# The lead of a news article dates its news: "Manila, Jumat - Ratusan warga Filipina berdemonstrasi ...,
# Jumat (11/5)" (Manila, Friday - hundreds of Filipinos demonstrated ... on Friday 11 May). Only a date near
# the top and at most a week before publication counts; an older one is background.
_LEAD_CHARS = 600
_LEAD_MAX_DAYS = 7


def lead_date(text: str, published: str | None) -> str | None:
    """The day the article's news happened: the first day-precise date in its lead, within a week before the
    publication date; None when the lead names no such day. A page header that dates the article less
    precisely than its metadata ("date 2017-09" on a page published 2017-09-16) is what the text allows."""
    pub = parse_published(published)
    if pub is None:
        return None
    for expr in find_dates(text[:_LEAD_CHARS]):
        value = resolve(expr, published, future=False)
        if value is not None and len(value) == 7 and expr.value is not None and published.startswith(value):
            return value
        if value is None or len(value) != 10:
            continue
        day = dt.date.fromisoformat(value)
        if dt.timedelta(0) <= pub - day <= dt.timedelta(days=_LEAD_MAX_DAYS):
            return value
    return None
