"""The REST API over a store filled by the pipeline: lists, filters, cursors, facets, aggregates, exports,
records and the one error shape."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warta.api import create_app
from warta.api.filters import QUAD_OF


@pytest.fixture(scope="module")
def client(served_db: Path) -> TestClient:
    return TestClient(create_app(served_db))


def _all_events(client: TestClient, query: str = "", limit: int = 1000) -> list[dict]:
    items, cursor = [], None
    while True:
        url = f"/api/v1/events?limit={limit}&{query}" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


def test_api_events_cursor_pages_cover_every_event_once(client):
    everything = _all_events(client)
    assert len(everything) >= 20
    paged = _all_events(client, limit=7)
    assert [e["id"] for e in paged] == [e["id"] for e in everything]
    dates = [e["date"] for e in everything if e["date"]]
    assert dates == sorted(dates, reverse=True)  # newest first, undated last
    assert all(e["date"] is None for e in everything[len(dates) :])


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("type=CONSULT", lambda e: e["type"] == "CONSULT"),
        ("quad=4", lambda e: QUAD_OF[e["type"]] == 4),
        ("quad=1&type=CONSULT,ACCUSE", lambda e: e["type"] == "CONSULT"),
        ("country=AUS", lambda e: "AUS" in {a["country"] for a in e["source"] + e["target"]}),
        ("actor=retno", lambda e: any("retno" in ((a["name"] or "") + (a["text"] or "")).lower()
                                      for a in e["source"] + e["target"])),
        ("q=gaza", lambda e: "gaza" in e["sentence"].lower()),
        ("date_from=2024-06&date_to=2024-06-30", lambda e: e["date"].startswith("2024-06")),
        ("status=asserted", lambda e: e["status"] == "asserted"),
        ("place_country=CHN", lambda e: e["place"]["country"] == "CHN"),
        ("place=beij", lambda e: e["place"]["name"] == "Beijing"),
    ],
)
def test_api_events_filters_select_only_matching_events(client, query, check):
    found = _all_events(client, query)
    assert found, f"nothing matched {query}: the sample data should have some"
    assert all(check(e) for e in found)
    assert len(found) < len(_all_events(client))


def test_api_events_sector_filter_selects_the_events_with_an_actor_of_that_sector(client):
    # whichever sector some but not all of the sample events have (which sectors the coder gives changes with
    # its model; GOV is on nearly every event of the samples)
    everything = _all_events(client)

    def sectors(e: dict) -> set[str]:
        return {a["sector"] for a in e["source"] + e["target"] if a["sector"]}

    counts = Counter(sector for e in everything for sector in sectors(e))
    sector = min(s for s, n in counts.items() if 0 < n < len(everything))
    found = _all_events(client, f"sector={sector}")
    assert [e["id"] for e in found] == [e["id"] for e in everything if sector in sectors(e)]


def test_api_events_place_filter_reads_only_the_name(client):
    # "kind" and "start" are keys of every stored place: they must not match every located event.
    assert _all_events(client, "place=kind") == [] and _all_events(client, "place=start") == []


def test_api_events_facets_count_what_the_list_shows(client):
    body = client.get("/api/v1/events/facets?quad=1").json()
    assert body["total"] == len(_all_events(client, "quad=1"))
    assert sum(n for _, n in body["facets"]["type"]) == body["total"]
    assert {t for t, _ in body["facets"]["type"]} <= {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}


def test_api_events_facets_of_the_newest_only(client):
    everything = _all_events(client)
    body = client.get("/api/v1/events/facets?newest=5").json()
    assert body["total"] == 5 and body["exact"] is False
    counted = sorted(t for t, n in body["facets"]["type"] for _ in range(n))
    assert counted == sorted(e["type"] for e in everything[:5])
    whole = client.get(f"/api/v1/events/facets?newest={len(everything) + 1}").json()
    assert whole["exact"] is True and whole["facets"] == client.get("/api/v1/events/facets").json()["facets"]


def test_api_aggregates_follow_the_filters(client):
    timeline = client.get("/api/v1/aggregates/timeline").json()
    total_dated = sum(sum(q["counts"]) for q in timeline["quads"])
    assert total_dated == len([e for e in _all_events(client) if e["date"] and len(e["date"]) >= 10])
    dyads = client.get("/api/v1/aggregates/dyads?type=CONSULT").json()["items"]
    assert dyads and {d["type"] for d in dyads} == {"CONSULT"}
    places = client.get("/api/v1/aggregates/places").json()["items"]
    assert places and all(p["count"] >= 1 for p in places)
    assert places == sorted(places, key=lambda p: -p["count"])


@pytest.mark.parametrize("kind", ["articles", "quotes", "entities", "actors", "claims", "failures"])
def test_api_lists_page_with_cursors(client, kind):
    whole = client.get(f"/api/v1/{kind}?limit=1000").json()
    assert whole["next_cursor"] is None and whole["items"], kind
    items, cursor = [], None
    while True:
        body = client.get(f"/api/v1/{kind}?limit=2" + (f"&cursor={cursor}" if cursor else "")).json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert items == whole["items"]


@pytest.mark.parametrize("kind", ["events", "articles", "quotes", "entities", "actors", "claims", "failures"])
def test_api_exports_every_row_as_csv_and_json(client, kind):
    expected = len(client.get(f"/api/v1/{kind}?limit=1000").json()["items"])
    as_csv = client.get(f"/api/v1/{kind}/export?format=csv")
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(as_csv.text)))) == expected
    as_json = client.get(f"/api/v1/{kind}/export?format=json")
    assert len(as_json.json()) == expected


def test_api_export_keeps_the_filters(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/events/export?format=csv&type=CONSULT").text)))
    assert rows and {r["type"] for r in rows} == {"CONSULT"}


def test_api_article_is_the_contract_with_stored_ids(client):
    article = client.get("/api/v1/articles?limit=1").json()["items"][0]
    body = client.get(f"/api/v1/articles/{article['id']}").json()
    assert body["schema"] == "warta/1" and body["article"]["id"] == article["id"]
    assert len(body["ids"]["events"]) == len(body["events"]) == article["events"]


def test_api_claim_has_its_trail(client):
    claim = client.get("/api/v1/claims?limit=1").json()["items"][0]
    trail = client.get(f"/api/v1/claims/{claim['id']}").json()
    assert trail["claim"]["id"] == claim["id"] and trail["stances"]
    assert all(s["sentence"] for s in trail["stances"])


def test_api_claims_list_contested_first(client):
    claims = client.get("/api/v1/claims?limit=1000").json()["items"]
    flags = [c["denying"] > 0 for c in claims]
    assert flags == sorted(flags, reverse=True)


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/events?type=NOPE", 400, "W100"),
        ("/api/v1/events?date_from=yesterday", 400, "W100"),
        ("/api/v1/events?quad=9", 400, "W100"),
        ("/api/v1/events?cursor=not-a-cursor", 400, "W104"),
        ("/api/v1/events?limit=0", 400, "W100"),
        ("/api/v1/articles/no-such-article", 404, "W105"),
        ("/api/v1/claims/ffffffffffff", 404, "W105"),
        ("/api/v1/no-such-route", 404, "W105"),
        ("/api/v1/events/export?format=xml", 400, "W102"),
    ],
)
def test_api_errors_have_one_shape(client, url, status, code):
    response = client.get(url)
    assert response.status_code == status
    assert response.json() == {"error": {"code": code, "message": response.json()["error"]["message"],
                                         "status": status}}  # fmt: skip
    assert response.json()["error"]["message"]


def test_api_openapi_schema_lists_the_routes(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/events", "/api/v1/events/export", "/api/v1/aggregates/timeline", "/api/v1/ingest",
                 "/api/v1/claims/{claim_id}"):  # fmt: skip
        assert path in paths
    assert "/events" not in paths  # pages are not API


def test_api_refuses_a_database_that_does_not_exist(tmp_path):
    from warta.errors import UsageError

    with pytest.raises(UsageError, match="no database"):
        create_app(tmp_path / "nothing.db")
    assert not (tmp_path / "nothing.db").exists()
