"""``POST /api/v1/ingest``: the one write of the API. It runs the pipeline on a URL, an HTML page or a text
and stores the result (with the claims ledger) exactly as ``warta run`` does.

It requires ``Authorization: Bearer <token>`` with the token the user configured (``api_token`` setting,
``WARTA_API_TOKEN``); there is no default token, and without one ingest is disabled (403). Tokens are
compared in constant time (:func:`hmac.compare_digest`) so the time of a refusal says nothing about how
much of a guess was right. One ingest runs at a time: a SQLite file has one writer.
"""

from __future__ import annotations

import hmac
import json
import tempfile
import threading
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel, Field

from warta.api.deps import get_state
from warta.errors import AuthError, UsageError
from warta.jobs import run_into_store
from warta.records import AnnotatedArticle, Failure

router = APIRouter(tags=["write"])
_one_writer = threading.Lock()


class IngestRequest(BaseModel):
    """What to process: exactly one of ``url``, ``html`` or ``text``, with optional metadata."""

    url: str | None = Field(None, description="a page to fetch (http or https), or the URL of html/text")
    html: str | None = Field(None, description="the HTML of a page")
    text: str | None = Field(None, description="plain article text")
    title: str | None = None
    published: str | None = Field(None, description="publication date (YYYY-MM-DD) when the page has none")
    language: str | None = Field(None, description="id or en, instead of detecting it")


def check_token(configured: str | None, authorization: str | None) -> None:
    """Refuse unless ``authorization`` is ``Bearer <configured token>``."""
    if configured is None:
        raise AuthError(
            "ingest over the API is disabled: set the api_token setting (WARTA_API_TOKEN) and restart warta serve",
            code="W107",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), configured.encode()):
        raise AuthError("missing or wrong bearer token (send Authorization: Bearer <api_token>)")


def _inputs(body: IngestRequest, folder: Path) -> list[str]:
    given = [name for name in ("html", "text") if getattr(body, name) is not None]
    if len(given) > 1 or (not given and body.url is None):
        raise UsageError("give exactly one of url, html or text")
    if not given:
        if not str(body.url).lower().startswith(("http://", "https://")):
            raise UsageError(f"url must be http or https, got {body.url!r}")
        return [str(body.url)]
    # html or text goes through the JSONL reader, which carries the url, title and date along with it.
    record = {k: v for k, v in body.model_dump().items() if v is not None}
    path = folder / "ingest.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return [str(path)]


@router.post("/ingest", summary="Process a URL, an HTML page or a text and store it (bearer token required)")
def ingest(
    request: Request, body: IngestRequest, authorization: Annotated[str | None, Header()] = None
) -> dict:
    state = get_state(request)
    check_token(state.token, authorization)
    articles: list[str] = []
    failures: list[dict] = []

    def collect(result: AnnotatedArticle | Failure) -> None:
        if isinstance(result, Failure):
            failures.append({"source": result.source, "stage": result.stage, "code": result.code,
                             "reason": result.reason})  # fmt: skip
        else:
            articles.append(result.article.id)

    with tempfile.TemporaryDirectory(prefix="warta-ingest-") as folder, _one_writer, state.open() as store:
        inputs = _inputs(body, Path(folder))
        summary = run_into_store(inputs, state.settings, store, published=body.published,
                                 language=body.language, command="api ingest", on_result=collect)  # fmt: skip
    return {"processed": summary.processed, "failed": summary.failed, "articles": articles, "failures": failures}
