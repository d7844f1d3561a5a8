"""Running the app: uvicorn on 127.0.0.1 unless told otherwise (the API has no login; only ingest is guarded)."""

from __future__ import annotations

import logging
from pathlib import Path

from warta.api.app import create_app
from warta.settings import Settings

log = logging.getLogger(__name__)


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000, db: Path | str | None = None) -> None:
    """Serve the web app and the API over ``db`` (default: ``settings.db``) until interrupted."""
    import uvicorn  # deferred: only this command needs the server

    app = create_app(db or settings.db, settings.api_token, settings=settings)
    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("warta serve listens on %s: anyone who can reach it can read the store", host)
    uvicorn.run(app, host=host, port=port, log_level="info")
