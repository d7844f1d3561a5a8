"""Browsing a SQL store page by page: the queries behind the REST API and the web app.

Every list is read in pages with a *cursor* (keyset pagination): the cursor names the last row of a page by
its sort key, and the next page starts after it, so page 10,000 costs what page 1 does and rows saved
between two requests do not shift the pages. Facets and aggregates (counts by type, day, dyad, place) use
the same :class:`EventFilter` as the list, so a chart always shows what the table shows.

Like the rest of :mod:`warta.store` this module only reads rows: parameterised SQL through the backend's
``_query``, rows turned into the store's row types. It computes nothing (quad classes, chart geometry and
formats belong to the callers)::

    with open_store(path) as store:
        page = browse_events(store, EventFilter(country="IDN", types=("AID",)), limit=50)
        more = browse_events(store, EventFilter(country="IDN", types=("AID",)), cursor=page.cursor)
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from warta.errors import UsageError
from warta.records import EVENT_TYPES, STATUSES, Failure, Place
from warta.store import codec, ledger_codec, selects
from warta.store.queries import ClaimQuery, EntityQuery, QuoteQuery, _check_code, _check_date
from warta.store.rows import ClaimRow, EntityRow, EventRow, QuoteRow
from warta.store.sql import SqlStore
from warta.store.sql_base import CHUNK

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Rows per page when the caller does not say, and the most a caller may ask for.
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of rows and the cursor of the next page (None on the last page)."""

    rows: list[T]
    cursor: str | None


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to browse; every filter given must match (None or empty means "any").

    ``actor`` (text or canonical name), ``place`` (name of the place), ``text`` (the sentence) and ``outlet``
    are case-insensitive substrings; ``country`` and ``sector`` match an actor on either side; ``types`` is
    a set of PLOVER types (a quad class is its four or five types); dates are periods as in
    :class:`~warta.store.queries.EventQuery`.
    """

    actor: str | None = None
    country: str | None = None
    sector: str | None = None
    types: tuple[str, ...] = ()
    mode: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    place_country: str | None = None
    outlet: str | None = None
    text: str | None = None
    article_id: str | None = None

    def __post_init__(self) -> None:
        _check_code(self, "country")
        _check_code(self, "place_country")
        _check_code(self, "status", STATUSES, upper=False)
        _check_date(self, "date_from")
        _check_date(self, "date_to")
        unknown = [t for t in self.types if t.upper() not in EVENT_TYPES]
        if unknown:
            raise UsageError(f"unknown event type {unknown[0]!r}; choose among: {', '.join(EVENT_TYPES)}")
        object.__setattr__(self, "types", tuple(sorted({t.upper() for t in self.types})))


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One stored article as a list shows it, with how many events, quotes and entities it has."""

    id: str
    url: str | None
    title: str | None
    published: str | None
    outlet: str | None
    language: str | None
    events: int
    quotes: int
    entities: int


@dataclass(frozen=True, slots=True)
class ActorRow:
    """An actor key (its canonical name, else its text) with its country and sector and its event count."""

    name: str
    country: str | None
    sector: str | None
    events: int


@dataclass(frozen=True, slots=True)
class FailureRow:
    """A stored failure with when it was first and last seen and how many attempts failed."""

    failure: Failure
    first_seen: str
    last_seen: str
    attempts: int


@dataclass(frozen=True, slots=True)
class Where:
    """A WHERE clause under construction: conditions joined by AND, and their parameters in order."""

    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.conditions) if self.conditions else ""


def _like(column: str) -> str:
    return f"LOWER({column}) LIKE ? ESCAPE '\\'"


# -- cursors --------------------------------------------------------------------------------------------------


def encode_cursor(values: Sequence[Any]) -> str:
    """An opaque cursor for the sort key ``values`` of a page's last row."""
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    """The sort key a cursor names; a cursor that was not made by :func:`encode_cursor` is a usage error."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        values = None
    if not isinstance(values, list) or len(values) != size:
        raise UsageError("the cursor is not one this server gave out; start again without it", code="W104")
    return values


def _check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    return limit


def _after_newest(where: Where, column: str, id_column: str, cursor: str | None) -> None:
    """Rows after ``cursor`` in the order ``column DESC NULLS LAST, id_column DESC``."""
    if cursor is None:
        return
    value, last_id = decode_cursor(cursor, 2)
    if value is None:
        where.add(f"({column} IS NULL AND {id_column} < ?)", last_id)
    else:
        where.add(
            f"({column} < ? OR ({column} = ? AND {id_column} < ?) OR {column} IS NULL)", value, value, last_id
        )


def _page(rows: list[Any], limit: int, key: Any) -> tuple[list[Any], str | None]:
    """The first ``limit`` of ``rows`` (one more was asked for) and the cursor after the last of them."""
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor(key(rows[-1]))


# -- events ---------------------------------------------------------------------------------------------------


#: How many actor rows of one country a page may read through the country index before walking the events in
#: date order is the cheaper way to find the newest ones (see :func:`_walks_dates`).
COUNTRY_LIST_CAP = 20000


def event_where(f: EventFilter, *, walk: bool = False) -> Where:
    """The WHERE clause of ``f`` over ``events e JOIN articles a``.

    ``walk`` shapes it for reading events newest first along the date index and testing each one: the actor
    tests become correlated ``EXISTS`` on the actors' primary key, and the equality tests on events are
    written ``column || ''`` so the planner cannot trade the date order for their indexes (then sort
    everything they match). Without ``walk``, actor tests select event ids through the actors' indexes
    first, which is right when they are rare and for counting.
    """
    where = Where()
    if f.article_id is not None:
        where.add("e.article_id = ?", f.article_id)
    unindexed = " || ''" if walk else ""
    for column, value in (("e.status", f.status), ("e.place_country", f.place_country), ("e.mode", f.mode)):
        if value is not None:
            where.add(f"{column}{unindexed} = ?", value)
    if f.types:
        where.add(f"e.type{unindexed} IN ({', '.join('?' for _ in f.types)})", *f.types)
    if f.date_from is not None:
        where.add("(e.date >= ? OR e.date IN (?, ?))", f.date_from, f.date_from[:4], f.date_from[:7])
    if f.date_to is not None:
        where.add("e.date <= ?", f.date_to + "~")
    for column, value in (("e.sentence", f.text), ("a.outlet", f.outlet)):
        if value is not None:
            where.add(_like(column), selects.like_pattern(value))
    if f.place is not None:
        # The place is canonical JSON with sorted keys (codec.dumps): its name is the text between
        # "name":" and the one ","start" that follows, so the needle must fall inside the name, not in a key.
        needle = selects.like_pattern(f.place)[1:-1]
        where.add("LOWER(e.place) LIKE ? ESCAPE '\\'", f'%"name":"%{needle}%","start"%')
    actor_conditions: list[tuple[str, list[Any]]] = []
    if f.actor is not None:
        actor_conditions.append((f"({_like('x.text')} OR {_like('x.name')})", [selects.like_pattern(f.actor)] * 2))
    if f.country is not None:
        actor_conditions.append(("x.country = ?", [f.country]))
    if f.sector is not None:
        actor_conditions.append((_like("x.sector"), [selects.like_pattern(f.sector)]))
    for condition, params in actor_conditions:
        if walk:
            where.add(f"EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND {condition})", *params)
        else:
            where.add(f"e.id IN (SELECT x.event_id FROM event_actors x WHERE {condition})", *params)
    return where


def _walks_dates(store: SqlStore, f: EventFilter) -> bool:
    """Whether the newest events matching ``f`` are found faster by walking all events in date order than by
    reading the events of its actor country first.

    Walking costs about ``page size / share of events matching``: cheap for a common country (IDN is in
    half the events of Indonesian news), ruinous for a rare one (a country in 1 event in 1,000 means reading
    50,000 events for a page). Reading through the country index costs one row per event of that country:
    the reverse. Counting the country's actor rows up to a cap tells which case this is for the price of
    the cap.
    """
    if f.country is None:
        return True
    found = store._query(
        "SELECT COUNT(*) AS n FROM (SELECT 1 FROM event_actors x WHERE x.country = ? LIMIT ?) t",
        [f.country, COUNTRY_LIST_CAP],
    )
    return int(found[0]["n"]) >= COUNTRY_LIST_CAP


_EVENT_COLUMNS = (
    "SELECT e.id, e.article_id, e.idx, e.type, e.mode, e.status, e.date, e.location, e.trigger, e.sentence,"
    " e.start_char, e.end_char, e.attributed_to, e.quantity, e.place, "
    + ", ".join(f"a.{name}" for name in selects.ARTICLE_FIELDS)
)



def _newest(store: SqlStore, f: EventFilter, columns: str, cursor: str | None = None) -> tuple[str, list[Any]]:
    """The SELECT of ``columns`` of the events matching ``f`` (and after ``cursor``), newest first, with the
    cheaper of the two plans; the caller appends ``LIMIT ?``."""
    walk = _walks_dates(store, f)
    where = event_where(f, walk=walk)
    if walk:
        where.add("a.id = e.article_id")
    _after_newest(where, "e.date", "e.id", cursor)
    # Walking the dates, events must be the outer loop: in SQLite a CROSS JOIN keeps its left table outside
    # (PostgreSQL reads it as a plain join and plans as it likes).
    source = " FROM events e " + ("CROSS JOIN articles a" if walk else "JOIN articles a ON a.id = e.article_id")
    return f"{columns}{source}{where.sql()} ORDER BY e.date DESC NULLS LAST, e.id DESC", where.params


def browse_events(
    store: SqlStore, f: EventFilter, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT
) -> Page[EventRow]:
    """Events matching ``f``, newest first (undated last), one page at a time."""
    with store._errors("browse events"), store._transaction(write=False):
        sql, params = _newest(store, f, _EVENT_COLUMNS, cursor)
        found = store._query(sql + " LIMIT ?", [*params, _check_limit(limit) + 1])
        found, next_cursor = _page(found, limit, lambda row: (row["date"], row["id"]))
        actors = store._actors([row["id"] for row in found])
    rows = [codec.selected_event(row, *actors.get(row["id"], ((), ()))) for row in found]
    return Page(rows, next_cursor)


def count_events(store: SqlStore, f: EventFilter, *, cap: int | None = None) -> int:
    """How many events match ``f``; with ``cap``, counting stops there (the answer is then ``cap``)."""
    with store._errors("count events"), store._transaction(write=False):
        if cap is None:
            where = event_where(f)
            sql = f"SELECT COUNT(*) AS n FROM events e JOIN articles a ON a.id = e.article_id{where.sql()}"
            found = store._query(sql, where.params)
        else:
            # The newest `cap` matches, found as a page is: fast when the filter is common or rare.
            inner, params = _newest(store, f, "SELECT e.id")
            found = store._query(f"SELECT COUNT(*) AS n FROM ({inner} LIMIT ?) t", [*params, cap])
    return int(found[0]["n"])


def event_facets(
    store: SqlStore, f: EventFilter, *, newest: int | None = None
) -> dict[str, list[tuple[str, int]]]:
    """Counts of the events matching ``f`` by type, mode, status, outlet and actor country, largest first;
    with ``newest``, of the newest ``newest`` of them only (what a page can afford on a large store).

    Two passes over the events counted, whatever their number: one grouped by the four event columns at
    once (summed per facet here), one through their actors for the countries.
    """
    names = {"type": "e.type", "mode": "e.mode", "status": "e.status", "outlet": "a.outlet"}
    totals: dict[str, dict[str, int]] = {name: {} for name in names}
    countries: dict[str, int] = {}
    with store._errors("count facets"), store._transaction(write=False):
        if newest is None:
            where = event_where(f)
            scopes = [(where.sql(), where.params)]
        else:
            # The newest ids are found once, then counted a chunk at a time: the chunks are disjoint, so
            # their counts add up.
            inner, inner_params = _newest(store, f, "SELECT e.id")
            ids = [row["id"] for row in store._query(inner + " LIMIT ?", [*inner_params, newest])]
            scopes = [(f" WHERE e.id IN ({', '.join('?' for _ in chunk)})", chunk)
                      for chunk in (ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK))]  # fmt: skip
        columns = ", ".join(f"{column} AS {name}" for name, column in names.items())
        grouped = ", ".join(names.values())
        for condition, params in scopes:
            base = f"FROM events e JOIN articles a ON a.id = e.article_id{condition}"
            for row in store._query(f"SELECT {columns}, COUNT(*) AS n {base} GROUP BY {grouped}", params):
                for name in names:
                    if row[name] is not None:
                        totals[name][row[name]] = totals[name].get(row[name], 0) + int(row["n"])
            found = store._query(
                "SELECT x.country AS v, COUNT(DISTINCT x.event_id) AS n FROM events e"
                " JOIN articles a ON a.id = e.article_id JOIN event_actors x ON x.event_id = e.id"
                f"{condition}{' AND' if condition else ' WHERE'} x.country IS NOT NULL GROUP BY x.country",
                params,
            )
            for row in found:
                countries[row["v"]] = countries.get(row["v"], 0) + int(row["n"])
    totals["country"] = countries
    return {name: _largest({"v": v, "n": n} for v, n in counts.items()) for name, counts in totals.items()}


def _largest(found: Iterable[Any]) -> list[tuple[str, int]]:
    return sorted(((row["v"], int(row["n"])) for row in found), key=lambda item: (-item[1], item[0]))


def events_by_day(store: SqlStore, f: EventFilter) -> list[tuple[str, str, int]]:
    """``(day, type, count)`` of the events matching ``f`` that have a full date, by day."""
    where = event_where(f)
    where.add("LENGTH(e.date) >= 10")
    sql = (
        "SELECT SUBSTR(e.date, 1, 10) AS day, e.type, COUNT(*) AS n FROM events e JOIN articles a"
        f" ON a.id = e.article_id{where.sql()} GROUP BY SUBSTR(e.date, 1, 10), e.type ORDER BY day, e.type"
    )
    with store._errors("count events by day"):
        return [(row["day"], row["type"], int(row["n"])) for row in store._query(sql, where.params)]


_ACTOR_KEY = "COALESCE(x.country, x.name, x.text)"


def events_by_dyad(store: SqlStore, f: EventFilter, *, limit: int = 200) -> list[tuple[str, str, str, int]]:
    """``(source, target, type, count)`` over the first source and target actor of the events matching
    ``f`` (an actor is its country code, else its name), largest first."""
    where = event_where(f)
    sql = (
        f"SELECT {_ACTOR_KEY} AS source, {_ACTOR_KEY.replace('x.', 'y.')} AS target, e.type, COUNT(*) AS n"
        " FROM events e JOIN articles a ON a.id = e.article_id"
        " JOIN event_actors x ON x.event_id = e.id AND x.side = 'source' AND x.position = 0"
        " JOIN event_actors y ON y.event_id = e.id AND y.side = 'target' AND y.position = 0"
        f"{where.sql()} GROUP BY 1, 2, 3 ORDER BY n DESC, 1, 2, 3 LIMIT ?"
    )
    with store._errors("count events by dyad"):
        found = store._query(sql, [*where.params, limit])
    return [(row["source"], row["target"], row["type"], int(row["n"])) for row in found]


def events_by_place(store: SqlStore, f: EventFilter, *, limit: int = 500) -> list[tuple[Place, int]]:
    """Resolved places of the events matching ``f`` with their event counts, largest first."""
    where = event_where(f)
    where.add("e.place IS NOT NULL")
    sql = (
        "SELECT e.place, COUNT(*) AS n FROM events e JOIN articles a ON a.id = e.article_id"
        f"{where.sql()} GROUP BY e.place ORDER BY n DESC, e.place LIMIT ?"
    )
    with store._errors("count events by place"):
        found = store._query(sql, [*where.params, limit])
    counts: dict[Place, int] = {}
    for row in found:
        place = codec.place_from_json(row["place"])
        # The same place found under two spellings ("Jakarta", "jakarta") is one point on the map.
        key = Place(text=place.name, name=place.name, country=place.country, kind=place.kind,
                    lat=place.lat, lon=place.lon)  # fmt: skip
        counts[key] = counts.get(key, 0) + int(row["n"])
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].name))


# -- articles, quotes, entities, actors, failures ---------------------------------------------------------


def browse_articles(
    store: SqlStore, *, outlet: str | None = None, text: str | None = None, cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Page[ArticleRow]:  # fmt: skip
    """Stored articles, newest first, optionally by outlet or title (substrings)."""
    where = Where()
    if outlet is not None:
        where.add(_like("a.outlet"), selects.like_pattern(outlet))
    if text is not None:
        where.add(_like("a.title"), selects.like_pattern(text))
    _after_newest(where, "a.published", "a.id", cursor)
    sql = (
        "SELECT a.id, a.url, a.title, a.published, a.outlet, a.language,"
        " (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) AS events,"
        " (SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,"
        " (SELECT COUNT(*) FROM entities n WHERE n.article_id = a.id) AS entities"
        f" FROM articles a{where.sql()} ORDER BY a.published DESC NULLS LAST, a.id DESC LIMIT ?"
    )
    with store._errors("browse articles"):
        found = store._query(sql, [*where.params, _check_limit(limit) + 1])
    found, next_cursor = _page(found, limit, lambda row: (row["published"], row["id"]))
    return Page([ArticleRow(**dict(row)) for row in found], next_cursor)


def _by_id(
    store: SqlStore, select: str, where: Where, id_column: str, cursor: str | None, limit: int, what: str
) -> tuple[list[Any], str | None]:
    if cursor is not None:
        where.add(f"{id_column} > ?", decode_cursor(cursor, 1)[0])
    sql = f"{select}{where.sql()} ORDER BY {id_column} LIMIT ?"
    with store._errors(f"browse {what}"):
        found = store._query(sql, [*where.params, _check_limit(limit) + 1])
    return _page(found, limit, lambda row: (row["id"],))


def browse_quotes(
    store: SqlStore, *, speaker: str | None = None, country: str | None = None, text: str | None = None,
    article_id: str | None = None, cursor: str | None = None, limit: int = DEFAULT_LIMIT,
) -> Page[QuoteRow]:  # fmt: skip
    """Quotes by speaker (substring), speaker country, text (substring) or article, in id order."""
    where = Where()
    if speaker is not None:
        where.add(_like("qu.speaker"), selects.like_pattern(speaker))
    if text is not None:
        where.add(_like("qu.text"), selects.like_pattern(text))
    if country is not None:
        where.add("qu.speaker_country = ?", country.strip().upper())
    if article_id is not None:
        where.add("qu.article_id = ?", article_id)
    select = selects.quotes_sql(QuoteQuery())[0].split(" ORDER BY ")[0]
    found, next_cursor = _by_id(store, select, where, "qu.id", cursor, limit, "quotes")
    return Page([codec.selected_quote(row) for row in found], next_cursor)


def browse_entities(
    store: SqlStore, *, text: str | None = None, type: str | None = None, country: str | None = None,
    article_id: str | None = None, cursor: str | None = None, limit: int = DEFAULT_LIMIT,
) -> Page[EntityRow]:  # fmt: skip
    """Entity mentions by text (substring of the mention or its name), type, country or article."""
    where = Where()
    if text is not None:
        where.add(f"({_like('en.text')} OR {_like('en.name')})", *[selects.like_pattern(text)] * 2)
    for column, value in (("en.type", type), ("en.country", country)):
        if value is not None:
            where.add(f"{column} = ?", value.strip().upper())
    if article_id is not None:
        where.add("en.article_id = ?", article_id)
    select = selects.entities_sql(EntityQuery())[0].split(" ORDER BY ")[0]
    found, next_cursor = _by_id(store, select, where, "en.id", cursor, limit, "entities")
    return Page([codec.selected_entity(row) for row in found], next_cursor)


def browse_actors(
    store: SqlStore, *, name: str | None = None, country: str | None = None, cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Page[ActorRow]:  # fmt: skip
    """Actors (by canonical name, else text) with their event counts, most active first."""
    where = Where()
    where.add("COALESCE(x.name, x.text) IS NOT NULL")
    if name is not None:
        where.add(f"({_like('x.text')} OR {_like('x.name')})", *[selects.like_pattern(name)] * 2)
    if country is not None:
        where.add("x.country = ?", country.strip().upper())
    having = ""
    params = list(where.params)
    if cursor is not None:
        events, key = decode_cursor(cursor, 2)
        having = (" HAVING COUNT(DISTINCT x.event_id) < ?"
                  " OR (COUNT(DISTINCT x.event_id) = ? AND COALESCE(x.name, x.text) > ?)")  # fmt: skip
        params += [events, events, key]
    sql = (
        "SELECT COALESCE(x.name, x.text) AS name, MAX(x.country) AS country, MAX(x.sector) AS sector,"
        f" COUNT(DISTINCT x.event_id) AS events FROM event_actors x{where.sql()}"
        f" GROUP BY COALESCE(x.name, x.text){having} ORDER BY events DESC, name LIMIT ?"
    )
    with store._errors("browse actors"):
        found = store._query(sql, [*params, _check_limit(limit) + 1])
    found, next_cursor = _page(found, limit, lambda row: (row["events"], row["name"]))
    return Page([ActorRow(**dict(row)) for row in found], next_cursor)


def browse_failures(store: SqlStore, *, cursor: str | None = None, limit: int = DEFAULT_LIMIT) -> Page[FailureRow]:
    """Stored failures, most recently seen first."""
    where = Where()
    _after_newest(where, "f.last_seen", "f.id", cursor)
    sql = f"SELECT * FROM failures f{where.sql()} ORDER BY f.last_seen DESC NULLS LAST, f.id DESC LIMIT ?"
    with store._errors("browse failures"):
        found = store._query(sql, [*where.params, _check_limit(limit) + 1])
    found, next_cursor = _page(found, limit, lambda row: (row["last_seen"], row["id"]))
    rows = [FailureRow(codec.failure_from_row(row), row["first_seen"], row["last_seen"], int(row["attempts"]))
            for row in found]  # fmt: skip
    return Page(rows, next_cursor)


# -- claims -------------------------------------------------------------------------------------------------

_CONTESTED = "CASE WHEN c.denying > 0 THEN 1 ELSE 0 END"


def browse_claims(
    store: SqlStore, *, actor: str | None = None, type: str | None = None, contested: bool = False,
    cursor: str | None = None, limit: int = DEFAULT_LIMIT,
) -> Page[ClaimRow]:  # fmt: skip
    """Claims, contested ones first, then by how many mentions they have."""
    # The ledger's own select (with its filters) as a subquery, so this page only adds order and cursor.
    inner, params = selects.claims_sql(ClaimQuery(actor=actor, type=type, contested=contested))
    select = f"SELECT * FROM ({inner.rsplit(' ORDER BY ', 1)[0]}) c"
    where = Where([], list(params))
    if cursor is not None:
        flag, mentions, last_id = decode_cursor(cursor, 3)
        where.add(
            f"({_CONTESTED} < ? OR ({_CONTESTED} = ? AND (c.mentions < ? OR (c.mentions = ? AND c.id > ?))))",
            flag, flag, mentions, mentions, last_id,
        )  # fmt: skip
    sql = f"{select}{where.sql()} ORDER BY {_CONTESTED} DESC, c.mentions DESC, c.id LIMIT ?"
    with store._errors("browse claims"), store._transaction(write=False):
        found = store._query(sql, [*where.params, _check_limit(limit) + 1])
        found, next_cursor = _page(found, limit, lambda r: (1 if r["denying"] > 0 else 0, r["mentions"], r["id"]))
        claims = store._with_places([ledger_codec.claim_from_row(row) for row in found])
    return Page(claims, next_cursor)
