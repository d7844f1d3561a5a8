"""The SQL stores: transactions, migrations, runs and failures on both backends (the ``backend`` fixture);
opening and closing, and what only SQLite has (a file, WAL, its busy timeout)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from store_backends import table_names, table_rows
from warta.errors import StoreError
from warta.records import Actor, AnnotatedArticle, Article, Entity, Event, Failure, Quote, Sentence
from warta.settings import Settings
from warta.store import migrations, open_store
from warta.store.queries import EventQuery
from warta.store.sql import SqlStore
from warta.store.sqlite import SqliteStore


def make_doc(article_id: str = "a1", *, trigger: str = "bantuan") -> AnnotatedArticle:
    text = "Rusia mengirim bantuan ke Korea Utara."
    return AnnotatedArticle(
        article=Article(id=article_id, source="test.txt", text=text, language="id", published="2024-06-19"),
        sentences=(Sentence(0, len(text)),),
        entities=(
            Entity("Rusia", "LOC", 0, 5, country="RUS"),
            Entity("Korea Utara", "LOC", 26, 37, country="PRK"),
        ),
        quotes=(Quote("Putin", "kami membantu", 0, 13, speaker_country="RUS"),),
        events=(
            Event(
                type="AID",
                source=(Actor("Rusia", country="RUS"),),
                target=(Actor("Korea Utara", country="PRK"),),
                status="asserted",
                trigger=trigger,
                sentence=text,
                start=15,
                end=22,
            ),
        ),
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "warta.db"


def test_store_crash_mid_save_leaves_no_half_article(open_test_store, monkeypatch: pytest.MonkeyPatch) -> None:
    real_insert = SqlStore._insert_rows

    def insert_then_crash(self: SqlStore, table: str, columns: tuple, rows: list) -> None:
        real_insert(self, table, columns, rows)
        if table == "events":  # sentences, entities, quotes and events are written by now
            raise RuntimeError("simulated crash")

    with open_test_store() as store:
        monkeypatch.setattr(SqlStore, "_insert_rows", insert_then_crash)
        with pytest.raises(RuntimeError, match="simulated crash"):
            store.save_article(make_doc())
        assert store.load_article("a1") is None
        assert set(store.counts().values()) == {0}
        # The connection is not left inside a transaction: the next save works.
        monkeypatch.undo()
        store.save_article(make_doc())
        assert store.load_article("a1") == make_doc()


def test_store_crash_mid_replace_keeps_old_version(open_test_store, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(self: SqlStore, table: str, columns: tuple, rows: list) -> None:
        raise RuntimeError("simulated crash")

    with open_test_store() as store:
        store.save_article(make_doc())
        before = table_rows(store)
        monkeypatch.setattr(SqlStore, "_insert_rows", crash)
        with pytest.raises(RuntimeError):
            store.save_article(make_doc(trigger="kiriman"))
        assert table_rows(store) == before
        assert store.load_article("a1") == make_doc()


def test_store_changed_article_keeps_first_seen_and_updates(open_test_store) -> None:
    # The first ticks are taken by the migrations, one each.
    times = iter([f"M{i}" for i in range(len(migrations.MIGRATIONS))] + ["T2", "T3"])
    with open_test_store(clock=lambda: next(times)) as store:
        store.save_article(make_doc())
        store.save_article(make_doc(trigger="kiriman"))
        (row,) = store._query("SELECT first_seen, updated FROM articles")
        assert (row["first_seen"], row["updated"]) == ("T2", "T3")


def test_store_event_ids_are_stable_content_hashes(open_test_store) -> None:
    with open_test_store("one") as one, open_test_store("two") as two:
        one.save_article(make_doc())
        two.save_article(make_doc())
        ids_one = [row.id for row in one.select_events(EventQuery())]
        ids_two = [row.id for row in two.select_events(EventQuery())]
    assert ids_one == ids_two and len(ids_one[0]) == 20


# -- migrations --------------------------------------------------------------------------------------------


def test_store_migrations_recorded_once(open_test_store) -> None:
    with open_test_store(clock=lambda: "first"):
        pass
    with open_test_store(clock=lambda: "second") as store:
        recorded = table_rows(store, ["schema_migrations"])["schema_migrations"]
    assert recorded == sorted((m.__name__, "first") for m in migrations.MIGRATIONS)


def test_store_new_migration_applied_once(open_test_store, monkeypatch: pytest.MonkeyPatch) -> None:
    open_test_store().close()
    calls = []

    def m002_add_notes(execute: migrations.Execute) -> None:
        calls.append(1)
        execute("CREATE TABLE notes (id TEXT PRIMARY KEY)")

    shipped = [m.__name__ for m in migrations.MIGRATIONS]
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m002_add_notes])
    open_test_store().close()
    with open_test_store() as store:
        names = [row[0] for row in table_rows(store, ["schema_migrations"])["schema_migrations"]]
    assert calls == [1]
    assert names == sorted([*shipped, "m002_add_notes"])


def test_store_failed_migration_rolled_back_and_not_recorded(
    open_test_store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def m002_broken(execute: migrations.Execute) -> None:
        execute("CREATE TABLE half (id TEXT)")
        execute("THIS IS NOT SQL")

    shipped = [m.__name__ for m in migrations.MIGRATIONS]
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m002_broken])
    with pytest.raises(StoreError, match="cannot open database"):
        open_test_store()
    monkeypatch.undo()
    with open_test_store() as store:
        tables = table_names(store)
        recorded = [row[0] for row in table_rows(store, ["schema_migrations"])["schema_migrations"]]
    assert "half" not in tables and "articles" in tables
    assert recorded == sorted(shipped)


def test_store_newer_database_refused(open_test_store) -> None:
    with open_test_store() as store:
        store._query("INSERT INTO schema_migrations (name, applied_at) VALUES ('m999_from_the_future', 'x')")
    with pytest.raises(StoreError, match="newer warta.*m999_from_the_future") as info:
        open_test_store()
    assert info.value.code == "W401"


# -- runs and failures -------------------------------------------------------------------------------------


def test_store_runs_recorded(open_test_store) -> None:
    with open_test_store() as store:
        run = store.begin_run(command="process", inputs=["a.html", "b.html"], settings={"db": "x.db"})
        store.save_article(make_doc(), run_id=run)
        store.finish_run(run, processed=2, failed=0)
        stored = store.load_run(run)
        assert stored is not None
        assert stored["command"] == "process" and stored["inputs"] == ["a.html", "b.html"]
        assert stored["settings"] == {"db": "x.db"}
        assert (stored["processed"], stored["failed"]) == (2, 0) and stored["finished"]
        assert store.load_run("nope") is None
        assert store.counts()["runs"] == 1
        assert [row["run_id"] for row in store._query("SELECT run_id FROM articles")] == [run]


def test_store_unknown_run_refused(open_test_store) -> None:
    with open_test_store() as store:
        with pytest.raises(StoreError, match="unknown run id"):
            store.finish_run("nope", processed=0, failed=0)
        with pytest.raises(StoreError, match="unknown run id"):
            store.save_article(make_doc(), run_id="nope")
        assert store.counts()["articles"] == 0


def test_store_failures_count_attempts(open_test_store) -> None:
    timeout = Failure("http://x/1", "fetch", "W220", "timed out", url="http://x/1", transient=True)
    not_found = Failure("http://x/1", "fetch", "W220", "404 not found", url="http://x/1")
    other_stage = Failure("http://x/1", "extract", "W230", "no text")
    ticks = itertools.count()
    with open_test_store(clock=lambda: f"T{next(ticks):03d}") as store:
        first, second = (store.begin_run(command="process", inputs=[], settings={}) for _ in range(2))
        store.save_failure(timeout, run_id=first)
        store.save_failure(not_found, run_id=second)
        store.save_failure(other_stage)
        assert store.failure_attempts(timeout) == 2
        assert store.failure_attempts(other_stage) == 1
        assert store.failure_attempts(Failure("elsewhere", "fetch", "W220", "x")) == 0
        # The row shows the latest attempt; saved without a run, a failure keeps no run.
        assert store.select_failures() == [not_found, other_stage]
        assert store.select_failures(run_id=second) == [not_found]
        assert store.select_failures(run_id=first) == []
        assert store.counts()["failures"] == 2


# -- opening and closing -----------------------------------------------------------------------------------


def test_open_store_accepts_paths_urls_and_settings(tmp_path: Path, settings: Settings) -> None:
    targets = [tmp_path / "p.db", str(tmp_path / "s.db"), "sqlite:///" + str(tmp_path / "u.db"), settings]
    for target in targets:
        with open_store(target) as store:
            assert isinstance(store, SqliteStore)
            store.save_article(make_doc())
    for name in ("p.db", "s.db", "u.db"):
        assert (tmp_path / name).exists()
    assert settings.db.exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (Path("postgresql://host/warta"), "must be passed as a string"),
        ("mysql://host/warta", "unknown database URL scheme 'mysql'"),
        (Path("sqlite:////tmp/x.db"), "cannot tell which file"),
    ],
)
def test_open_store_refuses_unsupported_targets(target: object, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(target)  # type: ignore[arg-type]


def test_sqlite_creates_missing_folder(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "new" / "folder" / "w.db") as store:
        assert store.counts()["articles"] == 0


def test_sqlite_not_a_database_is_store_error(db: Path) -> None:
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open database") as info:
        SqliteStore(db)
    assert info.value.code == "W403"


def test_sqlite_closed_store_refuses_work(db: Path) -> None:
    store = SqliteStore(db)
    store.close()
    store.close()
    with pytest.raises(StoreError, match="is closed"):
        store.counts()


def test_sqlite_second_writer_waits_then_fails_transient(db: Path) -> None:
    with SqliteStore(db) as holder, SqliteStore(db, busy_timeout=0.05) as other:
        with holder._transaction():  # holds the write lock, as a long save would
            with pytest.raises(StoreError) as info:
                other.save_article(make_doc())
        assert info.value.transient
        # Readers are not blocked by a writer in WAL mode, and the lock is free again afterwards.
        other.save_article(make_doc())
        assert holder.load_article("a1") == make_doc()


def test_sqlite_wal_and_foreign_keys_on(db: Path) -> None:
    with SqliteStore(db) as store:
        assert store._query("PRAGMA journal_mode")[0][0] == "wal"
        assert store._query("PRAGMA foreign_keys")[0][0] == 1
