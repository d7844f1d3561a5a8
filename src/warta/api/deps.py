"""What the routes share: the app's state (where the store is, the ingest token), a store per request, and
how a warta error maps to an HTTP status and the one JSON error shape."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from fastapi import Request

from warta.errors import AuthError, InputError, NotFoundError, StoreError, UsageError, WartaError
from warta.settings import Settings
from warta.store import open_store
from warta.store.sql import SqlStore


def default_world_atlas() -> Path:
    """Where ``make setup`` installs the npm package world-atlas (Natural Earth land, 1:110m, TopoJSON)."""
    return Path(sys.prefix) / "share" / "warta" / "node_modules" / "world-atlas" / "land-110m.json"


class AppState:
    """What the routes share: where the store is, the ingest token, the settings for ingest, the map data."""

    def __init__(self, db: str, *, token: str | None, settings: Settings, world_atlas: Path) -> None:
        self.db = db
        self.token = token
        self.settings = settings
        self.world_atlas = world_atlas

    def open(self) -> SqlStore:
        store = open_store(self.db)
        assert isinstance(store, SqlStore)
        return store


def get_state(request: Request) -> AppState:
    return request.app.state.warta


def opened(request: Request) -> SqlStore:
    """A store connection for one request, to use in a ``with`` inside the route's body (not a dependency:
    FastAPI runs a dependency in another thread than a plain route, and a SQLite connection stays in the thread
    that opened it)."""
    return get_state(request).open()


def status_of(exc: WartaError) -> int:
    """The HTTP status of a warta error."""
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, AuthError):
        return 403 if exc.code == "W107" else 401
    if isinstance(exc, UsageError):
        return 400
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, StoreError):
        return 503 if exc.transient else 500
    return 500


def error_body(code: str, message: str, status: int) -> dict[str, Any]:
    """The one JSON error shape of the API."""
    return {"error": {"code": code, "message": message, "status": status}}


