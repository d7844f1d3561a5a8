"""Schema migrations: named functions, applied once each, in order, and recorded in ``schema_migrations``.

To change the schema, append a new function ``mNNN_what_it_does(execute)`` to :data:`MIGRATIONS`; never edit
one that has shipped, since databases in the wild have already recorded it as applied. The DDL is portable
SQL (TEXT, INTEGER, BOOLEAN, ``CREATE ... IF NOT EXISTS``, no autoincrement, no reserved words as column
names: offsets are ``start_char``/``end_char`` because ``END`` is reserved in PostgreSQL), so every backend
runs the same list.

Nested values (authors, captions, tokens, quantities) are JSON in TEXT columns; the columns that queries
filter on (type, date, status, countries, actor names) are real columns with indexes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from warta.errors import StoreError

log = logging.getLogger(__name__)

Execute = Callable[[str], Any]


class Query(Protocol):
    """Run one statement with ``?`` parameters and return its rows (mappings by column name)."""

    def __call__(self, sql: str, params: Sequence[Any] = (), /) -> list[Any]: ...


def m001_initial(execute: Execute) -> None:
    """Runs, articles and their children, failures."""
    execute(
        """CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            command TEXT NOT NULL,
            inputs TEXT NOT NULL,
            settings TEXT NOT NULL,
            started TEXT NOT NULL,
            finished TEXT,
            processed INTEGER,
            failed INTEGER
        )"""
    )
    execute(
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT,
            source TEXT NOT NULL,
            title TEXT,
            published TEXT,
            language TEXT,
            outlet TEXT,
            authors TEXT NOT NULL,
            text TEXT NOT NULL,
            captions TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            run_id TEXT REFERENCES runs (id) ON DELETE SET NULL,
            first_seen TEXT NOT NULL,
            updated TEXT NOT NULL
        )"""
    )
    execute(
        """CREATE TABLE sentences (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            tokens TEXT NOT NULL,
            PRIMARY KEY (article_id, idx)
        )"""
    )
    execute(
        """CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,
            country TEXT,
            name TEXT,
            kind TEXT,
            sector TEXT,
            role TEXT,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL
        )"""
    )
    execute(
        """CREATE TABLE quotes (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            speaker TEXT,
            speaker_country TEXT,
            text TEXT NOT NULL,
            direct BOOLEAN NOT NULL,
            cue TEXT,
            via TEXT,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL
        )"""
    )
    execute(
        """CREATE TABLE events (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            type TEXT NOT NULL,
            mode TEXT,
            status TEXT NOT NULL,
            date TEXT,
            location TEXT,
            trigger TEXT NOT NULL,
            sentence TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            attributed_to TEXT,
            quantity TEXT
        )"""
    )
    execute(
        """CREATE TABLE event_actors (
            event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
            side TEXT NOT NULL CHECK (side IN ('source', 'target')),
            position INTEGER NOT NULL,
            text TEXT,
            name TEXT,
            country TEXT,
            sector TEXT,
            role TEXT,
            start_char INTEGER,
            end_char INTEGER,
            PRIMARY KEY (event_id, side, position)
        )"""
    )
    execute(
        """CREATE TABLE failures (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            url TEXT,
            stage TEXT NOT NULL,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            transient BOOLEAN NOT NULL,
            record_id TEXT,
            run_id TEXT REFERENCES runs (id) ON DELETE SET NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            attempts INTEGER NOT NULL
        )"""
    )
    # Indexes for the query filters; event_actors' covers (country, side) -> event_id without a table read.
    indexes = [
        ("articles", "url"),
        ("articles", "published"),
        ("articles", "run_id"),
        ("entities", "article_id"),
        ("entities", "country"),
        ("entities", "type"),
        ("entities", "name"),
        ("quotes", "article_id"),
        ("quotes", "speaker_country"),
        ("events", "article_id"),
        ("events", "type"),
        ("events", "date"),
        ("events", "status"),
        ("event_actors", "country, side, event_id"),
        ("event_actors", "name"),
        ("failures", "run_id"),
        ("failures", "source"),
    ]
    for table, columns in indexes:
        name = f"ix_{table}_{columns.split(',')[0]}"
        execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")


def m002_claims(execute: Execute) -> None:
    """Story clusters and the claims ledger (see :mod:`warta.claims`).

    Rows here are derived from the articles and rewritten with them in the article's transaction. Columns
    holding event ids carry no foreign key on purpose: a save replaces an article's events before it
    refreshes the ledger rows that point at them, in the same transaction.
    """
    # One row per article: its MinHash signature (JSON list), how it was made, and its story cluster.
    execute(
        """CREATE TABLE article_clusters (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            cluster_id TEXT NOT NULL,
            similarity REAL,
            joined TEXT,
            method TEXT NOT NULL,
            signature TEXT NOT NULL
        )"""
    )
    execute(
        """CREATE TABLE article_bands (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            band_key TEXT NOT NULL,
            PRIMARY KEY (article_id, band_key)
        )"""
    )
    # Each stored event as evidence: its merge bucket, its stance, and the claim it was merged into.
    execute(
        """CREATE TABLE claim_evidence (
            event_id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            bucket TEXT NOT NULL,
            claim_id TEXT,
            kind TEXT NOT NULL,
            holder TEXT,
            holder_country TEXT,
            via TEXT,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            source_names TEXT NOT NULL,
            target_names TEXT NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL
        )"""
    )
    # A denial (REJECT event) attached to the event it denies, one row per denier.
    execute(
        """CREATE TABLE event_denials (
            reject_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            holder TEXT,
            holder_country TEXT,
            rule TEXT NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            PRIMARY KEY (reject_id, event_id, position)
        )"""
    )
    execute(
        """CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            bucket TEXT NOT NULL,
            type TEXT NOT NULL,
            mode TEXT,
            is_symmetric BOOLEAN NOT NULL,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            source_names TEXT NOT NULL,
            target_names TEXT NOT NULL,
            date TEXT,
            first_seen TEXT NOT NULL,
            founder TEXT NOT NULL,
            mentions INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            outlets INTEGER NOT NULL,
            clusters INTEGER NOT NULL,
            asserting INTEGER NOT NULL,
            reporting INTEGER NOT NULL,
            denying INTEGER NOT NULL,
            future INTEGER NOT NULL,
            hypothetical INTEGER NOT NULL,
            digest TEXT NOT NULL
        )"""
    )
    execute(
        """CREATE TABLE claim_stances (
            id TEXT PRIMARY KEY,
            claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL,
            event_id TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            holder TEXT,
            holder_country TEXT,
            via TEXT,
            rule TEXT,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL
        )"""
    )
    indexes = [
        ("article_clusters", "cluster_id"),
        ("article_bands", "band_key"),
        ("claim_evidence", "bucket"),
        ("claim_evidence", "claim_id"),
        ("claim_evidence", "article_id"),
        ("event_denials", "article_id"),
        ("event_denials", "event_id"),
        ("claims", "bucket"),
        ("claims", "type"),
        ("claims", "date"),
        ("claim_stances", "claim_id"),
        ("claim_stances", "article_id"),
    ]
    for table, columns in indexes:
        execute(f"CREATE INDEX IF NOT EXISTS ix_{table}_{columns} ON {table} ({columns})")


def m003_event_places(execute: Execute) -> None:
    """Where each event happened, resolved (name, country, coordinates) as JSON; ``place_country`` is a real
    column so events can be selected by the country they happened in."""
    execute("ALTER TABLE events ADD COLUMN place TEXT")
    execute("ALTER TABLE events ADD COLUMN place_country TEXT")
    execute("CREATE INDEX IF NOT EXISTS ix_events_place_country ON events (place_country)")


def m004_cited_evidence(execute: Execute) -> None:
    """``event_denials`` also holds evidence an article cites for an event ("shown by satellite imagery"):
    ``kind`` says which (``denied`` or ``reported``); rows written before are denials. Existing articles get
    their citations when they are processed again or with ``warta claims rebuild``."""
    execute("ALTER TABLE event_denials ADD COLUMN kind TEXT NOT NULL DEFAULT 'denied'")


def m005_quote_speakers(execute: Execute) -> None:
    """Where each quote's speaker is named, the speaker as an actor (JSON: country, sector, role) and the body
    they speak for."""
    execute("ALTER TABLE quotes ADD COLUMN speaker_start INTEGER")
    execute("ALTER TABLE quotes ADD COLUMN speaker_end INTEGER")
    execute("ALTER TABLE quotes ADD COLUMN speaker_actor TEXT")
    execute("ALTER TABLE quotes ADD COLUMN speaker_affiliation TEXT")


def m006_article_repairs(execute: Execute) -> None:
    """What extraction mended in an article's input before reading it (JSON list, ``["mojibake"]``); NULL when
    nothing was, as for every article stored before."""
    execute("ALTER TABLE articles ADD COLUMN repairs TEXT")


def m007_article_limits(execute: Execute) -> None:
    """The per-article budgets an article reached (JSON list of ``[setting, limit, found]``:
    ``[["max_article_chars", 100000, 1048576]]``); NULL when none was, as for every article stored before."""
    execute("ALTER TABLE articles ADD COLUMN limits TEXT")


def m008_evidence_periods(execute: Execute) -> None:
    """Where each evidence row stands in time for the claims merge, so a save reads only the rows near its own
    events instead of the whole claim bucket: the first and last day of its period as ISO dates and the
    period's precision (3 day, 2 month, 1 year; 0 with empty days: no date at all). Written by the ledger with
    the row; NULL for rows written before, which the ledger fills when it next updates their bucket (or
    ``warta claims rebuild`` does at once). A period is at most a year long, so its first day lies at most
    :data:`LONGEST_PERIOD_DAYS` before any day it covers: the index on (bucket, precision, first day) finds
    the rows overlapping a span with one range per precision."""
    execute("ALTER TABLE claim_evidence ADD COLUMN period_start TEXT")
    execute("ALTER TABLE claim_evidence ADD COLUMN period_end TEXT")
    execute("ALTER TABLE claim_evidence ADD COLUMN period_precision INTEGER")
    execute(
        "CREATE INDEX IF NOT EXISTS ix_claim_evidence_period"
        " ON claim_evidence (bucket, period_precision, period_start)"
    )


#: The longest period of each precision of ``claim_evidence.period_precision``, in days after its first.
LONGEST_PERIOD_DAYS = {1: 365, 2: 30, 3: 0}

#: Every migration, oldest first. Append only.
MIGRATIONS: list[Callable[[Execute], None]] = [
    m001_initial, m002_claims, m003_event_places, m004_cited_evidence, m005_quote_speakers,
    m006_article_repairs, m007_article_limits, m008_evidence_periods,
]  # fmt: skip


def applied_migrations(query: Query) -> list[str]:
    """Names recorded in ``schema_migrations``, oldest first (the table is created if missing)."""
    query("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    return [row["name"] for row in query("SELECT name FROM schema_migrations ORDER BY applied_at, name")]


def pending_migrations(
    applied: Sequence[str], migrations: Sequence[Callable[[Execute], None]], *, where: str
) -> list[Callable[[Execute], None]]:
    """The migrations not yet in ``applied``; refuses a database that has migrations this code lacks."""
    known = {m.__name__ for m in migrations}
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise StoreError(
            f"the database {where} was written by a newer warta (it has migrations {', '.join(unknown)}, "
            f"which this version does not know); upgrade warta or use another database file",
            code="W401",
        )
    return [m for m in migrations if m.__name__ not in applied]


def apply_migrations(
    query: Query,
    transaction: Callable[[], AbstractContextManager[Any]],
    *,
    now: Callable[[], str],
    where: str,
    migrations: Sequence[Callable[[Execute], None]] | None = None,
) -> list[str]:
    """Apply each pending migration in its own write transaction and record it; return the names applied.

    ``query`` runs SQL for the backend and ``transaction()`` opens a write transaction on it. A migration
    that fails is rolled back and not recorded, so the next open retries it.
    """
    migrations = MIGRATIONS if migrations is None else migrations
    done = []
    for migration in pending_migrations(applied_migrations(query), migrations, where=where):
        name = migration.__name__
        with transaction():
            # Re-check inside the write lock: another process may have migrated while we waited for it.
            if query("SELECT name FROM schema_migrations WHERE name = ?", (name,)):
                continue
            log.info("applying migration %s to %s", name, where)
            migration(query)
            query("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", (name, now()))
        done.append(name)
    return done
