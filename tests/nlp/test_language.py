"""Tests for warta.nlp.language: language identification and Malay folding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lingua import Language

from warta.errors import LanguageError, SettingsError
from warta.nlp.language import _detector, _looks_malaysian, detect_language, make_language_stage
from warta.pipeline import Pipeline, stage, start_annotation
from warta.records import Article, Failure, Page
from warta.settings import Settings

INDONESIAN = (
    "Menteri Luar Negeri Indonesia bertemu dengan mitranya dari Jepang di Jakarta pada Selasa. Keduanya "
    "membahas kerja sama pertahanan dan keamanan maritim di Laut China Selatan. Pemerintah menyatakan bahwa "
    "pertemuan itu berlangsung hangat dan produktif."
)
# Indonesian news paragraphs that lingua, on its own, labels Malay.
INDONESIAN_CALLED_MALAY = [
    "Presiden bertemu dengan Perdana Menteri Malaysia di Istana Merdeka untuk membahas kerja sama perbatasan. "
    "Kedua negara sepakat untuk meningkatkan kerja sama di bidang pertahanan dan keamanan. Pertemuan itu "
    "berlangsung selama dua jam.",
    "Kedua pemimpin sepakat untuk meningkatkan kerja sama di bidang pertahanan, perdagangan dan pendidikan. "
    "Mereka juga membahas isu keselamatan nelayan di perairan perbatasan kedua negara.",
]
MALAYSIAN = (
    "Menteri Kewangan berkata bahawa kerajaan akan memperuntukkan wang sebanyak dua bilion ringgit untuk "
    "membantu peniaga kecil. Beliau berkata langkah itu perlu kerana ekonomi negara masih terjejas akibat "
    "pandemik, dan perkara itu akan dibentangkan dalam sidang Dewan Rakyat minggu depan."
)
ENGLISH = (
    "The foreign ministers of Indonesia and Japan met in Jakarta on Tuesday to discuss defence cooperation "
    "and maritime security in the South China Sea. Officials said the talks were warm and productive."
)
GERMAN = (
    "Die Außenminister Indonesiens und Japans haben sich am Dienstag in Jakarta getroffen, um über die "
    "Zusammenarbeit in der Verteidigung und die Sicherheit im Südchinesischen Meer zu sprechen."
)
FRENCH = (
    "Les ministres des affaires étrangères de l'Indonésie et du Japon se sont rencontrés mardi à Jakarta "
    "pour discuter de la coopération en matière de défense et de sécurité maritime."
)


@pytest.mark.parametrize(("text", "expected"), [(INDONESIAN, "id"), (ENGLISH, "en")])
def test_detect_language_supported(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", INDONESIAN_CALLED_MALAY)
def test_detect_language_folds_malay_into_indonesian(text: str) -> None:
    # The premise: lingua alone says Malay. If a lingua upgrade changes that, find a new example.
    assert _detector(frozenset({"id", "en"})).detect_language_of(text) == Language.MALAY
    assert detect_language(text) == "id"


def test_detect_language_malaysian_is_unsupported() -> None:
    with pytest.raises(LanguageError) as info:
        detect_language(MALAYSIAN)
    assert info.value.code == "W241"
    assert "unsupported language ms" in info.value.message


def test_detect_language_malaysian_when_supported() -> None:
    assert detect_language(MALAYSIAN, supported=("id", "en", "ms")) == "ms"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kerajaan Maroko mengirim utusan ke Jakarta.", False),  # "kingdom": one weak marker
        ("Polisi menyatakan bahwa kendaraan itu boleh lewat.", False),  # one weak, Indonesian spellings
        ("Menteri berkata bahawa kerajaan akan membantu.", True),
        ("Ahli parlimen membincangkan dasar itu.", True),
    ],
)
def test_looks_malaysian_markers(text: str, expected: bool) -> None:
    assert _looks_malaysian(text) is expected


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (FRENCH, "fr")])
def test_detect_language_unsupported(text: str, code: str) -> None:
    with pytest.raises(LanguageError) as info:
        detect_language(text)
    assert info.value.code == "W241"
    assert f"unsupported language {code}" in info.value.message


def test_detect_language_extra_supported_language() -> None:
    assert detect_language(GERMAN, supported=("id", "en", "de")) == "de"


@pytest.mark.parametrize(
    "text", ["", "Jakarta", "12.000 (19/6) https://kompas.com/a/b", "   \n\n  ", "!!! ??? ..."]
)
def test_detect_language_too_short(text: str) -> None:
    with pytest.raises(LanguageError) as info:
        detect_language(text)
    assert info.value.code == "W242"


def test_detect_language_ignores_urls_and_numbers() -> None:
    noisy = "https://www.example.com/news/2024/06/19/world-politics-update " * 20 + INDONESIAN
    assert detect_language(noisy) == "id"


# --- the stage ------------------------------------------------------------------------------------------


def _article(text: str, language: str | None = None) -> Article:
    return Article(id="a1", source="test", text=text, language=language)


def test_language_stage_declares_its_fields(settings: Settings) -> None:
    lang = make_language_stage(settings)
    assert (lang.name, lang.requires, lang.assigns) == ("language", ("article",), ("article.language",))


def test_language_stage_detects(settings: Settings) -> None:
    assert make_language_stage(settings)(_article(ENGLISH)).language == "en"


@pytest.mark.parametrize(("given", "kept"), [("en", "en"), ("ID", "id"), ("id-ID", "id")])
def test_language_stage_keeps_forced_language(settings: Settings, given: str, kept: str) -> None:
    # The text is Indonesian, but the input says otherwise: the input wins.
    assert make_language_stage(settings)(_article(INDONESIAN, given)).language == kept


def test_language_stage_forced_unsupported_language(settings: Settings) -> None:
    with pytest.raises(LanguageError) as info:
        make_language_stage(settings)(_article(INDONESIAN, "de"))
    assert info.value.code == "W241"
    assert "unsupported language de" in info.value.message


def test_language_stage_refuses_unknown_setting(settings: Settings) -> None:
    with pytest.raises(SettingsError):
        make_language_stage(settings.with_overrides({"languages": "id,xx"}))


def test_language_stage_failure_in_pipeline(settings: Settings) -> None:
    @stage(name="extract", requires=["page"], assigns=["article"])
    def extract(page: Page) -> Article:
        return Article(id="p1", source=page.source, text=page.text or "")

    pipeline = Pipeline([extract, make_language_stage(settings), start_annotation])
    result = pipeline.process(Page(source="de.txt", text=GERMAN))
    assert isinstance(result, Failure)
    assert (result.stage, result.code, result.transient, result.record_id) == ("language", "W241", False, "p1")
    assert pipeline.process(Page(source="id.txt", text=INDONESIAN)).article.language == "id"


# --- the gold corpus ------------------------------------------------------------------------------------


@pytest.mark.shared
def test_detect_language_gold_texts(shared: Path) -> None:
    records = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((shared / "corpus" / "seed").glob("*.gold.json"))
    ]
    records += [
        json.loads(line)
        for line in (shared / "corpus" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(records) >= 17
    detected = {record["id"]: detect_language(record["text"]) for record in records}
    assert detected == {record["id"]: record["lang"] for record in records}
