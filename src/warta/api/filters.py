"""The query parameters of event lists, facets and charts, shared by the REST API and the web pages.

One dependency turns them into a :class:`~warta.store.browse.EventFilter`, so ``/api/v1/events``,
``/api/v1/aggregates/*`` and the pages ``/events``, ``/timeline``, ``/dyads`` and ``/map`` accept the same
filters and a link copied from one works on the others. A quad class (``quad=4``, material conflict) is its
PLOVER types; types and quad classes given together must both hold.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from warta.errors import UsageError
from warta.records import QUAD_CLASSES
from warta.store.browse import EventFilter

#: Quad class number (GDELT's QuadClass) -> its name and types.
QUADS: dict[int, tuple[str, tuple[str, ...]]] = {
    number: (name, types) for number, (name, types) in enumerate(QUAD_CLASSES.items(), 1)
}
#: PLOVER type -> quad class number.
QUAD_OF: dict[str, int] = {t: number for number, (_, types) in QUADS.items() for t in types}

#: The filter names, in the order forms show them (also what a link to a filtered view carries).
FILTER_NAMES = ("q", "actor", "country", "sector", "type", "quad", "mode", "status", "date_from", "date_to",
                "place", "place_country", "outlet", "article")  # fmt: skip


def _blank_to_none(value: str | None) -> str | None:
    # An empty form field means "any", not "the empty string".
    return value.strip() or None if value is not None else None


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def quad_types(quads: list[str]) -> tuple[str, ...]:
    """The PLOVER types of the quad classes named by number (1-4)."""
    types: list[str] = []
    for value in quads:
        if not value.isdigit() or int(value) not in QUADS:
            raise UsageError(f"quad must be a quad class number 1-4, got {value!r}")
        types.extend(QUADS[int(value)][1])
    return tuple(types)


def event_filter(
    q: Annotated[str | None, Query(description="words in the event's sentence (substring)")] = None,
    actor: Annotated[str | None, Query(description="source or target actor's text or name (substring)")] = None,
    country: Annotated[str | None, Query(description="ISO 3166 alpha-3 or IGO code of either actor")] = None,
    sector: Annotated[str | None, Query(description="either actor's sector (substring: GOV, MIL...)")] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER types (repeat or comma-separate)")] = None,
    quad: Annotated[list[str] | None, Query(description="quad classes 1-4 (repeat or comma-separate)")] = None,
    mode: Annotated[str | None, Query(description="PLOVER mode")] = None,
    status: Annotated[str | None, Query(description="asserted, reported, denied, future, hypothetical")] = None,
    date_from: Annotated[str | None, Query(description="from this date (2024, 2024-06, 2024-06-19)")] = None,
    date_to: Annotated[str | None, Query(description="up to this date (inclusive)")] = None,
    place: Annotated[str | None, Query(description="name of the place where it happened (substring)")] = None,
    place_country: Annotated[str | None, Query(description="country where it happened (alpha-3)")] = None,
    outlet: Annotated[str | None, Query(description="outlet of the article (substring)")] = None,
    article: Annotated[str | None, Query(description="article id")] = None,
) -> EventFilter:
    """The event filter of a request's query parameters."""
    types = tuple(_split(type))
    quads = quad_types(_split(quad))
    if quads and types:
        # Both given: the types inside the quad classes.
        types = tuple(t for t in types if t.upper() in quads)
        if not types:
            raise UsageError("none of the types given is in the quad classes given: nothing can match")
    elif quads:
        types = quads
    return EventFilter(
        text=_blank_to_none(q), actor=_blank_to_none(actor), country=_blank_to_none(country),
        sector=_blank_to_none(sector), types=types, mode=_blank_to_none(mode), status=_blank_to_none(status),
        date_from=_blank_to_none(date_from), date_to=_blank_to_none(date_to), place=_blank_to_none(place),
        place_country=_blank_to_none(place_country), outlet=_blank_to_none(outlet),
        article_id=_blank_to_none(article),
    )  # fmt: skip
