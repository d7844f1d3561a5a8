"""The nlp-id POS corpus reader and the multi-task Indonesian syntax setup (auxiliary tagger on GSD's tok2vec)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import Config

from warta.training.convert import read_tagged, sentences_to_docs
from warta.training.corpora import CORPORA, MODEL_SOURCES, SOURCES, Source
from warta.training.package import AUXILIARY_PIPES, id_syntax_component
from warta.training.train import CONFIG_DIR

TAGGED = (
    "Ditjen\tNNP\nmemastikan\tVB\nada\tNN\nnya\tDT\n18\tNUM\nkotak\tnn\n.\tSYM\n"
    "\n"
    "nya\tPR\tNN\nrumah\tNN\n(\tSYM\nnya\tDT\n)\tSYM\n"
    "\n\n"
    "Tiga\tNUM\n"
)


def test_read_tagged_glues_nya_onto_its_host_and_keeps_the_host_tag(tmp_path):
    path = tmp_path / "postag.txt"
    path.write_text(TAGGED, encoding="utf-8")
    first, second, third = read_tagged(path)
    assert first.words == ("Ditjen", "memastikan", "adanya", "18", "kotak", ".")
    assert first.tags == ("NNP", "VB", "NN", "NUM", "NN", "SYM")
    assert first.spaces == (True, True, True, True, False, False)
    assert first.pos is None and first.heads is None and first.morphs is None
    # at the start and after punctuation "nya" has no host and stays a token (extra columns are ignored)
    assert second.words == ("nya", "rumah", "(", "nya", ")")
    assert second.tags == ("PR", "NN", "SYM", "DT", "SYM")
    assert third.words == ("Tiga",) and third.tags == ("NUM",)


def test_tagged_source_keeps_every_nth_sentence(tmp_path):
    (tmp_path / "postag.txt").write_text(TAGGED, encoding="utf-8")
    kept = list(Source("tagged", "postag.txt", every=2).read(tmp_path))
    assert [s.words[0] for s in kept] == ["Ditjen", "Tiga"]


def test_multitask_corpus_mixes_gsd_with_tags_only_docs():
    spec = CORPORA[("id", "syntax-mt")]
    kinds = [source.kind for source in spec.train]
    assert kinds == ["conllu", "tagged"]
    assert spec.dev == CORPORA[("id", "syntax")].dev and spec.tests == CORPORA[("id", "syntax")].tests
    assert all(key in SOURCES for key in MODEL_SOURCES[("id", "syntax-mt")])


def test_tags_only_docs_are_missing_for_morphologizer_and_parser(tmp_path):
    """spaCy treats unset POS/morph and heads as missing: only the tagger learns from nlp-id Docs."""
    config = Config().from_disk(CONFIG_DIR / "id_syntax-mt.cfg")
    config["components"]["parser"]["min_action_freq"] = 1
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    vocab = nlp.vocab
    gsd = Doc(
        vocab,
        words=["Budi", "makan", "nasi", "."],
        pos=["PROPN", "VERB", "NOUN", "PUNCT"],
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "obj", "punct"],
    )
    path = tmp_path / "postag.txt"
    path.write_text("Ani\tNNP\nminum\tVB\nteh\tNN\nnya\tDT\n.\tSYM\n", encoding="utf-8")
    (tagged,) = sentences_to_docs(read_tagged(path), vocab, n_sents=10)
    assert not tagged.has_annotation("POS") and not tagged.has_annotation("DEP")

    def example(doc: Doc) -> Example:
        return Example(Doc(vocab, words=[t.text for t in doc]), doc)

    nlp.initialize(lambda: [example(gsd), example(tagged)])
    assert "POS=NOUN" in nlp.get_pipe("morphologizer").labels
    assert "" not in nlp.get_pipe("morphologizer").labels and "_" not in nlp.get_pipe("morphologizer").labels
    assert set(nlp.get_pipe("tagger").labels) == {"NNP", "VB", "NN", "SYM"}
    losses: dict[str, float] = {}
    nlp.update([example(tagged)], losses=losses, sgd=None)
    assert losses["morphologizer"] == 0 and losses["parser"] == 0 and losses["tagger"] > 0
    losses = {}
    nlp.update([example(gsd)], losses=losses, sgd=None)
    assert losses["tagger"] == 0 and losses["morphologizer"] > 0 and losses["parser"] > 0
    # the auxiliary tagger can go: the morphologizer and parser keep working on the shared tok2vec
    for name in AUXILIARY_PIPES:
        nlp.remove_pipe(name)
    doc = nlp("Budi makan nasi .")
    assert all(token.pos_ for token in doc) and all(token.dep_ for token in doc)


def test_recipe_names_a_trainable_syntax_component():
    assert ("id", id_syntax_component()) in CORPORA
