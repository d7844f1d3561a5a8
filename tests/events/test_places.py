"""Event places: which named place a sentence ties to its event, and how it resolves (sentences of our own)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from warta.build import build_pipeline
from warta.records import AnnotatedArticle, Page


@pytest.fixture(scope="module")
def places():
    from warta.settings import load_settings

    pipeline = build_pipeline(replace(load_settings(env={}), min_article_chars=1))

    def run(text: str, language: str) -> dict[str, object]:
        doc = pipeline.process(Page(source="test", text=text, language=language, published="2024-06-19"))
        assert isinstance(doc, AnnotatedArticle)
        return {e.type: e.place for e in doc.events}

    return run


def test_places_locative_place_resolves_to_country_and_coordinates(places):
    # "The foreign ministers of Indonesia and Australia met in Jakarta on Monday."
    found = places("Menteri Luar Negeri Indonesia dan Australia bertemu di Jakarta pada Senin.", "id")
    place = found["CONSULT"]
    assert (place.name, place.country, place.kind) == ("Jakarta", "IDN", "capital")
    assert place.lat == pytest.approx(-6.2, abs=0.3) and place.lon == pytest.approx(106.8, abs=0.3)


def test_places_text_and_offsets_point_at_the_mention(places):
    text = "Russian forces attacked Ukrainian positions near Kharkiv on Tuesday."
    place = places(text, "en")["ASSAULT"]
    assert text[place.start : place.end] == place.text == "Kharkiv"
    assert place.country == "UKR"


def test_places_modifiers_between_preposition_and_name(places):
    # "Russia attacked Ukraine in the Kharkiv region on Tuesday": "di wilayah Kharkiv" (in [the region] Kharkiv)
    found = places("Rusia menyerang Ukraina di wilayah Kharkiv pada Selasa.", "id")
    assert found["ASSAULT"].name == "Kharkiv"
    found = places("Russia attacked Ukraine in the city of Kharkiv on Tuesday.", "en")
    assert found["ASSAULT"].name == "Kharkiv"


def test_places_a_visit_happens_at_its_destination(places):
    # "Putin will fly to Vietnam on Wednesday."
    found = places("Presiden Rusia Vladimir Putin akan berkunjung ke Hanoi pada Kamis.", "id")
    assert found["CONSULT"].name == "Hanoi" and found["CONSULT"].country == "VNM"


def test_places_destination_of_another_verb_is_not_the_events_place(places):
    # "Blinken's statement came after Kim travelled to Russia": "to Russia" belongs to the trip, not to the
    # accusation, which has no place of its own.
    found = places("The United States accused China of supplying weapons to Russia.", "en")
    assert found.get("ACCUSE") is None


def test_places_unknown_place_keeps_its_name_without_coordinates():
    from warta.events.places import resolve_place
    from warta.nlp.gazetteer_data import load_gazetteer
    from warta.records import Entity

    place = resolve_place(Entity("Zorbania Town", "LOC", 40, 53), load_gazetteer(), language="en")
    assert (place.name, place.country, place.kind, place.lat, place.start) == (
        "Zorbania Town",
        None,
        None,
        None,
        40,
    )


def test_places_a_name_inside_a_longer_place_does_not_resolve_to_the_country():
    from warta.events.places import resolve_place
    from warta.nlp.gazetteer_data import load_gazetteer
    from warta.records import Entity

    # "Laut China Selatan" (the South China Sea) is a sea, not China
    place = resolve_place(Entity("Laut China Selatan", "LOC", 0, 18), load_gazetteer(), language="id")
    assert place.country != "CHN"
