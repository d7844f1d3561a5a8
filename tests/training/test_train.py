"""Round configs (how training resumes), committed configs, tokenizer exceptions and evaluation helpers."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from thinc.api import Config

from warta.evaluation.models import attachment_scores, markdown_table
from warta.training.corpora import CORPORA
from warta.training.tokenizer import add_warta_exceptions, read_exceptions
from warta.training.train import CONFIG_DIR, round_config

CONFIGS = sorted(p.name for p in CONFIG_DIR.glob("*.cfg") if p.name != "id_pretrain.cfg")


@pytest.mark.parametrize("name", CONFIGS)
def test_config_has_corpus_and_builds_offline(name):
    lang, component = name.removesuffix(".cfg").split("_")
    assert (lang, component) in CORPORA
    config = Config().from_disk(CONFIG_DIR / name)
    assert config["nlp"]["lang"] == lang
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    assert nlp.pipe_names == config["nlp"]["pipeline"]


def test_round_config_first_round_trains_from_scratch(tmp_path):
    config = round_config(CONFIG_DIR / "id_ner.cfg", corpus=tmp_path, resume_from=None, steps=10, seed=3)
    assert config["components"]["ner"]["factory"] == "ner"
    assert config["training"]["max_steps"] == 10
    assert config["paths"]["train"] == str(tmp_path / "train.spacy")


def test_round_config_later_rounds_source_every_component(tmp_path):
    last = tmp_path / "model-last"
    config = round_config(CONFIG_DIR / "id_syntax.cfg", corpus=tmp_path, resume_from=last, steps=10, seed=1)
    for name in ("tok2vec", "morphologizer", "parser"):
        assert config["components"][name] == {"source": str(last)}


@pytest.mark.parametrize("name", ["id_ner.cfg", "id_syntax.cfg"])
def test_round_config_loads_pretrained_tok2vec_into_the_tok2vec(tmp_path, name):
    weights = tmp_path / "model3.bin"
    config = round_config(
        CONFIG_DIR / name, corpus=tmp_path, resume_from=None, steps=10, seed=0, init_tok2vec=weights
    )
    assert config["paths"]["init_tok2vec"] == str(weights)
    assert (config["pretraining"]["component"], config["pretraining"]["layer"]) == ("tok2vec", "")


def test_warta_exceptions_keep_abbreviations_whole():
    nlp = spacy.blank("id")
    add_warta_exceptions(nlp)
    words = [t.text for t in nlp("Kantornya di Jl. Sudirman, Kab. Bogor. Dia menelepon Ibu.")]
    assert words == [
        "Kantornya",
        "di",
        "Jl.",
        "Sudirman",
        ",",
        "Kab.",
        "Bogor",
        ".",
        "Dia",
        "menelepon",
        "Ibu",
        ".",
    ]
    assert "Jl." in read_exceptions()


def test_attachment_scores_count_punctuation_and_ignore_subtypes():
    vocab = spacy.blank("id").vocab
    gold = spacy.tokens.Doc(
        vocab, words=["Ia", "pergi", "."], heads=[1, 1, 1], deps=["nsubj:pass", "root", "punct"]
    )
    pred = spacy.tokens.Doc(vocab, words=["Ia", "pergi", "."], heads=[1, 1, 0], deps=["nsubj", "ROOT", "punct"])
    assert attachment_scores([pred], [gold]) == {"uas": 66.67, "las": 66.67}


def test_markdown_table_lists_tests_and_labels():
    results = {
        "model": "m",
        "size_mb": 1.0,
        "tests": {
            "t": {
                "upos": 95.0,
                "ents_p": 1.0,
                "ents_r": 2.0,
                "ents_f": 3.0,
                "ents_per_type": {"PER": {"p": 1.0, "r": 2.0, "f": 3.0}},
                "words_per_second": 100,
            }
        },
    }
    table = markdown_table(results)
    assert "| t | 95.0 |" in table
    assert "| t | PER | 1.0 | 2.0 | 3.0 |" in table


def test_pipeline_paths_are_relative_to_data_folder():
    for spec in CORPORA.values():
        for source in (*spec.train, *spec.dev):
            assert not Path(source.path).is_absolute()


def test_resumed_lemmatizer_keeps_its_tree_labels(tmp_path):
    from spacy.training import Example

    from warta.training.train import _lemmatizer_labels_restored

    nlp = spacy.blank("en")
    nlp.add_pipe("trainable_lemmatizer", config={"min_tree_freq": 1})
    words = ["cats", "ran", "dogs"]
    gold = spacy.tokens.Doc(nlp.vocab, words=words, lemmas=["cat", "run", "dog"])
    nlp.initialize(lambda: [Example(nlp.make_doc(" ".join(words)), gold)])
    nlp.to_disk(tmp_path / "model")
    with _lemmatizer_labels_restored():
        loaded = spacy.load(tmp_path / "model").get_pipe("trainable_lemmatizer")
    assert loaded.tree2label == {tree: label for label, tree in enumerate(loaded.labels)}
    assert loaded.tree2label
