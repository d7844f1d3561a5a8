"""The web app: server-rendered pages over the same store queries as the REST API.

Templates autoescape everything (article text, titles, names and URLs are data, never markup), links to
outside pages are kept only when they are http(s), and the pages need no script to work: the one small
script (``static/app.js``) only marks the record a highlight points to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from warta.api import charts
from warta.api.deps import get_state, opened
from warta.api.filters import FILTER_NAMES, QUAD_OF, QUADS, event_filter
from warta.api.highlight import article_runs, article_spans
from warta.api.world import HEIGHT, WIDTH, load_outline
from warta.errors import NotFoundError
from warta.records import EVENT_TYPES, STATUSES
from warta.store import browse
from warta.store.browse import EventFilter
from warta.store.queries import EventQuery, QuoteQuery

HERE = Path(__file__).resolve().parent
router = APIRouter(include_in_schema=False)

_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def safe_href(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else None: a ``javascript:`` or ``data:`` URL in an article's
    metadata must never become a clickable link."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


_env.filters["safe_href"] = safe_href
_env.globals.update(QUADS=QUADS, QUAD_OF=QUAD_OF, EVENT_TYPES=EVENT_TYPES, STATUSES=STATUSES,
                    FILTER_NAMES=FILTER_NAMES)  # fmt: skip
templates = Jinja2Templates(env=_env)

Filter = Annotated[EventFilter, Depends(event_filter)]
#: The events page counts and facets at most this many of the newest matching events: exact counts over a
#: million events take seconds (docs/benchmarks.md), and the page says when it stopped counting.
PAGE_SCOPE = 2_000
Cursor = Annotated[str | None, Query()]


def _filters(request: Request) -> dict[str, list[str]]:
    """The filter parameters of the request, as given (for the form and for links that keep them)."""
    given = {name: [v for v in request.query_params.getlist(name) if v.strip()] for name in FILTER_NAMES}
    return {name: values for name, values in given.items() if values}


def _link_factory(request: Request, path: str) -> Any:
    kept = _filters(request)

    def link(*, target: str = path, **changes: Any) -> str:
        params = dict(kept)
        for name, value in changes.items():
            if value is None:
                params.pop(name, None)
            else:
                params[name] = [value]
        query = urlencode([(k, v) for k, values in params.items() for v in values])
        return f"{target}?{query}" if query else target

    return link


def page(request: Request, template: str, **context: Any) -> HTMLResponse:
    context.setdefault("filters", _filters(request))
    context.setdefault("link", _link_factory(request, request.url.path))
    context.setdefault("api_query", urlencode([(k, v) for k, vs in _filters(request).items() for v in vs]))
    return templates.TemplateResponse(request, template, context)


def render_error(request: Request, *, code: str, message: str, status: int) -> Response:
    """The HTML error page (the API answers the same errors in JSON)."""
    context = {"code": code, "message": message, "status": status, "filters": {}, "title": "Error",
               "link": lambda **_: request.url.path}  # fmt: skip
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/events", status_code=307)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, f: Filter, cursor: Cursor = None) -> HTMLResponse:
    with opened(request) as store:
        found = browse.browse_events(store, f, cursor=cursor, limit=50)
        facets = browse.event_facets(store, f, newest=PAGE_SCOPE)
    total = sum(n for _, n in facets["type"])  # every event has a type: the matches counted
    return page(request, "events.html", page_rows=found, total=total, facets=facets, scope=PAGE_SCOPE,
                title="Events")  # fmt: skip


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, f: Filter) -> HTMLResponse:
    with opened(request) as store:
        rows = browse.events_by_day(store, f)
    series = charts.timeline_series(rows)
    if len(series["days"]) > charts.MAX_DAYS:
        series = charts.timeline_series(rows, by="month")
    bars, top = charts.timeline_bars(series)
    return page(request, "timeline.html", series=series, bars=bars, top=top, title="Timeline")


@router.get("/dyads", response_class=HTMLResponse)
def dyads_page(request: Request, f: Filter) -> HTMLResponse:
    with opened(request) as store:
        rows = browse.events_by_dyad(store, f)
    nodes, edges = charts.dyad_graph(rows)
    return page(request, "dyads.html", nodes=nodes, edges=edges, rows=rows, title="Who does what to whom")


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, f: Filter) -> HTMLResponse:
    with opened(request) as store:
        places = browse.events_by_place(store, f)
    outline = load_outline(get_state(request).world_atlas)
    return page(request, "map.html", points=charts.map_points(places), places=places, outline=outline,
                width=WIDTH, height=HEIGHT, title="Map")  # fmt: skip


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request, outlet: str | None = None, q: str | None = None, cursor: Cursor = None
) -> HTMLResponse:
    with opened(request) as store:
        found = browse.browse_articles(store, outlet=outlet or None, text=q or None, cursor=cursor)
    return page(request, "articles.html", page_rows=found, outlet=outlet, q=q, title="Articles")


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    request: Request, article_id: str, cite: Annotated[str | None, Query(pattern=r"^\d+-\d+$")] = None
) -> HTMLResponse:
    with opened(request) as store:
        doc = store.load_article(article_id)
        if doc is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        events = store.select_events(EventQuery(article_id=article_id))
        quotes = store.select_quotes(QuoteQuery(article_id=article_id))
    # Stored events come back in date order: pair them with the article's events by what they say.
    stored: dict[tuple, list[Any]] = {}
    for row in events:
        stored.setdefault((row.start, row.end, row.type, row.trigger), []).append(row)
    ordered = [(stored.get((e.start, e.end, e.type, e.trigger)) or [None]).pop(0) for e in doc.events]
    event_ids = [row.id if row else "" for row in ordered]
    quote_ids = [row.id for row in quotes]  # stored in the article's order
    cited = tuple(int(part) for part in cite.split("-")) if cite else None
    spans = article_spans(doc, event_ids=event_ids, quote_ids=quote_ids, cited=cited)  # type: ignore[arg-type]
    starts = [s.start for s in doc.sentences] + ([cited[0]] if cited else [])
    runs = article_runs(doc.article.text, spans, starts)
    return page(request, "article.html", doc=doc, runs=runs, events=[r for r in ordered if r], quotes=quotes,
                title=doc.article.title or article_id)  # fmt: skip


@router.get("/claims", response_class=HTMLResponse)
def claims_page(
    request: Request, actor: str | None = None, type: str | None = None, contested: bool = False,
    cursor: Cursor = None,
) -> HTMLResponse:  # fmt: skip
    with opened(request) as store:
        found = browse.browse_claims(store, actor=actor or None, type=type or None, contested=contested,
                                     cursor=cursor)  # fmt: skip
        counts = store.ledger_counts()
    return page(request, "claims.html", page_rows=found, counts=counts, actor=actor, type=type,
                contested=contested, title="Claims ledger")  # fmt: skip


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, claim_id: str) -> HTMLResponse:
    with opened(request) as store:
        trail = store.load_claim(claim_id)
    if trail is None:
        raise NotFoundError(f"no claim with id {claim_id!r}")
    return page(request, "claim.html", trail=trail, title=f"Claim {trail.claim.id[:10]}")


@router.get("/clusters", response_class=HTMLResponse)
def clusters_page(request: Request) -> HTMLResponse:
    with opened(request) as store:
        rows = store.select_clusters(min_size=1)
    clusters: dict[str, list[Any]] = {}
    for row in rows:
        clusters.setdefault(row.cluster_id, []).append(row)
    ordered = sorted(clusters.items(), key=lambda item: (-len(item[1]), item[0]))
    return page(request, "clusters.html", clusters=ordered, title="Story clusters")


@router.get("/failures", response_class=HTMLResponse)
def failures_page(request: Request, cursor: Cursor = None) -> HTMLResponse:
    with opened(request) as store:
        found = browse.browse_failures(store, cursor=cursor)
    return page(request, "failures.html", page_rows=found, title="Failures")
