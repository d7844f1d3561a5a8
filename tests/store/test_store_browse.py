"""store.browse: both plans of the newest-events query give the same pages, cursors are checked, and the
other lists page without loss."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.errors import UsageError
from warta.store import browse, open_store
from warta.store.browse import EventFilter, browse_events, decode_cursor, encode_cursor

FILTERS = [
    EventFilter(),
    EventFilter(country="IDN"),
    EventFilter(country="CHN", types=("ACCUSE", "REJECT")),
    EventFilter(actor="retno", status="asserted"),
    EventFilter(sector="GOV", date_from="2024-06", date_to="2024-06-30"),
    EventFilter(place_country="CHN"),
    EventFilter(text="laut", outlet="kabar"),
]


def _pages(store, f: EventFilter, limit: int) -> list[str]:
    ids, cursor = [], None
    while True:
        page = browse_events(store, f, cursor=cursor, limit=limit)
        ids += [row.id for row in page.rows]
        if page.cursor is None:
            return ids
        cursor = page.cursor


@pytest.mark.parametrize("f", FILTERS)
def test_store_browse_walk_and_list_plans_agree(served_db: Path, monkeypatch, f):
    with open_store(served_db) as store:
        monkeypatch.setattr(browse, "COUNTRY_LIST_CAP", 1)  # any country: walk the dates
        walked = _pages(store, f, 3)
        monkeypatch.setattr(browse, "COUNTRY_LIST_CAP", 10**9)  # any country: read its index first
        listed = _pages(store, f, 1000)
        assert walked == listed
        assert len(set(walked)) == len(walked) == browse.count_events(store, f)
        assert browse.count_events(store, f, cap=3) == min(3, len(walked))
        newest = browse.event_facets(store, f, newest=len(walked) + 10)
        assert newest == browse.event_facets(store, f)
    if f == EventFilter():
        assert len(walked) > 20


def test_store_browse_cursor_round_trip_and_refusals():
    assert decode_cursor(encode_cursor(["2024-06-19", "abc"]), 2) == ["2024-06-19", "abc"]
    assert decode_cursor(encode_cursor([None, "abc"]), 2) == [None, "abc"]
    for bad in ("", "!!!", encode_cursor(["only one"]), encode_cursor({"a": 1})):  # type: ignore[arg-type]
        with pytest.raises(UsageError) as refused:
            decode_cursor(bad, 2)
        assert refused.value.code == "W104"


def test_store_browse_filter_checks_its_values():
    with pytest.raises(UsageError):
        EventFilter(types=("NOPE",))
    with pytest.raises(UsageError):
        EventFilter(date_from="June")
    assert EventFilter(types=("consult", "AID", "AID")).types == ("AID", "CONSULT")


def test_store_browse_limit_is_bounded(served_db: Path):
    with open_store(served_db) as store:
        for limit in (0, browse.MAX_LIMIT + 1):
            with pytest.raises(UsageError):
                browse_events(store, EventFilter(), limit=limit)
