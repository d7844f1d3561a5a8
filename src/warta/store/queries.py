"""What to ask a store for: the query objects of events, quotes, entities and claims.

A query says *what* to find; each store backend turns it into its own SQL (see :mod:`warta.store.selects`)::

    with open_store(settings) as store:
        rows = store.select_events(EventQuery(country="PRK", type="AID", date_from="2024-06"))

Text filters (``actor``, ``speaker``, ``text``) are case-insensitive substrings; codes (countries, types,
statuses) are exact and normalised to upper/lower case here. Dates compare on their ``YYYY-MM-DD`` prefix
and a partial date is a period: an event dated "2024-06" is in any range that overlaps June 2024, and
``date_from="2024"`` means from the start of 2024. Events without a date never match a date filter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from warta.errors import UsageError
from warta.records import ENTITY_TYPES, EVENT_TYPES, STATUSES

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ].*)?)?)?$")


def _set(obj: Any, name: str, value: Any) -> None:
    # Normalising a frozen dataclass in __post_init__ has to bypass its own __setattr__.
    object.__setattr__(obj, name, value)


def _check_common(obj: Any) -> None:
    limit = obj.limit
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        raise UsageError(f"limit must be a whole number of rows (0 or more), got {limit!r}")


def _check_code(obj: Any, name: str, allowed: Sequence[str] | None = None, *, upper: bool = True) -> None:
    value = getattr(obj, name)
    if value is None:
        return
    value = value.strip().upper() if upper else value.strip().lower()
    if allowed is not None and value not in allowed:
        raise UsageError(f"unknown {name} {getattr(obj, name)!r}; choose one of: {', '.join(allowed)}")
    _set(obj, name, value)


def _check_date(obj: Any, name: str) -> None:
    value = getattr(obj, name)
    if value is None:
        return
    if not _DATE.match(value.strip()):
        raise UsageError(f"{name} must be a date like 2024, 2024-06 or 2024-06-19, got {value!r}")
    _set(obj, name, value.strip()[:10])


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events to select; every filter given must match (None means "any").

    ``actor`` matches the text or canonical name of a source or target actor; ``country`` matches either
    side, ``source_country``/``target_country`` one side only (ISO 3166 alpha-3); ``place_country`` the
    country where the event happened.
    """

    actor: str | None = None
    country: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    place_country: str | None = None
    type: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    article_id: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        for name in ("country", "source_country", "target_country", "place_country"):
            _check_code(self, name)
        _check_code(self, "type", EVENT_TYPES)
        _check_code(self, "status", STATUSES, upper=False)
        _check_date(self, "date_from")
        _check_date(self, "date_to")
        _check_common(self)


@dataclass(frozen=True, slots=True)
class QuoteQuery:
    """Which quotes to select: ``speaker`` and ``text`` are substrings, ``country`` the speaker's."""

    speaker: str | None = None
    country: str | None = None
    text: str | None = None
    article_id: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        _check_code(self, "country")
        _check_common(self)


@dataclass(frozen=True, slots=True)
class EntityQuery:
    """Which entity mentions to select: ``text`` is a substring of the mention or its canonical name."""

    text: str | None = None
    type: str | None = None
    country: str | None = None
    article_id: str | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        _check_code(self, "type", ENTITY_TYPES)
        _check_code(self, "country")
        _check_common(self)


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    """Which claims to select: ``actor`` matches an actor's text or name (substring) or country code on any
    event of the claim; ``contested`` keeps claims that at least one actor denies."""

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    contested: bool = False
    limit: int | None = None

    def __post_init__(self) -> None:
        _check_code(self, "country")
        _check_code(self, "type", EVENT_TYPES)
        _check_common(self)
