"""The store as Parquet: one typed file per table, for pandas, Polars, DuckDB and Spark.

``export_parquet(store, folder)`` writes ``articles.parquet``, ``events.parquet``, ``actors.parquet``,
``quotes.parquet``, ``entities.parquet`` and ``claims.parquet``. Column types follow the rows' own type hints:
text is ``string``, offsets and counts ``int64``, coordinates and amounts ``float64``, flags ``bool``, a list
(an article's authors, a claim's source countries) a ``list<string>``, and a nested record (an event's place,
its quantity, a quote's speaker actor) a ``struct`` of its fields. Empty tables still carry their columns,
so a query over an empty export fails on nothing but its data.

Event actors are a table of their own (``event_id``, ``side``, ``position`` and the actor's fields), the shape
a join wants; the events table keeps everything else of an event with its article's metadata.
"""

from __future__ import annotations

import dataclasses
import logging
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from warta import records
from warta.errors import UsageError
from warta.records import Actor, Article
from warta.store import Store
from warta.store import rows as store_rows
from warta.store.queries import ClaimQuery, EntityQuery, EventQuery, QuoteQuery
from warta.store.rows import ClaimRow, EntityRow, EventRow, QuoteRow

log = logging.getLogger(__name__)

TABLES = ("articles", "events", "actors", "quotes", "entities", "claims")
#: Rows per written batch: bounds memory on a store of a million articles.
BATCH = 2_000


def _arrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise UsageError("the Parquet export needs pyarrow: pip install 'warta[dask]'", code="W104") from exc
    return pyarrow


def export_parquet(store: Store, folder: Path) -> dict[str, int]:
    """Write every table of ``store`` as ``<folder>/<table>.parquet``; return the rows written per table."""
    folder.mkdir(parents=True, exist_ok=True)
    events = store.select_events(EventQuery())
    counts = {
        "articles": _write(folder / "articles.parquet", Article, (doc.article for doc in store.iter_articles())),
        "events": _write(folder / "events.parquet", EventRow, events, drop=("source", "target")),
        "actors": _write(folder / "actors.parquet", _ActorRow, _actor_rows(events)),
        "quotes": _write(folder / "quotes.parquet", QuoteRow, store.select_quotes(QuoteQuery())),
        "entities": _write(folder / "entities.parquet", EntityRow, store.select_entities(EntityQuery())),
        "claims": _write(folder / "claims.parquet", ClaimRow, store.select_claims(ClaimQuery())),
    }
    log.info("exported %s to %s", counts, folder)
    return counts


@dataclasses.dataclass(frozen=True, slots=True)
class _ActorRow:
    """One actor of one side of an event (``side`` is ``source`` or ``target``, ``position`` its place)."""

    event_id: str
    side: str
    position: int
    text: str | None
    name: str | None
    country: str | None
    sector: str | None
    role: str | None
    start: int | None
    end: int | None


def _actor_rows(events: Iterable[EventRow]) -> Iterator[_ActorRow]:
    for event in events:
        for side, actors in (("source", event.source), ("target", event.target)):
            for position, actor in enumerate(actors):
                yield _ActorRow(event.id, side, position, **_fields(actor))


def _fields(actor: Actor) -> dict[str, Any]:
    return {f.name: getattr(actor, f.name) for f in dataclasses.fields(actor)}


def _write(path: Path, cls: type, items: Iterable[Any], *, drop: tuple[str, ...] = ()) -> int:
    """Write ``items`` (instances of the dataclass ``cls``) to ``path`` with the schema of ``cls``."""
    pa = _arrow()
    hints = _hints(cls)
    names = [f.name for f in dataclasses.fields(cls) if f.name not in drop]
    schema = pa.schema([pa.field(name, arrow_type(hints[name]), nullable=True) for name in names])
    tmp = path.with_name(path.name + ".tmp")
    count = 0
    with pa.parquet.ParquetWriter(str(tmp), schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for item in items:
            batch.append({name: _plain(getattr(item, name)) for name in names})
            if len(batch) >= BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    tmp.replace(path)
    return count


def _hints(cls: type) -> dict[str, Any]:
    namespace = {**vars(records), **vars(store_rows), "_ActorRow": _ActorRow}
    return typing.get_type_hints(cls, namespace)


def arrow_type(hint: Any) -> Any:
    """The Arrow type of a field's type hint (see the module docstring)."""
    pa = _arrow()
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) != 1:
            raise TypeError(f"no Parquet column type for {hint!r}")
        return arrow_type(options[0])
    if origin is tuple:
        args = typing.get_args(hint)
        return pa.list_(arrow_type(args[0]))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        nested = _hints(hint)
        return pa.struct([pa.field(f.name, arrow_type(nested[f.name])) for f in dataclasses.fields(hint)])
    simple = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if hint in simple:
        return simple[hint]
    raise TypeError(f"no Parquet column type for {hint!r}")


def _plain(value: Any) -> Any:
    """A value as pyarrow takes it: records become dicts, tuples lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value
