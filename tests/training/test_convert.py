"""Converters from the gold formats to spaCy Docs, on small fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from warta.training.convert import (
    add_entities,
    guess_spaces,
    map_tags,
    read_conllu,
    read_iob,
    sentences_to_docs,
    write_docbin,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "training"


def test_read_conllu_expands_multiword_tokens_and_skips_empty_nodes():
    first, second, third = list(read_conllu(FIXTURES / "sample.conllu"))
    assert first.words == ("I", "can", "not", "go", ".")
    # "cannot" is one orthographic token: no space inside it, the space after it goes after "not"
    assert first.spaces == (True, False, True, False, True)
    # the range line's SpaceAfter=No applies to the last syntactic word ("gonna," -> gon na ,)
    assert third.words == ("gon", "na", ",", "ok")
    assert third.spaces == (False, False, True, True)
    assert first.sent_id == "demo-1"
    assert first.heads == (3, 3, 3, 3, 3)
    assert first.deps == ("nsubj", "aux", "advmod", "root", "punct")
    assert first.morphs[0] == "Case=Nom"
    assert first.lemmas is not None and first.tags is not None
    assert "# newdoc id = demo" in first.comments
    assert second.words == ("Jokowi", "pergi", "ke", "Bandung", ".")


def test_read_conllu_builds_multi_sentence_docs_with_parse():
    nlp = spacy.blank("id")
    (doc,) = sentences_to_docs(read_conllu(FIXTURES / "sample.conllu"), nlp.vocab, n_sents=10)
    assert doc.text == "I cannot go. Jokowi pergi ke Bandung. gonna, ok"
    assert [s.text for s in doc.sents] == ["I cannot go.", "Jokowi pergi ke Bandung.", "gonna, ok"]
    assert doc[0].head.text == "go" and doc[0].dep_ == "nsubj"
    assert doc[5].pos_ == "PROPN"
    assert not doc.has_annotation("ENT_IOB")


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["B-PERSON", "I-PERSON", "O"], ("B-PER", "I-PER", "O")),
        (["B-PLACE", "B-LOCATION", "B-GPE"], ("B-LOC", "B-LOC", "B-LOC")),
        (["B-ORGANISATION", "I-ORGANIZATION"], ("B-ORG", "I-ORG")),
        (["B-OTH", "I-OTH", "B-O"], ("O", "O", "O")),
        (["O", "I-PER", "I-PER"], ("O", "B-PER", "I-PER")),  # stray I- starts an entity
        (["B-PER", "I-LOC"], ("B-PER", "B-LOC")),  # I- of another type starts a new one
        (["B-OTH", "I-PER"], ("O", "B-PER")),
        (["B-MISC", "I-MISC", "B-ORG"], ("O", "O", "B-ORG")),
    ],
)
def test_map_tags_maps_labels_and_repairs_iob(tags, expected):
    assert map_tags(tags) == expected


def test_read_iob_space_separated_with_crlf_and_hash_token():
    first, second = list(read_iob(FIXTURES / "idner.txt"))
    assert first.words == ("Presiden", "Joko", "Widodo", "ke", "Bandung", ".")
    assert first.ents == ("O", "B-PER", "I-PER", "O", "B-LOC", "O")
    assert first.spaces[-2] is False  # no space before the full stop
    assert second.words == ("#", "KPK")  # "#" is a token here, not a comment
    assert second.ents == ("O", "B-ORG")


def test_read_iob_tab_separated_maps_indonesian_label_sets():
    first, second = list(read_iob(FIXTURES / "tab.tsv"))
    assert first.ents == ("B-PER", "O", "O", "B-ORG", "I-ORG", "O", "B-LOC")
    assert second.ents == ("B-ORG", "I-ORG", "O", "B-LOC")


def test_read_uner_drops_oth_and_bogus_b_o():
    first, second = list(read_iob(FIXTURES / "uner.iob2", token_col=1, tag_col=2, comments=True))
    assert first.sent_id == "demo-2"
    assert first.ents == ("B-PER", "O", "O", "B-LOC", "O")
    assert second.ents == ("O", "O", "O")


def test_add_entities_joins_on_sent_id_and_leaves_others_missing():
    sentences = list(read_conllu(FIXTURES / "sample.conllu"))
    entities = list(read_iob(FIXTURES / "uner.iob2", token_col=1, tag_col=2, comments=True))
    merged = list(add_entities(sentences, entities))
    assert merged[0].ents is None
    assert merged[1].ents == ("B-PER", "O", "O", "B-LOC", "O")
    nlp = spacy.blank("en")
    doc = next(sentences_to_docs(merged, nlp.vocab, n_sents=2))
    assert [(e.text, e.label_) for e in doc.ents] == [("Jokowi", "PER"), ("Bandung", "LOC")]
    assert doc[0].ent_iob_ == ""  # the sentence without UNER annotation is missing, not "O"
    assert doc[5].ent_iob_ == "B"


def test_write_docbin_round_trips(tmp_path):
    nlp = spacy.blank("id")
    docs = sentences_to_docs(read_iob(FIXTURES / "tab.tsv"), nlp.vocab)
    path = tmp_path / "sub" / "train.spacy"
    assert write_docbin(docs, path) == 2
    loaded = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    assert [e.label_ for e in loaded[1].ents] == ["ORG", "LOC"]


def test_guess_spaces_around_punctuation():
    spaces = guess_spaces(["Kata", "(", "Antara", ")", ",", "ya", "."])
    assert spaces == (True, False, False, False, True, False, False)


def test_commercial_filter_keeps_only_documents_marked_yes(tmp_path):
    from warta.training.corpora import Source, commercial_documents

    table = tmp_path / "licences.tsv"
    table.write_text(
        "doc\tgenre\tcommercial_use_ok\nGUM_news_a\tnews\tyes\nGUM_fiction_b\tfiction\tno\nX_c\tlegal\tcheck\n",
        encoding="utf-8",
    )
    assert commercial_documents(table) == {"GUM_news_a"}
    rows = "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"
    conllu = "".join(f"# sent_id = {doc}-1\n{rows}\n" for doc in ("GUM_news_a", "GUM_fiction_b", "X_c"))
    (tmp_path / "gum.conllu").write_text(conllu, encoding="utf-8")
    source = Source("conllu", "gum.conllu", commercial_docs="licences.tsv")
    assert [s.sent_id for s in source.read(tmp_path)] == ["GUM_news_a-1"]
