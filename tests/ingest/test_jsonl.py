from __future__ import annotations

from pathlib import Path

import pytest

from warta.ingest import iter_pages
from warta.records import Failure, Page
from warta.settings import Settings


def test_jsonl_malformed_line_in_the_middle(fixtures: Path, settings: Settings) -> None:
    path = fixtures / "ingest" / "records.jsonl"
    out = list(iter_pages([str(path)], settings))
    assert [type(record) for record in out] == [Page, Failure, Failure, Page]
    first, malformed, empty, last = out
    assert first == Page(
        source=f"{path}:1",
        url="https://berita.example/a1",
        html=("<html><body><p>Polisi membubarkan unjuk rasa di depan gedung DPR.</p></body></html>",),
        published="2024-05-12",
        record_id="a1",
        language="id",
        title="Unjuk rasa di DPR",
    )
    assert malformed.source == f"{path}:2" and malformed.stage == "ingest" and malformed.code == "W210"
    assert "malformed JSON" in malformed.reason and not malformed.transient
    assert empty.source == f"{path}:3" and empty.record_id == "a3" and "neither 'html' nor 'text'" in empty.reason
    assert last.source == f"{path}:4" and last.record_id == "4" and last.language == "id"
    assert last.text == "Pemerintah mengirim bantuan ke Gaza."


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('["not", "an", "object"]', "expected a JSON object"),
        ('{"html": 5}', "'html' must be a string"),
        ('{"text": ["a"]}', "'text' must be a string"),
        ('{"html": "   ", "text": ""}', "neither"),
    ],
)
def test_jsonl_bad_records(tmp_path: Path, settings: Settings, line: str, reason: str) -> None:
    path = tmp_path / "buruk.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    (failure,) = iter_pages([str(path)], settings)
    assert isinstance(failure, Failure) and reason in failure.reason


def test_jsonl_multi_page_html_bom_and_blank_lines(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "halaman.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "m1", "html": ["<p>Satu</p>", "<p>Dua</p>"]}\n\n{"text": "Tiga"}')
    out = list(iter_pages([str(path)], settings, language="id"))
    assert out == [
        Page(source=f"{path}:1", html=("<p>Satu</p>", "<p>Dua</p>"), record_id="m1", language="id"),
        Page(source=f"{path}:3", text="Tiga", language="id"),
    ]


def test_jsonl_line_over_limit(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "besar.jsonl"
    path.write_text('{"text": "' + "x" * 200 + '"}\n{"text": "kecil"}\n', encoding="utf-8")
    small = settings.with_overrides({"max_input_bytes": 100})
    failure, page = iter_pages([str(path)], small)
    assert isinstance(failure, Failure) and "max_input_bytes=100" in failure.reason
    assert isinstance(page, Page) and page.text == "kecil"


def test_jsonl_without_records_is_a_failure(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "kosong.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    (failure,) = iter_pages([str(path)], settings)
    assert isinstance(failure, Failure) and failure.source == str(path) and "empty" in failure.reason
