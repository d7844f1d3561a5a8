"""The entry point: dispatch, standard input, and "a bad input never stops the run"."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import warta.ingest
from warta.ingest import inputs as inputs_module
from warta.ingest import iter_pages
from warta.records import Failure, Page
from warta.settings import Settings


def test_public_api_is_pinned() -> None:
    assert warta.ingest.__all__ == sorted(warta.ingest.__all__)
    assert set(warta.ingest.__all__) == {
        "FeedEntry",
        "FetchedDocument",
        "Fetcher",
        "decode_bytes",
        "fetch_article",
        "find_next_page",
        "iter_pages",
        "parse_feed",
        "read_bytes",
    }


def test_inputs_stdin_jsonl(settings: Settings) -> None:
    stdin = io.BytesIO(b'{"id": "s1", "text": "Satu"}\nbukan json\n{"id": "s3", "html": "<p>Tiga</p>"}\n')
    one, bad, three = iter_pages(["-"], settings, stdin=stdin)
    assert one == Page(source="stdin:1", text="Satu", record_id="s1")
    assert isinstance(bad, Failure) and bad.source == "stdin:2"
    assert three == Page(source="stdin:3", html=("<p>Tiga</p>",), record_id="s3")


def test_inputs_stdin_jsonl_longer_than_sniffed_head(settings: Settings) -> None:
    # The sniff reads the first 8 KiB; the line it cuts in two must be joined back up.
    lines = [f'{{"id": "{n}", "text": "{"kata " * 50}"}}\n'.encode() for n in range(100)]
    out = list(iter_pages(["-"], settings, stdin=io.BytesIO(b"".join(lines))))
    assert [page.record_id for page in out if isinstance(page, Page)] == [str(n) for n in range(100)]


@pytest.mark.parametrize(
    ("data", "html", "text"),
    [
        ("<!DOCTYPE html><html><body><p>Berita dari stdin.</p></body></html>", True, False),
        ("Teks polos dari stdin, “dengan kutipan”.", False, True),
    ],
)
def test_inputs_stdin_html_or_text(settings: Settings, data: str, html: bool, text: bool) -> None:
    (page,) = iter_pages(["-"], settings, stdin=io.BytesIO(data.encode("cp1252")), published="2024-05-12")
    assert isinstance(page, Page) and page.source == "stdin" and page.published == "2024-05-12"
    assert page.html == ((data,) if html else ())
    assert page.text == (data if text else None)


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"), (b"<p>" + b"x" * 300 + b"</p>", "max_input")],
)
def test_inputs_stdin_unreadable(settings: Settings, data: bytes, reason: str) -> None:
    small = settings.with_overrides({"max_input_bytes": 200})
    (failure,) = iter_pages(["-"], small, stdin=io.BytesIO(data))
    assert isinstance(failure, Failure) and failure.source == "stdin" and reason in failure.reason


def test_inputs_bad_inputs_do_not_stop_the_run(fixtures: Path, settings: Settings, tmp_path: Path) -> None:
    empty = tmp_path / "kosong.html"
    empty.write_bytes(b"")
    good = fixtures / "ingest" / "catatan.txt"
    out = list(iter_pages([str(tmp_path / "hilang.txt"), str(empty), "ftp://x.example/a", str(good)], settings))
    assert [type(record) for record in out] == [Failure, Failure, Failure, Page]
    assert [record.source for record in out] == [
        str(tmp_path / "hilang.txt"),
        str(empty),
        "ftp://x.example/a",
        str(good),
    ]


def test_inputs_unexpected_error_becomes_failure(
    fixtures: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(inputs_module, "iter_url", explode)
    good = str(fixtures / "ingest" / "catatan.txt")
    failure, page = iter_pages(["https://berita.example/a", good], settings)
    assert isinstance(failure, Failure) and failure.code == "W999" and "boom" in failure.reason
    assert failure.url == "https://berita.example/a"
    assert isinstance(page, Page) and page.source == good
    assert "ingest crashed" in caplog.text


def test_inputs_local_files_open_no_http_client(
    fixtures: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_client(*args: object, **kwargs: object) -> None:
        raise AssertionError("a local run must not create an HTTP client")

    monkeypatch.setattr(inputs_module.Fetcher, "client", property(no_client))
    assert len(list(iter_pages([str(fixtures / "ingest" / "folder")], settings))) == 3
