"""Shared fixtures. Tests never touch the network (a local server stands in) and never read the ambient
environment: settings are built explicitly with ``load_settings(env={})``."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

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
