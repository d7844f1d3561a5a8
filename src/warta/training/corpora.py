"""Which gold files train, tune and test each warta model, relative to the datasets folder.

The datasets folder defaults to ``<Settings.shared>/datasets``; every path here is relative to it so a user
can point training at their own copy. Licences are listed in :data:`SOURCES` and copied into each shipped
model's ``meta.json``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

from warta.training.convert import (
    Sentence,
    add_entities,
    read_conllu,
    read_iob,
    read_tagged,
    sentences_to_docs,
)
from warta.training.gum import read_gum_entities


@dataclass(frozen=True, slots=True)
class Source:
    """One file and how to read it: ``kind`` is ``conllu``, ``iob`` (token ... tag), ``uner`` or ``gum_entities``.

    ``gum_entities`` is a GUM CoNLL-U file whose named person/organization/place mentions become PER/ORG/LOC
    (:mod:`warta.training.gum`); ``commercial_docs`` filters its documents as for ``conllu``.
    """

    kind: str
    path: str
    token_col: int = 0
    tag_col: int = -1
    entities: str | None = None  # for conllu: a UNER file whose entities are merged in by sent_id
    # for conllu: a licence table (doc, ..., commercial_use_ok) naming the documents that may be used; the
    # others are skipped. GUM mixes commercially usable genres with non-commercial ones (fiction, wikiHow ...).
    commercial_docs: str | None = None
    # keep only every n-th sentence (1: all); ``tagged`` (token<TAB>POS tag, :func:`read_tagged`) uses it to
    # mix a part of a large tagged corpus with a small treebank
    every: int = 1

    def read(self, root: Path) -> Iterator[Sentence]:
        """Yield the file's sentences (entity tags mapped to PER/ORG/LOC)."""
        path = root / self.path
        if self.every > 1:
            yield from (s for i, s in enumerate(self._read(root, path)) if i % self.every == 0)
        else:
            yield from self._read(root, path)

    def _read(self, root: Path, path: Path) -> Iterator[Sentence]:
        if self.kind == "conllu":
            sentences = read_conllu(path)
            if self.commercial_docs is not None:
                allowed = commercial_documents(root / self.commercial_docs)
                sentences = (s for s in sentences if s.sent_id.rsplit("-", 1)[0] in allowed)
            if self.entities is not None:
                entities = list(read_iob(root / self.entities, token_col=1, tag_col=2, comments=True))
                sentences = add_entities(sentences, entities)
            yield from sentences
        elif self.kind == "iob":
            yield from read_iob(path, token_col=self.token_col, tag_col=self.tag_col)
        elif self.kind == "uner":
            yield from read_iob(path, token_col=1, tag_col=2, comments=True)
        elif self.kind == "gum_entities":
            allowed = commercial_documents(root / self.commercial_docs) if self.commercial_docs else None
            yield from read_gum_entities(path, allowed)
        elif self.kind == "tagged":
            yield from read_tagged(path)
        else:
            raise ValueError(f"unknown source kind {self.kind!r}")


def commercial_documents(table: Path) -> frozenset[str]:
    """Document ids whose ``commercial_use_ok`` column says ``yes`` in a licence table (TSV with a header).

    Sentence ids are ``<doc>-<n>`` ("GUM_news_iodine-12"), so a sentence belongs to the part before the last
    dash. "check" and "no" are both left out: only what is known to be usable is trained on.
    """
    with open(table, encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        doc, ok = header.index("doc"), header.index("commercial_use_ok")
        rows = (line.rstrip("\n").split("\t") for line in handle if line.strip())
        return frozenset(row[doc] for row in rows if row[ok].strip().lower() == "yes")


@dataclass(frozen=True, slots=True)
class CorpusSpec:
    """Train and dev sources of one model, test sets by name, and sentences per Doc (>1 teaches sentences)."""

    train: tuple[Source, ...]
    dev: tuple[Source, ...]
    tests: dict[str, tuple[Source, ...]] = field(default_factory=dict)
    n_sents: int = 1

    def docs(self, split: str, root: Path, vocab: Vocab) -> Iterator[Doc]:
        """The Docs of ``split`` (``train``, ``dev`` or a test set name)."""
        sources = self.tests[split] if split in self.tests else getattr(self, split)
        for source in sources:
            yield from sentences_to_docs(source.read(root), vocab, n_sents=self.n_sents)


_IDNER = "ner/id_idner_news_2k"
_NERUI = "ner/id_indolem_nerui"
_NERGRIT = "ner/id_nergrit"
_GSD = "ud/id_gsd/legacy_r2.1"
_IDPOS = "pos/id_nlp_id_postag/dataset_postag.txt"
_EWT = "ud/en_ewt"
_UNER = "ner/en_uner_ewt"
_GUM = "ud/en_gum"

# id_indolem_nerugm is deliberately absent: it shares 1,284 sentences with idner-news-2k (test included).
CORPORA: dict[tuple[str, str], CorpusSpec] = {
    ("id", "ner"): CorpusSpec(
        train=(
            Source("iob", f"{_IDNER}/train.txt"),
            Source("iob", f"{_NERUI}/train.01.tsv"),
            Source("iob", f"{_NERGRIT}/train_preprocess.txt"),
        ),
        dev=(
            Source("iob", f"{_IDNER}/dev.txt"),
            Source("iob", f"{_NERUI}/dev.01.tsv"),
            Source("iob", f"{_NERGRIT}/valid_preprocess.txt"),
        ),
        tests={
            "idner-news-2k-test": (Source("iob", f"{_IDNER}/test.txt"),),
            "nergrit-test": (Source("iob", f"{_NERGRIT}/test_preprocess.txt"),),
            "nerui-fold1-test": (Source("iob", f"{_NERUI}/test.01.tsv"),),
        },
    ),
    ("id", "syntax"): CorpusSpec(
        train=(Source("conllu", f"{_GSD}/id-ud-train.conllu"),),
        dev=(Source("conllu", f"{_GSD}/id-ud-dev.conllu"),),
        tests={"gsd-legacy-test": (Source("conllu", f"{_GSD}/id-ud-test.conllu"),)},
        n_sents=10,
    ),
    # Multi-task: as "syntax", plus a part of the nlp-id POS corpus whose tags (its own tagset) train an
    # auxiliary tagger on the shared tok2vec. Those Docs have no POS, morphology or heads, so the
    # morphologizer and parser treat them as missing; GSD legacy has no XPOS, so the tagger learns only nlp-id
    # tags. The tagger is dropped when id_warta is assembled.
    ("id", "syntax-mt"): CorpusSpec(
        train=(Source("conllu", f"{_GSD}/id-ud-train.conllu"), Source("tagged", _IDPOS, every=4)),
        dev=(Source("conllu", f"{_GSD}/id-ud-dev.conllu"),),
        tests={"gsd-legacy-test": (Source("conllu", f"{_GSD}/id-ud-test.conllu"),)},
        n_sents=10,
    ),
    # English: one pipeline learns tags, parse and entities together from EWT with the UNER layer merged in.
    ("en", "joint"): CorpusSpec(
        train=(
            Source(
                "conllu",
                f"{_EWT}/en_ewt-ud-train.conllu",
                entities=f"{_UNER}/en_ewt-ud-train.PRELIMINARY-0c7ce0d-DO-NOT-USE-AS-FINAL.iob2",
            ),
            # GUM's commercially usable genres add tags and parses (no entity layer: NER treats it as missing)
            Source(
                "conllu",
                f"{_GUM}/ud/en_gum-ud-train.REBUILT.conllu",
                commercial_docs=f"{_GUM}/license_by_doc.tsv",
            ),
        ),
        dev=(Source("conllu", f"{_EWT}/en_ewt-ud-dev.conllu", entities=f"{_UNER}/en_ewt-ud-dev.iob2"),),
        tests={
            "ewt-test": (
                Source("conllu", f"{_EWT}/en_ewt-ud-test.conllu", entities=f"{_UNER}/en_ewt-ud-test.iob2"),
            ),
            "uner-ewt-test": (Source("uner", f"{_UNER}/en_ewt-ud-test.iob2"),),
        },
        n_sents=10,
    ),
    ("en", "ner"): CorpusSpec(
        train=(
            Source("uner", f"{_UNER}/en_ewt-ud-train.PRELIMINARY-0c7ce0d-DO-NOT-USE-AS-FINAL.iob2"),
            # GUM's named person/organization/place mentions, commercially usable documents only
            Source(
                "gum_entities",
                f"{_GUM}/ud/en_gum-ud-train.REBUILT.conllu",
                commercial_docs=f"{_GUM}/license_by_doc.tsv",
            ),
        ),
        dev=(Source("uner", f"{_UNER}/en_ewt-ud-dev.iob2"),),
        tests={"uner-ewt-test": (Source("uner", f"{_UNER}/en_ewt-ud-test.iob2"),)},
    ),
}

# Tests of the assembled Indonesian pipeline: the union of both component specs.
PIPELINE_TESTS: dict[str, dict[str, tuple[Source, ...]]] = {
    "id": {**CORPORA[("id", "syntax")].tests, **CORPORA[("id", "ner")].tests},
    "en": CORPORA[("en", "joint")].tests,
}

_CC_BY_SA = (
    "CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/): attribution required; models trained on "
    "it are shared alike under CC BY-SA 4.0"
)

# Attribution copied into each model's meta.json ("sources").
SOURCES: dict[str, dict[str, str]] = {
    "id_idner_news_2k": {
        "name": "idner-news-2k (Khairunnisa et al. 2020), github.com/khairunnisaor/idner-news-2k",
        "license": "MIT",
    },
    "id_indolem_nerui": {
        "name": "IndoLEM NER-UI, fold 1 train (Koto et al. 2020), github.com/indolem/indolem",
        "license": "CC BY 4.0 (per NusaCrowd/SEACrowd metadata); attribution: IndoLEM, Universitas Indonesia",
    },
    "id_nergrit": {
        "name": "NERGrit via IndoNLU (Wilie et al. 2020), github.com/grit-id/nergrit-corpus, "
        "github.com/IndoNLP/indonlu",
        "license": "NERGrit: usable for learning or commercially with credit to all NERGRIT contributors; "
        "IndoNLU repository Apache-2.0",
    },
    "id_nlp_id_postag": {
        "name": "nlp-id POS-tagged news sentences (kumparan), dataset_postag.txt of the nlp-id 0.1.23.0 wheel, "
        "github.com/kumparan/nlp-id",
        "license": "MIT",
    },
    "ud_id_gsd_r2.1": {
        "name": "UD Indonesian-GSD, release 2.1 (McDonald et al. 2013; UD contributors)",
        "license": _CC_BY_SA,
    },
    "ud_en_ewt": {
        "name": "UD English-EWT v2.16 (Silveira et al. 2014; UD contributors)",
        "license": _CC_BY_SA,
    },
    "ud_en_gum_commercial": {
        "name": "UD English-GUM train, only the documents of commercially usable genres (academic, bio, court, "
        "interview, news, voyage, textbook, vlog, speech, conversation) per license_by_doc.tsv (Zeldes 2017; "
        "GUM contributors)",
        "license": "annotations CC BY 4.0; texts CC BY 4.0 / CC BY-SA 3.0 (Wikipedia, Wikivoyage) / CC BY 2.5 "
        "(Wikinews) / public domain by genre; attribution: Georgetown University Multilayer corpus",
    },
    "uner_en_ewt": {
        "name": "UniversalNER English-EWT (Mayhew et al. 2024); train = preliminary release 0c7ce0d, "
        "OTH and B-O mapped to O",
        "license": _CC_BY_SA,
    },
}

MODEL_SOURCES: dict[tuple[str, str], tuple[str, ...]] = {
    ("id", "ner"): ("id_idner_news_2k", "id_indolem_nerui", "id_nergrit"),
    ("id", "syntax"): ("ud_id_gsd_r2.1",),
    ("id", "syntax-mt"): ("ud_id_gsd_r2.1", "id_nlp_id_postag"),
    ("en", "joint"): ("ud_en_ewt", "ud_en_gum_commercial", "uner_en_ewt"),
    ("en", "ner"): ("uner_en_ewt", "ud_en_gum_commercial"),
}
