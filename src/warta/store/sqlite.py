"""The SQLite backend: one database file, written by one process at a time.

The connection runs in autocommit mode and every transaction is explicit (``BEGIN IMMEDIATE`` for writes),
so the write lock is taken before the first read of a save and two writers queue on ``busy_timeout``
instead of one failing halfway. WAL lets readers (the web UI, a query command) run while a batch writes.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from warta.errors import StoreError
from warta.store.migrations import apply_migrations
from warta.store.sql import SqlStore

log = logging.getLogger(__name__)


def _lower(value: Any) -> Any:
    # SQLite's built-in LOWER only folds ASCII; PostgreSQL's folds all of Unicode. Replacing it keeps
    # substring filters ("korea" finding "KORÉA", "ÇIN") the same on both backends.
    return value.lower() if isinstance(value, str) else value


class SqliteStore(SqlStore):
    """A store in the SQLite file ``path`` (created, with its folder, and migrated on open).

    ``busy_timeout`` is how many seconds a writer waits for another one to finish before giving up with a
    transient :class:`StoreError`; ``clock`` returns the timestamp text written to the time columns.
    """

    driver_errors = (sqlite3.Error,)

    def __init__(
        self, path: Path | str, *, busy_timeout: float = 30.0, clock: Callable[[], str] | None = None
    ) -> None:
        self.path = Path(path)
        super().__init__(where=str(self.path), clock=clock)
        self._conn: sqlite3.Connection | None = None
        hint = "check the path and that it is a warta SQLite file"
        with self._opening((sqlite3.Error, OSError), hint) as applied:
            if str(self.path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
            self._conn.row_factory = sqlite3.Row
            self._conn.create_function("lower", 1, _lower, deterministic=True)
            self._conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL only risks the last transactions on power loss, never corruption; a
            # re-run re-saves those articles.
            self._conn.execute("PRAGMA synchronous = NORMAL")
            applied += apply_migrations(self._query, self._transaction, now=self._now, where=self.where)

    @property
    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the store {self.path} is closed; open it again with open_store()")
        return self._conn

    def _query(self, sql: str, params: Sequence[Any] = (), /) -> list[Any]:
        return self._connection.execute(sql, params).fetchall()

    def _query_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._connection.executemany(sql, rows)

    @contextmanager
    def _transaction(self, *, write: bool = True) -> Iterator[None]:
        conn = self._connection
        if conn.in_transaction:  # inside transaction(): join it, and let it commit or roll back
            yield
            return
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _lock(self, name: str) -> None:
        # Nothing to take: BEGIN IMMEDIATE already let this writer alone into the whole database.
        return None

    def _is_transient(self, exc: Exception) -> bool:
        return isinstance(exc, sqlite3.OperationalError) and any(word in str(exc) for word in ("locked", "busy"))

    def close(self) -> None:
        """Close the connection (checkpointing the WAL); closing twice is harmless."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()
