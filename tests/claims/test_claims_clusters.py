"""Story clusters: the calibration of the MinHash threshold, and clustering as articles arrive."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from pathlib import Path

import pytest
from claims_support import ARMS, build

from warta.claims import save_article
from warta.claims.clusters import (
    BANDS,
    NUM_PERM,
    ROWS,
    THRESHOLD,
    Candidate,
    Fingerprint,
    assign_cluster,
    fingerprint,
    shingles,
    similarity,
)
from warta.extract.article import extract_article
from warta.ingest import iter_pages
from warta.records import Article, Page
from warta.settings import Settings

WIRE = ("wire-kabar-nusantara.html", "wire-warta-selat.html", "wire-harian-khatulistiwa.html")


@pytest.fixture(scope="module")
def texts(fixtures_dir: Path, module_settings: Settings) -> dict[str, str]:
    """Extracted body text of every claims fixture, by file name."""
    out = {}
    for page in iter_pages([str(fixtures_dir)], module_settings):
        assert isinstance(page, Page), page
        out[Path(page.source).name] = extract_article(page, settings=module_settings).text
    return out


@pytest.fixture(scope="module")
def fixtures_dir() -> Path:
    return Path(__file__).parent.parent / "fixtures" / "claims"


@pytest.fixture(scope="module")
def module_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    from warta.settings import load_settings

    return load_settings(env={}, overrides={"db": tmp_path_factory.mktemp("db") / "w.db", "http_delay": 0.0})


def _edited(text: str, *, every: int = 0, drop: tuple[int, ...] = (), extra: str = "") -> str:
    """``text`` with every ``every``-th word replaced, paragraphs ``drop`` removed and ``extra`` appended."""
    paragraphs = [p for i, p in enumerate(text.split("\n\n")) if i not in drop]
    words = "\n\n".join(paragraphs).split(" ")
    if every:
        words = [f"kata{i}" if i % every == every - 1 else w for i, w in enumerate(words)]
    return " ".join(words) + extra


def test_clusters_threshold_separates_copies_from_other_stories(texts):
    """The calibration behind THRESHOLD (see warta.claims.clusters): copies of one wire story score well
    above it, a different story with the same stock phrases and unrelated text far below."""
    prints = {name: fingerprint(text) for name, text in texts.items()}
    for one, other in itertools.combinations(WIRE, 2):
        assert similarity(prints[one].signature, prints[other].signature) >= THRESHOLD + 0.1, (one, other)
    for name in WIRE:
        assert similarity(prints[name].signature, prints["other-scarborough.txt"].signature) < 0.1
    base = texts[WIRE[0]]
    boilerplate = "\n\nBaca juga: Harga Beras Naik Lagi\n\nEditor: Rina\n\nIkuti kami di media sosial"
    copies = [_edited(base, every=25), _edited(base, drop=(5, 7)), _edited(base, extra=boilerplate)]
    for copy in copies:
        assert similarity(fingerprint(copy).signature, prints[WIRE[0]].signature) >= THRESHOLD + 0.05
    assert similarity(fingerprint(build(ARMS).article.text).signature, prints[WIRE[0]].signature) < 0.05


def test_clusters_minhash_estimates_jaccard(texts):
    one, other = texts[WIRE[0]], texts[WIRE[1]]
    exact = len(shingles(one) & shingles(other)) / len(shingles(one) | shingles(other))
    estimate = similarity(fingerprint(one).signature, fingerprint(other).signature)
    assert abs(exact - estimate) < 0.1  # about 2.5 standard errors at 128 permutations


def test_clusters_fingerprint_is_deterministic_and_banded():
    fp = fingerprint("Kapal China menembakkan meriam air ke kapal Filipina di Laut China Selatan.")
    assert fp == fingerprint("kapal china menembakkan meriam air ke kapal filipina di laut china selatan")
    assert len(fp.signature) == NUM_PERM and len(fp.band_keys) == BANDS and BANDS * ROWS <= NUM_PERM
    assert fingerprint("  ...  ") == Fingerprint((), ())
    assert shingles("dua kata") == {"dua kata"}


def test_clusters_assignment_prefers_the_most_similar_then_the_smaller_id():
    fp = Fingerprint((1, 2, 3, 4), ())
    candidates = [
        Candidate("b", "cluster-b", (1, 2, 3, 9)),
        Candidate("a", "cluster-a", (1, 2, 3, 9)),
        Candidate("c", "cluster-c", (1, 2, 8, 9)),
        Candidate("self", "cluster-self", (1, 2, 3, 4)),  # an article never joins itself
    ]
    assert assign_cluster("self", fp, candidates).cluster_id == "cluster-a"
    assert assign_cluster("self", fp, candidates, threshold=0.9).cluster_id == "self"
    found = assign_cluster("self", fp, candidates[2:3], threshold=0.5)
    assert (found.cluster_id, found.similarity, found.joined) == ("cluster-c", 0.5, "c")


def test_clusters_in_the_store_are_incremental_and_stable(open_test_store, texts):
    def doc(name: str, article_id: str, text: str | None = None):
        base = build(ARMS, article_id=article_id)
        article = Article(id=article_id, source=name, text=text or texts[name], outlet=name)
        return replace(base, article=article, events=(), quotes=(), entities=(), sentences=())

    with open_test_store("c") as store:
        save_article(store, doc(WIRE[1], "first"))
        save_article(store, doc("other-scarborough.txt", "other"))
        save_article(store, doc(WIRE[0], "second"))
        save_article(store, doc(WIRE[2], "third"))
        rows = store.select_clusters(min_size=2)
        assert [(r.cluster_id, r.article_id) for r in rows] == [("first", "first"), ("first", "second"),
                                                                 ("first", "third")]  # fmt: skip
        assert rows[0].similarity is None and all(r.similarity >= THRESHOLD for r in rows[1:])
        # The first article is rewritten as a different story: it leaves, the cluster keeps its id.
        save_article(store, doc(WIRE[1], "first", text=re.sub(r"\w+", "x", texts["other-scarborough.txt"])))
        rows = store.select_clusters(min_size=2)
        assert {(r.cluster_id, r.article_id) for r in rows} == {("first", "second"), ("first", "third")}
        (alone,) = [r.cluster_id for r in store.select_clusters() if r.article_id == "first"]
        assert alone.startswith("first~")
        assert store.ledger_counts()["clusters"] == 3
