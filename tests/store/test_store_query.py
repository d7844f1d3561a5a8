"""Query filters, result rows and the PLOVER JSONL / CSV exports over a small hand-made corpus."""

from __future__ import annotations

import calendar
import csv
import datetime
import io
import json
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.errors import UsageError
from warta.export import CSV_FIELDS, PLOVER_FIELDS, export_csv, export_plover_jsonl, plover_record, rows_to_json
from warta.records import Actor, AnnotatedArticle, Article, Entity, Event, Place, Quantity, Quote
from warta.store.queries import EntityQuery, EventQuery, QuoteQuery
from warta.store.sql import SqlStore

RUSSIA = Actor("Rusia", name="Russia", country="RUS", sector="GOV")
NORTH_KOREA = Actor("Korea Utara", name="North Korea", country="PRK", sector="GOV")
PYONGYANG = Actor("Pyongyang", name="North Korea", country="PRK")
PUTIN = Actor("Putin", name="Vladimir Putin", country="RUS", sector="GOV", role="president")
KIM = Actor("Kim", name="Kim Jong Un", country="PRK", sector="GOV")
NIS = Actor("NIS", name="National Intelligence Service", country="KOR", sector="GOV")
UKRAINE = Actor("Ukraina", name="Ukraine", country="UKR")
ELYSEE = Actor("Élysée", name=None, country="FRA")  # SQLite's own LOWER() would leave the É
IMPLIED_USA = Actor(None, country="USA")


KURSK = Place("Kursk", "Kursk", "RUS", "place", 51.73, 36.19, 10, 15)


def event(
    type_: str,
    source: tuple,
    target: tuple,
    *,
    status: str = "asserted",
    date: str | None = None,
    trigger: str = "x",
    quantity: Quantity | None = None,
    place: Place | None = None,
) -> Event:
    return Event(
        type_, source, target, status, trigger, f"sentence with {trigger}", 0, 1, date=date, quantity=quantity,
        location=place.text if place else None, place=place,
    )  # fmt: skip


def doc(article_id: str, published: str | None, events: tuple, **extra: tuple) -> AnnotatedArticle:
    article = Article(
        id=article_id,
        source=f"{article_id}.html",
        text="...",
        url=f"https://news.example/{article_id}",
        title=f"Title {article_id}",
        published=published,
        language="id",
        outlet="era.id",
    )
    return AnnotatedArticle(article=article, events=events, **extra)


CORPUS = (
    doc(
        "a1",
        "2024-06-19",
        (
            event(
                "AID",
                (RUSSIA,),
                (NORTH_KOREA,),
                date="2024-06-19",
                trigger="bantuan",
                quantity=Quantity(5_000_000, unit="shells", approx=True),
            ),
            event("CONSULT", (PUTIN, KIM), (), status="reported", date="2024-06", trigger="bertemu"),
        ),
        quotes=(
            Quote("Vladimir Putin", "Kami akan saling membantu", 0, 5, speaker_country="RUS", cue="kata"),
            Quote(None, "tanpa pembicara", 6, 9, direct=False),
        ),
        entities=(
            Entity("Rusia", "LOC", 0, 5, country="RUS", name="Russia", kind="country"),
            Entity("Putin", "PER", 6, 11, country="RUS", name="Vladimir Putin", kind="leader"),
        ),
    ),
    doc(
        "a2",
        "2024-11-20",
        (
            event("MOBILIZE", (NORTH_KOREA,), (UKRAINE,), date="2024-11-20", trigger="dikerahkan", place=KURSK),
            event("ACCUSE", (NIS,), (PYONGYANG,), status="denied", trigger="menuduh"),
        ),
        quotes=(
            Quote(
                "anggota parlemen Park Sun-won", "Korea Utara juga mengirim senjata", 0, 5, speaker_country="KOR"
            ),
        ),
        entities=(Entity("Korea Utara", "LOC", 0, 11, country="PRK", name="North Korea", kind="country"),),
    ),
    doc(
        "a3", None, (event("THREATEN", (IMPLIED_USA,), (ELYSEE,), status="future", date="2023", trigger="ancam"),)
    ),
)


@pytest.fixture
def store(open_test_store) -> Iterator[SqlStore]:
    with open_test_store("q") as store:
        for d in CORPUS:
            store.save_article(d)
        yield store


@pytest.fixture
def empty_store(open_test_store) -> Iterator[SqlStore]:
    with open_test_store("empty") as store:
        yield store


def triggers(store: SqlStore, **filters: object) -> list[str]:
    return [row.trigger for row in store.select_events(EventQuery(**filters))]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["ancam", "bertemu", "bantuan", "dikerahkan", "menuduh"]),  # by date, undated last
        ({"actor": "korea"}, ["bantuan", "dikerahkan", "menuduh"]),  # text "Korea Utara" or name "North Korea"
        ({"actor": "KIM JONG"}, ["bertemu"]),
        ({"actor": "élysée"}, ["ancam"]),  # unicode case folding, not just ASCII
        ({"actor": "ÉLYS"}, ["ancam"]),
        ({"actor": "%"}, []),  # LIKE wildcards in the needle are literal
        ({"actor": "_"}, []),
        ({"country": "PRK"}, ["bertemu", "bantuan", "dikerahkan", "menuduh"]),
        ({"country": "prk"}, ["bertemu", "bantuan", "dikerahkan", "menuduh"]),
        ({"source_country": "PRK"}, ["bertemu", "dikerahkan"]),
        ({"target_country": "PRK"}, ["bantuan", "menuduh"]),
        ({"source_country": "USA"}, ["ancam"]),  # an implied actor with no mention still has a country
        ({"type": "AID"}, ["bantuan"]),
        ({"type": "aid"}, ["bantuan"]),
        ({"status": "reported"}, ["bertemu"]),
        ({"status": "Denied"}, ["menuduh"]),
        ({"article_id": "a2"}, ["dikerahkan", "menuduh"]),
        ({"limit": 2}, ["ancam", "bertemu"]),
        ({"limit": 0}, []),
        ({"country": "PRK", "type": "MOBILIZE"}, ["dikerahkan"]),
        ({"actor": "russia", "target_country": "PRK"}, ["bantuan"]),
    ],
)
def test_query_event_filters(store: SqlStore, filters: dict, expected: list[str]) -> None:
    assert triggers(store, **filters) == expected


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        # "2024-06" is all of June: it overlaps a range inside June.
        ("2024-06-15", "2024-06-30", ["bertemu", "bantuan"]),
        ("2024-06-20", None, ["bertemu", "dikerahkan"]),
        (None, "2024-06-18", ["ancam", "bertemu"]),
        ("2024-07", None, ["dikerahkan"]),
        ("2024", "2024", ["bertemu", "bantuan", "dikerahkan"]),
        ("2023-05", "2023-05", ["ancam"]),  # the year 2023 overlaps May 2023
        ("2024-06-19", "2024-06-19", ["bertemu", "bantuan"]),
        ("2024-06-19T08:00:00", "2024-06-19T09:00", ["bertemu", "bantuan"]),  # compared on the date prefix
        ("2025", None, []),
    ],
)
def test_query_event_date_ranges(
    store: SqlStore, date_from: str | None, date_to: str | None, expected: list[str]
) -> None:
    assert triggers(store, date_from=date_from, date_to=date_to) == expected


def test_query_event_rows_carry_actors_and_article(store: SqlStore) -> None:
    (row,) = store.select_events(EventQuery(type="CONSULT"))
    assert row.source == (PUTIN, KIM) and row.target == ()
    assert (row.article_id, row.url, row.title, row.published, row.outlet, row.language) == (
        "a1",
        "https://news.example/a1",
        "Title a1",
        "2024-06-19",
        "era.id",
        "id",
    )
    assert row.to_event() == CORPUS[0].events[1]
    (aid,) = store.select_events(EventQuery(type="AID"))
    assert aid.quantity == Quantity(5_000_000, unit="shells", approx=True)


def test_store_events_selected_by_the_country_they_happened_in(store):
    (row,) = store.select_events(EventQuery(place_country="RUS"))
    assert row.type == "MOBILIZE" and row.place == KURSK and row.location == "Kursk"
    assert store.select_events(EventQuery(place_country="UKR")) == []
    record = plover_record(row)
    assert (record["location_country"], record["latitude"], record["longitude"]) == ("RUS", 51.73, 36.19)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Kami akan saling membantu", "tanpa pembicara", "Korea Utara juga mengirim senjata"]),
        ({"speaker": "putin"}, ["Kami akan saling membantu"]),
        ({"speaker": "PARK SUN"}, ["Korea Utara juga mengirim senjata"]),
        ({"country": "kor"}, ["Korea Utara juga mengirim senjata"]),
        ({"text": "SENJATA"}, ["Korea Utara juga mengirim senjata"]),
        ({"article_id": "a1", "limit": 1}, ["Kami akan saling membantu"]),
    ],
)
def test_query_quote_filters(store: SqlStore, filters: dict, expected: list[str]) -> None:
    assert [row.text for row in store.select_quotes(QuoteQuery(**filters))] == expected


def test_query_quote_rows(store: SqlStore) -> None:
    rows = store.select_quotes(QuoteQuery(article_id="a1"))
    assert [(r.speaker, r.direct, r.cue, r.published) for r in rows] == [
        ("Vladimir Putin", True, "kata", "2024-06-19"),
        (None, False, None, "2024-06-19"),
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Rusia", "Putin", "Korea Utara"]),
        ({"text": "north"}, ["Korea Utara"]),  # matches the canonical name
        ({"text": "put"}, ["Putin"]),
        ({"type": "per"}, ["Putin"]),
        ({"country": "RUS"}, ["Rusia", "Putin"]),
        ({"country": "RUS", "type": "LOC"}, ["Rusia"]),
        ({"article_id": "a2"}, ["Korea Utara"]),
        ({"limit": 1}, ["Rusia"]),
    ],
)
def test_query_entity_filters(store: SqlStore, filters: dict, expected: list[str]) -> None:
    assert [row.text for row in store.select_entities(EntityQuery(**filters))] == expected


@pytest.mark.parametrize(
    ("factory", "kwargs", "message"),
    [
        (EventQuery, {"type": "FIGHT"}, "unknown type 'FIGHT'"),
        (EventQuery, {"status": "maybe"}, "unknown status"),
        (EventQuery, {"date_from": "June 2024"}, "date_from must be a date"),
        (EventQuery, {"date_to": "2024-6"}, "date_to must be a date"),
        (EventQuery, {"limit": -1}, "limit"),
        (EntityQuery, {"type": "MISC"}, "unknown type"),
        (QuoteQuery, {"limit": 1.5}, "limit"),
    ],
)
def test_query_bad_filters_are_usage_errors(factory: type, kwargs: dict, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        factory(**kwargs)


def test_query_rows_to_json_are_plain(store: SqlStore) -> None:
    events = rows_to_json(store.select_events(EventQuery(type="CONSULT")))
    assert events[0]["source"][0] == {
        "text": "Putin",
        "name": "Vladimir Putin",
        "country": "RUS",
        "sector": "GOV",
        "role": "president",
        "start": None,
        "end": None,
    }
    assert isinstance(events[0]["source"], list) and events[0]["target"] == []
    quotes = rows_to_json(store.select_quotes(QuoteQuery()))
    entities = rows_to_json(store.select_entities(EntityQuery()))
    json.dumps([events, quotes, entities])  # nothing that JSON cannot encode
    assert quotes[0]["speaker"] == "Vladimir Putin" and entities[0]["kind"] == "country"


def test_export_plover_jsonl(store: SqlStore) -> None:
    out = io.StringIO()
    assert export_plover_jsonl(store, out) == 5
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert all(tuple(r) == PLOVER_FIELDS for r in records)
    consult = next(r for r in records if r["event_type"] == "CONSULT")
    assert consult["source_actor"] == "Vladimir Putin; Kim Jong Un"
    assert consult["source_country"] == "RUS; PRK" and consult["source_sector"] == "GOV"
    assert consult["target_actor"] is None and consult["target_country"] is None
    assert (consult["event_date"], consult["status"], consult["trigger"]) == ("2024-06", "reported", "bertemu")
    assert consult["sentence"] == "sentence with bertemu"
    assert (consult["article_id"], consult["url"], consult["published"], consult["language"]) == (
        "a1",
        "https://news.example/a1",
        "2024-06-19",
        "id",
    )
    threat = next(r for r in records if r["event_type"] == "THREATEN")
    assert threat["source_actor"] is None and threat["source_country"] == "USA"  # implied actor
    assert threat["target_actor"] == "Élysée"  # no canonical name: the mention


def test_export_plover_jsonl_with_query(store: SqlStore) -> None:
    out = io.StringIO()
    assert export_plover_jsonl(store, out, EventQuery(country="UKR")) == 1
    assert json.loads(out.getvalue())["event_type"] == "MOBILIZE"


def test_export_csv(store: SqlStore) -> None:
    out = io.StringIO(newline="")
    assert export_csv(store, out, EventQuery(article_id="a1")) == 2
    reader = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert tuple(reader.fieldnames or ()) == CSV_FIELDS
    rows = list(reader)
    assert [r["event_type"] for r in rows] == ["CONSULT", "AID"]
    assert rows[0]["source_actor"] == "Vladimir Putin; Kim Jong Un" and rows[0]["target_actor"] == ""
    assert rows[1]["quantity"] == "5000000" and rows[1]["quantity_unit"] == "shells"
    assert rows[0]["quantity"] == "" and rows[1]["title"] == "Title a1"


def test_export_csv_empty_has_header(open_test_store) -> None:
    out = io.StringIO(newline="")
    with open_test_store("empty") as store:
        assert export_csv(store, out) == 0
    assert out.getvalue().strip() == ",".join(CSV_FIELDS)


def test_query_counts(store: SqlStore) -> None:
    assert store.counts() == {
        "articles": 3,
        "sentences": 0,
        "entities": 3,
        "quotes": 3,
        "events": 5,
        "failures": 0,
        "runs": 0,
    }


def _period(date: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day a (possibly partial) ISO date stands for, computed with the calendar."""
    parts = [int(p) for p in date[:10].split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 1, 1), datetime.date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return datetime.date(parts[0], parts[1], 1), datetime.date(parts[0], parts[1], last)
    day = datetime.date(*parts)
    return day, day


partial_dates = st.builds(
    lambda year, month, day, precision, time: (
        "-".join([f"{year}", f"{month:02d}", f"{day:02d}"][: precision + 1]) + (time if precision == 2 else "")
    ),
    year=st.integers(2022, 2025),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    precision=st.integers(0, 2),
    time=st.sampled_from(["", "T00:00:00", "T23:59:59+07:00"]),
)


# One store for all the examples (hence the health check): each example replaces the article "d" whole.
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    dates=st.lists(st.none() | partial_dates, min_size=1, max_size=8),
    date_from=st.none() | partial_dates,
    date_to=st.none() | partial_dates,
)
def test_query_date_range_matches_calendar_overlap(
    empty_store: SqlStore, dates: list[str | None], date_from: str | None, date_to: str | None
) -> None:
    events = tuple(event("AID", (RUSSIA,), (), date=d, trigger=f"t{i}") for i, d in enumerate(dates))
    expected = set()
    for i, d in enumerate(dates):
        if d is None:
            if date_from is None and date_to is None:
                expected.add(f"t{i}")
            continue
        start, end = _period(d)
        if (date_from is None or end >= _period(date_from)[0]) and (
            date_to is None or start <= _period(date_to)[1]
        ):
            expected.add(f"t{i}")
    empty_store.save_article(doc("d", None, events))
    assert set(triggers(empty_store, date_from=date_from, date_to=date_to)) == expected
