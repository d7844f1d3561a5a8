"""The application factory: one FastAPI app serving the REST API (``/api/v1``) and the web pages over a store.

Errors are translated once, here: every :class:`~warta.errors.WartaError` (and FastAPI's own validation and
routing errors) becomes one JSON shape under ``/api/``::

    {"error": {"code": "W100", "message": "unknown type 'FOO'; choose one of: ...", "status": 400}}

and an HTML error page elsewhere. Every response carries a Content-Security-Policy that allows only warta's
own scripts, styles and images (no inline script, nothing from another host), so text that slipped past the
template's escaping still could not run.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from warta.api import ingest, pages, routes
from warta.api.deps import AppState, default_world_atlas, error_body, status_of
from warta.errors import NotFoundError, UsageError, WartaError
from warta.settings import Settings, load_settings
from warta.store import open_store

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
API_PREFIX = "/api/v1"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def _error_response(request: Request, code: str, message: str, status: int) -> Response:
    if request.url.path.startswith("/api/"):
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse(error_body(code, message, status), status_code=status, headers=headers)
    return pages.render_error(request, code=code, message=message, status=status)


def create_app(
    store_url_or_path: str | Path,
    token: str | None = None,
    *,
    settings: Settings | None = None,
    world_atlas: Path | None = None,
) -> FastAPI:
    """The warta web app over the store at ``store_url_or_path`` (which must exist).

    ``token`` is the bearer token ``POST /api/v1/ingest`` requires; without one, ingest is disabled.
    ``settings`` are those of the pipeline that ingest runs; ``world_atlas`` the TopoJSON world outline of
    the map page (default: the one ``make setup`` installs).
    """
    db = str(store_url_or_path)
    if "://" not in db and not Path(db).is_file():
        raise UsageError(f"no database at {db}; run `warta demo` or `warta run ... --db {db}` first", code="W103")
    with open_store(db):  # migrate once, now, rather than inside the first request
        pass
    if token is not None and not token.strip():
        raise UsageError("the API token is empty; set a long random value or leave it unset", code="W101")
    app = FastAPI(
        title="warta",
        version="1",
        description="Evidence-linked PLOVER events, quotes, entities and claims from Indonesian and English news.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # the Swagger page loads its scripts from a CDN; the schema itself is served
        redoc_url=None,
    )
    app.state.warta = AppState(
        db, token=token, settings=settings or load_settings(env={}),
        world_atlas=world_atlas or default_world_atlas(),
    )  # fmt: skip

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(WartaError)
    async def warta_error(request: Request, exc: WartaError) -> Response:
        return _error_response(request, exc.code, exc.message, status_of(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg', '')}" for err in exc.errors()
        )
        return _error_response(request, UsageError.code, f"invalid request: {problems}", 400)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        code = NotFoundError.code if exc.status_code == 404 else UsageError.code
        return _error_response(request, code, str(exc.detail), exc.status_code)

    # StaticFiles resolves every path inside its folder and answers 404 to anything outside it ("../").
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(routes.router, prefix=API_PREFIX)
    app.include_router(ingest.router, prefix=API_PREFIX)
    app.include_router(pages.router)
    return app
