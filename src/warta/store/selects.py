"""SELECT statements for :mod:`warta.query`'s query objects, in portable SQL.

Each builder returns ``(sql, params)`` with ``?`` placeholders and no literal ``%`` or ``?`` anywhere else,
so a backend whose driver wants ``%s`` can translate mechanically. Substring filters compare ``LOWER()`` of
both sides with ``LIKE ... ESCAPE``; the SQLite backend replaces SQLite's ASCII-only ``LOWER`` with
Python's so that "KOREA" finds "Koréa" there as it would in PostgreSQL.
"""

from __future__ import annotations

import logging
from typing import Any

from warta.query import EntityQuery, EventQuery, QuoteQuery

log = logging.getLogger(__name__)

ARTICLE_FIELDS = ("url", "title", "published", "outlet", "language")
_ARTICLE_SELECT = ", ".join(f"a.{name}" for name in ARTICLE_FIELDS)

#: Sorts after every character that can follow a date prefix in an ISO date or timestamp ("0-9", "-", "T",
#: ":", "+", "Z", "."), so "2024-06~" is above every date in June 2024.
_DATE_END = "~"


def like_pattern(needle: str) -> str:
    """A case-insensitive ``LIKE`` pattern matching ``needle`` anywhere (its own ``%``/``_`` are literal)."""
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _like(column: str) -> str:
    return f"LOWER({column}) LIKE ? ESCAPE '\\'"


def _finish(select: str, where: list[str], order: str, limit: int | None, params: list[Any]) -> tuple[str, list]:
    sql = select + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY " + order
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params


def _by_published(alias: str) -> str:
    # Undated articles last, in both SQLite (NULLs sort first) and PostgreSQL (NULLs sort last).
    return f"CASE WHEN a.published IS NULL THEN 1 ELSE 0 END, a.published, {alias}.article_id, {alias}.idx"


def events_sql(q: EventQuery) -> tuple[str, list[Any]]:
    """Events (with article metadata) matching ``q``, ordered by event date, undated last."""
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("e.article_id", q.article_id), ("e.type", q.type), ("e.status", q.status)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    # A date is a period ("2024-06" is all of June) and overlaps [from, to] when it ends on or after `from`
    # and starts on or before `to`. It ends on or after `from` when it sorts at or after it, or when it is a
    # coarser date containing it ("2024" or "2024-06" for "2024-06-15"); both tests can use the date index.
    if q.date_from is not None:
        where.append("(e.date >= ? OR e.date IN (?, ?))")
        params += [q.date_from, q.date_from[:4], q.date_from[:7]]
    # It starts on or before `to` when it sorts at or before the end of `to`'s period, which is `to` followed
    # by a character above every one that can continue a date.
    if q.date_to is not None:
        where.append("e.date <= ?")
        params.append(q.date_to + _DATE_END)
    # Actor filters select event ids from event_actors first, so that a country filter is an index search.
    if q.actor is not None:
        where.append(
            f"e.id IN (SELECT x.event_id FROM event_actors x WHERE {_like('x.text')} OR {_like('x.name')})"
        )
        params += [like_pattern(q.actor)] * 2
    for side, value in ((None, q.country), ("source", q.source_country), ("target", q.target_country)):
        if value is not None:
            side_sql = "" if side is None else f" AND x.side = '{side}'"
            where.append(f"e.id IN (SELECT x.event_id FROM event_actors x WHERE x.country = ?{side_sql})")
            params.append(value)
    select = (
        "SELECT e.id, e.article_id, e.idx, e.type, e.mode, e.status, e.date, e.location, e.trigger, e.sentence,"
        " e.start_char, e.end_char, e.attributed_to, e.quantity, "
        f"{_ARTICLE_SELECT} FROM events e JOIN articles a ON a.id = e.article_id"
    )
    order = "CASE WHEN e.date IS NULL THEN 1 ELSE 0 END, e.date, e.article_id, e.idx"
    return _finish(select, where, order, q.limit, params)


def actors_sql(event_ids: list[str]) -> tuple[str, list[Any]]:
    """The actors of ``event_ids`` in side and position order (keep the list short: one ``?`` per id)."""
    marks = ", ".join("?" for _ in event_ids)
    sql = f"SELECT * FROM event_actors WHERE event_id IN ({marks}) ORDER BY event_id, side, position"
    return sql, list(event_ids)


def quotes_sql(q: QuoteQuery) -> tuple[str, list[Any]]:
    """Quotes (with article metadata) matching ``q``, ordered by publication date then position."""
    where: list[str] = []
    params: list[Any] = []
    if q.article_id is not None:
        where.append("qu.article_id = ?")
        params.append(q.article_id)
    if q.country is not None:
        where.append("qu.speaker_country = ?")
        params.append(q.country)
    if q.speaker is not None:
        where.append(_like("qu.speaker"))
        params.append(like_pattern(q.speaker))
    if q.text is not None:
        where.append(_like("qu.text"))
        params.append(like_pattern(q.text))
    select = (
        "SELECT qu.id, qu.article_id, qu.speaker, qu.speaker_country, qu.text, qu.direct, qu.cue, qu.via,"
        f" qu.start_char, qu.end_char, {_ARTICLE_SELECT} FROM quotes qu JOIN articles a ON a.id = qu.article_id"
    )
    return _finish(select, where, _by_published("qu"), q.limit, params)


def entities_sql(q: EntityQuery) -> tuple[str, list[Any]]:
    """Entity mentions (with article metadata) matching ``q``, ordered by publication date then position."""
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("en.article_id", q.article_id), ("en.type", q.type), ("en.country", q.country)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    if q.text is not None:
        where.append(f"({_like('en.text')} OR {_like('en.name')})")
        params += [like_pattern(q.text)] * 2
    select = (
        "SELECT en.id, en.article_id, en.text, en.type, en.country, en.name, en.kind, en.sector, en.role,"
        f" en.start_char, en.end_char, {_ARTICLE_SELECT} FROM entities en JOIN articles a ON a.id = en.article_id"
    )
    return _finish(select, where, _by_published("en"), q.limit, params)
