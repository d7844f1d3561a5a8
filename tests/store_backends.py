"""Opening a test store on either backend, and reading a store's tables back, for tests of both.

The root ``conftest.py`` turns these into fixtures: ``backend`` (``sqlite`` or ``postgresql``, so every test
that asks for a store runs on both) and ``open_test_store(name, **options)``, which opens the database
called ``name`` of the running test (a file in its temporary folder, or a schema of its own on the session's
PostgreSQL server); the same name opens the same database again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pg_server import PgServer
from warta.store.sql import SqlStore
from warta.store.sqlite import SqliteStore

BACKENDS = ("sqlite", "postgresql")

OpenStore = Callable[..., SqlStore]


def store_opener(backend: str, tmp_path: Path, server: PgServer | None) -> OpenStore:
    """``open_test_store(name="w", **options)`` for ``backend``; ``server`` is needed for PostgreSQL."""
    if backend == "sqlite":

        def open_sqlite(name: str = "w", **options: Any) -> SqlStore:
            return SqliteStore(tmp_path / f"{name}.db", **options)

        return open_sqlite
    assert server is not None
    urls: dict[str, str] = {}

    def open_postgres(name: str = "w", **options: Any) -> SqlStore:
        from warta.store.postgres import PostgresStore

        if name not in urls:
            urls[name] = server.fresh_url()
        return PostgresStore(urls[name], **options)

    open_postgres.urls = urls  # type: ignore[attr-defined]
    return open_postgres


def table_names(store: SqlStore) -> list[str]:
    """Every table of ``store``'s database (its schema, on PostgreSQL), sorted."""
    if isinstance(store, SqliteStore):
        rows = store._query("SELECT name FROM sqlite_master WHERE type = 'table'")
        return sorted(row["name"] for row in rows)
    rows = store._query(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
    )
    return sorted(row["name"] for row in rows)


def table_rows(store: SqlStore, tables: Iterable[str] | None = None) -> dict[str, list[tuple]]:
    """``tables`` (default: all) of ``store``, each a sorted list of rows: equal dumps, equal databases."""
    names = table_names(store) if tables is None else list(tables)
    return {
        name: sorted((tuple(dict(row).values()) for row in store._query(f"SELECT * FROM {name}")), key=repr)
        for name in names
    }


#: Every table but schema_migrations, children before the tables their foreign keys point at.
_CLEAR_ORDER = (
    "claim_stances", "claims", "event_denials", "claim_evidence", "article_bands", "article_clusters",
    "event_actors", "events", "quotes", "entities", "sentences", "articles", "failures", "runs",
)  # fmt: skip


def clear_tables(store: SqlStore) -> None:
    """Delete every row but the recorded migrations: the store is then as a freshly created one, and a
    property test can reuse it for its next example (a new PostgreSQL schema per example is slow)."""
    assert set(table_names(store)) == {*_CLEAR_ORDER, "schema_migrations"}, "a new table: add it here"
    with store.transaction():
        for name in _CLEAR_ORDER:
            store._query(f"DELETE FROM {name}")
