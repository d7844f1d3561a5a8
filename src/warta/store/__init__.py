"""Where annotated articles, failures and runs are kept: :func:`open_store` returns a :class:`Store`.

Modules: ``base`` (the interface), ``queries`` and ``rows`` (what to ask for and what comes back),
``sql_base``, ``sql`` and ``ledger_sql`` (the interface in portable SQL, the claims ledger's tables
included), ``dialect`` (what PostgreSQL reads differently), ``sqlite`` and ``postgres`` (the backends: a
file, or a server several workers write to at once), ``migrations`` (the schema), ``codec`` and ``ledger_codec``
(records <-> rows, content-hash ids), ``ledger_rows`` (the rows :mod:`warta.claims` computes) and
``selects`` (the SQL behind the queries), ``browse`` (cursor pages, facets and chart aggregates for
``warta serve``). No other part of warta writes SQL, and the store imports nothing
of warta but records, errors and settings: it keeps rows and computes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from warta.errors import StoreError
from warta.settings import Settings
from warta.store.base import Store
from warta.store.sqlite import SqliteStore

__all__ = ["SqliteStore", "Store", "open_store"]

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def open_store(target: Settings | Path | str) -> Store:
    """Open (creating and migrating if needed) the store named by settings, a path or a URL.

    - a :class:`Settings`: its ``db``
    - a :class:`~pathlib.Path` or a plain string: a SQLite file
    - ``sqlite:///relative.db`` or ``sqlite:////absolute/path.db`` (the SQLAlchemy convention)
    - ``postgresql://user:password@host:5432/dbname`` (or ``postgres://``, any libpq URL): a PostgreSQL
      database, which must exist; its tables are created on first open. Needs psycopg
      (``pip install 'warta[postgres]'``).
    """
    if isinstance(target, Settings):
        target = target.db
    text = str(target)
    match = _SCHEME.match(text)
    # A one-letter "scheme" is a Windows drive letter (C:), not a URL.
    scheme = match.group(1).lower() if match and len(match.group(1)) > 1 else None
    if scheme is None:
        path = Path(target)
    elif scheme in ("postgresql", "postgres"):
        return _open_postgres(target)
    elif scheme == "sqlite" and isinstance(target, str) and text.lower().startswith("sqlite:///"):
        path = Path(text[len("sqlite:///") :])
    elif scheme == "sqlite":
        # Path("sqlite:////abs.db") collapses the slashes to "sqlite:/abs.db", which then reads the same as
        # the relative "sqlite:///abs.db": refuse to guess.
        raise StoreError(
            f"cannot tell which file {text!r} means (a sqlite URL needs three slashes and must be passed "
            "as a string); give the database as a plain file path instead",
            code="W402",
        )
    else:
        raise StoreError(
            f"unknown database URL scheme {scheme!r} in {text!r}; use a file path, sqlite:///file.db "
            "or postgresql://user@host/dbname",
            code="W402",
        )
    return SqliteStore(path)


def _open_postgres(target: Path | str) -> Store:
    if not isinstance(target, str):
        # Path("postgresql://host/db") has already collapsed the slashes to "postgresql:/host/db".
        raise StoreError(
            f"a PostgreSQL URL must be passed as a string, not as a path ({target}); pass str(url)", code="W402"
        )
    try:
        # psycopg is optional: only a PostgreSQL URL needs it.
        from warta.store.postgres import PostgresStore
    except ImportError as exc:
        raise StoreError(
            f"a PostgreSQL database needs the psycopg package ({exc}); install it with "
            "pip install 'warta[postgres]'",
            code="W402",
        ) from exc
    return PostgresStore(target)
