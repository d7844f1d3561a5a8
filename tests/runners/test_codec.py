"""Records through a partition's JSON and back: equal records, of the right types, and a clear error for JSON
that is not a record."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from warta.errors import ReadError
from warta.records import AnnotatedArticle, Article, Event, Failure, Place
from warta.runners.codec import dumps_record, loads_record, record_kind


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(AnnotatedArticle) | st.from_type(Failure))
def test_codec_round_trip_gives_the_equal_record(record: AnnotatedArticle | Failure) -> None:
    text = dumps_record(record)
    assume("NaN" not in text)  # NaN != NaN: such a record round-trips, but cannot be compared
    back = loads_record(record_kind(record), text)
    assert back == record and type(back) is type(record)


def test_codec_rebuilds_nested_records_and_tuples() -> None:
    place = Place(text="Pyongyang", name="Pyongyang", country="PRK", lat=39.03, lon=125.75)
    event = Event(type="CONSULT", source=(), target=(), status="asserted", trigger="met", sentence="They met.",
                  start=0, end=9, place=place)  # fmt: skip
    doc = AnnotatedArticle(
        article=Article(id="a", source="s", text="They met.", authors=("A", "B")), events=(event,)
    )
    back = loads_record("article", dumps_record(doc))
    assert isinstance(back, AnnotatedArticle)
    assert isinstance(back.events[0].place, Place) and back.article.authors == ("A", "B")


@pytest.mark.parametrize(
    ("kind", "text"),
    [("article", "[1, 2]"), ("failure", '{"source": "x"}'), ("page", "{}"), ("article", "not json")],
)
def test_codec_refuses_what_is_not_a_record(kind: str, text: str) -> None:
    with pytest.raises(ReadError):
        loads_record(kind, text)
