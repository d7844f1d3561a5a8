"""Shared fixtures. Tests never touch the network (a local server stands in) and never read the ambient
environment: settings are built explicitly with ``load_settings(env={})``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from warta.settings import Settings, default_shared_path, load_settings

FIXTURES = Path(__file__).parent / "fixtures"


def _shared_path() -> Path:
    # The one place tests look at the environment: where the shared data lives (CI sets nothing and uses
    # the default ../shared beside the repository).
    return Path(os.environ.get("WARTA_SHARED") or default_shared_path())


SHARED = _shared_path()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Default settings with a database in a temporary folder and no politeness delay."""
    return load_settings(env={}, overrides={"db": tmp_path / "warta.db", "http_delay": 0.0, "shared": SHARED})


@pytest.fixture
def shared() -> Path:
    """The ../shared folder; tests that need it skip with a visible reason when it is absent."""
    if os.environ.get("WARTA_REQUIRE_SHARED") and not SHARED.is_dir():
        pytest.fail(f"WARTA_REQUIRE_SHARED is set but {SHARED} does not exist")
    if not SHARED.is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set WARTA_SHARED to run this test)")
    return SHARED


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
