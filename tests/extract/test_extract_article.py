"""extract_article end to end: HTML and plain text, multi-page joins, metadata, failures, the stage."""

from __future__ import annotations

import pickle
import re
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from lxml import etree

import warta.extract.webpage as webpage
from warta.errors import ExtractError, InputError
from warta.extract import article_id, extract_article, make_extract_stage
from warta.pipeline import Pipeline, start_annotation
from warta.records import AnnotatedArticle, Article, Caption, Failure, Page
from warta.settings import Settings

SAMPLE_PAGE = Path(__file__).parents[2] / "src" / "warta" / "samples" / "id-kunjungan" / "halaman-1.html"
MARKERS = ["PARAGRAF-SATU", "PARAGRAF-DUA", "PARAGRAF-TIGA", "PARAGRAF-EMPAT", "PARAGRAF-LIMA", "PARAGRAF-ENAM"]


def _pages(fixtures: Path, *names: str) -> tuple[str, ...]:
    return tuple((fixtures / "extract" / name).read_text(encoding="utf-8") for name in names)


@pytest.fixture
def three_pages(fixtures: Path) -> Page:
    return Page(
        source="berita",
        url="https://suara-contoh.example/dunia/latihan",
        html=_pages(fixtures, "berita-1.html", "berita-2.html", "berita-3.html"),
    )


def test_extract_article_joins_pages_in_order(three_pages: Page, settings: Settings) -> None:
    text = extract_article(three_pages, settings=settings).text
    positions = [text.index(marker) for marker in MARKERS]
    assert positions == sorted(positions)
    reversed_text = extract_article(replace(three_pages, html=three_pages.html[::-1]), settings=settings).text
    assert reversed_text.index("PARAGRAF-LIMA") < reversed_text.index("PARAGRAF-SATU")


def test_extract_article_removes_markers_between_pages(three_pages: Page, settings: Settings) -> None:
    text = extract_article(three_pages, settings=settings).text
    for junk in [
        "Halaman",
        "No more pages",
        "Baca juga",
        "Bagikan",
        "Logo",
        "Beranda",
        "(ayu/dim)",
        "Editor:",
        "©",
    ]:
        assert junk not in text, junk
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Jepang dan Filipina Sepakati Latihan Bersama"  # the headline, once, not per page
    assert len(paragraphs) == 7
    assert all(p == p.strip() and "\n" not in p for p in paragraphs)


def test_extract_article_reads_metadata_from_html(three_pages: Page, settings: Settings) -> None:
    article = extract_article(replace(three_pages, published="2020-01-01", title="Judul lain"), settings=settings)
    assert article.title == "Jepang dan Filipina Sepakati Latihan Bersama"
    assert article.published == "2024-07-08"  # the page's own date wins over the input's
    assert article.authors == ("Ayu Lestari", "Dimas Pratama")
    assert article.outlet == "Suara Contoh"
    assert article.captions == (
        Caption(
            text="Yoko Kamikawa dan Gilberto Teodoro usai penandatanganan di Manila",
            credit="Suara Contoh/Ayu Lestari",
        ),
    )
    assert "usai penandatanganan di Manila" not in article.text


def test_extract_article_falls_back_to_page_fields(fixtures: Path, settings: Settings) -> None:
    page = Page(
        source="vn-kh",
        html=_pages(fixtures, "tanpa-metadata.html"),
        published="Tue, 09 Jul 2024 08:00:00 +0700",
        title="Vietnam dan Kamboja bahas perbatasan",
        language="en",
    )
    article = extract_article(page, settings=settings)
    assert article.published == "2024-07-09"
    assert article.title == "Vietnam dan Kamboja bahas perbatasan"
    assert article.authors == ()
    assert article.language == "en"
    assert article.text.startswith("Foreign ministers of Vietnam and Cambodia met in Hanoi")
    assert "Home" not in article.text


def test_extract_article_plain_text(fixtures: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_trafilatura(*args: object, **kwargs: object) -> None:
        raise AssertionError("plain text must not go through trafilatura")

    monkeypatch.setattr(webpage, "bare_extraction", no_trafilatura)
    text = (fixtures / "extract" / "boilerplate.txt").read_text(encoding="utf-8")
    article = extract_article(
        Page(source="boilerplate.txt", text=text, title="Jepang dan Filipina"), settings=settings
    )
    assert article.text == (
        "Jepang dan Filipina Sepakati Latihan Bersama\n\n"
        "MANILA, Senin (8/7) - Pemerintah Jepang dan Filipina menandatangani perjanjian akses timbal balik yang "
        "memungkinkan pasukan kedua negara berlatih di wilayah masing-masing.\n\n"
        "Menteri Luar Negeri (Menlu) Jepang, Yoko Kamikawa, tiba di Manila pada Senin, (8/7/2024).\n\n"
        '"Perjanjian ini memperkuat kemampuan kita untuk menjaga perdamaian," kata Kamikawa.'
    )
    assert article.captions == (Caption(text="Yoko Kamikawa dan Gilberto Teodoro di Manila", credit="Reuters"),)
    assert article.title == "Jepang dan Filipina"
    assert article.outlet is None


def test_extract_article_lxml_fallback_when_trafilatura_finds_nothing(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webpage, "bare_extraction", lambda *args, **kwargs: None)
    article = extract_article(
        Page(source="p1", html=(SAMPLE_PAGE.read_text(encoding="utf-8"),)), settings=settings
    )
    assert article.text.startswith("JAKARTA, Rabu (19/6) - Menteri Luar Negeri RI Retno Marsudi")
    assert "kata Wong." in article.text
    for junk in ["Baca juga", "Copyright", "Beranda", "Bagikan"]:
        assert junk not in article.text, junk
    assert article.title == "Menlu Australia Kunjungi Jakarta, Bahas Keamanan Maritim dan Bantuan Iklim"
    assert article.published == "2024-06-19"
    assert len(article.captions) == 1


def test_extract_article_lxml_fallback_when_trafilatura_finds_only_a_headline(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    headline_only = SimpleNamespace(
        body=etree.fromstring('<body><head rend="h1">Judul saja</head></body>'),
        title="Judul saja",
        date="2024-06-19",
        author=None,
        sitename="Kabar Contoh",
    )
    monkeypatch.setattr(webpage, "bare_extraction", lambda *args, **kwargs: headline_only)
    article = extract_article(
        Page(source="p1", html=(SAMPLE_PAGE.read_text(encoding="utf-8"),)), settings=settings
    )
    assert "Judul saja" not in article.text
    assert "dilanjutkan dengan makan siang kerja" in article.text
    assert (article.title, article.published, article.outlet) == ("Judul saja", "2024-06-19", "Kabar Contoh")


def test_extract_article_takes_captions_from_caption_classes(settings: Settings) -> None:
    body = (
        "<p>" + "Para menteri luar negeri ASEAN bertemu di Vientiane untuk membahas krisis Myanmar. " * 4 + "</p>"
    )
    html = (
        '<html><body><article><div class="wp-caption"><img src="a.jpg">'
        '<p class="wp-caption-text">Para menlu ASEAN di Vientiane (Foto: AFP)</p></div>'
        f"{body}</article></body></html>"
    )
    article = extract_article(Page(source="wp", html=(html,)), settings=settings)
    assert article.captions == (Caption(text="Para menlu ASEAN di Vientiane", credit="AFP"),)
    assert "AFP" not in article.text


@pytest.mark.parametrize("cut_before", ["kata Retno dalam konferensi", "<p>Wong mengatakan", "ukuran-teks"])
def test_extract_article_truncated_html(settings: Settings, cut_before: str) -> None:
    html = SAMPLE_PAGE.read_text(encoding="utf-8")
    truncated = html[: html.index(cut_before)]
    article = extract_article(
        Page(source="cut", html=(truncated,)), settings=replace(settings, min_article_chars=1)
    )
    assert article.title == "Menlu Australia Kunjungi Jakarta, Bahas Keamanan Maritim dan Bantuan Iklim"
    if cut_before != "ukuran-teks":
        assert "JAKARTA, Rabu (19/6) - Menteri Luar Negeri RI Retno Marsudi" in article.text
        assert "Baca juga" not in article.text


def test_extract_article_html_with_xml_declaration(settings: Settings) -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + SAMPLE_PAGE.read_text(encoding="utf-8")
    assert "Penny Wong" in extract_article(Page(source="x", html=(html,)), settings=settings).text


@pytest.mark.parametrize(
    ("page", "code"),
    [
        (Page(source="empty"), "W231"),
        (Page(source="blank-html", html=("", "  \n")), "W231"),
        (Page(source="blank-text", text=" \n\t "), "W231"),
        (
            Page(
                source="markup-only", html=("<html><head><script>var a = 1;</script></head><body></body></html>",)
            ),
            "W232",
        ),
        (Page(source="binary", html=("\x00\x01\x02\x03",)), "W232"),
        (Page(source="junk-text", text="Logo Suara Contoh\nBagikan\nADVERTISEMENT\n(ant)\nNo more pages"), "W232"),
        (Page(source="short", html=("<html><body><p>Putin tiba di Pyongyang pada Rabu.</p></body></html>",)),
         "W233"),  # fmt: skip
    ],
)
def test_extract_article_rejects_empty_pages(page: Page, code: str, settings: Settings) -> None:
    with pytest.raises(ExtractError) as info:
        extract_article(page, settings=settings)
    assert info.value.code == code
    assert isinstance(info.value, InputError)  # the pipeline turns it into a Failure row
    assert info.value.message


@pytest.mark.parametrize(("name", "code"), [("login.html", "W233"), ("indeks.html", "W234")])
def test_extract_article_rejects_non_article_pages(
    name: str, code: str, fixtures: Path, settings: Settings
) -> None:
    with pytest.raises(ExtractError) as info:
        extract_article(Page(source=name, html=_pages(fixtures, name)), settings=settings)
    assert info.value.code == code


def test_extract_article_min_chars_comes_from_settings(settings: Settings) -> None:
    page = Page(source="short", html=("<html><body><p>Putin tiba di Pyongyang pada Rabu.</p></body></html>",))
    text = extract_article(page, settings=replace(settings, min_article_chars=10)).text
    assert text == "Putin tiba di Pyongyang pada Rabu."


@pytest.mark.parametrize(
    "text",
    [
        "Putin tiba di Pyongyang pada Rabu.",  # Putin arrived in Pyongyang on Wednesday.
        "Putin arrived in Pyongyang on Wednesday.",
        "Halo.",
    ],
)
def test_extract_article_keeps_short_plain_text(text: str, settings: Settings) -> None:
    # The short-page guard is for web pages (a login form, an error page); text handed over as text is the
    # article, however short.
    assert extract_article(Page(source="short.txt", text=text), settings=settings).text == text


def test_extract_article_ids(three_pages: Page, settings: Settings) -> None:
    article = extract_article(three_pages, settings=settings)
    assert article.id == article_id(article.text, three_pages.url)
    assert re.fullmatch(r"[0-9a-f]{16}", article.id)
    assert extract_article(three_pages, settings=settings).id == article.id
    assert extract_article(replace(three_pages, record_id="id-a-004"), settings=settings).id == "id-a-004"
    assert article.source == "berita"
    assert article.url == "https://suara-contoh.example/dunia/latihan"


def test_extract_article_id_depends_on_text_and_url() -> None:
    assert article_id("teks", None) == article_id("teks", None)
    assert article_id("teks", None) != article_id("teks lain", None)
    assert article_id("teks", "https://a.example/1") != article_id("teks", "https://a.example/2")


def test_extract_stage_declares_and_runs(three_pages: Page, settings: Settings) -> None:
    extract = make_extract_stage(settings)
    assert (extract.name, extract.requires, extract.assigns) == ("extract", ("page",), ("article",))
    assert isinstance(extract(three_pages), Article)
    restored = pickle.loads(pickle.dumps(extract))
    assert restored(three_pages) == extract(three_pages)


def test_extract_stage_in_pipeline(three_pages: Page, settings: Settings) -> None:
    pipeline = Pipeline([make_extract_stage(settings), start_annotation])
    assert isinstance(pipeline.process(three_pages), AnnotatedArticle)
    failure = pipeline.process(Page(source="empty.txt", url="https://a.example/x"))
    assert isinstance(failure, Failure)
    assert (failure.stage, failure.code, failure.transient, failure.source) == (
        "extract",
        "W231",
        False,
        "empty.txt",
    )
