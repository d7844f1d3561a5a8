from __future__ import annotations

import gzip
import uuid
from pathlib import Path

import pytest

from warta.ingest import iter_pages
from warta.records import Failure, Page
from warta.settings import Settings

ARTICLE_ID = "<html><head><title>Banjir</title></head><body><p>“Banjir merendam Demak,” kata BNPB.</p></body>"
ARTICLE_EN = "<html><body><p>The ministry said the talks would resume.</p></body></html>"


RESPONSE = "application/http; msgtype=response"


def warc_record(kind: str, uri: str, block: bytes, *, content_type: str = RESPONSE) -> bytes:
    headers = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-12T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + uri)}>\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return headers.encode("ascii") + block + b"\r\n\r\n"


def http_response(body: bytes, *, status: str = "200 OK", content_type: str = "text/html; charset=utf-8") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode("ascii") + body


RECORDS = [
    warc_record(
        "request",
        "https://berita.example/banjir",
        b"GET /banjir HTTP/1.1\r\nHost: berita.example\r\n\r\n",
        content_type="application/http; msgtype=request",
    ),
    warc_record(
        "response",
        "https://berita.example/banjir",
        http_response(ARTICLE_ID.encode("cp1252"), content_type="text/html; charset=windows-1252"),
    ),
    warc_record(
        "response",
        "https://berita.example/logo.png",
        http_response(b"\x89PNG\r\n\x1a\n", content_type="image/png"),
    ),
    warc_record("response", "https://berita.example/pindah", http_response(b"", status="301 Moved Permanently")),
    warc_record("response", "https://news.example/talks", http_response(ARTICLE_EN.encode("utf-8"))),
]


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses(tmp_path: Path, settings: Settings, compressed: bool) -> None:
    if compressed:
        path = tmp_path / "arsip.warc.gz"
        path.write_bytes(b"".join(gzip.compress(record) for record in RECORDS))
    else:
        path = tmp_path / "arsip.warc"
        path.write_bytes(b"".join(RECORDS))
    out = list(iter_pages([str(path)], settings, published="2024-05-12"))
    assert out == [
        Page(
            source=f"{path}#https://berita.example/banjir",
            url="https://berita.example/banjir",
            html=(ARTICLE_ID,),
            published="2024-05-12",
        ),
        Page(
            source=f"{path}#https://news.example/talks",
            url="https://news.example/talks",
            html=(ARTICLE_EN,),
            published="2024-05-12",
        ),
    ]


def test_warc_record_over_limit(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "arsip.warc"
    path.write_bytes(RECORDS[1] + RECORDS[4])
    small = settings.with_overrides({"max_input_bytes": 90})
    failure, page = iter_pages([str(path)], small)
    assert isinstance(failure, Failure) and failure.url == "https://berita.example/banjir"
    assert "max_input_bytes=90" in failure.reason
    assert isinstance(page, Page) and page.url == "https://news.example/talks"


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"bukan arsip WARC\r\n\r\n", "not a readable WARC"), (RECORDS[0], "no HTML response records")],
)
def test_warc_unreadable(tmp_path: Path, settings: Settings, content: bytes, reason: str) -> None:
    path = tmp_path / "rusak.warc"
    path.write_bytes(content)
    (failure,) = iter_pages([str(path)], settings)
    assert isinstance(failure, Failure) and failure.source == str(path) and reason in failure.reason
