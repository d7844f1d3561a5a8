"""Tests for warta.nlp.gazetteer: names, matching rules, leaders by date, roles and the data files themselves."""

from __future__ import annotations

import glob
import json
import pickle
import re
import time
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest
import yaml

from warta.errors import ModelError
from warta.nlp.gazetteer import IGO_CODES, SECTORS, Gazetteer, GazetteerEntry, GazetteerMatch
from warta.nlp.gazetteer_data import DATA_FILES, build_gazetteer, load_gazetteer, read_leaders

DATA = Path(__file__).resolve().parents[2] / "src" / "warta" / "data"
ISO3 = frozenset(c.alpha_3 for c in pycountry.countries)
# The 193 member states of the United Nations.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA
BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ
ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL
ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT
MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG
PRY PER PHL POL PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD
ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN
VNM YEM ZMB ZWE
""".split()
# Offices one person holds at a time per country (spokespeople and advisers may be several at once).
UNIQUE_OFFICES = {
    "head of state",
    "head of government",
    "foreign minister",
    "defence minister",
    "monarch",
    "supreme leader",
    "secretary-general",
    "high representative",
    # Indonesia's offices held by one person at a time
    "finance minister",
    "interior minister",
    "law minister",
    "state secretary",
    "cabinet secretary",
    "coordinating minister for political and security affairs",
    "coordinating minister for economic affairs",
    "coordinating minister for maritime affairs",
    "police chief",
    "attorney general",
    "anti-corruption commission chair",
    "chief justice of the constitutional court",
    "speaker of parliament",
    "speaker of the people's consultative assembly",
    "election commission chair",
    "governor of Jakarta",
}
LEADER_ROLES_EXTRA = {
    "acting head of state",
    "president of the European Commission",
    "president of the European Council",
    "high representative",
    "political leader",
    "Gaza leader",
    "military commander",
    "senior official",
    "security council secretary",
    "state counsellor",
    "crown prince",
    "head of Supreme Political Council",
    # Indonesia's offices without a title word of their own in roles.yaml
    "law minister",
    "human rights minister",
    "state secretary",
    "cabinet secretary",
    "coordinating minister for political and security affairs",
    "coordinating minister for economic affairs",
    "coordinating minister for maritime affairs",
    "coordinating minister for human development and culture",
    "coordinating minister for law and human rights",
    "coordinating minister for food affairs",
    "head of intelligence",
    "attorney general",
    "anti-corruption commission chair",
    "acting anti-corruption commission chair",
    "chief justice of the constitutional court",
    "speaker of parliament",
    "speaker of the people's consultative assembly",
    "election commission chair",
    "governor of Jakarta",
    "acting governor of Jakarta",
    "governor of Papua",
}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def only(matches: list[GazetteerMatch]) -> GazetteerMatch:
    assert len(matches) == 1, [m.text for m in matches]
    return matches[0]


def match_of(gaz: Gazetteer, text: str, name: str, **kwargs: str) -> GazetteerMatch:
    found = [m for m in gaz.find(text, **kwargs) if m.text == name]
    assert found, f"{name!r} not found in {text!r}: {[m.text for m in gaz.find(text, **kwargs)]}"
    return found[0]


# -- countries ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "language", "name", "code"),
    [
        ("Korea Utara menembakkan rudal", "id", "Korea Utara", "PRK"),
        ("Pemimpin Korut itu tiba", "id", "Korut", "PRK"),
        ("kata pejabat Korsel", "id", "Korsel", "KOR"),
        ("Korea Selatan dan Jepang", "id", "Korea Selatan", "KOR"),
        ("Pemerintah Amerika Serikat menolak", "id", "Amerika Serikat", "USA"),
        ("sanksi AS terhadap Rusia", "id", "AS", "USA"),
        ("Tiongkok mengecam", "id", "Tiongkok", "CHN"),
        ("RRT menolak", "id", "RRT", "CHN"),
        ("Inggris dan Belanda", "id", "Inggris", "GBR"),
        ("Inggris dan Belanda", "id", "Belanda", "NLD"),
        ("kapal Filipina", "id", "Filipina", "PHL"),
        ("konflik di Suriah", "id", "Suriah", "SYR"),
        ("rakyat Palestina", "id", "Palestina", "PSE"),
        ("perang di Ukraina", "id", "Ukraina", "UKR"),
        ("Timor Leste bergabung", "id", "Timor Leste", "TLS"),
        ("Arab Saudi dan Mesir", "id", "Arab Saudi", "SAU"),
        ("Negeri Paman Sam itu", "id", "Negeri Paman Sam", "USA"),
        ("Selandia Baru", "id", "Selandia Baru", "NZL"),
        ("North Korea fired a missile", "en", "North Korea", "PRK"),
        ("the DPRK said", "en", "DPRK", "PRK"),
        ("Democratic People's Republic of Korea", "en", "Democratic People's Republic of Korea", "PRK"),
        ("South Korea and Japan", "en", "South Korea", "KOR"),
        ("the U.S. said", "en", "U.S.", "USA"),
        ("the US said", "en", "US", "USA"),
        ("USA", "en", "USA", "USA"),
        ("the United States and China", "en", "United States", "USA"),
        ("Britain and the UK", "en", "Britain", "GBR"),
        ("Britain and the UK", "en", "UK", "GBR"),
        ("in the Philippines", "en", "Philippines", "PHL"),
        ("Türkiye hosted talks", "en", "Türkiye", "TUR"),
        ("Turkey hosted talks", "en", "Turkey", "TUR"),
        ("Ivory Coast", "en", "Ivory Coast", "CIV"),
        ("Vietnam and Taiwan", "en", "Taiwan", "TWN"),
        ("Iran and Israel", "en", "Iran", "IRN"),
        ("Israel and Iran", "en", "Israel", "ISR"),
    ],
)
def test_gazetteer_finds_country_names(gaz: Gazetteer, text: str, language: str, name: str, code: str) -> None:
    entry = match_of(gaz, text, name, language=language).entries[0]
    assert (entry.kind, entry.type, entry.country) == ("country", "LOC", code)


@pytest.mark.parametrize(
    ("text", "language"), [("sejak era Uni Soviet", "id"), ("the Soviet Union collapsed", "en")]
)
def test_gazetteer_former_states_keep_their_name_with_successor_code(
    gaz: Gazetteer, text: str, language: str
) -> None:
    # "Uni Soviet" is RUS for coding, but not the same name as "Rusia" (the gold lists both).
    match = gaz.find(text, language=language)[-1]
    assert (match.entries[0].name, match.entries[0].country) == ("Soviet Union", "RUS")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("negara-negara ASEAN bertemu", "id", ["ASEAN"]),
        ("as well as the talks", "en", []),
        ("AS he said", "en", []),  # an English headline word is not the United States
        ("pasukan AS dan Korsel", "id", ["AS", "Korsel"]),
        ("hubungan AS-China memburuk", "id", ["AS", "China"]),
        ("anti-AS", "id", ["AS"]),
        ("as roda kendaraan", "id", []),
        ("the US and USA", "en", ["US", "USA"]),
        ("Kantor PBB di ASEAN", None, ["PBB", "ASEAN"]),
    ],
)
def test_gazetteer_as_is_united_states_only_as_a_word(
    gaz: Gazetteer, text: str, language: str | None, expected: list[str]
) -> None:
    assert [m.text for m in gaz.find(text, language=language)] == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("china", False),
        ("turkey and chad", False),
        ("KOREA UTARA", True),
        ("the kremlin", False),
        ("JAKARTA", True),
        ("NEW YORK", True),
    ],
)
def test_gazetteer_case_rules(gaz: Gazetteer, text: str, found: bool) -> None:
    assert bool(gaz.find(text)) is found


def test_gazetteer_country_name(gaz: Gazetteer) -> None:
    assert gaz.country_name("PRK") == "North Korea"
    assert gaz.country_name("PRK", "id") == "Korea Utara"
    assert gaz.country_name("RUS", "id") == "Rusia"
    assert gaz.country_name("USA", "id") == "Amerika Serikat"
    assert gaz.country_name("UNO") == "United Nations"
    assert gaz.country_name("XXX") is None
    for code in UN_MEMBERS:
        assert gaz.country_name(code) and gaz.country_name(code, "id"), code


# -- adjectives -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Russian President Vladimir Putin", "Russian", "RUS"),
        ("North Korean troops", "North Korean", "PRK"),
        ("Chinese vessels", "Chinese", "CHN"),
        ("a Filipino fisherman", "Filipino", "PHL"),
        ("Philippine officials", "Philippine", "PHL"),
        ("Israeli strikes", "Israeli", "ISR"),
        ("Palestinian officials", "Palestinian", "PSE"),
        ("American envoy", "American", "USA"),
        ("South Korean officials", "South Korean", "KOR"),
    ],
)
def test_gazetteer_adjectives_make_actors_not_entities(gaz: Gazetteer, text: str, name: str, code: str) -> None:
    entry = match_of(gaz, text, name, language="en").entries[0]
    assert (entry.kind, entry.country, entry.is_entity) == ("adjective", code, False)


def test_gazetteer_ambiguous_names_keep_every_reading(gaz: Gazetteer) -> None:
    georgia = only(gaz.find("Georgia"))
    assert [(e.kind, e.country) for e in georgia.entries] == [("country", "GEO"), ("place", "USA")]
    jordan = only(gaz.find("Jordan"))
    assert [(e.kind, e.type) for e in jordan.entries] == [("country", "LOC"), ("person", "PER")]
    assert {e.country for e in only(gaz.find("Korea")).entries} == {"KOR", "PRK"}
    assert {e.country for e in only(gaz.find("Korean officials", language="en")).entries} == {"KOR", "PRK"}
    assert [e.country for e in only(gaz.find("AFP")).entries] == ["FRA", "PHL"]


# -- longest match --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Korea Utara", [("Korea Utara", "PRK")]),
        ("Dewan Keamanan PBB", [("Dewan Keamanan PBB", "UNO")]),
        ("Kementerian Luar Negeri China", [("China", "CHN")]),
        ("Laut China Selatan", [("Laut China Selatan", None)]),
        ("Papua Nugini", [("Papua Nugini", "PNG")]),
        ("Amerika Latin dan Amerika", [("Amerika Latin", None), ("Amerika", "USA")]),
        ("CNN Indonesia", [("CNN Indonesia", "IDN")]),
        ("Penjaga Pantai China", [("Penjaga Pantai China", "CHN")]),
        ("Kim Jong Un's visit", [("Kim Jong Un", "PRK")]),
        ("Korea\nUtara", [("Korea", "KOR")]),  # a name does not run across lines
    ],
)
def test_gazetteer_longest_match(gaz: Gazetteer, text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(m.text, m.entries[0].country) for m in gaz.find(text)] == expected


# -- capitals and seats ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "code", "kind", "sector", "lat", "lon"),
    [
        ("Moskow", "RUS", "capital", "GOV", 55.75, 37.62),
        ("Moscow", "RUS", "capital", "GOV", 55.75, 37.62),
        ("Kremlin", "RUS", "seat", "GOV", 55.75, 37.62),
        ("Gedung Putih", "USA", "seat", "GOV", 38.90, -77.04),
        ("White House", "USA", "seat", "GOV", 38.90, -77.04),
        ("Pentagon", "USA", "seat", "GOV", 38.87, -77.06),
        ("Washington", "USA", "capital", "GOV", 38.90, -77.04),
        ("Beijing", "CHN", "capital", "GOV", 39.91, 116.40),
        ("Peking", "CHN", "capital", "GOV", 39.91, 116.40),
        ("Pyongyang", "PRK", "capital", "GOV", 39.03, 125.75),
        ("Seoul", "KOR", "capital", "GOV", 37.57, 126.98),
        ("Tokyo", "JPN", "capital", "GOV", 35.69, 139.69),
        ("Kyiv", "UKR", "capital", "GOV", 50.45, 30.52),
        ("Kiev", "UKR", "capital", "GOV", 50.45, 30.52),
        ("Teheran", "IRN", "capital", "GOV", 35.69, 51.42),
        ("Yerusalem", "ISR", "capital", "GOV", 31.77, 35.22),
        ("Manila", "PHL", "capital", "GOV", 14.60, 120.98),
        ("Canberra", "AUS", "capital", "GOV", -35.28, 149.13),
        ("Downing Street", "GBR", "seat", "GOV", 51.50, -0.13),
        ("Istana Merdeka", "IDN", "seat", "GOV", -6.17, 106.82),
        ("Jakarta", "IDN", "capital", "GOV", -6.21, 106.85),
        ("Naypyidaw", "MMR", "capital", "GOV", 19.75, 96.13),
        ("Kairo", "EGY", "capital", "GOV", 30.06, 31.25),
        ("Doha", "QAT", "capital", "GOV", 25.29, 51.53),
        ("Den Haag", "NLD", "capital", None, 52.08, 4.30),
        ("Brussels", "BEL", "capital", None, 50.85, 4.35),
        ("Ouagadougou", "BFA", "capital", None, 12.37, -1.53),
    ],
)
def test_gazetteer_capitals_and_seats(
    gaz: Gazetteer, name: str, code: str, kind: str, sector: str | None, lat: float, lon: float
) -> None:
    entry = only(gaz.find(name)).entries[0]
    assert (entry.kind, entry.country, entry.sector) == (kind, code, sector)
    assert entry.type == ("ORG" if kind == "seat" else "LOC")
    assert entry.lat == pytest.approx(lat, abs=0.2) and entry.lon == pytest.approx(lon, abs=0.2)


# -- IGOs, outlets, organisations -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("PBB", "UNO"),
        ("Perserikatan Bangsa-Bangsa", "UNO"),
        ("UN", "UNO"),
        ("United Nations", "UNO"),
        ("UN Security Council", "UNO"),
        ("NATO", "NATO"),
        ("Pakta Pertahanan Atlantik Utara", "NATO"),
        ("Uni Eropa", "EUR"),
        ("EU", "EUR"),
        ("European Union", "EUR"),
        ("ASEAN", "ASEAN"),
        ("Association of South-East Asian Nations", "ASEAN"),
        ("Uni Afrika", "AU"),
        ("African Union", "AU"),
        ("ICRC", "ICRC"),
        ("Palang Merah Internasional", "ICRC"),
        ("IMF", "IMF"),
        ("Dana Moneter Internasional", "IMF"),
        ("Bank Dunia", "WBK"),
        ("World Bank", "WBK"),
        ("WHO", "UNO"),
        ("UNHCR", "UNO"),
        ("UNICEF", "UNO"),
        ("IAEA", "UNO"),
        ("Mahkamah Internasional", "UNO"),
        ("OKI", "IGO"),
        ("G20", "IGO"),
        ("G7", "IGO"),
        ("BRICS", "IGO"),
        ("APEC", "IGO"),
        ("OPEC", "IGO"),
        ("ICC", "IGO"),
        ("WTO", "IGO"),
    ],
)
def test_gazetteer_igos(gaz: Gazetteer, name: str, code: str) -> None:
    entry = only(gaz.find(name)).entries[0]
    assert (entry.kind, entry.type, entry.country) == ("igo", "ORG", code)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Reuters", "GBR"),
        ("AP", "USA"),
        ("Associated Press", "USA"),
        ("AFP", "FRA"),
        ("Bloomberg News", "USA"),
        ("Bloomberg", "USA"),
        ("CNN", "USA"),
        ("BBC", "GBR"),
        ("Al Jazeera", "QAT"),
        ("Xinhua", "CHN"),
        ("KCNA", "PRK"),
        ("Korean Central News Agency", "PRK"),
        ("Yonhap", "KOR"),
        ("Kyodo", "JPN"),
        ("Interfax", "RUS"),
        ("TASS", "RUS"),
        ("RIA Novosti", "RUS"),
        ("ANTARA", "IDN"),
        ("Kompas", "IDN"),
        ("Tempo", "IDN"),
        ("detikcom", "IDN"),
        ("CNN Indonesia", "IDN"),
        ("The Jakarta Post", "IDN"),
        ("Global Times", "CHN"),
    ],
)
def test_gazetteer_outlets(gaz: Gazetteer, name: str, code: str) -> None:
    entry = only(gaz.find(name)).entries[0]
    assert (entry.kind, entry.country, entry.sector) == ("outlet", code, "MED")


@pytest.mark.parametrize(
    ("name", "code", "sector"),
    [
        ("Hamas", "PSE", "REB"),
        ("Hizbullah", "LBN", "REB"),
        ("Hezbollah", "LBN", "REB"),
        ("Houthi", "YEM", "REB"),
        ("ISIS", None, "REB"),
        ("TNI", "IDN", "MIL"),
        ("Polri", "IDN", "COP"),
        ("Tentara Pembebasan Rakyat", "CHN", "MIL"),
        ("PLA", "CHN", "MIL"),
        ("IDF", "ISR", "MIL"),
        ("China Coast Guard", "CHN", "COP"),
        ("KPK", "IDN", "JUD"),
    ],
)
def test_gazetteer_organisations(gaz: Gazetteer, name: str, code: str | None, sector: str) -> None:
    entry = only(gaz.find(name)).entries[0]
    assert (entry.kind, entry.country, entry.sector) == ("org", code, sector)


# -- leaders --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [
        ("Trump", "2019-06-01", ("USA", "head of state", "2017-01-20")),
        ("Trump", "2022-06-01", None),
        ("Trump", None, ("USA", "head of state", "2025-01-20")),
        ("Biden", "2024-06-01", ("USA", "head of state", "2021-01-20")),
        ("Biden", "2015", ("USA", "vice president", "2009-01-20")),
        ("Putin", "2010-03-01", ("RUS", "head of government", "2008-05-08")),
        ("Vladimir Putin", "2024-06-19", ("RUS", "head of state", "2012-05-07")),
        ("Kim Jong-un", "2017-09-16", ("PRK", "supreme leader", "2011-12-17")),
        ("Xi", "2022-09", ("CHN", "head of state", "2013-03-14")),
        ("Retno", "2019-10-29", ("IDN", "foreign minister", "2014-10-27")),
        ("Retno L.P. Marsudi", "2022", ("IDN", "foreign minister", "2014-10-27")),
        ("Jokowi", "2020", ("IDN", "head of state", "2014-10-20")),
        ("Prabowo", "2021-01-01", ("IDN", "defence minister", "2019-10-23")),
        ("Prabowo Subianto", "2025-01-01", ("IDN", "head of state", "2024-10-20")),
        ("Blinken", "2024-05-02", ("USA", "foreign minister", "2021-01-26")),
        ("Zelensky", "2025-05-16", ("UKR", "head of state", "2019-05-20")),
        ("Netanyahu", "2024-01-01", ("ISR", "head of government", "2022-12-29")),
        ("Erdoğan", "2025-05-16", ("TUR", "head of state", "2014-08-28")),
        ("Erdogan", "2010", ("TUR", "head of government", "2003-03-14")),
        ("Guterres", "2017-09-16", ("UNO", "secretary-general", "2017-01-01")),
        ("Kim", "2024-06-19", None),
    ],
)
def test_gazetteer_leader_by_date(
    gaz: Gazetteer, name: str, on: str | None, expected: tuple[str, str, str] | None
) -> None:
    entry = gaz.leader(name, on)
    assert (None if entry is None else (entry.country, entry.role, entry.start)) == expected


def test_gazetteer_leader_nearest_term_and_find_on_date(gaz: Gazetteer) -> None:
    former = gaz.leader("Donald Trump", "2022-06-01", nearest=True)
    assert former is not None and former.country == "USA"
    putin = only(gaz.find("Putin", on="2010-03-01"))
    assert [e.role for e in putin.entries] == ["head of government"]
    assert len(only(gaz.find("Putin")).entries) == 4  # every term, most recent first
    assert only(gaz.find("Putin")).entries[0].end is None
    assert not gaz.find("Kim said")


@pytest.mark.parametrize(
    ("country", "role", "on", "name"),
    [
        ("USA", "head of state", "2019-06-01", "Donald Trump"),
        ("USA", "head of state", "2024-06-01", "Joe Biden"),
        ("USA", "head of state", None, "Donald Trump"),
        ("IDN", "foreign minister", "2019-06-01", "Retno Marsudi"),
        ("IDN", "foreign minister", "2025-06-01", "Sugiono"),
        ("UNO", "secretary-general", "2010", "Ban Ki-moon"),
        ("NATO", "secretary-general", "2025-01-01", "Mark Rutte"),
        ("EUR", "high representative", "2022", "Josep Borrell"),
    ],
)
def test_gazetteer_office_holder(gaz: Gazetteer, country: str, role: str, on: str | None, name: str) -> None:
    holder = gaz.office_holder(country, role, on)
    assert holder is not None and holder.name == name


# -- roles ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "language", "role", "sector"),
    [
        ("Presiden", None, "head of state", "GOV"),
        ("President", None, "head of state", "GOV"),
        ("Perdana Menteri", None, "head of government", "GOV"),
        ("PM", None, "head of government", "GOV"),
        ("Menlu", None, "foreign minister", "GOV"),
        ("menteri luar negeri", None, "foreign minister", "GOV"),
        ("Secretary of State", None, "foreign minister", "GOV"),
        ("Menhan", None, "defence minister", "GOV"),
        ("Defense Secretary", None, "defence minister", "GOV"),
        ("Kepala Staf Gabungan", None, "head of military", "MIL"),
        ("Panglima", None, "head of military", "MIL"),
        ("Jenderal", None, "officer", "MIL"),
        ("juru bicara", None, "spokesperson", "GOV"),
        ("spokesperson", None, "spokesperson", "GOV"),
        ("Dubes", None, "ambassador", "GOV"),
        ("Raja", None, "monarch", "GOV"),
        ("Kanselir", None, "head of government", "GOV"),
        ("Pemimpin Tertinggi", None, "supreme leader", "GOV"),
        ("Penjaga Pantai", None, "coast guard", "COP"),
        ("Coast Guard", None, "coast guard", "COP"),
        ("polisi", None, "police", "COP"),
        ("hakim", None, "judge", "JUD"),
        ("parlemen", None, "legislature", "LEG"),
        ("Congress", None, "legislature", "LEG"),
        ("oposisi", None, "opposition", "OPP"),
        ("partai", None, "party", "PTY"),
        ("pemberontak", None, "rebels", "REB"),
        ("militan", None, "rebels", "REB"),
        ("intelijen", None, "intelligence", "SPY"),
        ("wartawan", None, "journalist", "MED"),
        ("perusahaan", None, "business", "BUS"),
        ("mahasiswa", None, "activist", "CVL"),
        ("demonstran", None, "activist", "CVL"),
        ("ulama", None, "religious leader", "REL"),
        ("Paus", None, "religious leader", "REL"),
        ("Mayor", "id", "officer", "MIL"),
        ("Mayor", "en", "mayor", "GOV"),
    ],
)
def test_gazetteer_roles(gaz: Gazetteer, text: str, language: str | None, role: str, sector: str) -> None:
    entry = gaz.role(text, language=language)
    assert entry is not None and (entry.kind, entry.role, entry.sector) == ("role", role, sector)


def test_gazetteer_role_needs_the_whole_phrase_and_find_roles_scans(gaz: Gazetteer) -> None:
    assert gaz.role("Kim") is None
    assert gaz.role("Presiden Rusia") is None
    found = gaz.find_roles("juru bicara Kementerian Luar Negeri China")
    assert [(m.text, m.entries[0].role) for m in found] == [
        ("juru bicara", "spokesperson"),
        ("Kementerian Luar Negeri", "foreign ministry"),
    ]
    assert not gaz.find("juru bicara presiden")  # role words are not names


# -- data files -----------------------------------------------------------------------------------------------
def _yaml(name: str) -> object:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _items() -> list[tuple[str, dict]]:
    caps = _yaml("capitals.yaml")
    orgs = _yaml("organisations.yaml")
    items = [(f"capitals.yaml:{section}", i) for section in ("seats", "capitals", "places") for i in caps[section]]
    items += [("igos.yaml", {**i, "country": i["code"]}) for i in _yaml("igos.yaml")]
    items += [(f"organisations.yaml:{section}", i) for section in ("outlets", "orgs") for i in orgs[section]]
    items += [
        ("countries_extra.yaml", {**i, "country": code})
        for code, i in _yaml("countries_extra.yaml")["countries"].items()
    ]
    return items


def test_gazetteer_data_headers_name_their_source() -> None:
    for name in DATA_FILES:
        head = (DATA / name).read_text(encoding="utf-8").split("\n", 30)[:30]
        comment = " ".join(line for line in head if line.startswith("#"))
        assert "public record" in comment, name


def test_gazetteer_data_codes_sectors_and_aliases_are_valid() -> None:
    for source, item in _items():
        code = item.get("country")
        assert code is None or code in ISO3 or code in IGO_CODES, (source, item["name"], code)
        assert item.get("sector") is None or item["sector"] in SECTORS, (source, item["name"])
        for key in ("en", "id", "en_only", "id_only", "adj"):
            for alias in item.get(key) or ():
                # YAML turns bare NO/yes/1 into booleans and numbers, and splits unquoted commas in flow lists.
                assert isinstance(alias, str) and alias.strip() == alias and alias, (source, item["name"], alias)
    extra = _yaml("countries_extra.yaml")
    assert set(UN_MEMBERS) <= set(extra["countries"]), set(UN_MEMBERS) - set(extra["countries"])
    assert len(set(UN_MEMBERS)) == 193
    for code, sovereign in extra["territories"].items():
        assert code in ISO3 and (sovereign is None or sovereign in ISO3)


def test_gazetteer_data_coordinates() -> None:
    caps = _yaml("capitals.yaml")
    for item in caps["seats"] + caps["capitals"] + caps["places"]:
        if item.get("lat") is None:
            assert item.get("lon") is None
            continue
        assert -90 <= item["lat"] <= 90 and -180 <= item["lon"] <= 180, item["name"]
    with_coords = [i for i in caps["capitals"] if i.get("lat") is not None]
    assert len(with_coords) >= len(caps["capitals"]) - 3


def test_gazetteer_data_roles_are_unambiguous() -> None:
    seen: dict[tuple[str, str], str] = {}
    for item in _yaml("roles.yaml"):
        assert item["sector"] in SECTORS and item["type"] in ("PER", "ORG")
        for key in ("en", "id", "en_only", "id_only"):
            for alias in item.get(key) or ():
                scope = key.split("_")[0] if key.endswith("_only") else "any"
                other = seen.setdefault((alias.lower(), scope), item["role"])
                assert other == item["role"], f"{alias!r} is both {other!r} and {item['role']!r}"


def test_gazetteer_data_leaders_parse_and_do_not_contradict() -> None:
    rows = read_leaders(DATA / "leaders.tsv")
    assert len(rows) >= 300
    roles = {item["role"] for item in _yaml("roles.yaml")} | LEADER_ROLES_EXTRA
    keys = set()
    offices: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for entry, aliases in rows:
        assert entry.country in ISO3 or entry.country in IGO_CODES, entry
        assert entry.sector in SECTORS and entry.role in roles, entry
        assert entry.start and DATE.match(entry.start) and (entry.end is None or DATE.match(entry.end)), entry
        assert entry.end is None or entry.start <= entry.end, entry
        assert "Kim" not in aliases and all(a.strip() == a and a for a in aliases), entry
        key = (entry.name, entry.country, entry.role, entry.start)
        assert key not in keys, f"duplicate row {key}"
        keys.add(key)
        if entry.role in UNIQUE_OFFICES:
            # Earliest possible end / latest possible start, so a year-only date never makes a false overlap.
            low_end = (entry.end or "9999") + "-01-01"[len(entry.end or "9999") - 4 :]
            high_start = entry.start + "-12-31"[len(entry.start) - 4 :]
            offices[(entry.country, entry.role)].append((high_start, low_end, entry.name))
    for office, terms in offices.items():
        terms.sort()
        for (_, end_a, name_a), (start_b, _, name_b) in zip(terms, terms[1:], strict=False):
            assert start_b >= end_a, f"{office}: {name_a} overlaps {name_b}"


def test_gazetteer_bad_data_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as missing:
        load_gazetteer(tmp_path)
    assert missing.value.code == "W301" and "leaders.tsv" in str(missing.value)
    for name in DATA_FILES:
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    with (tmp_path / "leaders.tsv").open("a", encoding="utf-8") as fh:
        fh.write("Broken Row\tonly three\tUSA\n")
    with pytest.raises(ModelError, match="leaders.tsv:"):
        load_gazetteer(tmp_path)


# -- speed and gold coverage ----------------------------------------------------------------------------------
def test_gazetteer_is_fast(gaz: Gazetteer) -> None:
    started = time.perf_counter()
    fresh = build_gazetteer(DATA)
    load_seconds = time.perf_counter() - started
    article = (
        "Presiden Rusia Vladimir Putin bertemu pemimpin Korea Utara Kim Jong Un di Pyongyang, kata Kremlin "
        "kepada kantor berita Interfax. Menteri Luar Negeri AS Antony Blinken mengecam kunjungan itu di "
        "Washington, sementara juru bicara Kementerian Luar Negeri China Lin Jian menolak berkomentar. "
    ) * 7
    article = article[:2000]
    started = time.perf_counter()
    for _ in range(20):
        matches = fresh.find(article, language="id", on="2024-06-19")
    match_seconds = (time.perf_counter() - started) / 20
    print(
        f"gazetteer: {len(fresh)} names, built in {load_seconds:.3f} s, 2,000 chars matched in "
        f"{match_seconds * 1000:.2f} ms ({len(matches)} matches)"
    )
    assert load_seconds < 3.0  # target < 1 s on a developer machine; slack for a loaded CI box
    assert match_seconds < 0.05


@pytest.mark.shared
def test_gazetteer_gold_entity_coverage(gaz: Gazetteer, shared: Path, require) -> None:
    corpus = shared / "corpus"
    docs = [
        json.loads(Path(f).read_text(encoding="utf-8"))
        for f in sorted(glob.glob(str(corpus / "seed/*.gold.json")))
    ]
    dev = require(corpus / "dev.jsonl", "the gold dev corpus")
    docs += [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    total = hits = 0
    misses = []
    for doc in docs:
        countries: dict[str, set[str | None]] = defaultdict(set)
        for m in gaz.find(doc["text"], language=doc.get("lang"), on=doc.get("published")):
            countries[m.text].update(e.country for e in m.entries if e.is_entity)
        for ent in doc["entities"]:
            total += 1
            if ent["country"] in countries.get(ent["text"], set()):
                hits += 1
            else:
                misses.append(f"{doc['id']}: {ent['text']} {ent['type']} {ent['country']}")
    share = hits / total
    print(f"gazetteer gold coverage {hits}/{total} = {share:.3f}; misses:\n  " + "\n  ".join(misses))
    # Measured 0.80 on seed + dev (2026-11); most misses are composite organisation names and people outside
    # the leaders list, which the entity rules handle.
    assert share >= 0.78


@pytest.mark.parametrize(
    ("alias", "variant"),
    [("ASEAN Secretariat", "Asean Secretariat"), ("NATO", "Nato"), ("OPEC+", "Opec+"), ("WHO", None),
     ("Nato", None)],
)
def test_gazetteer_word_acronym_variant(alias, variant):
    from warta.nlp.gazetteer_data import word_acronym_variant

    assert word_acronym_variant(alias) == variant


@pytest.mark.parametrize("text", ["Brunei, Asean's current chair, said so.", "Nato allies met in Brussels."])
def test_gazetteer_igo_acronyms_written_as_words(gaz, text):
    assert any(e.kind == "igo" for m in gaz.find(text, language="en") for e in m.entries)


# -- Indonesian domestic bodies: units named after their area, national names, office holders -----------------
@pytest.mark.parametrize(
    ("text", "name", "sector"),
    [
        # a unit takes the area after it: the Jakarta metropolitan police; the rank after it is not its name
        ("Kabid Humas Polda Metro Jaya Kombes Ade Ary mengatakan itu.", "Polda Metro Jaya", "COP"),
        ("Pasukan dari Kodam XVII/Cenderawasih tiba.", "Kodam XVII/Cenderawasih", "MIL"),
        ("Rapat DPRD Kabupaten Pati berlangsung ricuh.", "DPRD Kabupaten Pati", "LEG"),
        ("Ia diperiksa di Polres Aceh Tenggara kemarin.", "Polres Aceh Tenggara", "COP"),
        ("Laporan itu diterima Bawaslu Jakarta Pusat.", "Bawaslu Jakarta Pusat", "GOV"),
        # heads that are names on their own
        ("KPU menetapkan hasil pemilu.", "KPU", "GOV"),
        ("TPNPB-OPM mengaku bertanggung jawab.", "TPNPB-OPM", "REB"),
        ("Kelompok Kriminal Bersenjata menembak warga.", "Kelompok Kriminal Bersenjata", "REB"),
        ("Kementerian Keuangan menolak usulan itu.", "Kementerian Keuangan", "GOV"),
        ("Komnas HAM menyelidiki kasus itu.", "Komnas HAM", "GOV"),
        ("PDI Perjuangan mengusung calon sendiri.", "PDI Perjuangan", "PTY"),
        ("Ketua umum Muhammadiyah berbicara.", "Muhammadiyah", "REL"),
        ("Pertamina menaikkan harga.", "Pertamina", "BUS"),
        ("Walhi menggugat izin tambang.", "Walhi", "CVL"),
    ],
)
def test_gazetteer_indonesian_bodies_are_idn_with_their_sector(gaz: Gazetteer, text: str, name: str, sector: str):
    match = next(m for m in gaz.find(text, language="id") if m.text == name)
    entry = match.entries[0]
    assert (entry.country, entry.kind, entry.sector) == ("IDN", "org", sector)


@pytest.mark.parametrize(
    "text",
    [
        "Tersangka dibawa ke Polsek untuk diperiksa.",  # a police station, no named body
        "Para anggota DPRD menolak usulan itu.",  # a regional council, but which one?
    ],
)
def test_gazetteer_unit_without_its_area_is_no_name(gaz: Gazetteer, text: str):
    assert not [m for m in gaz.find(text, language="id") if m.entries[0].kind == "org"]


def test_gazetteer_unit_area_stops_before_a_person(gaz: Gazetteer):
    # "the council's chair Prasetyo Edi Marsudi": DPRD needs a known place, and a name is none
    found = gaz.find("Ketua DPRD DKI Jakarta Prasetyo Edi Marsudi hadir.", language="id")
    assert [m.text for m in found if m.entries[0].kind == "org"] == ["DPRD DKI Jakarta"]


def test_gazetteer_unit_is_one_body_under_two_spellings(gaz: Gazetteer):
    # "Jateng" is the short name of Jawa Tengah (Central Java)
    short = only(gaz.find("Polda Jateng", language="id")).entries[0]
    full = only(gaz.find("Polda Jawa Tengah", language="id")).entries[0]
    assert short.name == full.name


def test_gazetteer_national_name_yields_to_a_country_after_it(gaz: Gazetteer):
    # "Kementerian Luar Negeri" alone is Indonesia's; with "China" after it, China's ministry, which the entity
    # rules read as one name
    assert only(gaz.find("Kementerian Luar Negeri", language="id")).entries[0].country == "IDN"
    found = gaz.find("Kementerian Luar Negeri China mengecam", language="id")
    assert [(m.text, m.entries[0].country) for m in found] == [("China", "CHN")]
    # the generic Indonesian names are Indonesian text only
    assert not gaz.find("Kementerian Keuangan", language="en")


@pytest.mark.parametrize(
    ("name", "on", "role"),
    [
        ("Tito Karnavian", "2018-03-01", "police chief"),
        ("Tito Karnavian", "2021-03-01", "interior minister"),
        ("Luhut", "2016-01-01", "coordinating minister for political and security affairs"),
        ("Luhut", "2020-01-01", "coordinating minister for maritime affairs"),
        ("Bamsoet", "2018-06-01", "speaker of parliament"),
        ("Bamsoet", "2022-06-01", "speaker of the people's consultative assembly"),
        ("Ahok", "2016-01-01", "governor of Jakarta"),
    ],
)
def test_gazetteer_indonesian_office_holder_by_date(gaz: Gazetteer, name: str, on: str, role: str):
    term = gaz.leader(name, on)
    assert term is not None and term.country == "IDN" and term.role == role


@pytest.mark.parametrize(
    ("role", "on", "name"),
    [
        ("police chief", "2022-06-01", "Listyo Sigit Prabowo"),
        ("finance minister", "2020-01-01", "Sri Mulyani Indrawati"),
        ("finance minister", "2015-06-01", "Bambang Brodjonegoro"),
        ("attorney general", "2021-01-01", "Sanitiar Burhanuddin"),
        ("anti-corruption commission chair", "2021-01-01", "Firli Bahuri"),
        ("chief justice of the constitutional court", "2020-01-01", "Anwar Usman"),
        ("speaker of parliament", "2017-06-01", "Setya Novanto"),
        ("election commission chair", "2023-06-01", "Hasyim Asy'ari"),
        ("governor of Jakarta", "2019-06-01", "Anies Baswedan"),
        ("state secretary", "2020-01-01", "Pratikno"),
    ],
)
def test_gazetteer_indonesian_office_on_a_date(gaz: Gazetteer, role: str, on: str, name: str):
    holder = gaz.office_holder("IDN", role, on)
    assert holder is not None and holder.name == name


def test_gazetteer_role_of_one_country_carries_it(gaz: Gazetteer):
    # a regent (bupati) and a provincial police chief (Kapolda) exist only in Indonesia; a governor anywhere
    assert gaz.role("Bupati", language="id").country == "IDN"
    assert gaz.role("Kapolda", language="id").country == "IDN"
    assert gaz.role("Gubernur", language="id").country is None


# -- answers kept per text --------------------------------------------------------------------------------------
def test_gazetteer_find_answers_kept_are_fresh_lists_and_dropped_on_add() -> None:
    gaz = Gazetteer()
    gaz.add("Korea Utara", GazetteerEntry("North Korea", "LOC", "PRK", "country"))
    text = "Korea Utara dan Zorbania menandatangani perjanjian."
    first = gaz.find(text, language="id")
    first.clear()  # a caller's changes to its list never reach the next caller
    assert [m.text for m in gaz.find(text, language="id")] == ["Korea Utara"]
    gaz.add("Zorbania", GazetteerEntry("Zorbania", "LOC", "ZZZ", "country"))
    assert [m.text for m in gaz.find(text, language="id")] == ["Korea Utara", "Zorbania"]
    gaz.add("perjanjian", GazetteerEntry("treaty", "ORG", None, "role", "GOV", "treaty"))
    assert [m.text for m in gaz.find_roles(text, language="id")] == ["perjanjian"]


def test_gazetteer_pickles_without_the_answers_it_kept(gaz: Gazetteer) -> None:
    gaz.find("Presiden Joko Widodo tiba di Beijing.", language="id")
    gaz.find_roles("Presiden Joko Widodo tiba di Beijing.", language="id")
    copy = pickle.loads(pickle.dumps(gaz))
    assert copy._found == {} and copy._role_answers == {}  # noqa: SLF001 - what the pickle carries
    assert copy.find("Presiden Joko Widodo tiba di Beijing.", language="id") == gaz.find(
        "Presiden Joko Widodo tiba di Beijing.", language="id"
    )
