"""The demo samples shipped in warta/samples extract cleanly: both pages, no page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.extract import extract_article
from warta.records import Page
from warta.settings import Settings

SAMPLES = Path(__file__).parents[2] / "src" / "warta" / "samples"

JUNK = [
    "Beranda",
    "Internasional",
    "Indeks Berita",
    "Olahraga",
    "World",
    "Markets",
    "Subscribe",
    "Sign in",
    "Logo",
    "logo",
    "Bagikan",
    "Share",
    "Facebook",
    "WhatsApp",
    "Salin tautan",
    "Copy link",
    "Text Sizes",
    "Medium",
    "Large",
    "Baca juga",
    "Baca Juga",
    "Read also",
    "Berita Terkait",
    "Related stories",
    "ADVERTISEMENT",
    "Advertisement",
    "Scroll to continue",
    "Halaman",
    "Next page",
    "Previous page",
    "Page 1 of 2",
    "Editor:",
    "Penulis:",
    "By Lena Morris",
    "Reporting by",
    "(rin/dim)",
    "Tag:",
    "©",
    "Copyright",
    "Tentang Kami",
    "Privacy",
    "WIB",
    "UTC",
]

CASES = {
    "id-kunjungan": dict(
        pages=("halaman-1.html", "halaman-2.html"),
        first="JAKARTA, Rabu (19/6) - Menteri Luar Negeri RI Retno Marsudi menerima kunjungan",
        last="juga akan digelar di Canberra pada Oktober.",
        title="Menlu Australia Kunjungi Jakarta, Bahas Keamanan Maritim dan Bantuan Iklim",
        published="2024-06-19",
        author="Rina Wulandari",
        outlet="Kabar Contoh",
        caption="Menlu Retno Marsudi (kanan) menyambut Menlu Australia Penny Wong di Gedung Pancasila, Jakarta.",
        credit="Kabar Contoh/Dimas Pratama",
    ),
    "en-talks": dict(
        pages=("page-1.html", "page-2.html"),
        first="BEIJING, April 26 - U.S. Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi",
        last="Blinken was scheduled to return to Washington on Saturday.",
        title="Blinken and Wang hold talks in Beijing as US weighs new sanctions",
        published="2024-04-26",
        author="Lena Morris",
        outlet="Example Wire",
        caption="Antony Blinken (left) and Wang Yi shake hands before their talks in Beijing.",
        credit="Example Wire/Tom Hale",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_samples_extract_cleanly(name: str, settings: Settings) -> None:
    case = CASES[name]
    folder = SAMPLES / name
    page = Page(source=str(folder), html=tuple((folder / p).read_text(encoding="utf-8") for p in case["pages"]))
    article = extract_article(page, settings=settings)
    text = article.text
    for junk in JUNK:
        assert junk not in text, junk
    assert case["first"] in text
    assert text.endswith(case["last"])  # page 2 is joined after page 1, byline code and credits gone
    assert text.index(case["first"]) < text.index(case["last"])
    assert 300 <= len(text.split()) <= 450
    assert (article.title, article.published, article.authors, article.outlet) == (
        case["title"],
        case["published"],
        (case["author"],),
        case["outlet"],
    )
    assert [(c.text, c.credit) for c in article.captions] == [(case["caption"], case["credit"])]
    assert case["caption"] not in text


def test_samples_have_readme() -> None:
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    assert "original texts written for warta" in readme
