from __future__ import annotations

from pathlib import Path

import pytest

from warta.ingest import files, iter_pages
from warta.ingest.files import kind_of, sniff_kind
from warta.ingest.pagination import find_next_page
from warta.records import Failure, Page
from warta.settings import Settings


@pytest.fixture
def data(fixtures: Path) -> Path:
    return fixtures / "ingest"


def only(records: list[Page | Failure]) -> Page:
    assert len(records) == 1 and isinstance(records[0], Page), records
    return records[0]


def test_files_html(data: Path, settings: Settings) -> None:
    path = data / "artikel-id.html"
    page = only(list(iter_pages([str(path)], settings)))
    assert page.source == str(path) and page.url is None and page.text is None
    assert page.html == (path.read_text(encoding="utf-8"),)
    assert "“Kami sepakat memperkuat patroli bersama,”" in page.html[0]


def test_files_htm_with_http_equiv(data: Path, settings: Settings) -> None:
    page = only(list(iter_pages([str(data / "article-en.htm")], settings)))
    assert "“We reject any threat against our sovereignty,”" in page.html[0]


def test_files_text(data: Path, settings: Settings) -> None:
    page = only(list(iter_pages([str(data / "catatan.txt")], settings)))
    assert page.html == () and page.text == (data / "catatan.txt").read_text(encoding="utf-8")


def test_files_defaults_fill_missing_fields(data: Path, settings: Settings) -> None:
    page = only(list(iter_pages([str(data / "catatan.txt")], settings, published="2024-05-12", language="id")))
    assert page.published == "2024-05-12" and page.language == "id"


def test_files_truncated_html_still_read(data: Path, settings: Settings) -> None:
    page = only(list(iter_pages([str(data / "terpotong.html")], settings)))
    assert page.html[0].endswith("kata pejabat itu di Jakarta. “Ini")


@pytest.mark.parametrize(
    ("encoding", "meta"),
    [
        ("cp1252", ""),
        ("cp1252", '<meta charset="utf-8">'),
        ("cp1252", '<meta charset="iso-8859-1">'),
        ("latin-1", ""),
        ("latin-1", '<meta charset="utf-8">'),
    ],
)
def test_files_legacy_encoded_page(tmp_path: Path, settings: Settings, encoding: str, meta: str) -> None:
    text = "“Kami menolak,” kata menteri di Genève" if encoding == "cp1252" else "Le ministre à Genève, señor"
    html = f"<html><head>{meta}</head><body><p>{text}.</p></body></html>"
    path = tmp_path / "lama.html"
    path.write_bytes(html.encode(encoding))
    assert only(list(iter_pages([str(path)], settings))).html == (html,)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("kosong.html", b"", "empty file"),
        ("kosong.txt", b"\n  \n", "empty file"),
        ("foto.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        ("laporan.txt", b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n5 0 obj", "binary file"),
    ],
)
def test_files_unreadable(tmp_path: Path, settings: Settings, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    (failure,) = iter_pages([str(path)], settings)
    assert isinstance(failure, Failure)
    assert (failure.source, failure.stage, failure.code, failure.transient) == (str(path), "ingest", "W210", False)
    assert reason in failure.reason


def test_files_oversized(data: Path, settings: Settings) -> None:
    small = settings.with_overrides({"max_input_bytes": 200})
    (failure,) = iter_pages([str(data / "artikel-id.html")], small)
    assert isinstance(failure, Failure) and "larger than max_input_bytes=200" in failure.reason


def test_files_missing(tmp_path: Path, settings: Settings) -> None:
    (failure,) = iter_pages([str(tmp_path / "tidak-ada.html")], settings)
    assert isinstance(failure, Failure) and "no such file" in failure.reason


def test_files_unknown_extension_is_sniffed(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "berita").write_text("<html><body><p>Berita tanpa ekstensi.</p></body></html>", encoding="utf-8")
    (tmp_path / "catatan").write_text("Catatan biasa tanpa tag.", encoding="utf-8")
    html, text = iter_pages([str(tmp_path / "berita"), str(tmp_path / "catatan")], settings)
    assert isinstance(html, Page) and html.html and html.text is None
    assert isinstance(text, Page) and text.text == "Catatan biasa tanpa tag." and text.html == ()


def test_files_folder_walk(data: Path, settings: Settings) -> None:
    folder = data / "folder"
    out = list(iter_pages([str(folder)], settings))
    # Sorted, files before subfolders, hidden files and folders and unknown extensions (notes.md) skipped.
    assert [record.source for record in out] == [
        str(folder / "a.html"),
        str(folder / "sub" / "b.txt"),
        str(folder / "sub" / "c.jsonl") + ":1",
    ]
    assert all(isinstance(record, Page) for record in out)


def test_files_empty_folder(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "README.md").write_text("nothing to ingest", encoding="utf-8")
    (failure,) = iter_pages([str(tmp_path)], settings)
    assert isinstance(failure, Failure) and "no .html" in failure.reason


def test_files_folder_failure_does_not_stop_walk(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a.html").write_bytes(b"")
    (tmp_path / "b.html").write_text("<p>Berita kedua.</p>", encoding="utf-8")
    failure, page = iter_pages([str(tmp_path)], settings)
    assert isinstance(failure, Failure) and failure.source == str(tmp_path / "a.html")
    assert isinstance(page, Page) and page.source == str(tmp_path / "b.html")


def test_files_local_pagination_in_folder(data: Path, settings: Settings) -> None:
    folder = data / "bersambung"
    out = list(iter_pages([str(folder)], settings))
    # berita-2.html and berita-3.html sort before berita.html but are read as its pages 2 and 3, not alone.
    assert [record.source for record in out] == [str(folder / "berita.html"), str(folder / "lain.html")]
    article = out[0]
    assert isinstance(article, Page) and len(article.html) == 3
    assert all(
        marker in page
        for page, marker in zip(article.html, ("BAGIAN-SATU", "BAGIAN-DUA", "BAGIAN-TIGA"), strict=True)
    )


def test_files_folder_pages_parsed_once_for_pagination(
    data: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []

    def counting(html: str, base_url: str) -> str | None:
        parsed.append(base_url)
        return find_next_page(html, base_url)

    monkeypatch.setattr(files, "find_next_page", counting)
    folder = data / "bersambung"
    out = list(iter_pages([str(folder)], settings))
    assert [record.source for record in out] == [str(folder / "berita.html"), str(folder / "lain.html")]
    assert isinstance(out[0], Page) and len(out[0].html) == 3
    # four files, each parsed once: the walk's look for continuations is reused when the articles are read
    assert sorted(parsed) == sorted(p.resolve().as_uri() for p in folder.glob("*.html"))


def test_files_local_pagination_of_named_file(data: Path, settings: Settings) -> None:
    page = only(list(iter_pages([str(data / "bersambung" / "berita.html")], settings)))
    assert page.source == str(data / "bersambung" / "berita.html") and len(page.html) == 3


def test_files_local_pagination_respects_max_pages(data: Path, settings: Settings) -> None:
    folder = data / "bersambung"
    two = settings.with_overrides({"max_pages": 2})
    out = list(iter_pages([str(folder)], two))
    # The page cut off by max_pages is not lost: it comes last, on its own.
    assert [(record.source, len(record.html)) for record in out if isinstance(record, Page)] == [
        (str(folder / "berita.html"), 2),
        (str(folder / "lain.html"), 1),
        (str(folder / "berita-3.html"), 1),
    ]


def test_files_local_pagination_cycle(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "b.html").write_text('<p>Dua</p><a rel="next" href="a.html">2</a>', encoding="utf-8")
    (tmp_path / "a.html").write_text('<p>Satu</p><a rel="next" href="b.html">2</a>', encoding="utf-8")
    (page,) = iter_pages([str(tmp_path)], settings)
    assert isinstance(page, Page) and page.source == str(tmp_path / "a.html")
    assert [html[:11] for html in page.html] == ["<p>Satu</p>", "<p>Dua</p><"]


def test_files_local_pagination_missing_next_file(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a.html").write_text('<p>Satu</p><a href="a-2.html">Selanjutnya</a>', encoding="utf-8")
    page = only(list(iter_pages([str(tmp_path / "a.html")], settings)))
    assert len(page.html) == 1


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.HTML", "html"),
        ("a.htm", "html"),
        ("a.txt", "text"),
        ("a.jsonl", "jsonl"),
        ("a.warc", "warc"),
        ("a.warc.gz", "warc"),
        ("a.rss", "feed"),
        ("a.xml", "feed"),
        ("a.atom", "feed"),
        ("a.gz", None),
        ("a.md", None),
    ],
)
def test_files_kind_of(name: str, kind: str | None) -> None:
    assert kind_of(Path(name)) == kind


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b'{"id": 1, "text": "x"}\n{"id": 2', "jsonl"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html>", "html"),
        (b"<p>Paragraf saja</p>", "html"),
        (b"<?xml version='1.0'?><rss version='2.0'>", "feed"),
        (b"Teks biasa, tanpa tag apa pun.", "text"),
        (b"{kurung kurawal} di awal teks biasa", "text"),
    ],
)
def test_files_sniff_kind(head: bytes, kind: str) -> None:
    assert sniff_kind(head) == kind
