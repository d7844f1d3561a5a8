"""Short texts are articles: a one-sentence wire brief, a JSONL record of one sentence, a test sentence are
processed and coded, through the library and through ``warta extract``. Only HTML pages are held to
``min_article_chars`` (a short web page is a login form or an error page)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import warta
from warta.cli.main import app
from warta.output import validate_output

# "Israeli police arrested two Palestinian activists in Jerusalem on Tuesday."
ID_SENTENCE = "Polisi Israel menangkap dua aktivis Palestina di Yerusalem pada Selasa."
EN_SENTENCE = "Israeli police arrested two Palestinian activists in Jerusalem on Tuesday."


@pytest.fixture(scope="module")
def pipeline() -> warta.Pipeline:
    return warta.build_pipeline(warta.load_settings(env={}))


@pytest.mark.parametrize(("text", "language"), [(ID_SENTENCE, "id"), (EN_SENTENCE, "en")])
def test_library_codes_one_sentence(pipeline: warta.Pipeline, text: str, language: str) -> None:
    assert len(text) < warta.load_settings(env={}).min_article_chars  # the premise: shorter than the guard
    result = pipeline.process(warta.Page(source="brief", text=text, published="2024-06-11"))
    assert isinstance(result, warta.AnnotatedArticle), result
    assert result.article.text == text and result.article.language == language
    assert [event.type for event in result.events] == ["COERCE"]
    validate_output(warta.to_contract(result))


def test_library_still_refuses_a_short_html_page(pipeline: warta.Pipeline) -> None:
    page = warta.Page(source="login.html", html=(f"<html><body><p>{EN_SENTENCE}</p></body></html>",))
    result = pipeline.process(page)
    assert isinstance(result, warta.Failure) and result.code == "W233"


def test_cli_extract_codes_one_sentence_files_and_records(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "berita.txt").write_text(ID_SENTENCE, encoding="utf-8")
    (folder / "news.txt").write_text(EN_SENTENCE, encoding="utf-8")
    records = [{"id": "brief-id", "text": ID_SENTENCE}, {"id": "brief-en", "text": EN_SENTENCE}]
    (folder / "briefs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["extract", str(folder), "--published", "2024-06-11"], env={"WARTA_DB": str(tmp_path / "x.db")}
    )
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)
    assert len(documents) == 4
    for doc in documents:
        validate_output(doc)
        assert [event["type"] for event in doc["events"]] == ["COERCE"]
    assert sorted(doc["article"]["language"] for doc in documents) == ["en", "en", "id", "id"]
    assert {"brief-id", "brief-en"} <= {doc["article"]["id"] for doc in documents}
    assert "warta extract" in result.stderr and "warta run" not in result.stderr  # the summary's title
