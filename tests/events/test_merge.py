"""Mentions of one event merged into one record, and which mention's status it keeps."""

import pytest

from warta.events.merge import merge_mentions
from warta.records import Actor, Event


def _mention(status: str, start: int, date: str | None = None) -> Event:
    # "Uni Eropa ... sanksi ... atas Rusia" (the EU ... sanctions ... on Russia), one mention per sentence
    source, target = (Actor("Uni Eropa", country="EUR"),), (Actor("Rusia", country="RUS"),)
    return Event(
        type="SANCTION", mode=None, source=source, target=target, status=status, trigger="sanksi", sentence="",
        start=start, end=start + 6, date=date,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("first", "second", "kept"),
    [
        # a plain factual mention wins over an attributed one (GUIDE), whichever comes first
        ("reported", "asserted", "asserted"),
        ("asserted", "reported", "asserted"),
        # and over a plan or a possibility: "Uni Eropa Akan Terbitkan Paket Sanksi", then the agreement itself
        ("future", "asserted", "asserted"),
        ("asserted", "hypothetical", "asserted"),
        # otherwise the first mention stands
        ("future", "reported", "future"),
        ("reported", "future", "reported"),
        # a denied event keeps the status its other mentions give it
        ("denied", "future", "future"),
    ],
)
def test_merge_mentions_status(first, second, kept):
    merged = merge_mentions([(_mention(first, 0), 0), (_mention(second, 100), 3)])
    assert [e.status for e in merged] == [kept]


def test_merge_mentions_keeps_contradicting_dates_apart():
    merged = merge_mentions(
        [(_mention("asserted", 0, "2024-06-19"), 0), (_mention("asserted", 100, "2024-05-02"), 3)]
    )
    assert len(merged) == 2


def _violence(start: int, source: str, target: str, trigger: str = "kekerasan", etype: str = "ASSAULT") -> Event:
    # "Indonesia mengutuk keras tindak kekerasan ... aparat keamanan Israel atas warga Palestina", then "Indonesia
    # mengutuk Israel atas aksi kekerasan": one act of violence, told twice with different arguments coded
    return Event(
        type=etype, mode=None, source=(Actor(source, country=source),), target=(Actor(target, country=target),),
        status="asserted", trigger=trigger, sentence="", start=start, end=start + len(trigger),
    )  # fmt: skip


def test_retelling_with_other_arguments_is_one_event():
    merged = merge_mentions([(_violence(0, "ISR", "PSE"), 0), (_violence(200, "IDN", "PSE"), 4)], language="id")
    assert [(e.source[0].country, e.target[0].country) for e in merged] == [("ISR", "PSE")]


@pytest.mark.parametrize(
    ("second", "language"),
    [
        (_violence(200, "IDN", "PSE"), None),  # the rule coder does not merge retellings
        (_violence(200, "IDN", "USA"), "id"),  # no country on the same side
        (_violence(200, "IDN", "PSE", trigger="serangan"), "id"),  # no trigger word in common
        (_violence(200, "IDN", "PSE", etype="COERCE"), "id"),  # another type
    ],
)
def test_not_a_retelling(second, language):
    assert len(merge_mentions([(_violence(0, "ISR", "PSE"), 0), (second, 4)], language=language)) == 2


def test_retelling_shares_a_stem():
    # "menyerang" (attacked) and "serangan" (attack) share the stem "serang"
    first, second = _violence(0, "RUS", "UKR", "menyerang"), _violence(200, "RUS", "POL", "serangan")
    assert len(merge_mentions([(first, 0), (second, 4)], language="id")) == 1
