"""Argument rules and actor mentions: who acts and who is acted on, from the words around a trigger."""

from __future__ import annotations

from dataclasses import replace

import pytest

from warta.build import build_pipeline
from warta.events.arguments import SentenceView, is_other_party, left_search
from warta.nlp.gazetteer_data import load_gazetteer
from warta.quotes.actors import ArticleMentions, actor_mentions, dateline_country, home_country
from warta.records import Actor, AnnotatedArticle, Entity, Page

_GAZETTEER = load_gazetteer()


@pytest.fixture(scope="module")
def gazetteer():
    return _GAZETTEER


@pytest.fixture(scope="module")
def annotate():
    from warta.settings import load_settings

    pipeline = build_pipeline(replace(load_settings(env={}), min_article_chars=1), gazetteer=_GAZETTEER)

    def run(text: str, language: str) -> AnnotatedArticle:
        doc = pipeline.process(Page(source="test", text=text, language=language))
        assert isinstance(doc, AnnotatedArticle)
        return doc

    return run


def _entities(annotate, text: str, language: str) -> tuple[Entity, ...]:
    return annotate(text, language).entities


def _view(annotate, text: str, language: str, *, home: str | None = None) -> SentenceView:
    doc = annotate(text, language)
    sentence = doc.sentences[0]
    mentions = actor_mentions(text, sentence, doc.entities, _GAZETTEER, language=language, home=home)
    words = [t.text.lower() for t in sentence.tokens]
    return SentenceView(sentence, words, mentions, False, language)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a group noun takes the sector of its role and the country of the adjective before it
        ("en", "Fijian rebels seized the capital.", [("FJI", "REB")]),
        ("en", "Israeli troops entered the town.", [("ISR", "MIL")]),
        # Indonesian puts the country after the noun: "polisi Filipina" (Philippine police)
        ("id", "Polisi Filipina menangkap dua orang.", [("PHL", "COP")]),
        # a capitalised plural of a country adjective is that country's people
        ("en", "The Palestinians rejected the plan.", [("PSE", None)]),
        # a place right after a group noun gives its country
        ("en", "Demonstrators in Baghdad blocked a road.", [("IRQ", "CVL"), ("IRQ", "GOV")]),
    ],
)
def test_arguments_group_nouns_and_demonyms_are_actors(annotate, language, text, expected):
    view = _view(annotate, text, language)
    assert [(m.actor.country, m.actor.sector) for m in view.mentions] == expected


def test_arguments_group_noun_without_country_takes_the_home_country(annotate):
    view = _view(annotate, "Polisi sempat mencegah seorang aktivis.", "id", home="PHL")
    assert [(m.actor.country, m.actor.sector) for m in view.mentions] == [("PHL", "COP"), ("PHL", "CVL")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Manila, Jumat - Ratusan warga Filipina berdemonstrasi di Manila.", "PHL"),
        ("JAKARTA - Ratusan massa berunjuk rasa di depan kedutaan.", "IDN"),
        ("Beijing (ANTARA) - Otoritas China menjatuhkan sanksi.", "CHN"),
        ("Ratusan massa berunjuk rasa di depan kedutaan.", None),
    ],
)
def test_arguments_dateline_country(annotate, text, expected):
    entities = _entities(annotate, text, "id")
    assert dateline_country(text, entities) == expected


def test_arguments_home_country_without_dateline_is_the_most_named(annotate):
    text = "Myanmar's junta chief was excluded. Myanmar objected. The US and China disagreed."
    entities = _entities(annotate, text, "en")
    assert home_country(text, entities) == "MMR"


@pytest.mark.parametrize(
    ("language", "text", "home"),
    [
        # no dateline and no country named: Indonesian news is domestic (languages.yaml home_country) ...
        ("id", "Polisi pun sudah menahan puluhan orang yang diduga menjadi provokator.", "IDN"),
        # ... English news has no such default
        ("en", "Police have detained dozens of people suspected of stirring the unrest.", None),
        # a dateline or a named country still wins
        ("id", "Myanmar menolak. Junta Myanmar menahan puluhan orang.", "MMR"),
    ],
)
def test_article_mentions_home_falls_back_to_the_language(annotate, gazetteer, language, text, home):
    assert ArticleMentions(annotate(text, language), gazetteer).home == home


def test_events_domestic_article_without_dateline_has_actors(annotate):
    doc = annotate("Polisi pun sudah menahan puluhan orang yang diduga keras menjadi provokator.", "id")
    assert [(e.type, [a.country for a in e.source]) for e in doc.events][:1] == [("COERCE", ["IDN"])]


@pytest.mark.parametrize(
    ("target", "source", "expected"),
    [
        (Actor("China", country="CHN", sector="GOV"), [Actor("Filipina", country="PHL", sector="GOV")], True),
        # the same state on both sides is no event between two parties
        (Actor("Manila", country="PHL", sector="GOV"), [Actor("Filipina", country="PHL", sector="GOV")], False),
        # a state body against a non-state group of its own country is a domestic event
        (Actor("aktivis", country="PHL", sector="CVL"), [Actor("Polisi", country="PHL", sector="COP")], True),
        (Actor("junta", country="MMR", sector="MIL"), [Actor("protesters", country="MMR", sector="CVL")], True),
        # a country's own news agency is a source of the report, not a party
        (Actor("RIA", country="RUS", sector="MED"), [Actor("Russia", country="RUS", sector="GOV")], False),
    ],
)
def test_arguments_is_other_party(target, source, expected):
    assert is_other_party(target, source) is expected


@pytest.mark.parametrize(
    ("language", "text", "trigger", "expected"),
    [
        # the object of an earlier verb is not the subject of a later one
        ("id", "Filipina mengecam China dan menuntut penarikan kapal.", "menuntut", ["PHL"]),
        ("en", "The war devastated Gaza, killed thousands and displaced millions.", "killed", []),
        # "yang" (which/who) points back to the noun before it
        ("id", "Kapal China yang menghadang kapal Filipina pergi.", "menghadang", ["CHN"]),
        # an actor after a preposition is not the subject
        ("en", "According to the UN, a crackdown followed.", "crackdown", []),
    ],
)
def test_arguments_left_search_finds_the_subject(annotate, language, text, trigger, expected):
    view = _view(annotate, text, language)
    index = view.words.index(trigger)
    found, _ = left_search(view, index, noun=trigger in ("crackdown",))
    assert [a.country for a in found] == expected


_EARLIER = (Actor("Moskow", country="RUS"), Actor("Kyiv", country="UKR"))


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # "they" are the speakers; speakers named only by their body belong to its owner
        ("Officials at the U.S. Treasury Department said they were preparing sanctions.", "preparing", ["USA"]),
        # speakers who are no actor: "they" is not the last event's source
        ("Analysts said they expected sanctions within weeks.", "expected", []),
        # "the two countries" after a preposition names no doer: the subject is further left
        (
            "Chinese Foreign Minister Wang Yi said relations between the two countries were stable but warned "
            "Washington.",
            "warned",
            ["CHN"],
        ),
    ],
)
def test_arguments_plural_references_need_their_own_antecedent(annotate, text, trigger, expected):
    view = replace(_view(annotate, text, "en"), last_sources=_EARLIER[:1], last_pair=_EARLIER)
    found, _ = left_search(view, view.words.index(trigger))
    assert [a.country for a in found] == expected
