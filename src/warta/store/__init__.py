"""Where annotated articles, failures and runs are kept: :func:`open_store` returns a :class:`Store`.

Modules: ``base`` (the interface and ``open_store``), ``sql`` (the interface in portable SQL), ``sqlite``
(the SQLite backend), ``migrations`` (the schema), ``codec`` (records <-> rows, content-hash ids) and
``selects`` (the SQL behind :mod:`warta.query`). No other part of warta writes SQL.
"""

from warta.store.base import Store, open_store
from warta.store.sqlite import SqliteStore

__all__ = ["SqliteStore", "Store", "open_store"]
