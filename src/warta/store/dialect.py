"""The few places where SQLite and PostgreSQL read the same SQL differently, translated in one spot.

The store's statements, queries and migrations are written once, in SQLite's words with ``?`` parameters
(:mod:`warta.store.sql`, :mod:`warta.store.selects`, :mod:`warta.store.migrations`). SQLite runs them as
they are; :class:`PostgresDialect` rewrites each statement once (and caches it):

- parameters: psycopg wants ``%s``, so ``?`` becomes ``%s`` and a literal ``%`` becomes ``%%``;
- column types in ``CREATE``/``ALTER TABLE``: SQLite's ``INTEGER`` holds 8 bytes and its ``REAL`` is a
  double, so they become ``BIGINT`` and ``DOUBLE PRECISION`` (a character offset of 2**40 or a similarity of
  0.1 must read back as written); ``TEXT`` becomes ``TEXT COLLATE "C"``, so that text compares and sorts by
  code point as in SQLite, whatever the server's locale (a date filter relies on "2024-06~" sorting after
  every date in June 2024, which a locale that ignores punctuation would break);
- ``LOWER(column)``: under the "C" collation PostgreSQL folds only ASCII, so the column is lowered under a
  Unicode-aware collation instead ("KORÉA" must find "Koréa", as the SQLite backend's replaced ``lower``
  does).

Upserts need no translation: both read ``INSERT ... ON CONFLICT (key) DO UPDATE SET c = excluded.c``.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

log = logging.getLogger(__name__)

_DDL = re.compile(r"^\s*(CREATE\s+TABLE|ALTER\s+TABLE)\b", re.IGNORECASE)
# Upper-case type names only: lower-case ``text`` is a column name (``text TEXT NOT NULL``).
_TYPES = {"INTEGER": "BIGINT", "REAL": "DOUBLE PRECISION", "TEXT": 'TEXT COLLATE "C"'}
_TYPE_WORD = re.compile(r"\b(INTEGER|REAL|TEXT)\b")
_LOWER = re.compile(r"\bLOWER\(([A-Za-z_][A-Za-z_0-9.]*)\)")


class SqliteDialect:
    """SQLite runs the shared SQL as written."""

    name = "sqlite"

    def translate(self, sql: str) -> str:
        return sql


class PostgresDialect:
    """The shared SQL rewritten for PostgreSQL through psycopg (see the module docstring).

    ``fold_collation`` is the collation ``LOWER`` folds under: ``und-x-icu`` when the server has ICU,
    otherwise the database's default (which folds only ASCII if the database was created with the C locale).
    """

    name = "postgresql"

    def __init__(self, *, fold_collation: str = "und-x-icu") -> None:
        self.fold_collation = fold_collation
        self._translate = lru_cache(maxsize=512)(self._rewrite)

    def translate(self, sql: str) -> str:
        return self._translate(sql)

    def _rewrite(self, sql: str) -> str:
        if _DDL.match(sql):
            sql = _TYPE_WORD.sub(lambda m: _TYPES[m.group(1)], sql)
        sql = _LOWER.sub(lambda m: f'LOWER({m.group(1)} COLLATE "{self.fold_collation}")', sql)
        return sql.replace("%", "%%").replace("?", "%s")


# postgresql://user:secret@host/db and ...?password=secret: the secret is not shown in messages.
_URL_PASSWORD = re.compile(r"(//[^/:@]*):[^@/]*@")
_PARAM_PASSWORD = re.compile(r"(password=)[^&\s]*", re.IGNORECASE)


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***``, fit for messages and logs."""
    return _PARAM_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1:***@", url))
