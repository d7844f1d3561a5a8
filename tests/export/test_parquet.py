"""``warta export --format parquet``: one typed file per table that pandas, Polars and DuckDB read back row for
row."""

from __future__ import annotations

import dataclasses
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from warta import records
from warta.cli.main import app
from warta.export.parquet import TABLES, _ActorRow, export_parquet
from warta.jobs import demo_inputs, run_into_store
from warta.settings import load_settings
from warta.store import open_store
from warta.store import rows as store_rows
from warta.store.queries import ClaimQuery, EntityQuery, EventQuery, QuoteQuery

pd = pytest.importorskip("pandas", reason="the test extra is not installed (pip install -e '.[test]')")
duckdb = pytest.importorskip("duckdb", reason="the test extra is not installed (pip install -e '.[test]')")
pl = pytest.importorskip("polars", reason="the test extra is not installed (pip install -e '.[test]')")

#: The record each table's rows come from, and the fields it leaves out (an event's actors are their own table).
RECORDS: dict[str, tuple[type, tuple[str, ...]]] = {
    "articles": (records.Article, ()),
    "events": (store_rows.EventRow, ("source", "target")),
    "actors": (_ActorRow, ()),
    "quotes": (store_rows.QuoteRow, ()),
    "entities": (store_rows.EntityRow, ()),
    "claims": (store_rows.ClaimRow, ()),
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The bundled samples stored, then exported through the command line."""
    folder = tmp_path_factory.mktemp("parquet")
    db = folder / "warta.db"
    settings = load_settings(env={}, overrides={"db": db})
    with open_store(db) as store:
        run_into_store(demo_inputs(), settings, store)
    result = CliRunner().invoke(
        app, ["export", "--format", "parquet", "--out", str(folder / "out"), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    return db, folder / "out"


def _stored(db: Path) -> dict[str, Any]:
    with open_store(db) as store:
        events = store.select_events(EventQuery())
        return {
            "articles": sorted(doc.article.id for doc in store.iter_articles()),
            "events": events,
            "quotes": store.select_quotes(QuoteQuery()),
            "entities": store.select_entities(EntityQuery()),
            "claims": store.select_claims(ClaimQuery()),
        }


def test_parquet_export_pandas_reads_every_table_with_its_rows(exported: tuple[Path, Path]) -> None:
    db, out = exported
    stored = _stored(db)
    assert sorted(path.name for path in out.iterdir()) == sorted(f"{table}.parquet" for table in TABLES)
    frames = {table: pd.read_parquet(out / f"{table}.parquet") for table in TABLES}
    assert sorted(frames["articles"]["id"]) == stored["articles"] and len(stored["articles"]) == 2
    for table in ("events", "quotes", "entities", "claims"):
        assert sorted(frames[table]["id"]) == sorted(row.id for row in stored[table]), table
        assert len(stored[table]) > 0, table
    actors = sum(len(e.source) + len(e.target) for e in stored["events"])
    assert len(frames["actors"]) == actors
    # typed columns: offsets are integers, flags booleans, a claim's countries a list
    assert str(frames["entities"]["start"].dtype) == "int64"
    assert str(frames["quotes"]["direct"].dtype) == "bool"
    first = next(row for row in stored["claims"] if row.source)
    claim = frames["claims"].set_index("id").loc[first.id]
    assert list(claim["source"]) == list(first.source) and int(claim["mentions"]) == first.mentions


def _polars_type(hint: Any) -> Any:
    """The Polars type a field of this Python type must have: text String, whole numbers Int64, flags
    Boolean, tuples lists, nested records structs."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        (hint,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    if typing.get_origin(hint) is tuple:
        return pl.List(_polars_type(typing.get_args(hint)[0]))
    if dataclasses.is_dataclass(hint):
        nested = _type_hints(hint)
        return pl.Struct({f.name: _polars_type(nested[f.name]) for f in dataclasses.fields(hint)})
    return {str: pl.String, int: pl.Int64, float: pl.Float64, bool: pl.Boolean}[hint]


def _type_hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls, {**vars(records), **vars(store_rows), "_ActorRow": _ActorRow})


def test_parquet_export_polars_reads_every_table_with_its_rows_and_types(exported: tuple[Path, Path]) -> None:
    db, out = exported
    stored = _stored(db)
    frames = {table: pl.read_parquet(out / f"{table}.parquet") for table in TABLES}
    for table, (cls, left_out) in RECORDS.items():
        hints = _type_hints(cls)
        expected = {f.name: _polars_type(hints[f.name]) for f in dataclasses.fields(cls) if f.name not in left_out}
        assert dict(frames[table].schema) == expected, table
    assert sorted(frames["articles"]["id"].to_list()) == stored["articles"]
    for table in ("events", "quotes", "entities", "claims"):
        assert sorted(frames[table]["id"].to_list()) == sorted(row.id for row in stored[table]), table
    assert frames["actors"].height == sum(len(e.source) + len(e.target) for e in stored["events"]) > 0
    # values survive: an event's place (a struct), a claim's source countries (a list), quote flags
    events = {row["id"]: row for row in frames["events"].iter_rows(named=True)}
    for event in stored["events"]:
        place = events[event.id]["place"]
        assert (place or {}).get("name") == (event.place.name if event.place else None)
    claims = {row["id"]: row for row in frames["claims"].iter_rows(named=True)}
    assert all(claims[c.id]["source"] == list(c.source) and claims[c.id]["mentions"] == c.mentions
               for c in stored["claims"])  # fmt: skip
    direct = frames["quotes"].filter(pl.col("direct")).height
    assert direct == sum(1 for q in stored["quotes"] if q.direct)


def test_parquet_export_duckdb_joins_events_and_actors(exported: tuple[Path, Path]) -> None:
    db, out = exported
    events = _stored(db)["events"]
    query = f"""
        select e.id, e.type, a.side, a.position, a.country, e.place.name as place
        from '{out / "events.parquet"}' e join '{out / "actors.parquet"}' a on a.event_id = e.id
        order by e.id, a.side, a.position
    """
    rows = duckdb.sql(query).fetchall()
    expected = sorted(
        (e.id, e.type, side, position, actor.country, e.place.name if e.place else None)
        for e in events
        for side, actors in (("source", e.source), ("target", e.target))
        for position, actor in enumerate(actors)
    )
    assert rows == expected


def test_parquet_export_of_an_empty_store_keeps_the_columns(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db") as store:
        counts = export_parquet(store, tmp_path / "out")
    assert counts == dict.fromkeys(TABLES, 0)
    frame = pd.read_parquet(tmp_path / "out" / "events.parquet")
    assert len(frame) == 0 and {"id", "type", "status", "place", "quantity"} <= set(frame.columns)


def test_parquet_export_needs_a_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--format", "parquet", "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 2
