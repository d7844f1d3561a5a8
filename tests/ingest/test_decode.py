from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warta.errors import ReadError
from warta.ingest.decode import (
    charset_from_content_type,
    check_not_binary,
    decode_bytes,
    decode_text,
    read_bytes,
    sniff_declared_charset,
)

# Indonesian and English news text with the characters legacy encodings get wrong: curly quotes, dashes,
# accented letters, the euro sign.
ID_TEXT = "<p>Menlu mengatakan “kami menolak” rencana itu — kata dia di kafé Menteng, harga € 5.</p>"
EN_TEXT = "<p>The minister said in Genève that the “naïve” plan was rejected – for now.</p>"
LATIN1_TEXT = "<p>Le ministre a déclaré à Genève que la réunion était très importante: año, señor.</p>"


def page(body: str, *, meta: str = "") -> str:
    return f"<html><head>{meta}<title>Berita</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_decode_honours_byte_order_mark(bom: bytes, encoding: str) -> None:
    text = page(ID_TEXT, meta='<meta charset="iso-8859-1">')  # a BOM beats a declaration
    assert decode_bytes(bom + text.encode(encoding)) == text


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="windows-1252">',
        "<meta charset=iso-8859-1>",
        '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
    ],
)
def test_decode_reads_meta_declaration(meta: str) -> None:
    text = page(ID_TEXT, meta=meta)
    assert decode_bytes(text.encode("cp1252")) == text


def test_decode_uses_http_charset_header() -> None:
    text = "<p>Министр иностранных дел заявил, что переговоры продолжатся в Москве.</p>"
    assert decode_bytes(text.encode("koi8-r"), declared="koi8-r") == text


@pytest.mark.parametrize("text", [ID_TEXT, EN_TEXT])
@pytest.mark.parametrize(
    "meta",
    ["", '<meta charset="utf-8">', '<meta charset="iso-8859-1">'],
    ids=["undeclared", "declared-utf8-wrongly", "declared-latin1"],
)
def test_decode_cp1252_page(text: str, meta: str) -> None:
    html = page(text, meta=meta)
    assert decode_bytes(html.encode("cp1252")) == html


@pytest.mark.parametrize("meta", ["", '<meta charset="utf-8">'], ids=["undeclared", "declared-utf8-wrongly"])
def test_decode_latin1_page(meta: str) -> None:
    html = page(LATIN1_TEXT, meta=meta)
    assert decode_bytes(html.encode("latin-1")) == html


def test_decode_prefers_bytes_over_wrong_header() -> None:
    # The server says Latin-1 but sends UTF-8: valid multi-byte UTF-8 is not a coincidence.
    html = page(ID_TEXT)
    assert decode_bytes(html.encode("utf-8"), declared="iso-8859-1") == html


def test_decode_utf8_page_with_pasted_cp1252_paragraph() -> None:
    data = page("<p>“Halo,” kata dia.</p>").encode("utf-8") + "<p>“Kami menolak” — café</p>".encode("cp1252")
    assert decode_bytes(data) == page("<p>“Halo,” kata dia.</p>") + "<p>“Kami menolak” — café</p>"


def test_decode_truncated_utf8_drops_partial_character() -> None:
    data = page(ID_TEXT).encode("utf-8") + "“Ini".encode() + "“".encode()[:2]
    assert decode_bytes(data) == page(ID_TEXT) + "“Ini"


def test_decode_ascii_ending_in_one_cp1252_byte() -> None:
    assert decode_bytes("Rapat di kafé".encode("cp1252")) == "Rapat di kafé"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"GIF89a\x01\x00\x01\x00",
        b"<html>\x00\x00\x00<body>",
        bytes(range(1, 32)) * 20,
    ],
    ids=["png", "pdf", "gif", "nul-bytes", "control-characters"],
)
def test_decode_refuses_binary(data: bytes) -> None:
    with pytest.raises(ReadError, match="binary file"):
        decode_bytes(data, name="x.html")


def test_decode_accepts_text_with_a_few_control_characters() -> None:
    check_not_binary(b"\x0c" + ID_TEXT.encode() * 3 + b"\x1b", name="x")


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"], ids=["empty", "whitespace"])
def test_decode_refuses_empty(data: bytes) -> None:
    with pytest.raises(ReadError, match="empty"):
        decode_bytes(data)


def test_read_bytes_refuses_oversized_file_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "besar.html"
    path.write_bytes(b"<p>" + b"x" * 100 + b"</p>")
    with pytest.raises(ReadError, match="max_input_bytes=50"):
        read_bytes(path, max_bytes=50)
    assert read_bytes(path, max_bytes=107) == path.read_bytes()


def test_read_bytes_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_bytes(tmp_path / "hilang.html", max_bytes=1000)


@pytest.mark.parametrize(
    ("content_type", "charset"),
    [
        ("text/html; charset=UTF-8", "UTF-8"),
        ('text/html; charset="windows-1252"', "windows-1252"),
        ("text/html", None),
        (None, None),
    ],
)
def test_charset_from_content_type(content_type: str | None, charset: str | None) -> None:
    assert charset_from_content_type(content_type) == charset


def test_sniff_declared_charset_xml_declaration() -> None:
    assert sniff_declared_charset(b'<?xml version="1.0" encoding="ISO-8859-1"?><rss/>') == "ISO-8859-1"


def test_decode_ignores_unknown_charset_label() -> None:
    html = page(ID_TEXT, meta='<meta charset="x-no-such-charset">')
    assert decode_bytes(html.encode("utf-8")) == html


@given(st.text())
def test_decode_text_round_trips_utf8(text: str) -> None:
    assert decode_text(text.encode("utf-8")) == text.removeprefix("\ufeff")


@given(st.binary())
def test_decode_text_never_raises(data: bytes) -> None:
    assert isinstance(decode_text(data), str)
