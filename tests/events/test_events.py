"""The rule event coder on single sentences of our own, in Indonesian and English: type, source and target
countries, status (each case names the rule it exercises). The learned coder, which decides on top of these
rules, has its own tests (test_event_model.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from warta.build import build_pipeline
from warta.records import AnnotatedArticle, Page

PUBLISHED = "2024-06-19"  # a Wednesday


@pytest.fixture(scope="module")
def code():
    from warta.settings import load_settings

    # Single sentences are far shorter than the shortest article the extractor accepts.
    pipeline = build_pipeline(replace(load_settings(env={}), min_article_chars=1, learned_events=False))

    def run(text: str, language: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...], str]]:
        doc = pipeline.process(Page(source="test", text=text, language=language, published=PUBLISHED))
        assert isinstance(doc, AnnotatedArticle)
        return [
            (
                e.type,
                tuple(a.country or "-" for a in e.source),
                tuple(a.country or "-" for a in e.target),
                e.status,
            )
            for e in doc.events
        ]

    return run


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # active verb, object after it
        ("id", "Rusia menyerang Ukraina pada Senin.", ("ASSAULT", ("RUS",), ("UKR",), "asserted")),
        (
            "id",
            "Filipina mengecam tindakan China di Laut China Selatan.",
            ("ACCUSE", ("PHL",), ("CHN",), "asserted"),
        ),
        ("id", "Jepang menjatuhkan sanksi terhadap Korea Utara.", ("SANCTION", ("JPN",), ("PRK",), "asserted")),
        # a refusal: negated cooperative verb with "akan" (will) is a REJECT, not a non-event
        (
            "id",
            "Malaysia menyatakan tidak akan mengirim pasukan ke Myanmar.",
            ("REJECT", ("MYS",), ("MMR",), "asserted"),
        ),
        # a domestic event: police against protesters of the same country
        (
            "id",
            "Polisi Thailand menangkap puluhan pengunjuk rasa di Bangkok.",
            ("COERCE", ("THA",), ("THA",), "asserted"),
        ),
        # an obligation laid on another actor in reported speech is a demand by the speaker
        (
            "id",
            "Menteri Luar Negeri Australia mengatakan bahwa China harus menghentikan latihan militer di sekitar"
            " Taiwan.",
            ("REQUEST", ("AUS",), ("CHN",), "asserted"),
        ),
        # a promise to give, stated by the giver, is also AGREE (GUIDE: pledges are AGREE)
        (
            "id",
            "Singapura akan memberikan bantuan kemanusiaan kepada Myanmar, kata Menteri Luar Negeri Singapura.",
            ("AGREE", ("SGP",), ("MMR",), "asserted"),
        ),
        (
            "en",
            "Russian troops shelled Ukrainian positions near Kharkiv on Monday.",
            ("ASSAULT", ("RUS",), ("UKR",), "asserted"),
        ),
        ("en", "China has refused to attend the talks with Japan.", ("REJECT", ("CHN",), ("JPN",), "asserted")),
        (
            "en",
            "Kenya said Somalia must withdraw its troops from the border.",
            ("REQUEST", ("KEN",), ("SOM",), "asserted"),
        ),
        # plural demonym as an actor
        ("en", "The Palestinians rejected the Israeli proposal.", ("REJECT", ("PSE",), ("ISR",), "asserted")),
        # a group noun takes its country from the adjective before it; a protest needs no target
        (
            "en",
            "Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday.",
            ("PROTEST", ("IRQ",), (), "asserted"),
        ),
        (
            "en",
            "Egyptian police arrested dozens of protesters in Cairo.",
            ("COERCE", ("EGY",), ("EGY",), "asserted"),
        ),
        # a mediator acts on both parties named after "between"
        (
            "en",
            "Peru offered to mediate between Ecuador and Colombia.",
            ("CONSULT", ("PER",), ("ECU", "COL"), "asserted"),
        ),
        # an act announced on a condition is a threat
        (
            "en",
            "Nigeria said it will withdraw its troops from Chad unless the rebels agree to a ceasefire.",
            ("THREATEN", ("NGA",), ("TCD",), "asserted"),
        ),
        (
            "en",
            "Finland will give Tanzania a loan of 20 million euros, the ministry said.",
            ("AID", ("FIN",), ("TZA",), "future"),
        ),
        (
            "en",
            "The ministers of Chile and Peru may meet in Lima next month.",
            ("CONSULT", ("CHL",), ("PER",), "hypothetical"),
        ),
        # a second-person pronoun in a quotation is the addressee named outside it
        (
            "en",
            '"We highly appreciate your support," Mexico\'s president said at talks with Brazil on Monday.',
            ("SUPPORT", ("MEX",), ("BRA",), "asserted"),
        ),
        # approving a sale is the sale (AID), not an agreement
        (
            "id",
            "Departemen Luar Negeri AS menyetujui penjualan rudal ke Taiwan pada Senin.",
            ("AID", ("USA",), ("TWN",), "asserted"),
        ),
        # "said they would ..." is the future of reported speech; a coercive act so announced is a threat
        (
            "en",
            "Palestinian leaders said they would boycott all contact with the United States.",
            ("THREATEN", ("PSE",), ("USA",), "asserted"),
        ),
        # "kedua negara" (both countries): the two sides of the story so far
        (
            "id",
            "Filipina memprotes China pada Senin. Kedua negara telah menempatkan kapal perang di perairan itu.",
            ("MOBILIZE", ("PHL", "CHN"), (), "asserted"),
        ),
        # ... the pair its events link most often, not the pair named last
        (
            "id",
            "Filipina memprotes China pada Senin. Manila juga mengecam Beijing. China menuduh Vietnam memicu "
            "insiden itu. Kedua negara telah menempatkan kapal perang di perairan itu.",
            ("MOBILIZE", ("PHL", "CHN"), (), "asserted"),
        ),
        # drills around a strait named after a country are aimed at that country
        (
            "id",
            "China menggelar latihan militer di sekitar Selat Taiwan pada Rabu.",
            ("MOBILIZE", ("CHN",), ("TWN",), "asserted"),
        ),
        # a coup is against the state's own government
        (
            "en",
            "Myanmar's army chief Min Aung Hlaing led a coup against an elected civilian government in February.",
            ("COERCE", ("MMR",), ("MMR",), "asserted"),
        ),
    ],
)
def test_events_sentence_is_coded(code, language, text, expected):
    assert expected in code(text, language)


@pytest.mark.parametrize(
    ("language", "text", "absent"),
    [
        # a plain negated fact is no event
        ("id", "Korea Utara tidak mengirim senjata ke Rusia.", "AID"),
        ("en", "Japan did not send troops to Iraq.", "AID"),
        # "said in a press release" is a statement, not a release of prisoners
        (
            "en",
            "Both ministers agreed to meet again, Japan's foreign ministry said in a press release.",
            "RETREAT",
        ),
        # "demonstrated the durability of their friendship": to show, not to protest
        ("en", "The visit by Vietnam's president demonstrated the strength of ties with Laos.", "PROTEST"),
        # a travel plan is not a pledge
        ("id", "Putin akan bertolak ke Vietnam pada Rabu, menurut ajudan Kremlin.", "AGREE"),
        # the act inside a demand is not coded: only the demand is
        ("id", "Filipina meminta China untuk menarik kapalnya dari perairan Filipina.", "RETREAT"),
        # "Sanksi diberikan" (sanctions were given) with no agent: the sanction's doer is unknown
        ("id", "Sanksi diberikan setelah Departemen Luar Negeri AS menyetujui penjualan senjata.", "SANCTION"),
    ],
)
def test_events_sentence_has_no_such_event(code, language, text, absent):
    assert absent not in {t for t, *_ in code(text, language)}


def test_events_quantity_attached_to_a_material_act():
    from warta.settings import load_settings

    pipeline = build_pipeline(replace(load_settings(env={}), min_article_chars=1, learned_events=False))
    doc = pipeline.process(
        Page(
            source="t", text="Korea Utara telah mengirimkan hampir 5 juta peluru artileri ke Rusia.", language="id"
        )
    )
    assert isinstance(doc, AnnotatedArticle)
    aid = next(e for e in doc.events if e.type == "AID")
    assert aid.quantity is not None
    assert (aid.quantity.value, aid.quantity.approx, aid.quantity.unit) == (5_000_000, True, "peluru artileri")


def test_events_background_event_gets_no_publication_date(code):
    from warta.settings import load_settings

    pipeline = build_pipeline(replace(load_settings(env={}), min_article_chars=1, learned_events=False))
    doc = pipeline.process(
        Page(
            source="t",
            text="China telah memberi sanksi kepada Amerika Serikat.",
            language="id",
            published=PUBLISHED,
        )
    )
    assert isinstance(doc, AnnotatedArticle)
    assert [e.date for e in doc.events if e.type == "SANCTION"] == [None]
    doc = pipeline.process(
        Page(source="t", text="China memberi sanksi kepada Amerika Serikat.", language="id", published=PUBLISHED)
    )
    assert isinstance(doc, AnnotatedArticle)
    assert [e.date for e in doc.events if e.type == "SANCTION"] == [PUBLISHED]
