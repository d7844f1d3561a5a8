"""``warta serve``: the REST API (``/api/v1``, OpenAPI at ``/api/v1/openapi.json``) and the web app over a store.

Modules: ``app`` (the factory :func:`create_app`, error shape, security headers), ``deps`` (what the routes
share), ``filters`` (the event filters of every list and chart), ``routes`` (the read-only API),
``ingest`` (the one write, behind a bearer token), ``serialize`` (list envelopes and CSV/JSON export),
``pages`` (the server-rendered pages), ``charts``, ``world`` and ``highlight`` (chart geometry, the map's
outline, the article view's highlights) and ``server`` (running it with uvicorn).
"""

from __future__ import annotations

from warta.api.app import create_app
from warta.api.server import serve

__all__ = ["create_app", "serve"]
