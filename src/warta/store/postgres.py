"""The PostgreSQL backend: one database on a server, written by several processes at once (psycopg 3).

It runs the same statements, queries and migrations as the SQLite backend, translated by
:class:`~warta.store.dialect.PostgresDialect`. The connection runs in autocommit mode and every transaction
is explicit, as in SQLite; what SQLite gets from its single write lock is made explicit here with
transaction-level advisory locks, released when the transaction ends:

- saving an article takes the lock of that article's id, so two workers saving the same article take
  turns, and the second sees the first's rows (and finds nothing to change when they are identical);
- :meth:`lock_ledger` (taken by ``warta.claims.save_article`` before anything else) serialises the ledger's
  read-compute-write, so two workers storing articles of the same claim or story cluster at once leave the
  ledger a serial run would;
- opening a database holds a session lock while migrating, so two workers opening a new database at once
  do not both create its tables.

psycopg prepares a statement on the server once it has run a few times, and ``executemany`` sends the rows
of a batch in one round trip (pipeline mode).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import pq
from psycopg.rows import dict_row

from warta.errors import StoreError
from warta.store.dialect import PostgresDialect, redact_url
from warta.store.migrations import apply_migrations
from warta.store.sql import SqlStore

log = logging.getLogger(__name__)

_IDLE = pq.TransactionStatus.IDLE
_FAILED = pq.TransactionStatus.INERROR


def lock_key(name: str) -> int:
    """The 64-bit advisory lock key of ``name`` (a signed integer, as ``pg_advisory_xact_lock`` takes)."""
    digest = hashlib.blake2b(f"warta:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class PostgresStore(SqlStore):
    """A store in the PostgreSQL database named by ``url`` (``postgresql://user:pass@host:5432/dbname``,
    any libpq connection string), its tables created and migrated on open.

    The database must exist and the user must be allowed to create tables in it (the first open creates
    them). ``clock`` returns the timestamp text written to the time columns.
    """

    driver_errors = (psycopg.Error,)

    def __init__(self, url: str, *, connect_timeout: int = 10, clock: Callable[[], str] | None = None) -> None:
        super().__init__(where=redact_url(url), clock=clock)
        self.dialect = PostgresDialect()
        self._conn: psycopg.Connection[Any] | None = None
        hint = (
            "check the URL, that the server is running, that the database exists and that the user may create "
            "tables in it"
        )
        with self._opening((psycopg.Error,), hint) as applied:
            self._conn = psycopg.connect(
                url, autocommit=True, row_factory=dict_row, connect_timeout=connect_timeout
            )
            self.dialect = PostgresDialect(fold_collation=self._fold_collation())
            with self._session_lock("migrations"):
                applied += apply_migrations(self._query, self._transaction, now=self._now, where=self.where)

    def _fold_collation(self) -> str:
        # ICU's root collation lowers all of Unicode; without ICU the database's default locale decides.
        found = self._query("SELECT collname FROM pg_collation WHERE collname = 'und-x-icu'")
        if found:
            return "und-x-icu"
        log.warning("%s has no ICU collation: text filters fold case as the database's locale does", self.where)
        return "default"

    @contextmanager
    def _session_lock(self, name: str) -> Iterator[None]:
        self._query("SELECT pg_advisory_lock(?)", (lock_key(name),))
        try:
            yield
        finally:
            if self._conn is not None and not self._conn.closed:
                self._query("SELECT pg_advisory_unlock(?)", (lock_key(name),))

    @property
    def _connection(self) -> psycopg.Connection[Any]:
        if self._conn is None:
            raise StoreError(f"the store {self.where} is closed; open it again with open_store()")
        return self._conn

    def _query(self, sql: str, params: Sequence[Any] = (), /) -> list[Any]:
        # Always a parameter sequence (even empty), so that psycopg reads "%%" back as "%".
        cursor = self._connection.execute(self.dialect.translate(sql), tuple(params))
        return cursor.fetchall() if cursor.description is not None else []

    def _query_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._connection.cursor() as cursor:
            cursor.executemany(self.dialect.translate(sql), rows)

    def _lock(self, name: str) -> None:
        self._query("SELECT pg_advisory_xact_lock(?)", (lock_key(name),))

    @contextmanager
    def _transaction(self, *, write: bool = True) -> Iterator[None]:
        conn = self._connection
        if conn.info.transaction_status != _IDLE:  # inside transaction(): join it
            yield
            return
        # A read gets one snapshot for all its statements, as SQLite's BEGIN gives.
        conn.execute("BEGIN" if write else "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield
        except BaseException:
            self._rollback(conn)
            raise
        if conn.info.transaction_status == _FAILED:
            # A statement failed and its error was swallowed: COMMIT would silently roll back.
            self._rollback(conn)
            raise StoreError(f"a statement failed inside a transaction on {self.where}; nothing was written")
        conn.execute("COMMIT")

    def _rollback(self, conn: psycopg.Connection[Any]) -> None:
        if conn.closed or conn.info.transaction_status == _IDLE:
            return
        try:
            conn.execute("ROLLBACK")
        except psycopg.Error as exc:  # the connection broke: the server rolls back on its own
            log.warning("rollback on %s failed: %s", self.where, exc)

    def _is_transient(self, exc: Exception) -> bool:
        # Lost connections, deadlocks, serialisation failures, lock timeouts, a server shutting down.
        return isinstance(exc, psycopg.OperationalError)

    def close(self) -> None:
        """Close the connection; closing twice is harmless."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()
