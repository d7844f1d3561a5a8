"""The pipelines shipped in ``src/warta/models`` load offline, carry their licences and tag a sentence."""

from __future__ import annotations

import json

import pytest

from warta.errors import ModelError
from warta.models import MODELS_DIR, load_pipeline
from warta.training.package import MAX_MODEL_MB

SENTENCES = {
    "id_warta": "Presiden Joko Widodo bertemu Perdana Menteri Australia di Jakarta pada hari Senin.",
    "en_warta": "President Joko Widodo met the Australian prime minister in Jakarta on Monday.",
}


@pytest.fixture(params=sorted(SENTENCES))
def name(request, require):
    """Each pipeline warta ships; a missing one skips, and fails under WARTA_REQUIRE_SHARED (CI)."""
    require(MODELS_DIR / request.param / "meta.json", f"the shipped pipeline {request.param}")
    return request.param


def test_shipped_model_meta_carries_sources_and_share_alike_notice(name):
    meta = json.loads((MODELS_DIR / name / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC BY-SA 4.0"
    assert "share" in meta["notice"] and "CC BY-SA 4.0" in meta["notice"]
    assert meta["sources"] and all(source["name"] and source["license"] for source in meta["sources"])
    assert any("CC BY-SA" in source["license"] for source in meta["sources"])


def test_shipped_model_is_small_and_holds_no_training_data(name):
    folder = MODELS_DIR / name
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) <= MAX_MODEL_MB * 1_000_000
    assert not any(p.suffix in (".spacy", ".conllu", ".jsonl", ".iob2", ".tsv") for p in files)


def test_shipped_model_tags_parses_and_finds_entities_offline(name):
    nlp = load_pipeline(name.split("_")[0])
    assert load_pipeline(name.split("_")[0]) is nlp  # loaded once per process
    doc = nlp(SENTENCES[name])
    assert doc.has_annotation("POS") and doc.has_annotation("DEP")
    assert {t.pos_ for t in doc} & {"PROPN", "NOUN", "VERB"}
    labels = {ent.label_ for ent in doc.ents}
    assert labels <= {"PER", "ORG", "LOC"}
    assert "Jakarta" in {ent.text for ent in doc.ents}
    assert len(list(doc.sents)) >= 1


def test_load_pipeline_reports_a_missing_pipeline_as_model_error(tmp_path):
    with pytest.raises(ModelError, match="missing"):
        load_pipeline("id", tmp_path)
    with pytest.raises(ModelError, match="no pipeline"):
        load_pipeline("fr")
