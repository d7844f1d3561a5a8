"""SELECT statements for the query objects of :mod:`warta.store.queries`, in portable SQL.

Each builder returns ``(sql, params)`` with ``?`` placeholders and no literal ``%`` or ``?`` anywhere else,
so a backend whose driver wants ``%s`` can translate mechanically. Substring filters compare ``LOWER()`` of
both sides with ``LIKE ... ESCAPE``; the SQLite backend replaces SQLite's ASCII-only ``LOWER`` with
Python's so that "KOREA" finds "Koréa" there as it would in PostgreSQL.
"""

from __future__ import annotations

import logging
from typing import Any

from warta.store.queries import ClaimQuery, EntityQuery, EventQuery, QuoteQuery

log = logging.getLogger(__name__)

#: Article columns that every selected event, quote and entity carries.
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
    for column, value in (
        ("e.article_id", q.article_id), ("e.type", q.type), ("e.status", q.status),
        ("e.place_country", q.place_country),
    ):  # fmt: skip
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
        " e.start_char, e.end_char, e.attributed_to, e.quantity, e.place, "
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
        " qu.start_char, qu.end_char, qu.speaker_start, qu.speaker_end, qu.speaker_actor, qu.speaker_affiliation,"
        f" {_ARTICLE_SELECT} FROM quotes qu JOIN articles a ON a.id = qu.article_id"
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


# -- claims ledger -----------------------------------------------------------------------------------------

#: The first article of a claim (its earliest stance) and that article's URL, as correlated subqueries.
_FIRST_STANCE = "SELECT {column} FROM claim_stances s{join} WHERE s.claim_id = c.id ORDER BY s.idx LIMIT 1"
_CLAIM_SELECT = (
    "SELECT c.*, ("
    + _FIRST_STANCE.format(column="s.article_id", join="")
    + ") AS first_article, ("
    + _FIRST_STANCE.format(column="fa.url", join=" JOIN articles fa ON fa.id = s.article_id")
    + ") AS first_url FROM claims c"
)


def claims_sql(q: ClaimQuery, *, claim_id: str | None = None) -> tuple[str, list[Any]]:
    """Claims matching ``q`` (or the one ``claim_id``), dated ones first in date order."""
    where: list[str] = []
    params: list[Any] = []
    if claim_id is not None:
        where.append("c.id = ?")
        params.append(claim_id)
    if q.type is not None:
        where.append("c.type = ?")
        params.append(q.type)
    if q.contested:
        where.append("c.denying > 0")
    # Actor filters look through the claim's events to their actors, as the event filters do.
    through_actors = (
        "c.id IN (SELECT ce.claim_id FROM claim_evidence ce JOIN event_actors x ON x.event_id = ce.event_id"
        " WHERE {condition})"
    )
    if q.actor is not None:
        where.append(through_actors.format(condition=f"{_like('x.text')} OR {_like('x.name')} OR x.country = ?"))
        params += [like_pattern(q.actor)] * 2 + [q.actor.strip().upper()]
    if q.country is not None:
        where.append(through_actors.format(condition="x.country = ?"))
        params.append(q.country)
    order = "CASE WHEN c.date IS NULL THEN 1 ELSE 0 END, c.date, c.first_seen, c.id"
    return _finish(_CLAIM_SELECT, where, order, q.limit, params)


def claim_places_sql(claim_ids: list[str]) -> tuple[str, list[Any]]:
    """The resolved places of the events merged into each of ``claim_ids``, in the order they were stored."""
    marks = ", ".join("?" * len(claim_ids))
    sql = (
        "SELECT ce.claim_id, e.place FROM claim_evidence ce JOIN events e ON e.id = ce.event_id"
        f" WHERE e.place IS NOT NULL AND ce.claim_id IN ({marks}) ORDER BY ce.claim_id, e.article_id, e.idx"
    )
    return sql, list(claim_ids)


def claim_ids_with_prefix_sql(prefix: str) -> tuple[str, list[Any]]:
    """Ids of claims starting with ``prefix`` (at most two: enough to tell a unique prefix)."""
    escaped = prefix.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "SELECT id FROM claims WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 2", [escaped + "%"]


def stances_sql(claim_id: str) -> tuple[str, list[Any]]:
    """The stances of one claim in trail order, with their event's sentence and their article's metadata.

    A cited piece of evidence (rule ``citation``) has no event of its own: its type is the claim's, its
    status its kind, its trigger the source as written, and its sentence is cut from the article text.
    """
    sql = (
        "SELECT s.*, COALESCE(e.type, c.type) AS event_type, COALESCE(e.status, s.kind) AS status,"
        " COALESCE(e.trigger, s.holder, '') AS trigger,"
        # CAST: offsets are 8-byte integers (BIGINT in PostgreSQL), and PostgreSQL's substr takes 4-byte ones.
        " COALESCE(e.sentence, substr(a.text, CAST(s.sentence_start + 1 AS INTEGER),"
        " CAST(s.sentence_end - s.sentence_start AS INTEGER)))"
        " AS sentence, a.outlet, a.url, a.title, a.published, ac.cluster_id FROM claim_stances s"
        " JOIN claims c ON c.id = s.claim_id LEFT JOIN events e ON e.id = s.event_id"
        " JOIN articles a ON a.id = s.article_id LEFT JOIN article_clusters ac ON ac.article_id = s.article_id"
        " WHERE s.claim_id = ? ORDER BY s.idx"
    )
    return sql, [claim_id]


def denied_claims_sql(claim_id: str) -> tuple[str, list[Any]]:
    """Claims that the REJECT events of ``claim_id`` deny."""
    sql = (
        "SELECT DISTINCT ce.claim_id FROM event_denials d JOIN claim_evidence ce ON ce.event_id = d.event_id"
        " WHERE d.kind = 'denied'"
        " AND d.reject_id IN (SELECT r.event_id FROM claim_evidence r WHERE r.claim_id = ?)"
        " AND ce.claim_id IS NOT NULL ORDER BY ce.claim_id"
    )
    return sql, [claim_id]


def denying_claims_sql(claim_id: str) -> tuple[str, list[Any]]:
    """Claims whose REJECT events deny ``claim_id``."""
    sql = (
        "SELECT DISTINCT r.claim_id FROM event_denials d JOIN claim_evidence ce ON ce.event_id = d.event_id"
        " JOIN claim_evidence r ON r.event_id = d.reject_id WHERE d.kind = 'denied' AND ce.claim_id = ?"
        " AND r.claim_id IS NOT NULL"
        " ORDER BY r.claim_id"
    )
    return sql, [claim_id]


def clusters_sql(*, min_size: int = 1) -> tuple[str, list[Any]]:
    """Articles with their story cluster, clusters of at least ``min_size`` articles, in order of arrival."""
    sql = (
        "SELECT ac.cluster_id, ac.article_id, ac.similarity, ac.joined, a.outlet, a.title, a.url, a.published"
        " FROM article_clusters ac JOIN articles a ON a.id = ac.article_id WHERE ac.cluster_id IN"
        " (SELECT cluster_id FROM article_clusters GROUP BY cluster_id HAVING COUNT(*) >= ?)"
        " ORDER BY ac.cluster_id, a.first_seen, ac.article_id"
    )
    return sql, [min_size]
