"""Merging events into claims: types, modes, actors (symmetric types unordered) and date windows."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.claims import ledger
from warta.claims.evidence import bucket_of
from warta.claims.ledger import (
    WINDOW_DAYS,
    LedgerItem,
    event_period,
    gap_days,
    merge_bucket,
    merge_claims,
    period,
    segments,
)
from warta.records import SYMMETRIC_TYPES
from warta.store.ledger_rows import Denial

_counter = iter(range(10**9))


def item(
    type_: str = "AID",
    source: tuple[str, ...] = ("PRK",),
    target: tuple[str, ...] = ("RUS",),
    *,
    mode: str | None = None,
    date: str | None = None,
    article: str | None = None,
    published: str | None = "2024-06-19",
    kind: str = "asserted",
    holder: str | None = None,
    outlet: str | None = None,
    cluster: str | None = None,
) -> LedgerItem:
    n = next(_counter)
    article = article or f"a{n}"
    return LedgerItem(
        event_id=f"e{n}", article_id=article, idx=n, bucket=bucket_of(type_, source, target) or "", type=type_,
        mode=mode, date=date, published=published, seen=published or "2024-01-01T00:00", outlet=outlet or article,
        cluster_id=cluster or article, kind=kind, holder=holder, source=source, target=target,
    )  # fmt: skip


def groups(claims) -> list[set[str]]:
    return sorted(({*c.event_ids} for c in claims), key=sorted)


@pytest.mark.parametrize(
    ("one", "other", "together"),
    [
        ("2024-06-19", "2024-06-19", True),
        ("2024-06-19", "2024-06-22", True),  # within the window
        ("2024-06-19", "2024-06-23", False),  # four days apart
        ("2024-06-19", "2024-06", True),  # a month contains the day
        ("2024-06-19", "2024", True),
        ("2024-06-30", "2024-07-02", True),  # across a month boundary
        ("2024-06", "2024-09", False),
        ("2023-09", "2024-06-19", False),
        ("2000", "2024-06-19", False),
        ("2024-06-19T23:30:00", "2024-06-20", True),
    ],
)
def test_ledger_date_windows(one, other, together):
    claims = merge_bucket([item(date=one), item(date=other)])
    assert (len(claims) == 1) is together


def test_ledger_anchor_stops_chaining():
    # Daily attacks for a week: each day is within three days of the day before, but a claim holds only
    # what is within three days of its first date.
    days = [item("ASSAULT", ("RUS",), ("UKR",), date=f"2024-03-0{d}") for d in range(1, 8)]
    claims = merge_bucket(days)
    assert [sorted(c.date for c in claims)] == [["2024-03-01", "2024-03-05"]]
    assert [c.mentions for c in claims] == [4, 3]


def test_ledger_coarse_date_joins_the_nearest_precise_claim():
    early, late = item(date="2024-06-02"), item(date="2024-06-25")
    month = item(date="2024-06")
    claims = merge_bucket([month, late, early])
    # The month overlaps both; among equals the earlier-dated claim takes it.
    assert groups(claims) == groups([_claim(early, month), _claim(late)])


def _claim(*items):
    class C:
        event_ids = tuple(i.event_id for i in items)

    return C


@pytest.mark.parametrize(
    ("modes", "claims"),
    [
        (("military", "military"), 1),
        (("military", None), 1),  # None is "not said": it matches any mode
        ((None, "technology"), 1),
        (("military", "technology"), 2),
        (("military", None, "technology"), 2),
    ],
)
def test_ledger_modes(modes, claims):
    merged = merge_bucket([item(mode=m, date="2024-06-19") for m in modes])
    assert len(merged) == claims
    assert all(c.mode is not None for c in merged) or modes == (None,)


@pytest.mark.parametrize("type_", sorted(SYMMETRIC_TYPES))
def test_ledger_symmetric_types_are_unordered(type_):
    one = item(type_, ("RUS",), ("PRK",), date="2024-06-19")
    other = item(type_, ("PRK",), ("RUS",), date="2024-06-19")
    both = item(type_, ("PRK", "RUS"), (), date="2024-06-20")
    assert one.bucket == other.bucket == both.bucket
    (claim,) = merge_bucket([one, other, both])
    assert claim.symmetric and claim.mentions == 3


def test_ledger_directed_types_keep_direction_and_unspecified_targets_match():
    to_russia = item("AID", ("PRK",), ("RUS",), date="2024-06-19")
    back = item("AID", ("RUS",), ("PRK",), date="2024-06-19")
    no_target = item("AID", ("PRK",), (), date="2024-06-19")
    to_china = item("AID", ("PRK",), ("CHN",), date="2024-06-19")
    assert to_russia.bucket != back.bucket
    claims = merge_claims([to_russia, back, no_target, to_china])
    assert groups(claims) == groups([_claim(to_russia, no_target), _claim(back), _claim(to_china)])
    first = next(c for c in claims if to_russia.event_id in c.event_ids)
    assert first.target == ("RUS",)


def test_ledger_undated_events_join_a_claim_near_their_publication_only():
    # Issue 12 changed this rule: an undated event stands at its publication date and joins only a claim
    # anchored within the window of it (before, it joined the nearest dated claim however far away).
    june = item(date="2024-06-19")
    march = item(date="2024-03-01")
    undated = item(date=None, published="2024-06-20")
    autumn = item(date=None, published="2024-09-10")
    autumn_again = item(date=None, published="2024-09-12T08:00:00+07:00")
    unknown = item(date=None, published=None)
    claims = merge_bucket([june, march, undated, autumn, autumn_again, unknown])
    # Published in September, far from every dated claim: a claim of its own at that date, which the next
    # undated event two days later joins; without a publication date, a claim of undated events only.
    assert groups(claims) == groups(
        [_claim(june, undated), _claim(march), _claim(autumn, autumn_again), _claim(unknown)]
    )
    assert next(c for c in claims if autumn.event_id in c.event_ids).date is None


def test_ledger_segments_split_where_periods_are_farther_apart_than_the_window():
    days = [item(date=d) for d in ("2024-06-01", "2024-06-04", "2024-06-08", "2024-06-30")]
    month = item(date="2024-07")  # July starts a day after 30 June
    undated = item(date=None, published=None)
    parts = [[i.event_id for i in part] for part in segments([month, undated, *days])]
    # 1 and 4 June are 3 days apart (one segment), 8 June 4 days after: the next; 30 June and July touch.
    assert parts == [[days[0].event_id, days[1].event_id], [days[2].event_id],
                     [days[3].event_id, month.event_id], [undated.event_id]]  # fmt: skip


def test_ledger_undated_events_alone_form_one_claim():
    claims = merge_bucket([item(), item(), item(mode="military")])
    assert [c.mentions for c in claims] == [3] and claims[0].date is None


def test_ledger_counts_outlets_stories_and_holders():
    wire = [item(date="2024-03-09", outlet=f"outlet{n}", cluster="wire", kind="asserted", holder=f"outlet{n}")
            for n in range(3)]  # fmt: skip
    own = item(date="2024-03-09", outlet="outlet0", kind="reported", holder="Militer Filipina")
    unnamed = [item(date="2024-03-10", kind="reported") for _ in range(2)]
    denial = Denial("r1", wire[0].event_id, 0, wire[0].article_id, "Beijing", "CHN", "clause", 0, 10)
    again = Denial("r2", wire[1].event_id, 0, wire[1].article_id, "China", "CHN", "clause", 0, 10)
    (claim,) = merge_bucket([*wire, own, *unnamed], [denial, again])
    # "own" is a second article of outlet0: six articles, five outlets, four stories (the wire is one).
    assert (claim.mentions, claim.articles, claim.outlets, claim.clusters) == (6, 6, 5, 4)
    assert (claim.asserting, claim.reporting, claim.denying) == (3, 3, 1)  # two unnamed sources, one China
    assert [s.kind for s in claim.stances].count("denied") == 2
    assert [s.idx for s in claim.stances] == list(range(len(claim.stances)))


def test_ledger_one_denial_of_two_mentions_counts_once():
    first, second = item(date="2024-06-19", article="x"), item(date="2024-06-19", article="x")
    denials = [Denial("r", e.event_id, 0, "x", "Moscow", "RUS", "clause", 0, 5) for e in (first, second)]
    (claim,) = merge_bucket([first, second], denials)
    assert [s.kind for s in claim.stances].count("denied") == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024", ("2024-01-01", "2024-12-31", 1)),
        ("2024-02", ("2024-02-01", "2024-02-29", 2)),
        ("2023-02", ("2023-02-01", "2023-02-28", 2)),
        ("2024-06-19", ("2024-06-19", "2024-06-19", 3)),
        ("2024-06-19T10:00:00+07:00", ("2024-06-19", "2024-06-19", 3)),
        ("2024-13", None),
        ("2023-02-30", None),
        ("kemarin", None),
        ("", None),
        (None, None),
    ],
)
def test_ledger_period(value, expected):
    found = period(value)
    assert (found and (found.start.isoformat(), found.end.isoformat(), found.precision)) == expected


# -- properties --------------------------------------------------------------------------------------------

_dates = st.sampled_from(
    [None, "2024", "2024-06", "2024-07", "2024-06-01", "2024-06-03", "2024-06-05", "2024-06-19", "2024-06-30",
     "2024-07-02", "nonsense", "2023-12-30", "2025-01-02", "2022"]
)  # fmt: skip
_sides = st.sampled_from([(), ("PRK",), ("RUS",), ("PRK", "RUS"), ("~hamas",)])


@st.composite
def _items(draw: st.DrawFn) -> list[LedgerItem]:
    out = []
    for n in range(draw(st.integers(0, 12))):
        type_ = draw(st.sampled_from(["AID", "CONSULT", "AGREE", "ASSAULT"]))
        source, target = draw(_sides), draw(_sides)
        if bucket_of(type_, source, target) is None:
            continue
        out.append(
            LedgerItem(
                event_id=f"e{n}",
                article_id=f"a{draw(st.integers(0, 3))}",
                idx=n,
                bucket=bucket_of(type_, source, target) or "",
                type=type_,
                mode=draw(st.sampled_from([None, "military", "visit"])),
                date=draw(_dates),
                published=draw(st.sampled_from([None, "2024-06-20", "2024-03-01", "2024-07-04", "2025"])),
                seen="2024-06-20",
                outlet=None,
                cluster_id="c",
                kind="asserted",
                source=source,
                target=target,
            )  # fmt: skip
        )
    return out


@settings(max_examples=300, deadline=None)
@given(items=_items(), seed=st.integers(0, 1000))
def test_ledger_merge_properties(items, seed):
    claims = merge_claims(items)
    # Every event is in exactly one claim, and claim ids are unique.
    members = [e for c in claims for e in c.event_ids]
    assert sorted(members) == sorted(i.event_id for i in items)
    assert len({c.id for c in claims}) == len(claims)
    by_id = {i.event_id: i for i in items}
    for claim in claims:
        events = [by_id[e] for e in claim.event_ids]
        assert {e.bucket for e in events} == {claim.bucket}
        assert all(e.mode in (None, claim.mode) for e in events)
        if not claim.symmetric:
            assert all(e.target in ((), claim.target) for e in events)
        anchor = period(claim.date)
        founder = by_id[claim.founder]
        for e in events:
            when = period(e.date)
            if anchor is not None and when is not None:
                assert gap_days(anchor, when) <= WINDOW_DAYS
            if anchor is None:
                assert when is None
            # every member stands within the window of its founder (by date, else publication date)
            placed, start = event_period(e.date, e.published), event_period(founder.date, founder.published)
            assert (placed is None) == (start is None)
            assert placed is None or gap_days(placed, start) <= WINDOW_DAYS
    # The input order does not matter.
    shuffled = items[:]
    random.Random(seed).shuffle(shuffled)
    assert merge_claims(shuffled) == claims
    # Symmetric types do not care which actor is the source.
    swapped = [replace(i, source=i.target, target=i.source) if i.type in SYMMETRIC_TYPES else i for i in items]
    assert [(c.id, c.event_ids) for c in merge_claims(swapped)] == [(c.id, c.event_ids) for c in claims]


@settings(max_examples=300, deadline=None)
@given(items=_items())
def test_ledger_merging_segments_apart_equals_merging_the_bucket_at_once(items):
    # The analysis behind the bounded save (issue 12): the claims of a bucket merged segment by segment are
    # those of one merge of all its events in one pass (the reference: no segments at all).
    for bucket in {i.bucket for i in items}:
        events = [i for i in items if i.bucket == bucket]
        at_once = [ledger._finish(c, {}) for c in ledger._merge_segment(events, window_days=WINDOW_DAYS)]
        assert merge_bucket(events) == at_once
        # and a segment merged alone gives the same claims as within the whole bucket
        for part in segments(events):
            alone = merge_bucket(part)
            assert all(claim in at_once for claim in alone)
