"""Small normalisers for article metadata: publication dates and author lists."""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import logging
import re

from warta.extract.boilerplate import alternation, load_boilerplate

log = logging.getLogger(__name__)

# "2024", "2024-06", "2024-06-19", "2024/06/19", "2024-06-19T14:05:00+07:00", "2024-06-19 14:05".
_ISO_LIKE = re.compile(r"^(?P<y>\d{4})(?:[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?)?(?:$|[T\s])")
# Publication years outside this range are parsing accidents ("0001-01-01" defaults, far-future typos).
_YEARS = range(1900, 2101)


def normalise_date(value: str | None) -> str | None:
    """Return ``value`` as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (as precise as it was given), or None.

    Accepts ISO dates and datetimes ("2024-06-19T14:05:00+07:00" -> "2024-06-19": the calendar date as
    published, not converted to UTC, because a Jakarta evening edition belongs to its local day), slashed
    year-first dates ("2024/06/19") and RSS dates ("Wed, 19 Jun 2024 10:30:00 +0700"). Day-first forms
    such as "19/06/2024" are refused: "03/04/2024" is April in Jakarta and March in Washington.
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    match = _ISO_LIKE.match(text)
    if match:
        year, month, day = int(match["y"]), match["m"], match["d"]
        try:
            if year not in _YEARS:
                raise ValueError(f"year {year} out of range")
            if month is None:
                return f"{year:04d}"
            if day is None:
                dt.date(year, int(month), 1)
                return f"{year:04d}-{int(month):02d}"
            return dt.date(year, int(month), int(day)).isoformat()
        except ValueError as exc:
            log.debug("unusable date %r: %s", value, exc)
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        log.debug("unrecognised date format %r", value)
        return None
    return parsed.date().isoformat() if parsed.year in _YEARS else None


@functools.cache
def _author_separator() -> re.Pattern[str]:
    """A semicolon, or a joiner word between two names (``author_joiners`` in ``data/boilerplate.yaml``)."""
    return re.compile(rf";|\s+(?:{alternation(load_boilerplate().author_joiners)})\s+")


def split_authors(value: str | None) -> tuple[str, ...]:
    """Split an author string into names, in order and without repeats.

    trafilatura joins several authors with "; " ("Rina Wulandari; Dimas Pratama"); a web page may also
    write "Rina Wulandari, Dimas Pratama" or "... dan/and ...". Commas only split when every part has at
    least two words, so "Morris, Lena" (surname first) stays one name.
    """
    if not value:
        return ()
    names: list[str] = []
    for part in _author_separator().split(value):
        pieces = [p.strip() for p in part.split(",")]
        if len(pieces) > 1 and not all(len(p.split()) >= 2 for p in pieces):
            pieces = [part.strip()]
        for name in pieces:
            name = " ".join(name.split())
            if name and name not in names:
                names.append(name)
    return tuple(names)
