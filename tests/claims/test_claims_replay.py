"""A save replays the merge around its own events, not the whole claim bucket (issue 12), on both backends:
what it reads stays bounded by the events near its own however large the bucket (even one chained day by day
into a single segment), and a store written before evidence rows had periods gives the ledger a rebuild
would."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import Any

from claims_support import ARMS, Ev, Story, build, ledger_dump

from warta.claims import rebuild_ledger, save_article
from warta.records import AnnotatedArticle
from warta.store.ledger_rows import LedgerItem
from warta.store.sqlite import SqliteStore

_AID = "Korea Utara mengirim senjata ke Rusia."


def _arms(article_id: str, day: str | None, *, events: int = 4, published: str | None = None) -> AnnotatedArticle:
    """An article of ``events`` arms shipments from North Korea to Russia on ``day`` (one claim bucket), with a
    closing paragraph of its own so that it forms a story cluster alone."""
    filler = random.Random(article_id)
    paragraphs = [_AID] * events + [" ".join(f"isian{filler.randrange(10**9)}" for _ in range(40)) + "."]
    shipments = [Ev(i, "mengirim", "AID", ["Korea Utara"], ["Rusia"], date=day) for i in range(events)]
    story = Story(paragraphs, shipments)
    return build(story, article_id=article_id, published=published or day)


class _Counting:
    """A store whose ledger reads count the evidence rows they return (the rest passes through). A row can be
    read twice, by its period and by its claim: the bounds below allow for that."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self.read = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def _count(self, items: list[LedgerItem]) -> list[LedgerItem]:
        self.read += len(items)
        return items

    def bucket_evidence(self, bucket: str) -> tuple[list[LedgerItem], list]:
        items, denials = self._store.bucket_evidence(bucket)
        return self._count(items), denials

    def evidence_between(self, bucket: str, first: str, last: str) -> list[LedgerItem]:
        return self._count(self._store.evidence_between(bucket, first, last))

    def evidence_without_period(self, bucket: str, *, unknown: bool = False) -> list[LedgerItem]:
        return self._count(self._store.evidence_without_period(bucket, unknown=unknown))

    def evidence_of_claims(self, bucket: str, claim_ids: list[str]) -> list[LedgerItem]:
        return self._count(self._store.evidence_of_claims(bucket, claim_ids))


def _ticks() -> Any:
    ticks = itertools.count()
    return lambda: f"T{next(ticks):06d}"


def test_claims_replay_a_save_reads_the_events_near_its_own_not_the_bucket(open_test_store):
    # 2,000 events of one bucket over nine and a half years: four on one day every week. A new article dated
    # on one of those days reads that day's four events (the next are a week away, beyond the window).
    start = dt.date(2015, 1, 5)
    days = [(start + dt.timedelta(weeks=n)).isoformat() for n in range(500)]
    with open_test_store(clock=_ticks()) as store:
        with store.transaction():
            for n, day in enumerate(days):
                store.write_article(_arms(f"w{n}", day))
        rebuild_ledger(store)
        assert store.ledger_counts()["claims"] == 500
        counting = _Counting(store)
        save_article(counting, _arms("new", days[250], events=1))
        assert counting.read <= 2 * (4 + 1)  # that day's events and the new one, by day and by claim
        # A month is a longer period: it reads the weeks it overlaps and those within the window around it (at
        # most six weeks' events and itself).
        counting.read = 0
        save_article(counting, _arms("month", days[300][:7], events=1, published=days[300][:7]))
        assert counting.read <= 2 * (4 * 6 + 1)
        # Saved again a year later, it leaves its old day: both days are replayed.
        counting.read = 0
        save_article(counting, _arms("new", days[352], events=1))
        assert counting.read <= 2 * ((4 + 0) + (4 + 1))
        incremental = ledger_dump(store)
        rebuild_ledger(store)
        assert ledger_dump(store) == incremental


def test_claims_replay_a_save_in_a_bucket_of_daily_events_reads_a_few_days(open_test_store):
    # 2,000 events on 2,000 consecutive days: one segment, chained day by day. A save replays the merge from
    # its day on and stops where no claim changes any more: it reads the days around its own, not the year.
    start = dt.date(2018, 1, 1)
    days = [(start + dt.timedelta(days=n)).isoformat() for n in range(2000)]
    with open_test_store(clock=_ticks()) as store:
        with store.transaction():
            for n, day in enumerate(days):
                store.write_article(_arms(f"w{n:04d}", day, events=1))
        rebuild_ledger(store)
        counting = _Counting(store)
        save_article(counting, _arms("new", days[1000], events=2))
        assert counting.read <= 20
        counting.read = 0
        save_article(counting, _arms("new", days[1500], events=1))  # moved: both places are replayed
        assert counting.read <= 40
        incremental = ledger_dump(store)
        rebuild_ledger(store)
        assert ledger_dump(store) == incremental


def test_claims_replay_events_without_any_date_form_one_segment(open_test_store):
    # With neither a date nor a publication date an event joins only others like it: the save of one reads
    # those, not the dated events of the bucket.
    with open_test_store(clock=_ticks()) as store:
        for n in range(5):
            save_article(store, _arms(f"d{n}", f"2024-0{n + 1}-10"))
        save_article(store, _arms("u0", None, events=2, published=None))
        counting = _Counting(store)
        save_article(counting, _arms("u1", None, events=1, published=None))
        assert counting.read == 2 + 1
        mentions = sorted((row["date"] is None, row["mentions"]) for row in store._query("SELECT * FROM claims"))
        assert mentions == [(False, 4)] * 5 + [(True, 3)]
        incremental = ledger_dump(store)
        rebuild_ledger(store)
        assert ledger_dump(store) == incremental


def _forget_periods(store: Any) -> None:
    """The evidence rows as migration m008 leaves the rows written before it."""
    with store.transaction():
        store._query("UPDATE claim_evidence SET period_start = NULL, period_end = NULL, period_precision = NULL")


def test_claims_replay_store_from_before_periods_gives_the_rebuilt_ledger(open_test_store):
    # Evidence rows written before migration m008 have no period (NULL). A save that touches their bucket
    # fills them first; an article saved again whose old rows had none re-merges its whole bucket once.
    with open_test_store(clock=_ticks()) as store:
        for n, day in enumerate(["2024-06-01", "2024-06-03", "2024-06-20", "2024-07", None]):
            save_article(store, _arms(f"o{n}", day, events=2, published="2024-06-19"))
        _forget_periods(store)
        save_article(store, _arms("n1", "2024-06-02", events=1))
        assert not store._query("SELECT event_id FROM claim_evidence WHERE period_precision IS NULL")
        _forget_periods(store)
        save_article(store, _arms("o2", "2024-06-04", events=3, published="2024-06-19"))  # saved again
        incremental = ledger_dump(store)
        rebuild_ledger(store)
        assert ledger_dump(store) == incremental


def test_claims_replay_sqlite_reads_events_by_period_through_their_index(tmp_path):
    # The reads by period seek the index on (bucket, precision, first day) over the days asked for, instead
    # of reading the whole bucket (EXPLAIN QUERY PLAN).
    with SqliteStore(tmp_path / "w.db") as store:
        save_article(store, build(ARMS))
        seen: list[tuple[str, tuple]] = []
        query = store._query

        def spy(sql, params=(), /):
            if "period_start BETWEEN" in sql:
                seen.append((sql, tuple(params)))
            return query(sql, params)

        store._query = spy
        save_article(store, build(ARMS, article_id="a2", outlet="Kabar Lain"))
        store._query = query
        assert seen
        for sql, params in seen:
            plan = " ".join(row[3] for row in store._query("EXPLAIN QUERY PLAN " + sql, params))
            assert "ix_claim_evidence_period (bucket=? AND period_precision=? AND period_start>?" in plan, plan
