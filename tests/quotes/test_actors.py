"""Actor mentions of Indonesian domestic news: state bodies, regional units, armed and civil groups and group
words become Indonesian actors with their sector, in Indonesian and English (sentences of our own)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from warta.build import build_pipeline
from warta.nlp.gazetteer_data import load_gazetteer
from warta.quotes.actors import actor_mentions, home_country
from warta.records import AnnotatedArticle, Entity, Page

_GAZETTEER = load_gazetteer()


@pytest.fixture(scope="module")
def actors():
    from warta.settings import load_settings

    pipeline = build_pipeline(replace(load_settings(env={}), min_article_chars=1), gazetteer=_GAZETTEER)

    def run(text: str, language: str) -> dict[str, tuple[str | None, str | None]]:
        doc = pipeline.process(Page(source="test", text=text, language=language, published="2024-06-19"))
        assert isinstance(doc, AnnotatedArticle)
        home = home_country(text, doc.entities)
        return {
            m.actor.text: (m.actor.country, m.actor.sector)
            for sentence in doc.sentences
            for m in actor_mentions(text, sentence, doc.entities, _GAZETTEER, language=language, home=home)
        }

    return run


@pytest.mark.parametrize(
    ("language", "text", "mention", "sector"),
    [
        # "the KPK detained a suspect": the commission, and the suspect as a private person
        ("id", "JAKARTA - KPK menahan seorang tersangka kasus suap.", "KPK", "JUD"),
        ("id", "JAKARTA - KPK menahan seorang tersangka kasus suap.", "tersangka", "CVL"),
        # "the election supervisors summoned the election commission"
        ("id", "JAKARTA - Bawaslu memanggil KPU terkait laporan itu.", "Bawaslu", "GOV"),
        ("id", "JAKARTA - Bawaslu memanggil KPU terkait laporan itu.", "KPU", "GOV"),
        # "the Jakarta police arrested dozens of students"
        ("id", "JAKARTA - Polda Metro Jaya menangkap puluhan mahasiswa.", "Polda Metro Jaya", "COP"),
        ("id", "JAKARTA - Polda Metro Jaya menangkap puluhan mahasiswa.", "mahasiswa", "CVL"),
        # "the TPNPB-OPM attacked an army post"
        ("id", "JAYAPURA - TPNPB-OPM menyerang pos TNI AD di Intan Jaya.", "TPNPB-OPM", "REB"),
        ("id", "JAYAPURA - TPNPB-OPM menyerang pos TNI AD di Intan Jaya.", "TNI AD", "MIL"),
        ("id", "JAYAPURA - KKB menembak seorang prajurit.", "KKB", "REB"),
        # "thousands of workers rallied in front of the parliament building"
        ("id", "JAKARTA - Ribuan buruh berunjuk rasa di depan gedung DPR.", "buruh", "CVL"),
        ("id", "JAKARTA - Ribuan buruh berunjuk rasa di depan gedung DPR.", "DPR", "LEG"),
        # "the police apparatus dispersed the crowd"
        ("id", "JAKARTA - Aparat kepolisian membubarkan massa.", "Aparat kepolisian", "COP"),
        ("id", "JAKARTA - Aparat kepolisian membubarkan massa.", "massa", "CVL"),
        # "the panel of judges sentenced the defendant"
        ("id", "JAKARTA - Majelis hakim menjatuhkan vonis kepada terdakwa.", "Majelis hakim", "JUD"),
        # "the finance ministry rejected the proposal": Indonesia's, as no country follows it
        ("id", "JAKARTA - Kementerian Keuangan menolak usulan itu.", "Kementerian Keuangan", "GOV"),
        # "the Central Java provincial government"
        ("id", "SEMARANG - Pemprov Jateng menutup jalan itu.", "Pemprov Jateng", "GOV"),
        # a regent's title says he is Indonesian
        ("id", "JAKARTA - Warga memprotes Bupati Pati Sudewo.", "Sudewo", "GOV"),
        ("en", "JAKARTA - The KPK detained a regent on Tuesday.", "KPK", "JUD"),
        ("en", "JAKARTA - Students clashed with police in the capital.", "Students", "CVL"),
        ("en", "JAKARTA - Students clashed with police in the capital.", "police", "COP"),
        ("en", "JAYAPURA - TPNPB fighters attacked a military post.", "TPNPB", "REB"),
    ],
)
def test_actors_indonesian_domestic_mentions(actors, language, text, mention, sector):
    assert actors(text, language).get(mention) == ("IDN", sector)


def test_actors_foreign_ministry_named_with_its_country_is_that_country(actors):
    # "the Chinese foreign ministry criticised Indonesia's foreign ministry"
    found = actors("Kementerian Luar Negeri China mengecam Kemlu.", "id")
    assert found["Kementerian Luar Negeri China"][0] == "CHN"
    assert found["Kemlu"] == ("IDN", "GOV")


@pytest.fixture(scope="module")
def events():
    from warta.settings import load_settings

    pipeline = build_pipeline(replace(load_settings(env={}), min_article_chars=1), gazetteer=_GAZETTEER)

    def run(text: str) -> list[tuple[str, tuple[str | None, ...], tuple[str | None, ...]]]:
        doc = pipeline.process(Page(source="test", text=text, language="id", published="2024-06-19"))
        assert isinstance(doc, AnnotatedArticle)
        return [
            (e.type, tuple(a.country for a in e.source), tuple(a.country for a in e.target)) for e in doc.events
        ]

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "thousands of students rallied in front of the parliament building": students (CVL) -> the DPR (LEG)
        ("JAKARTA - Ribuan mahasiswa berunjuk rasa di depan gedung DPR.", ("PROTEST", ("IDN",), ("IDN",))),
        # "the police arrested three suspects": police (COP) -> suspects (CVL)
        ("JAKARTA - Polisi menangkap tiga tersangka.", ("COERCE", ("IDN",), ("IDN",))),
        # "the armed group shot two soldiers": KKB (REB) -> TNI (MIL)
        ("JAYAPURA - KKB menembak dua prajurit TNI.", ("ASSAULT", ("IDN",), ("IDN",))),
    ],
)
def test_actors_domestic_event_has_both_sides(events, text, expected):
    assert expected in events(text)


def _entity(text: str, start: int, country: str, kind: str) -> Entity:
    return Entity(text=text, type="LOC" if kind != "igo" else "ORG", start=start, end=start + len(text),
                  country=country, name=text, kind=kind)  # fmt: skip


def test_home_country_counts_the_towns_and_bodies_of_the_story():
    # A report from Kashmir (no dateline) that names Pakistan once and no other country, but its towns and
    # bodies again and again: its unnamed "security forces" are India's. The UN and an outlet's credit say
    # nothing about where the story happens, however often they are named.
    text = (
        "Security forces fired on crowds in Srinagar. Pakistan condemned the killings. Curfew in Srinagar and "
        "Jammu. The UN urged calm. The UN spoke again. The UN met. Reuters reported."
    )
    entities = [
        _entity("Srinagar", text.index("Srinagar"), "IND", "place"),
        _entity("Pakistan", text.index("Pakistan"), "PAK", "country"),
        _entity("Srinagar", text.index("Srinagar and"), "IND", "place"),
        _entity("Jammu", text.index("Jammu"), "IND", "place"),
        *(
            _entity("UN", k, "UNO", "igo")
            for k in (text.index("UN urged"), text.index("UN spoke"), text.index("UN met"))
        ),
        *(_entity("Reuters", text.index("Reuters"), "GBR", "outlet") for _ in range(4)),
    ]
    assert home_country(text, entities) == "IND"
    # without its towns the article is the country it names
    assert home_country(text, [e for e in entities if e.kind != "place"]) == "PAK"
