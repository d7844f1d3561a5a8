"""What every SQL store is built on: the backend's connection (three methods), error translation, one
public transaction that several writes join, and the few statement helpers the tables share."""

from __future__ import annotations

import abc
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from typing import Any

from warta.errors import StoreError

log = logging.getLogger(__name__)

#: Ids per ``IN (...)``: well under every driver's parameter limit.
CHUNK = 500


def utc_now() -> str:
    """The current UTC time as ISO 8601 with milliseconds, the format of every timestamp column."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def insert_sql(table: str, columns: Sequence[str]) -> str:
    """``INSERT INTO table (columns) VALUES (?, ...)``."""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


class SqlBase(abc.ABC):
    """A SQL database reached through :meth:`_query` (rows as mappings by column name)."""

    #: The driver's exception classes, translated to :class:`StoreError` at the public methods.
    driver_errors: tuple[type[Exception], ...] = ()

    def __init__(self, *, where: str, clock: Callable[[], str] | None = None) -> None:
        self.where = where
        self._now = clock or utc_now

    # -- what a backend provides ---------------------------------------------------------------------------

    @abc.abstractmethod
    def _query(self, sql: str, params: Sequence[Any] = (), /) -> list[Any]:
        """Run one statement and return all its rows (mappings by column name; empty for DDL and DML)."""

    @abc.abstractmethod
    def _query_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement once per parameter row."""

    @abc.abstractmethod
    def _transaction(self, *, write: bool = True) -> AbstractContextManager[None]:
        """Commit on normal exit, roll back on any exception. A write transaction takes the write lock at
        once, so two writers queue instead of failing halfway; a read one gives a consistent snapshot.
        Inside a transaction already open (see :meth:`transaction`) it joins that one."""

    def _is_transient(self, exc: Exception) -> bool:
        """Whether a driver error may go away on retry (a lock held too long by another writer)."""
        return False

    @abc.abstractmethod
    def close(self) -> None:
        """Close the connection; closing twice is harmless."""

    @contextmanager
    def _opening(self, errors: tuple[type[Exception], ...], hint: str) -> Iterator[list[str]]:
        """Around a backend's connect-and-migrate: on any failure what was opened is closed, and a driver
        error (``errors``) becomes a W403 :class:`StoreError` saying ``hint``. The caller adds the names of
        the migrations it applied to the yielded list; they are logged once the database is open."""
        applied: list[str] = []
        try:
            yield applied
        except errors as exc:
            self.close()
            reason = str(exc)
            if "\n" in reason:  # libpq's messages span lines
                reason = " ".join(reason.split())
            raise StoreError(
                f"cannot open database {self.where}: {reason}; {hint}",
                code="W403",
                transient=self._is_transient(exc),
            ) from exc
        except BaseException:
            self.close()
            raise
        if applied:
            log.info("database %s migrated: %s", self.where, ", ".join(applied))

    @abc.abstractmethod
    def _lock(self, name: str) -> None:
        """Hold the lock called ``name`` until the current write transaction ends, so that two writers of the
        same thing (an article id, the claims ledger) take turns."""

    # -- shared by the tables -------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction around several calls (each joins it): all of them are written, or none.

        ``warta.claims.save_article`` saves an article and updates the claims ledger in one of these.
        """
        with self._errors("write"), self._transaction():
            yield

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except self.driver_errors as exc:
            raise StoreError(
                f"cannot {action} in {self.where}: {exc}", code="W403", transient=self._is_transient(exc)
            ) from exc

    def _insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
        if rows:
            self._query_many(insert_sql(table, columns), rows)

    def _upsert(
        self, table: str, columns: Sequence[str], row: tuple, *, key: str, keep: Sequence[str] = ()
    ) -> None:
        """Insert ``row``, or update every column but ``key`` and ``keep`` of the row it conflicts with."""
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != key and c not in keep)
        self._query(f"{insert_sql(table, columns)} ON CONFLICT ({key}) DO UPDATE SET {updates}", row)

    def _chunked(self, statement: Callable[[list[str]], tuple[str, list[Any]]], ids: Sequence[str]) -> list[Any]:
        """The rows of ``statement(ids)`` run on :data:`CHUNK` ids at a time, in order."""
        rows: list[Any] = []
        for start in range(0, len(ids), CHUNK):
            rows.extend(self._query(*statement(list(ids[start : start + CHUNK]))))
        return rows
