"""Shared fixtures. Tests never touch the network (a local server stands in) and never read the ambient
environment: settings are built explicitly with ``load_settings(env={})``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from pg_server import PgServer, PgServerError
from store_backends import BACKENDS, OpenStore, store_opener
from warta.settings import Settings, default_shared_path, load_settings

FIXTURES = Path(__file__).parent / "fixtures"

# `pytest --hypothesis-profile=fuzz` runs every property test with 20 times hypothesis's default number of
# examples (tests/robustness scales its own counts the same way); the default profile keeps CI fast.
hypothesis_settings.register_profile("fuzz", max_examples=2000, deadline=None)


def _shared_path() -> Path:
    # The one place tests look at the environment: where the shared data lives (CI sets nothing and uses
    # the default ../shared beside the repository).
    return Path(os.environ.get("WARTA_SHARED") or default_shared_path())


SHARED = _shared_path()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Default settings with a database in a temporary folder and no politeness delay."""
    return load_settings(env={}, overrides={"db": tmp_path / "warta.db", "http_delay": 0.0, "shared": SHARED})


def shared_required() -> bool:
    """Whether missing shared data or shipped models must fail the test (CI sets WARTA_REQUIRE_SHARED=1)
    rather than skip it (a developer's machine without ../shared)."""
    return bool(os.environ.get("WARTA_REQUIRE_SHARED"))


def require_path(path: Path, what: str) -> Path:
    """``path`` if it exists; otherwise skip with a visible reason, or fail where shared data is required: a
    gate that skips in CI has gone quiet."""
    if path.exists():
        return path
    message = f"{what} not found at {path}"
    if shared_required():
        pytest.fail(f"WARTA_REQUIRE_SHARED is set but {message}")
    pytest.skip(message)


@pytest.fixture
def shared() -> Path:
    """The ../shared folder; tests that need it skip with a visible reason when it is absent (and fail when
    WARTA_REQUIRE_SHARED is set)."""
    return require_path(SHARED, "shared data (set WARTA_SHARED to run this test)")


@pytest.fixture(scope="session")
def require() -> Callable[[Path, str], Path]:
    """:func:`require_path` for tests: ``require(path, what)`` skips or, in CI, fails when ``path`` is absent."""
    return require_path


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def postgres_required() -> bool:
    """Whether a PostgreSQL server that cannot start must fail the tests (CI sets WARTA_REQUIRE_POSTGRES=1,
    and WARTA_REQUIRE_SHARED=1) rather than skip them (a developer's machine without PostgreSQL)."""
    return bool(os.environ.get("WARTA_REQUIRE_POSTGRES") or os.environ.get("WARTA_REQUIRE_SHARED"))


@pytest.fixture(scope="session")
def postgres() -> Iterator[PgServer]:
    """The session's private PostgreSQL server on loopback (see ``tests/pg_server.py``), started when a test
    first needs it and deleted at the end; without PostgreSQL the tests that need it skip with the reason,
    or fail in CI."""
    server: PgServer | None = None
    try:
        import psycopg  # noqa: F401  (the driver the PostgreSQL store needs)

        server = PgServer()
        server.start()
    except (ImportError, PgServerError, OSError) as exc:
        if server is not None:
            server.stop()
        message = f"cannot start a PostgreSQL server for the store tests: {exc}"
        if postgres_required():
            pytest.fail(f"WARTA_REQUIRE_POSTGRES is set, so PostgreSQL must be installed: {message}")
        pytest.skip(message)
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The store backend a test runs on: every test asking for it runs once on each."""
    return str(request.param)


@pytest.fixture
def open_test_store(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> OpenStore:
    """``open_test_store(name="w", **options)``: open the test's database ``name`` on its backend."""
    server = request.getfixturevalue("postgres") if backend == "postgresql" else None
    return store_opener(backend, tmp_path, server)


#: An article written to attack the web app: markup in its title and text, event handlers and javascript:
#: links. The pages must show it as text, and nothing in it may run (tests/api, tests/web).
MALICIOUS_ARTICLE = {
    "id": "malicious-article",
    "url": "javascript:window.__pwned='url'",
    "title": "<script>window.__pwned='title'</script>Menlu <img src=x onerror=\"window.__pwned='img'\">",
    "published": "2024-06-20",
    "language": "id",
    "text": (
        "Menteri Luar Negeri Retno Marsudi mengecam serangan militer Israel terhadap Gaza pada Rabu (19/6). "
        "<script>window.__pwned='text'</script> Ia mengatakan Indonesia akan mengirim bantuan kemanusiaan "
        "ke Gaza. <img src=x onerror=\"window.__pwned='onerror'\"> "
        "<a href=\"javascript:window.__pwned='link'\">Baca selengkapnya</a>"
    ),
}


@pytest.fixture(scope="session")
def served_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store filled by running the pipeline on the bundled samples, the malicious article and an input
    that fails (what `warta serve` shows in tests/api and tests/web)."""
    import json

    from warta.jobs import demo_inputs, run_into_store
    from warta.store import open_store

    folder = tmp_path_factory.mktemp("served")
    malicious = folder / "malicious.jsonl"
    malicious.write_text(json.dumps(MALICIOUS_ARTICLE) + "\n", encoding="utf-8")
    db = folder / "served.db"
    settings = load_settings(env={}, overrides={"db": db, "http_delay": 0.0, "shared": SHARED})
    inputs = [*demo_inputs(), str(malicious), str(folder / "missing-page.html")]
    with open_store(db) as store:
        run_into_store(inputs, settings, store, command="test")
    return db
