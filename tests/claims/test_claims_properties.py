"""Properties of the ledger at the storage boundary: kept up to date article by article, it equals the ledger
rebuilt from scratch, and which claim an event joins does not depend on the order articles arrive in."""

from __future__ import annotations

import itertools
import random

from claims_support import Ev, Story, build, ledger_dump
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store_backends import clear_tables
from warta.claims import rebuild_ledger, save_article
from warta.records import AnnotatedArticle
from warta.store.sql import SqlStore

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Paragraphs that can be coded as several event types between a few actors; texts repeat, so some articles
# are near-duplicates of others (one story cluster) and some are not.
_SENTENCES = [
    ("Korea Utara mengirim senjata ke Rusia pada bulan itu.", "mengirim", "AID", ["Korea Utara"], ["Rusia"]),
    ("Rusia dan Korea Utara bertemu di Pyongyang untuk membahas kerja sama.", "bertemu", "CONSULT", ["Rusia"],
     ["Korea Utara"]),
    ("Korea Utara dan Rusia bertemu lagi di Moskow.", "bertemu", "CONSULT", ["Korea Utara"], ["Rusia"]),
    ("China menyerang kapal Filipina di perairan sengketa.", "menyerang", "ASSAULT", ["China"], ["Filipina"]),
    ("Beijing membantah telah menyerang kapal Filipina.", "membantah", "REJECT", ["Beijing"], []),
    ("Moskow membantah adanya pengiriman senjata itu.", "membantah", "REJECT", ["Moskow"], []),
]  # fmt: skip
_DATES = [None, "2024-06", "2024-06-18", "2024-06-19", "2024-06-25", "2024-07-01"]


#: Dates at every precision, some far apart (separate segments of a bucket), some none; publication dates.
_SPREAD = [None, "2019", "2024", "2024-06", "2024-07", "2024-06-18", "2024-06-21", "2024-06-25", "2024-07-01",
           "2025-01-02", "2026-03"]  # fmt: skip
_PUBLISHED = [None, "2024-06-19", "2024-06-26", "2024-07-03T10:00:00+07:00", "2025-01-01", "2021-05-05"]


def _article(
    draw: st.DrawFn, article_id: str, dates: list[str | None], published: list[str | None], *, alone: int = 0
) -> AnnotatedArticle:
    """An article of a few of the sentences above, each coded as an event; ``alone`` (a number no other
    article is given): with a closing paragraph of tokens no other article has, so that it is in no other
    article's story cluster (clusters are assigned in arrival order and are not what the ledger's claims
    property is about)."""
    picks = draw(st.lists(st.integers(0, len(_SENTENCES) - 1), min_size=1, max_size=4))
    paragraphs, events = [], []
    for i, pick in enumerate(picks):
        text, trigger, type_, source, target = _SENTENCES[pick]
        paragraphs.append(text)
        status = draw(st.sampled_from(["asserted", "asserted", "reported", "hypothetical"]))
        mode = "allegation" if type_ == "REJECT" else draw(st.sampled_from([None, "military"]))
        date = draw(st.sampled_from(dates))
        events.append(Ev(i, trigger, type_, source, target, status=status, mode=mode, date=date))
    if alone:
        filler = random.Random(alone)
        paragraphs.append(" ".join(f"isian{filler.randrange(10**9)}" for _ in range(60)) + ".")
    outlet = draw(st.sampled_from(["Kabar", "Warta", None]))
    when = draw(st.sampled_from(published))
    return build(Story(paragraphs, events), article_id=article_id, outlet=outlet, published=when)


@st.composite
def articles(draw: st.DrawFn) -> list[AnnotatedArticle]:
    return [
        _article(draw, f"a{n}", _DATES, ["2024-06-19", "2024-06-26", None]) for n in range(draw(st.integers(1, 6)))
    ]


@st.composite
def saves(draw: st.DrawFn) -> list[AnnotatedArticle]:
    """Articles over years, in the order they are saved; some saved again with other events and dates."""
    docs = [_article(draw, f"a{n}", _SPREAD, _PUBLISHED, alone=n + 1) for n in range(draw(st.integers(1, 6)))]
    for again in range(draw(st.integers(0, 3))):
        article_id = f"a{draw(st.integers(0, len(docs) - 1))}"
        docs.append(_article(draw, article_id, _SPREAD, _PUBLISHED, alone=100 + again))
    return draw(st.permutations(docs))


def _save_all(store: SqlStore, docs: list[AnnotatedArticle]) -> None:
    for doc in docs:
        save_article(store, doc)


def _membership(store: SqlStore) -> list[tuple]:
    rows = store._query("SELECT event_id, claim_id, kind, holder FROM claim_evidence")
    return sorted(tuple(dict(row).values()) for row in rows)


def _ticks() -> object:
    ticks = itertools.count()
    return lambda: f"T{next(ticks):06d}"


def test_claims_properties_incremental_equals_rebuild(open_test_store):
    store = open_test_store(clock=_ticks())

    @PROPERTY
    @given(docs=articles())
    def check(docs: list[AnnotatedArticle]) -> None:
        clear_tables(store)  # an empty database per example
        _save_all(store, docs)
        incremental = ledger_dump(store)
        rebuild_ledger(store)
        counts = store.ledger_counts()
        assert ledger_dump(store) == incremental
        assert counts["unclustered"] == 0
        assert all(row[-1] is not None for row in incremental["claim_evidence"])  # every event has its claim

    with store:
        check()


def test_claims_properties_every_save_leaves_the_ledger_a_rebuild_would(open_test_store):
    # Issue 12: a save re-merges only the segments its old and new events touch; after each save (new
    # articles and articles saved again with other events, dates over years at every precision, with and
    # without a date or a publication date) the ledger is the one rebuilt from scratch.
    store = open_test_store(clock=_ticks())

    @PROPERTY
    @given(docs=saves())
    def check(docs: list[AnnotatedArticle]) -> None:
        clear_tables(store)
        for doc in docs:
            save_article(store, doc)
            incremental = ledger_dump(store)
            rebuild_ledger(store)
            assert ledger_dump(store) == incremental, doc.article.id

    with store:
        check()


def test_claims_properties_claims_do_not_depend_on_arrival_order(open_test_store):
    one, two = open_test_store("one", clock=_ticks()), open_test_store("two", clock=_ticks())

    @PROPERTY
    @given(docs=articles(), seed=st.integers(0, 10**6))
    def check(docs: list[AnnotatedArticle], seed: int) -> None:
        shuffled = docs[:]
        random.Random(seed).shuffle(shuffled)
        clear_tables(one)
        clear_tables(two)
        _save_all(one, docs)
        _save_all(two, shuffled)
        assert _membership(one) == _membership(two)

    with one, two:
        check()
