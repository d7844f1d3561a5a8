"""Evidence cited for a claim without a speaker ("shown by satellite imagery"), on articles of our own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from warta.build import build_pipeline
from warta.claims.citations import find_citations
from warta.claims.evidence import sentence_span
from warta.records import AnnotatedArticle, Page


@pytest.fixture(scope="module")
def citations():
    from warta.settings import load_settings

    # The rule coder: these tests are about citations, whatever coder found the events.
    pipeline = build_pipeline(replace(load_settings(env={}), min_article_chars=1, learned_events=False))

    def run(text: str, language: str) -> list[tuple[str, str, tuple[str, ...]]]:
        doc = pipeline.process(Page(source="t", text=text, language=language, published="2024-06-19"))
        assert isinstance(doc, AnnotatedArticle)
        ids = [f"e{i}" for i in range(len(doc.events))]
        found = find_citations(doc, ids, [sentence_span(doc, e) for e in doc.events])
        events = dict(zip(ids, doc.events, strict=True))
        return [(c.holder, events[c.event_id].type, tuple(a.country for a in events[c.event_id].source))
                for c in found]  # fmt: skip

    return run


def test_citations_english_imagery_backs_an_earlier_claim(citations):
    text = (
        "North Korea has sent weapons to Russia, the ministry said on Monday. "
        "Satellite images showed a sharp increase in weapons transfers by North Korea to Russia in October."
    )
    assert ("Satellite images", "AID", ("PRK",)) in citations(text, "en")


def test_citations_indonesian_intelligence_backs_the_claim(citations):
    # "North Korea sent weapons to Russia. According to intelligence reports, the arms transfers rose."
    text = (
        "Korea Utara mengirim senjata ke Rusia tahun lalu. "
        "Menurut laporan intelijen, transfer senjata dari Korea Utara ke Rusia meningkat tajam."
    )
    assert [h for h, t, _ in citations(text, "id") if t == "AID"] == ["laporan intelijen"]


def test_citations_need_a_concrete_source_and_an_evidence_verb(citations):
    vague = "North Korea has sent weapons to Russia. There is much evidence of weapons transfers to Russia."
    assert citations(vague, "en") == []
    no_verb = "North Korea has sent weapons to Russia. The documents were about weapons transfers to Russia."
    assert citations(no_verb, "en") == []


def test_citations_skip_claims_of_other_actors(citations):
    # the imagery is about Iran and Yemen: it does not back North Korea's arms deliveries to Russia
    text = (
        "North Korea has sent weapons to Russia, the ministry said. "
        "Satellite images showed weapons transfers from Iran to Yemen in October."
    )
    assert all(source != ("PRK",) for _, _, source in citations(text, "en"))
