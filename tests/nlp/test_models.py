"""Tests for warta.nlp.models: the lazy, offline loader of trained pipelines and the NER candidates."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import pytest

import warta
from warta.nlp.models import NerCandidates, load_pipeline, pipeline_path
from warta.nlp.segment import segment_text
from warta.records import AnnotatedArticle, Article
from warta.settings import Settings

SHIPPED_ID = pipeline_path("id", Settings())


def annotated(text: str, language: str) -> AnnotatedArticle:
    article = Article(id="t", source="t", text=text, language=language)
    return AnnotatedArticle(article=article, sentences=segment_text(text, language))


def test_models_missing_pipeline_is_none_with_a_warning(tmp_path, caplog):
    settings = Settings(models=tmp_path)
    with caplog.at_level(logging.WARNING, logger="warta.nlp.models"):
        assert load_pipeline("en", settings) is None
    assert "no NER pipeline" in caplog.text
    doc = annotated("Prime Minister John Smith said on Monday that it was fine.", "en")
    assert NerCandidates(settings)(doc) == ()


def test_models_default_folder_is_the_shipped_one():
    assert SHIPPED_ID == Path(warta.__file__).parent / "models" / "id_warta"


def test_models_candidates_pickle_without_a_model(tmp_path):
    candidates = NerCandidates(Settings(models=tmp_path))
    assert pickle.loads(pickle.dumps(candidates)) == candidates


@pytest.fixture
def shipped_id(require):
    """The shipped Indonesian pipeline; missing, it skips, and fails under WARTA_REQUIRE_SHARED (CI)."""
    return require(SHIPPED_ID / "meta.json", "the shipped id pipeline")


def test_models_shipped_id_pipeline_loads_once_with_only_its_ner(shipped_id):
    first = load_pipeline("id", Settings())
    assert first is not None and first.pipe_names[-1] == "ner"
    assert "parser" not in first.pipe_names and "morphologizer" not in first.pipe_names
    assert load_pipeline("id", Settings()) is first
    text = "Pengamat politik Universitas Lampung Robi Cahyadi Kurniawan mengatakan hal itu di Bandar Lampung."
    found = NerCandidates(Settings())(annotated(text, "id"))
    assert all(text[e.start : e.end] == e.text and e.type in ("PER", "ORG", "LOC") for e in found)


def test_models_ner_runs_only_for_the_languages_the_settings_name(shipped_id):
    text = "Presiden Joko Widodo bertemu Perdana Menteri Anthony Albanese di Istana Bogor."
    assert NerCandidates(Settings(ner=("id",)))(annotated(text, "id"))
    assert NerCandidates(Settings(ner=()))(annotated(text, "id")) == ()
    assert NerCandidates(Settings(ner=("id",)))(annotated("Joe Biden met Kishida in Tokyo.", "en")) == ()


def test_models_listener_pipeline_keeps_the_embedding_its_ner_listens_to(tmp_path):
    """A pipeline whose NER listens to a shared tok2vec loads with both; other components stay out."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("id")
    nlp.add_pipe("tok2vec")
    listener = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "tok2vec"}
    model = {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 8,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": listener,
    }
    nlp.add_pipe("ner", config={"model": model})
    nlp.add_pipe("sentencizer")
    nlp.get_pipe("ner").add_label("PER")
    nlp.initialize()
    nlp.to_disk(tmp_path / "id_warta")
    loaded = load_pipeline("id", Settings(models=tmp_path))
    assert loaded is not None and loaded.pipe_names == ["tok2vec", "ner"]
    assert (
        NerCandidates(Settings(models=tmp_path))(annotated("Budi pergi ke Jakarta pada Senin pagi.", "id")) == ()
    )


def test_models_folder_without_ner_is_none(tmp_path, caplog):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    nlp.to_disk(tmp_path / "id_warta")
    with caplog.at_level(logging.WARNING, logger="warta.nlp.models"):
        assert load_pipeline("id", Settings(models=tmp_path)) is None
    assert "no ner component" in caplog.text
