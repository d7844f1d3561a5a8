"""Mojibake repair in the extract stage: UTF-8 text that had been read as Latin-1 or Windows-1252 upstream."""

from __future__ import annotations

import re
import unicodedata

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252": cp1252 that decodes every byte)
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.extract.article import extract_article
from warta.extract.mojibake import MOJIBAKE, repair_mojibake
from warta.output import to_contract, validate_output
from warta.records import AnnotatedArticle, Page
from warta.settings import Settings

# Al-Baqarah 183 as Indonesian news quotes it: the verse, its transliteration and its Indonesian translation.
VERSE = "يَا أَيُّهَا الَّذِينَ آمَنُوا كُتِبَ عَلَيْكُمُ الصِّيَامُ كَمَا كُتِبَ عَلَى الَّذِينَ مِنْ قَبْلِكُمْ لَعَلَّكُمْ تَتَّقُونَ"
TRANSLITERATION = (
    "Yā ayyuhallażīna āmanū kutiba ʿalaikumuṣ-ṣiyāmu kamā kutiba ʿalallażīna min qablikum laʿallakum tattaqūn."
)
RAMADAN = "\n\n".join(
    [
        "Jakarta - Umat Islam di seluruh Indonesia bersiap menyambut bulan suci Ramadan yang diperkirakan jatuh "
        "pada pekan depan. Kementerian Agama akan menggelar sidang isbat pada Selasa sore.",
        "Kewajiban berpuasa di bulan Ramadan tercantum dalam Surat Al-Baqarah ayat 183. Allah SWT berfirman:",
        VERSE,
        TRANSLITERATION,
        "Artinya: Wahai orang-orang yang beriman, diwajibkan atas kamu berpuasa sebagaimana diwajibkan atas "
        "orang-orang sebelum kamu agar kamu bertakwa.",
        "Menurut Menteri Agama, sidang isbat akan dihadiri perwakilan organisasi masyarakat Islam dan duta besar "
        "negara sahabat.",
    ]
)


def _mangle(text: str, codec: str) -> str:
    """What a scraper that read UTF-8 bytes as ``codec`` stored."""
    return text.encode("utf-8").decode(codec)


@pytest.mark.parametrize("codec", ["latin-1", "sloppy-windows-1252"])
def test_repair_mojibake_restores_arabic_and_transliteration(codec: str) -> None:
    mangled = _mangle(RAMADAN, codec)
    assert "YÄ" in mangled and "allaÅ¼Ä«na" in mangled  # the premise: the damage the issue describes
    assert repair_mojibake(mangled) == RAMADAN


@pytest.mark.parametrize(
    "text",
    [
        RAMADAN,
        "“Kami menolak,” kata Menteri Luar Negeri — Genève, café, naïve, Ḥaḍramawt.",
        "Harga naik 5 % menjadi Rp１０.０００",  # full-width digits are left as they are
        unicodedata.normalize("NFD", "Genève"),  # no NFC normalisation behind the caller's back
        "Kim Jong Un\u00a0tiba di Pyongyang.",
        "plain ASCII text",
    ],
)
def test_repair_mojibake_leaves_intact_text_alone(text: str) -> None:
    assert repair_mojibake(text) == text


def test_extract_article_repairs_plain_text_and_records_it(settings: Settings) -> None:
    mangled = _mangle(RAMADAN, "sloppy-windows-1252")
    page = Page(source="ramadan.txt", text=mangled, title=_mangle("Puasa – ā", "latin-1"))
    article = extract_article(page, settings=settings)
    assert article.repairs == (MOJIBAKE,)
    assert TRANSLITERATION in article.text and VERSE in article.text
    assert article.title == "Puasa – ā"


def test_extract_article_repairs_html_before_reading_it(settings: Settings) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in RAMADAN.split("\n\n"))
    html = f"<html><head><title>Puasa</title></head><body><article>{paragraphs}</article></body></html>"
    article = extract_article(Page(source="ramadan.html", html=(_mangle(html, "latin-1"),)), settings=settings)
    assert article.repairs == (MOJIBAKE,)
    assert TRANSLITERATION in article.text


def test_extract_article_intact_input_records_no_repair(settings: Settings) -> None:
    article = extract_article(Page(source="ramadan.txt", text=RAMADAN), settings=settings)
    assert article.repairs == ()
    assert article.text == RAMADAN


def test_contract_carries_repairs_only_when_there_were_some(settings: Settings) -> None:
    repaired = extract_article(Page(source="a.txt", text=_mangle(RAMADAN, "latin-1")), settings=settings)
    intact = extract_article(Page(source="b.txt", text=RAMADAN), settings=settings)
    repaired_doc = to_contract(AnnotatedArticle(article=repaired))
    intact_doc = to_contract(AnnotatedArticle(article=intact))
    validate_output(repaired_doc)
    validate_output(intact_doc)
    assert repaired_doc["article"]["repairs"] == ["mojibake"]
    assert "repairs" not in intact_doc["article"]  # an intact input's output is what it always was


# Characters that make or resemble mojibake (lead bytes read as Latin-1, C1 controls, curly quotes, no-break
# spaces, accented letters that are not broken), with line breaks and plain words between them.
_PIECES = st.sampled_from(
    ["\n", "\r\n", " ", "kata", "Genève", "“kami”", "\xa0", "\x85", "\x93", "Ã", "Â", "â€", "Ã©", "Ã¨", "ï»¿",
     "\ufffd", "Ù", "Ø§", "Ä«", "ż", "✓", "é", "ô", "õ", "ÿ", "€", "™", "œ", "Œ", ".", "“", "√", "©", "вЂ", "Ã ",
     "Â ", "°", "×²", "‚Ä", "β€", "ā€"]
)  # fmt: skip


def test_repair_mojibake_premise_ftfy_categories_are_not_ascii() -> None:
    # repair_mojibake skips lines without two non-ASCII characters in a row (or one of a few characters that
    # ftfy's heuristic needs alone): sound only while no character of ftfy's mojibake categories is ASCII.
    from ftfy.badness import MOJIBAKE_CATEGORIES

    for name, characters in MOJIBAKE_CATEGORIES.items():
        category = re.compile(f"[{characters}]")
        assert not [chr(i) for i in range(128) if category.match(chr(i))], name


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=40),
    st.sampled_from(["latin-1", "sloppy-windows-1252"]),
)
def test_repair_mojibake_is_ftfy_on_the_whole_text(pieces: list[str], codec: str) -> None:
    # Lines that cannot need mending are skipped; the result must stay what ftfy gives for the whole text,
    # for broken text (a line mangled through ``codec``) and for text that is right.
    from warta.extract.mojibake import _ENCODING_ONLY

    text = "".join(pieces)
    for candidate in (text, text + "\n" + _mangle(text, codec)):
        assert repair_mojibake(candidate) == ftfy.fix_text(candidate, _ENCODING_ONLY)
