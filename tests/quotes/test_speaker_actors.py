"""Quote speakers as actors: country, sector, role and the body they speak for (sentences of our own)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from warta.build import build_pipeline
from warta.records import AnnotatedArticle, Page


@pytest.fixture(scope="module")
def speakers():
    from warta.settings import load_settings

    pipeline = build_pipeline(replace(load_settings(env={}), min_article_chars=1))

    def run(text: str, language: str):
        doc = pipeline.process(Page(source="t", text=text, language=language, published="2024-06-19"))
        assert isinstance(doc, AnnotatedArticle)
        return doc

    return run


def test_speaker_actors_title_and_ministry_before_the_name(speakers):
    # "We firmly oppose that step," said the Chinese foreign ministry's spokesman, Lin Jian, in Beijing.
    doc = speakers("“Kami menentang keras langkah itu,” kata juru bicara Kementerian Luar Negeri China, Lin Jian, "
                   "di Beijing.", "id")  # fmt: skip
    (quote,) = doc.quotes
    actor = quote.speaker_actor
    assert quote.speaker == "Lin Jian" and doc.article.text[quote.speaker_start : quote.speaker_end] == "Lin Jian"
    assert (actor.country, actor.sector, actor.role) == ("CHN", "GOV", "spokesperson")
    assert "Luar Negeri" in quote.speaker_affiliation or "Foreign" in quote.speaker_affiliation


def test_speaker_actors_known_official_keeps_the_dictionary_role(speakers):
    # South Korea's defence minister Shin Wonsik said Russia had sent technology to North Korea.
    doc = speakers("Menteri Pertahanan Korea Selatan Shin Wonsik mengatakan bahwa Rusia telah mengirim teknologi "
                   "ke Korea Utara.", "id")  # fmt: skip
    actor = doc.quotes[0].speaker_actor
    assert (actor.country, actor.sector, actor.role) == ("KOR", "GOV", "defence minister")


def test_speaker_actors_affiliation_after_of(speakers):
    doc = speakers('"Aid must reach every family in Gaza," said Martin Griffiths of the United Nations.', "en")
    (quote,) = doc.quotes
    assert quote.speaker_affiliation in ("United Nations", "UN")
    assert quote.speaker_actor.country == "UNO"


def test_speaker_actors_a_country_speaking_gets_no_title_from_the_clause_before(speakers):
    # The talks focused on military cooperation; Russia said the sanctions were illegal.
    doc = speakers("Pembicaraan itu fokus pada kerja sama militer, dan Rusia mengatakan sanksi itu ilegal.", "id")
    actor = doc.quotes[0].speaker_actor
    assert actor.country == "RUS" and actor.role is None
