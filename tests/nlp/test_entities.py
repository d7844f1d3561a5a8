"""Tests for warta.nlp.entities: dictionary names, rule-typed names, titles and roles, statistical candidates
(given here by hand; the model that makes them is tested in test_models.py)."""

from __future__ import annotations

import pytest

from warta.nlp.entities import find_entities, make_entities_stage, sentences_for_ner
from warta.nlp.gazetteer import Gazetteer
from warta.nlp.gazetteer_data import load_gazetteer
from warta.nlp.segment import segment_text
from warta.records import AnnotatedArticle, Article, Entity


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def annotated(text: str, language: str) -> AnnotatedArticle:
    article = Article(id="t", source="t", text=text, language=language)
    return AnnotatedArticle(article=article, sentences=segment_text(text, language))


def entities_of(gaz: Gazetteer, text: str, language: str, extra: tuple[Entity, ...] = ()) -> dict[str, Entity]:
    return {e.text: e for e in find_entities(annotated(text, language), gaz, extra=extra)}


# -- weekdays, months and bare titles are no one -----------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "text", "word"),
    [
        ("id", "Pada hari Senin, Presiden mengatakan hal itu kepada wartawan.", "Senin"),
        ("id", "Senin Presiden Joko Widodo berkata bahwa semua baik.", "Senin"),
        ("id", "Juru Bicara mengatakan hal itu kepada wartawan.", "Juru Bicara"),
        ("id", "Ia bertemu Kepala Negara di istana.", "Negara"),
        ("id", "Pada hari Senin, Presiden mengatakan hal itu kepada wartawan.", "Presiden"),
        ("id", "Hal itu disampaikan pada 12 Oktober, kata Menteri Pertahanan.", "Menteri Pertahanan"),
        ("en", "Prime Minister John Smith said on Monday that it was fine.", "Monday"),
        ("en", "The President said on Tuesday it was fine.", "The President"),
        ("en", "The President said on Tuesday it was fine.", "Tuesday"),
        ("en", "The deal was signed in February, the minister said.", "February"),
        ("en", "Secretary of State Antony Blinken said so.", "State"),
        ("en", "The Coordinating Minister for Maritime Affairs and Investment will lead it.", "Maritime Affairs"),
        (
            "en",
            "It is covered by the Philippines-United States Mutual Defense Treaty, Locsin wrote.",
            "Mutual Defense Treaty",
        ),
    ],
)
def test_entities_calendar_words_and_bare_titles_are_not_people(gaz, language, text, word):
    found = entities_of(gaz, text, language)
    assert word not in found, found


def test_entities_abbreviated_months_stay_possible_names(gaz):
    """'Jan' is an abbreviation of January and a given name: only the full month names are never names."""
    found = entities_of(gaz, '"Kami siap," kata Jan Egeland kepada wartawan.', "id")
    assert found["Jan Egeland"].type == "PER"


# -- an organisation named after a place does not swallow the person after it -------------------------------
@pytest.mark.parametrize(
    ("text", "org", "org_country", "person"),
    [
        (
            "Pengamat politik Universitas Lampung Robi Cahyadi Kurniawan mengatakan hal itu.",
            "Universitas Lampung",
            "IDN",
            "Robi Cahyadi Kurniawan",
        ),
        (
            "Hal itu dikatakan juru bicara Kementerian Luar Negeri China Lin Wei Jun di Beijing.",
            "Kementerian Luar Negeri China",
            "CHN",
            "Lin Wei Jun",
        ),
    ],
)
def test_entities_org_head_does_not_swallow_person(gaz, text, org, org_country, person):
    found = entities_of(gaz, text, "id")
    assert found[org].type == "ORG" and found[org].country == org_country
    assert found[person].type == "PER"


def test_entities_org_head_without_place_stays_whole(gaz):
    found = entities_of(gaz, "Ia belajar di Universitas Gadjah Mada sejak 2010.", "id")
    assert found["Universitas Gadjah Mada"].type == "ORG"


# -- people after titles, and one-word names after a speech verb -------------------------------------------
@pytest.mark.parametrize(
    ("language", "text", "person", "role", "country"),
    [
        (
            "en",
            "On Monday, Foreign Minister Maria Lopez said the talks failed.",
            "Maria Lopez",
            "foreign minister",
            None,
        ),
        ("en", "The talks failed, said Foreign Minister Maria Lopez.", "Maria Lopez", "foreign minister", None),
        (
            "en",
            "Spain's Foreign Minister Maria Lopez said the talks failed.",
            "Maria Lopez",
            "foreign minister",
            "ESP",
        ),
        (
            "en",
            "Prime Minister John Smith said on Monday that it was fine.",
            "John Smith",
            "head of government",
            None,
        ),
        # the body she heads is Indonesian (organisations.yaml), so is she
        ("id", "Kepala BMKG Dwikorita Karnawati mengatakan gempa itu kuat.", "Dwikorita Karnawati", None, "IDN"),
        ("id", "BMKG Dwikorita Karnawati mengatakan gempa itu kuat.", "Dwikorita Karnawati", None, "IDN"),
        ("id", "Menurut pensiunan Jenderal Keith Kellogg, hal itu wajar.", "Keith Kellogg", "officer", None),
        ("id", "Menlu Maroko, Y.M. Nasser Bourita, tiba di Jakarta.", "Nasser Bourita", "foreign minister", "MAR"),
        ("id", '"Hal itu tidak benar," kata Budi.', "Budi", None, None),
        ("id", "Pak Harto mengatakan itu kepada wartawan.", "Harto", None, None),
        ("en", '"It is not true," said Smith.', "Smith", None, None),
    ],
)
def test_entities_person_after_title_is_the_name_alone(gaz, language, text, person, role, country):
    found = entities_of(gaz, text, language)
    assert found[person].type == "PER", found
    assert found[person].role == role
    assert found[person].country == country
    assert not any(person in other and other != person for other in found), found


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Menteri Perhubungan Jusman Syafii Djamal meninjau bandara.", "Jusman Syafii Djamal"),
        ("Kepala Pusat Data Humas BNPB Sutopo Purwo Nugroho menjelaskan.", "Sutopo Purwo Nugroho"),
        ("Ketua Umum Partai Persatuan Indonesia Hary Tanoe menjelaskan.", "Hary Tanoe"),
    ],
)
def test_entities_portfolio_words_after_a_title_are_not_the_name(gaz, text, person):
    found = entities_of(gaz, text, "id")
    assert found[person].type == "PER", found
    assert [name for name, e in found.items() if e.type == "PER"] == [person]


def test_entities_one_word_without_speech_verb_is_not_a_person(gaz):
    found = entities_of(gaz, "Budi pergi ke pasar pagi itu.", "id")
    assert "Budi" not in found


def test_entities_short_title_form_links_to_full_name(gaz):
    text = "Utusan Trump, pensiunan Jenderal Keith Kellogg, tiba di Kyiv. Menurut Jenderal Kellogg, itu wajar."
    found = find_entities(annotated(text, "id"), gaz)
    names = {e.text: e.name for e in found if e.type == "PER"}
    assert names["Kellogg"] == "Keith Kellogg"


# -- the gazetteer knows Indonesian towns and world cities ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("Gempa terasa hingga Kupang pada malam itu.", "Kupang", "IDN"),
        ("Banjir melanda Sleman dan sekitarnya.", "Sleman", "IDN"),
        ("Warga Manado memadati jalan.", "Manado", "IDN"),
        ("Protests spread to Benghazi on Friday.", "Benghazi", "LBY"),
        ("The company has an office in Denver.", "Denver", "USA"),
    ],
)
def test_entities_towns_and_cities_are_places(gaz, text, place, country):
    found = entities_of(gaz, text, "en" if text.startswith(("Protests", "The")) else "id")
    assert found[place].type == "LOC" and found[place].country == country


@pytest.mark.parametrize("word", ["Natal", "Batu", "Negara", "Austin"])
def test_entities_town_names_that_are_words_are_not_in_the_gazetteer(gaz, word):
    assert not [m for m in gaz.find(f"x {word} x") if m.text == word and m.entries[0].kind == "place"]


# -- statistical candidates ----------------------------------------------------------------------------------
def candidate(text: str, name: str, etype: str) -> Entity:
    start = text.index(name)
    return Entity(name, etype, start, start + len(name), kind="ner")


def test_entities_statistical_candidate_fills_a_gap(gaz):
    text = "Sambil berorasi, pemimpin unjuk rasa Loida Nicholas Lewis menuntut kapal itu pergi."
    found = entities_of(gaz, text, "id", (candidate(text, "Loida Nicholas Lewis", "PER"),))
    assert found["Loida Nicholas Lewis"].type == "PER"


def test_entities_dictionary_wins_over_statistical_candidate(gaz):
    text = "Presiden Rusia Vladimir Putin tiba di Pyongyang pada malam hari."
    found = entities_of(gaz, text, "id", (candidate(text, "Rusia Vladimir", "ORG"),))
    assert found["Vladimir Putin"].kind == "leader"
    assert "Rusia Vladimir" not in found


@pytest.mark.parametrize(
    ("text", "ner", "expected"),
    [
        # the title rule reads "Indofood Franciscus Welirang" after "Direktur"; the model knows the name
        ("Direktur Indofood Franciscus Welirang menjelaskan.", "Franciscus Welirang", "Franciscus Welirang"),
        # a model name starting at an initial is not trusted over the rule
        ("CEO Raytheon Gregory J Hayes mengatakan hal itu.", "J Hayes", "Gregory J Hayes"),
        # what the model leaves out is a given name: the rule's name stands
        ('"Itu benar," kata Prasetio Edi Marsudi.', "Edi Marsudi", "Prasetio Edi Marsudi"),
    ],
)
def test_entities_statistical_person_trims_a_name_read_after_a_title(gaz, text, ner, expected):
    found = entities_of(gaz, text, "id", (candidate(text, ner, "PER"),))
    people = [name for name, e in found.items() if e.type == "PER"]
    assert people == [expected]


def test_entities_prose_listing_names_goes_to_the_ner_but_a_headline_does_not(gaz):
    from warta.nlp.entities import sentences_for_ner

    prose = (
        '"Nama-nama potensial adalah Djarot Saiful Hidayat (Wagub DKI), Boy Sadikin (Ketua PDIP DKI), Tri '
        'Rismaharini, dan Ganjar Pranowo," kata Prasetio Edi Marsudi.'
    )
    headline = "Pandji Pragiwaksono Singgung Titipan PDIP di Kabinet Jokowi"
    assert len(sentences_for_ner(annotated(prose, "id"), gaz)) == 1
    assert sentences_for_ner(annotated(headline, "id"), gaz) == ()


@pytest.mark.parametrize(
    ("text", "name", "etype", "expected", "country"),
    [
        (
            "Hal itu diumumkan oleh Presiden Rusia Dmitri Ivanovich kemarin.",
            "Presiden Rusia Dmitri Ivanovich",
            "PER",
            "Dmitri Ivanovich",
            "RUS",
        ),
        (
            "Ratusan massa dari Banser Jakarta ikut berunjuk rasa.",
            "Banser Jakarta",
            "ORG",
            "Banser Jakarta",
            "IDN",
        ),
        (
            "Kapal itu berada di dekat pantai Zambales, Filipina, pada pagi hari.",
            "Zambales",
            "LOC",
            "Zambales",
            "PHL",
        ),
        ("Kapal itu berada di dekat pantai Zambales pada pagi hari.", "Zambales", "LOC", "Zambales", None),
    ],
)
def test_entities_statistical_candidate_is_cleaned_and_given_a_country(gaz, text, name, etype, expected, country):
    found = entities_of(gaz, text, "id", (candidate(text, name, etype),))
    assert found[expected].type == etype and found[expected].country == country


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("Terkini: Diminta mundur oleh Filipina, kapal itu tetap berada di sana.", "Diminta", "PER"),
        (
            "Pandji Pragiwaksono Singgung Titipan PDIP di Kabinet Jokowi",
            "Pandji Pragiwaksono Singgung Titipan",
            "PER",
        ),
        (
            "Penjaga pantai mengatakan kapalnya BRP Gabriela Silang memantau kapal itu.",
            "BRP Gabriela Silang",
            "ORG",
        ),
        ("Kedua menteri bertemu pada Senin pagi di kantor itu.", "Senin", "PER"),
    ],
)
def test_entities_statistical_candidate_noise_is_dropped(gaz, text, name, etype):
    assert name not in entities_of(gaz, text, "id", (candidate(text, name, etype),))


def test_entities_statistical_candidates_of_one_type_join_across_a_space(gaz):
    text = "Massa dari organisasi GP Ansor ikut berunjuk rasa."
    parts = (candidate(text, "GP", "ORG"), candidate(text, "Ansor", "ORG"))
    assert entities_of(gaz, text, "id", parts)["GP Ansor"].type == "ORG"


def test_entities_statistical_candidate_does_not_merge_two_countries(gaz):
    text = "Sanksi itu dijatuhkan setelah China AS bersitegang soal Taiwan."
    found = entities_of(gaz, text, "id", (candidate(text, "China AS", "LOC"),))
    assert found["China"].country == "CHN" and found["AS"].country == "USA"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Menteri itu tiba di Surabaya bersama Budi Santoso pada Senin.", True),
        ("Menteri itu tiba di Jakarta pada Senin.", False),
        ("Presiden Joko Widodo tiba di Jakarta pada Senin.", False),
        ("Menteri itu tiba pada pagi hari.", False),
        ("Pemerintah China menolak tuduhan itu.", False),
        ("Ia mengkritik Pemerintah China dalam pidatonya.", True),
        ("Pandji Pragiwaksono Singgung Titipan PDIP di Kabinet Jokowi", False),
    ],
)
def test_entities_sentences_for_ner(gaz, text, expected):
    doc = annotated(text, "id")
    assert (sentences_for_ner(doc, gaz) == doc.sentences) is expected


def test_entities_stage_uses_candidates(gaz):
    text = "Sambil berorasi, pemimpin unjuk rasa Loida Nicholas Lewis menuntut kapal itu pergi."
    stage = make_entities_stage(
        gaz, candidates=lambda doc, sents: (candidate(text, "Loida Nicholas Lewis", "PER"),)
    )
    doc = stage(annotated(text, "id"))
    assert [e.name for e in doc.entities] == ["Loida Nicholas Lewis"]


def test_entities_short_name_is_the_person_named_last_before_it(gaz):
    text = (
        "Menteri Luar Negeri China Wang Yi bertemu Blinken. Wang mengatakan hubungan membaik. Juru bicara "
        "Wang Wenbin membantah tuduhan itu. Wang mengatakan China tidak mengirim senjata."
    )
    found = find_entities(annotated(text, "id"), gaz)
    wangs = [e.name for e in sorted(found, key=lambda e: e.start) if e.type == "PER" and e.text == "Wang"]
    assert wangs == ["Wang Yi", "Wang Wenbin"]


@pytest.mark.parametrize(
    ("text", "person", "country", "sector"),
    [
        # a title only Indonesia has: "Regent of Pati Sudewo"
        ("Bupati Pati Sudewo menolak mundur.", "Sudewo", "IDN", "GOV"),
        # a title, then an Indonesian body, then the name: the person is Indonesian
        ("Kepala BNPB Suharyanto meninjau lokasi banjir.", "Suharyanto", "IDN", None),
        ("Menurut Direktur Pelindungan WNI Kemlu Judha Nugraha, kapal ditembak.", "Judha Nugraha", "IDN", None),
        # the rank after a regional police unit is part of neither name
        ("Kabid Humas Polda Metro Jaya Kombes Ade Ary mengatakan itu.", "Ade Ary", "IDN", None),
    ],
)
def test_entities_indonesian_official_belongs_to_indonesia(gaz, text, person, country, sector):
    found = entities_of(gaz, text, "id")
    assert found[person].type == "PER", found
    assert (found[person].country, found[person].sector) == (country, sector)
