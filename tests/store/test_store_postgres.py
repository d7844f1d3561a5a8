"""What only the PostgreSQL backend has: the dialect's translations, URLs, a server's locale, connection errors.

Everything the two backends share is tested on both through the ``backend`` fixture (``test_store_sql.py``,
``test_store_query.py``, ``test_store_roundtrip.py``, ``tests/claims``).
"""

from __future__ import annotations

import socket
import sys

import pytest

from warta.errors import StoreError
from warta.records import Actor, AnnotatedArticle, Article, Event
from warta.settings import load_settings
from warta.store import open_store
from warta.store.dialect import PostgresDialect, SqliteDialect
from warta.store.queries import EventQuery

# Without the driver (a user's machine without the test extra) these tests skip and say why; CI installs it.
psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed: pip install 'warta[postgres]'")
from warta.store.postgres import PostgresStore, lock_key, redact_url  # noqa: E402  (needs psycopg)


def test_postgres_dialect_translates_types_in_ddl_only() -> None:
    dialect = PostgresDialect()
    ddl = dialect.translate("CREATE TABLE t (id TEXT PRIMARY KEY, text TEXT NOT NULL, n INTEGER, x REAL)")
    assert ddl == (
        'CREATE TABLE t (id TEXT COLLATE "C" PRIMARY KEY, text TEXT COLLATE "C" NOT NULL, n BIGINT, '
        "x DOUBLE PRECISION)"
    )
    altered = dialect.translate("ALTER TABLE t ADD COLUMN kind TEXT NOT NULL DEFAULT 'denied'")
    assert altered == "ALTER TABLE t ADD COLUMN kind TEXT COLLATE \"C\" NOT NULL DEFAULT 'denied'"
    # Outside DDL a type name is left alone (a CAST keeps its 4-byte INTEGER).
    assert dialect.translate("SELECT CAST(n AS INTEGER) FROM t") == "SELECT CAST(n AS INTEGER) FROM t"


def test_postgres_dialect_translates_placeholders_percent_and_lower() -> None:
    dialect = PostgresDialect(fold_collation="und-x-icu")
    sql = "SELECT id FROM t WHERE LOWER(x.name) LIKE ? ESCAPE '\\' AND n = ? AND s = '100%'"
    assert dialect.translate(sql) == (
        "SELECT id FROM t WHERE LOWER(x.name COLLATE \"und-x-icu\") LIKE %s ESCAPE '\\' AND n = %s AND s = '100%%'"
    )
    assert SqliteDialect().translate(sql) == sql


def test_postgres_url_password_is_never_shown() -> None:
    assert redact_url("postgresql://ana:s3cret@db.example:5432/warta") == "postgresql://ana:***@db.example:5432/warta"
    assert redact_url("postgresql://db/warta?user=ana&password=s3cret") == "postgresql://db/warta?user=ana&password=***"
    assert redact_url("postgresql://ana@db/warta") == "postgresql://ana@db/warta"


def test_postgres_lock_keys_are_stable_signed_64_bit() -> None:
    assert lock_key("ledger") == lock_key("ledger") != lock_key("article a1")
    assert all(-(2**63) <= lock_key(name) < 2**63 for name in ("ledger", "article a1", "migrations"))


def test_open_store_takes_a_postgresql_url_and_settings(postgres) -> None:
    url = postgres.fresh_url()
    with open_store(url) as store:
        assert isinstance(store, PostgresStore) and store.where == url
        store.save_article(_doc("a1", "2024-06-15"))
    settings = load_settings(env={"WARTA_DB": url})
    assert settings.db == url  # a URL stays text: as a Path it would lose a slash
    with open_store(settings) as store:
        assert store.counts()["articles"] == 1
    with open_store(url.replace("postgresql://", "postgres://", 1)) as store:
        assert store.counts()["articles"] == 1


def test_postgres_unreachable_server_is_a_transient_error() -> None:
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreError, match="cannot open database.*check the URL") as info:
        open_store(f"postgresql://warta:s3cret@127.0.0.1:{port}/warta")
    assert info.value.code == "W403" and info.value.transient
    assert "s3cret" not in str(info.value)


def test_postgres_without_its_driver_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "warta.store.postgres", None)  # as if psycopg were not installed
    with pytest.raises(StoreError, match=r"needs the psycopg package.*warta\[postgres\]") as info:
        open_store("postgresql://warta@127.0.0.1/warta")
    assert info.value.code == "W402"


def test_postgres_missing_database_is_a_store_error(postgres) -> None:
    with pytest.raises(StoreError, match="cannot open database") as info:
        open_store(postgres.url(database="no_such_database"))
    assert info.value.code == "W403"


def _doc(article_id: str, date: str, name: str = "Rusia") -> AnnotatedArticle:
    text = f"{name} mengirim bantuan."
    return AnnotatedArticle(
        article=Article(id=article_id, source=f"{article_id}.txt", text=text, language="id"),
        events=(
            Event(
                type="AID", source=(Actor(name, country="RUS"),), target=(), status="asserted",
                trigger="mengirim", sentence=text, start=len(name) + 1, end=len(name) + 9, date=date,
            ),
        ),
    )  # fmt: skip


def test_postgres_database_locale_does_not_change_filters_or_order(postgres) -> None:
    # A database whose default collation is ICU's English puts "a" before "B"; SQLite, and so the store's
    # columns on every server, compare by code point ("B" before "a"), and text filters still fold Unicode.
    name = "warta_icu_en"
    with psycopg.connect(postgres.url(database="postgres"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C'")
    docs = [_doc("a", "2024-06", "Rusia"), _doc("B", "2024-06-15", "Élysée"), _doc("c", "2024-07-01", "Rusia")]
    with open_store(postgres.url(database=name)) as store:
        for doc in docs:
            store.save_article(doc)
        june = store.select_events(EventQuery(date_from="2024-06", date_to="2024-06"))
        assert [row.article_id for row in june] == ["a", "B"]  # "2024-06" sorts before "2024-06-15"
        assert [row.article_id for row in store.select_events(EventQuery(actor="ÉLYSÉE"))] == ["B"]
        assert [doc.article.id for doc in store.iter_articles()] == ["B", "a", "c"]
