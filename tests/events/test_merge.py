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
