"""Tests for warta.nlp.special_cases: a pipeline loaded with its special cases on demand tokenizes exactly like
the fully loaded one."""

from __future__ import annotations

import json

import pytest

from warta.nlp.models import pipeline_path
from warta.nlp.special_cases import OnDemandSpecialCases, load_ner_pipeline
from warta.settings import Settings

spacy = pytest.importorskip("spacy")

# Reduplications and abbreviations that are special cases, inside brackets and quotes (the phrase matcher's
# path), alone (the whole-chunk path), and next to words that are not.
TRICKY = [
    "Anak-anak (anak-anak) bermain di Jl. Sudirman, kata Kapolres AKBP Budi :-) pada 14.30 WIB.",
    '"Kura-kura" dan ANAK-ANAK; lihat hlm. 5 dst. di tepi kali-kali... (Dr. Siti)',
    "Pukul  10.00  (dua spasi), lalu tab\tdan baris\nbaru: Mr. Smith didn't go.",
]


def _tokens(doc) -> list[tuple[str, bool, str]]:
    return [(t.text, t.whitespace_ == " ", t.norm_) for t in doc]


@pytest.fixture(scope="module")
def blank_folder(tmp_path_factory):
    """A blank Indonesian pipeline with a NER, saved with spaCy's Indonesian special cases (about 16,000)."""
    nlp = spacy.blank("id")
    nlp.add_pipe("ner").add_label("PER")
    nlp.initialize()
    path = tmp_path_factory.mktemp("models") / "id_warta"
    nlp.to_disk(path)
    return path


def test_special_cases_are_added_only_when_a_text_contains_them(blank_folder):
    full = spacy.load(blank_folder)
    lazy = load_ner_pipeline(blank_folder, exclude=[])
    tokenizer = lazy.tokenizer
    assert isinstance(tokenizer, OnDemandSpecialCases)
    # only the short cases (under 4 characters without spaces, such as ":)" and " ") are added up front
    up_front = {key for key in full.tokenizer.rules if len(key.replace(" ", "")) < 4}
    assert set(tokenizer.tokenizer.rules) == up_front and " " in up_front
    assert tokenizer.pending == len(full.tokenizer.rules) - len(up_front) > 10_000
    for text in TRICKY:
        assert _tokens(lazy(text)) == _tokens(full(text)), text
    added = set(tokenizer.tokenizer.rules) - up_front
    assert {"anak-anak", "Anak-anak", "ANAK-ANAK", "Kura-kura"} <= added
    assert all(key.replace(" ", "") in "".join(TRICKY).replace(" ", "") for key in added)
    assert tokenizer.pending == len(full.tokenizer.rules) - len(up_front) - len(added)


def test_special_cases_pipe_matches_the_full_pipeline(blank_folder):
    full = spacy.load(blank_folder)
    lazy = load_ner_pipeline(blank_folder, exclude=[])
    lazy_docs = list(lazy.pipe(reversed(TRICKY)))
    assert [_tokens(d) for d in lazy_docs] == [_tokens(full(t)) for t in reversed(TRICKY)]


def test_special_cases_shipped_id_pipeline_tokenizes_the_dev_corpus_like_spacy_load(require, shared):
    path = require(pipeline_path("id", Settings()) / "meta.json", "the shipped id pipeline").parent
    corpus = require(shared / "corpus" / "dev.jsonl", "the dev corpus")
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    full = spacy.load(path, exclude=["parser", "morphologizer", "ner", "tok2vec"])
    lazy = load_ner_pipeline(path, exclude=["parser", "morphologizer", "ner", "tok2vec"])
    for text in texts + TRICKY:
        assert _tokens(lazy.tokenizer(text)) == _tokens(full.tokenizer(text))


def test_special_cases_pending_are_all_added_once_the_budget_is_spent(blank_folder):
    full = spacy.load(blank_folder)
    lazy = load_ner_pipeline(blank_folder, exclude=[])
    tokenizer = OnDemandSpecialCases(lazy.tokenizer.tokenizer, full.tokenizer.rules, budget=len(TRICKY[0]) + 1)
    assert _tokens(tokenizer(TRICKY[0])) == _tokens(full(TRICKY[0]))
    assert 0 < tokenizer.pending < len(full.tokenizer.rules)
    assert _tokens(tokenizer(TRICKY[1])) == _tokens(full(TRICKY[1]))
    assert tokenizer.pending == 0 and tokenizer.tokenizer.rules == full.tokenizer.rules
