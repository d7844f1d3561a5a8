"""The read-only REST API under ``/api/v1``: lists with cursors, single records, facets, chart aggregates,
and a CSV/JSON export of every list (``.../export?format=csv`` with the list's own filters).

Each route parses its parameters, asks :mod:`warta.store.browse` and returns plain dicts; what a route
computes beyond that (quad classes, chart series) lives in :mod:`warta.api.charts`.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from warta.api import charts
from warta.api.deps import get_state, opened
from warta.api.filters import event_filter
from warta.api.serialize import envelope, export_response, to_dict
from warta.errors import NotFoundError
from warta.export.plain import trail_to_dict
from warta.output import to_contract
from warta.store import browse
from warta.store.browse import DEFAULT_LIMIT, EventFilter
from warta.store.queries import EventQuery, QuoteQuery
from warta.store.sql import SqlStore

router = APIRouter(tags=["read"])

Cursor = Annotated[str | None, Query(description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=browse.MAX_LIMIT, description="rows per page")]
Format = Annotated[str, Query(description="csv or json")]
Filter = Annotated[EventFilter, Depends(event_filter)]


def _page(request: Request, fetch: Any, cursor: str | None, limit: int) -> dict[str, Any]:
    with opened(request) as store:
        return envelope(fetch(store, cursor, limit))


def _events(f: EventFilter, store: SqlStore, cursor: str | None, limit: int) -> browse.Page[Any]:
    return browse.browse_events(store, f, cursor=cursor, limit=limit)


@router.get("/events", summary="Events matching the filters, newest first")
def list_events(request: Request, f: Filter, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT) -> dict:
    return _page(request, partial(_events, f), cursor, limit)


@router.get("/events/export", summary="Every event matching the filters, as CSV or JSON")
def export_events(request: Request, f: Filter, format: Format = "csv") -> StreamingResponse:
    return export_response(get_state(request), partial(_events, f), fmt=format, name="events")


@router.get("/events/facets", summary="How many events match, by type, mode, status, outlet and country")
def event_facets(
    request: Request, f: Filter,
    newest: Annotated[int | None, Query(ge=1, description="count only the newest N matching events "
                                        "(fast on large stores; total then stops at N)")] = None,
) -> dict:  # fmt: skip
    with opened(request) as store:
        total = browse.count_events(store, f, cap=newest)
        return {"total": total, "exact": newest is None or total < newest,
                "facets": browse.event_facets(store, f, newest=newest)}  # fmt: skip


@router.get("/aggregates/timeline", summary="Events per day (or month), by quad class")
def timeline(request: Request, f: Filter, by: Annotated[str, Query(description="day or month")] = "day") -> dict:
    with opened(request) as store:
        rows = browse.events_by_day(store, f)
    return charts.timeline_series(rows, by=by)


@router.get("/aggregates/dyads", summary="Events per source and target actor, by type")
def dyads(request: Request, f: Filter) -> dict:
    with opened(request) as store:
        found = browse.events_by_dyad(store, f)
    return {"items": [{"source": s, "target": t, "type": k, "count": n} for s, t, k, n in found]}


@router.get("/aggregates/places", summary="Events per place where they happened")
def places(request: Request, f: Filter) -> dict:
    with opened(request) as store:
        found = browse.events_by_place(store, f)
    return {"items": [{"name": p.name, "country": p.country, "kind": p.kind, "lat": p.lat, "lon": p.lon,
                       "count": n} for p, n in found]}  # fmt: skip


def _articles(outlet: str | None, text: str | None, store: SqlStore, cursor: str | None, limit: int) -> Any:
    return browse.browse_articles(store, outlet=outlet, text=text, cursor=cursor, limit=limit)


@router.get("/articles", summary="Stored articles, newest first")
def list_articles(
    request: Request, outlet: str | None = None, q: str | None = None, cursor: Cursor = None,
    limit: Limit = DEFAULT_LIMIT,
) -> dict:  # fmt: skip
    return _page(request, partial(_articles, outlet, q), cursor, limit)


@router.get("/articles/export", summary="Every stored article (metadata), as CSV or JSON")
def export_articles(
    request: Request, outlet: str | None = None, q: str | None = None, format: Format = "csv"
) -> StreamingResponse:
    return export_response(get_state(request), partial(_articles, outlet, q), fmt=format, name="articles")


@router.get("/articles/{article_id}", summary="One article in the warta/1 contract, with its stored ids")
def get_article(request: Request, article_id: str) -> dict:
    with opened(request) as store:
        doc = store.load_article(article_id)
        if doc is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        event_ids = [row.id for row in store.select_events(EventQuery(article_id=article_id))]
        quote_ids = [row.id for row in store.select_quotes(QuoteQuery(article_id=article_id))]
    return {**to_contract(doc), "ids": {"events": event_ids, "quotes": quote_ids}}


def _quotes(params: dict[str, Any], store: SqlStore, cursor: str | None, limit: int) -> Any:
    return browse.browse_quotes(store, **params, cursor=cursor, limit=limit)


@router.get("/quotes", summary="Quotes by speaker, speaker country, text or article")
def list_quotes(
    request: Request, speaker: str | None = None, country: str | None = None, q: str | None = None,
    article: str | None = None, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT,
) -> dict:  # fmt: skip
    params = {"speaker": speaker, "country": country, "text": q, "article_id": article}
    return _page(request, partial(_quotes, params), cursor, limit)


@router.get("/quotes/export", summary="Every quote matching the filters, as CSV or JSON")
def export_quotes(
    request: Request, speaker: str | None = None, country: str | None = None, q: str | None = None,
    article: str | None = None, format: Format = "csv",
) -> StreamingResponse:  # fmt: skip
    params = {"speaker": speaker, "country": country, "text": q, "article_id": article}
    return export_response(get_state(request), partial(_quotes, params), fmt=format, name="quotes")


def _entities(params: dict[str, Any], store: SqlStore, cursor: str | None, limit: int) -> Any:
    return browse.browse_entities(store, **params, cursor=cursor, limit=limit)


@router.get("/entities", summary="Entity mentions by text, type (PER, ORG, LOC), country or article")
def list_entities(
    request: Request, q: str | None = None, type: str | None = None, country: str | None = None,
    article: str | None = None, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT,
) -> dict:  # fmt: skip
    params = {"text": q, "type": type, "country": country, "article_id": article}
    return _page(request, partial(_entities, params), cursor, limit)


@router.get("/entities/export", summary="Every entity mention matching the filters, as CSV or JSON")
def export_entities(
    request: Request, q: str | None = None, type: str | None = None, country: str | None = None,
    article: str | None = None, format: Format = "csv",
) -> StreamingResponse:  # fmt: skip
    params = {"text": q, "type": type, "country": country, "article_id": article}
    return export_response(get_state(request), partial(_entities, params), fmt=format, name="entities")


def _actors(name: str | None, country: str | None, store: SqlStore, cursor: str | None, limit: int) -> Any:
    return browse.browse_actors(store, name=name, country=country, cursor=cursor, limit=limit)


@router.get("/actors", summary="Actors of events with their event counts, most active first")
def list_actors(
    request: Request, q: str | None = None, country: str | None = None, cursor: Cursor = None,
    limit: Limit = DEFAULT_LIMIT,
) -> dict:  # fmt: skip
    return _page(request, partial(_actors, q, country), cursor, limit)


@router.get("/actors/export", summary="Every actor matching the filters, as CSV or JSON")
def export_actors(
    request: Request, q: str | None = None, country: str | None = None, format: Format = "csv"
) -> StreamingResponse:
    return export_response(get_state(request), partial(_actors, q, country), fmt=format, name="actors")


def _claims(params: dict[str, Any], store: SqlStore, cursor: str | None, limit: int) -> Any:
    return browse.browse_claims(store, **params, cursor=cursor, limit=limit)


@router.get("/claims", summary="The claims ledger, contested claims first")
def list_claims(
    request: Request, actor: str | None = None, type: str | None = None, contested: bool = False,
    cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT,
) -> dict:  # fmt: skip
    params = {"actor": actor, "type": type, "contested": contested}
    return _page(request, partial(_claims, params), cursor, limit)


@router.get("/claims/export", summary="Every claim matching the filters, as CSV or JSON")
def export_claims(
    request: Request, actor: str | None = None, type: str | None = None, contested: bool = False,
    format: Format = "csv",
) -> StreamingResponse:  # fmt: skip
    params = {"actor": actor, "type": type, "contested": contested}
    return export_response(get_state(request), partial(_claims, params), fmt=format, name="claims")


@router.get("/claims/{claim_id}", summary="One claim and its evidence trail (each stance with its sentence)")
def get_claim(request: Request, claim_id: str) -> dict:
    with opened(request) as store:
        trail = store.load_claim(claim_id)
    if trail is None:
        raise NotFoundError(f"no claim with id {claim_id!r}")
    return trail_to_dict(trail)


@router.get("/clusters", summary="Story clusters: articles that tell the same story, with their outlets")
def list_clusters(request: Request, min_size: Annotated[int, Query(ge=1)] = 1) -> dict:
    with opened(request) as store:
        rows = store.select_clusters(min_size=min_size)
    return {"items": [to_dict(row) for row in rows]}


def _failures(store: SqlStore, cursor: str | None, limit: int) -> Any:
    return browse.browse_failures(store, cursor=cursor, limit=limit)


@router.get("/failures", summary="Inputs that could not be processed, and why")
def list_failures(request: Request, cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT) -> dict:
    return _page(request, _failures, cursor, limit)


@router.get("/failures/export", summary="Every failure, as CSV or JSON")
def export_failures(request: Request, format: Format = "csv") -> StreamingResponse:
    return export_response(get_state(request), _failures, fmt=format, name="failures")


@router.get("/counts", summary="How many rows the store holds, the claims ledger included")
def counts(request: Request) -> dict:
    with opened(request) as store:
        return {**store.counts(), **store.ledger_counts()}


__all__ = ["router", "to_dict"]
