"""GUM's entity layer read as UniversalNER-style PER/ORG/LOC names (warta.training.gum), on inline CoNLL-U."""

from __future__ import annotations

from pathlib import Path

from warta.training.corpora import Source
from warta.training.gum import parse_entity_field, read_gum_entities, sentence_mentions

HEADER = "# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity\n"

# an organization around a place ("[University of [Portsmouth, [United Kingdom]]]"), a person with a title,
# a nominal place ("the city") and a pronoun
DOC_A = """# newdoc id = GUM_news_a
# sent_id = GUM_news_a-1
# text = President Claire Ross of University of Portsmouth, United Kingdom left the city.
1	President	President	PROPN	NNP	_	3	compound	_	Entity=(1-person-new-nnnnn-cf1-1,2,3-coref
2	Claire	Claire	PROPN	NNP	_	3	compound	_	_
3	Ross	Ross	PROPN	NNP	_	11	nsubj	_	_
4	of	of	ADP	IN	_	5	case	_	_
5	University	University	PROPN	NNP	_	3	nmod	_	Entity=(2-organization-new-n-c-1-sgl-UoP
6	of	of	ADP	IN	_	7	case	_	_
7	Portsmouth	Portsmouth	PROPN	NNP	_	5	nmod	_	Entity=(3-place-new-n-c-1-sgl-Portsmouth|SpaceAfter=No
8	,	,	PUNCT	,	_	10	punct	_	_
9	United	Unite	VERB	NNP	_	10	amod	_	Entity=(4-place-new-nnnnn-cf5-1,2-coref-United_Kingdom
10	Kingdom	Kingdom	PROPN	NNP	_	7	appos	_	Entity=4)3)2)1)
11	left	leave	VERB	VBD	_	0	root	_	_
12	the	the	DET	DT	_	13	det	_	Entity=(5-place-new-nnnnn-cf6-2-coref
13	city	city	NOUN	NN	_	11	obj	_	Entity=5)|SpaceAfter=No
14	.	.	PUNCT	.	_	11	punct	_	_

# sent_id = GUM_news_a-2
# text = She met Americans.
1	She	she	PRON	PRP	_	2	nsubj	_	Entity=(1-person-giv-nnnnn-cf1-1-coref)
2	met	meet	VERB	VBD	_	0	root	_	_
3	Americans	American	PROPN	NNPS	_	2	obj	_	Entity=(6-person-new-nnnnn-cf2-1-sgl)|SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_

"""

# a document that may not be used commercially, and an event name (UNER's OTH, not tagged by warta)
DOC_B = """# newdoc id = GUM_fiction_b
# sent_id = GUM_fiction_b-1
# text = World War II ended.
1	World	World	PROPN	NNP	_	3	compound	_	Entity=(7-event-new-nnnnn-cf1-1,2,3-sgl-World_War_II
2	War	War	PROPN	NNP	_	3	compound	_	_
3	II	II	PROPN	NNP	_	4	nsubj	_	Entity=7)
4	ended	end	VERB	VBD	_	0	root	_	_

"""


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "gum.conllu"
    path.write_text(HEADER + DOC_A + DOC_B, encoding="utf-8")
    return path


def test_parse_entity_field_nested_and_single_word_mentions():
    events = parse_entity_field("(4-abstract-new-sssss-cf2-3-coref(5-object-new-sssss-cf3-1-coref)3)")
    assert events == [
        ("open", 4, "abstract", ""),
        ("open", 5, "object", ""),
        ("close", 5, "", ""),
        ("close", 3, "", ""),
    ]
    # the identity is the eighth field, and may itself hold dashes
    assert parse_entity_field("(8-person-new-nnnnn-cf3-1-sgl-Claire_Bailey-Ross)")[0] == (
        "open",
        8,
        "person",
        "Claire_Bailey-Ross",
    )


def test_sentence_mentions_pairs_brackets():
    miscs = ["Entity=(1-person-new-n-cf1-1-sgl", "_", "Entity=(2-place-new-n-cf1-1-sgl)1)", "Entity=(3-time-new"]
    mentions = sentence_mentions(miscs)
    assert [(m.start, m.end, m.etype) for m in mentions] == [(2, 2, "place"), (0, 2, "person")]


def test_named_mentions_become_flat_uner_spans(tmp_path):
    first, second, third = list(read_gum_entities(_write(tmp_path)))
    assert first.words[:3] == ("President", "Claire", "Ross")
    # title dropped, nested place inside the organization's name merged into it, appositive place kept apart,
    # the nominal "the city" left O
    assert first.ents == (
        "O",
        "B-PER",
        "I-PER",
        "O",
        "B-ORG",
        "I-ORG",
        "I-ORG",
        "O",
        "B-LOC",
        "I-LOC",
        "O",
        "O",
        "O",
        "O",
    )
    # pronouns and plural demonyms are not names
    assert second.ents == ("O", "O", "O", "O")
    # events are not PER/ORG/LOC; the sentence is still fully annotated (all O, not missing)
    assert third.ents == ("O", "O", "O", "O")


def test_gum_entities_source_keeps_commercial_documents_only(tmp_path):
    _write(tmp_path)
    (tmp_path / "licences.tsv").write_text(
        "doc\tgenre\tcommercial_use_ok\nGUM_news_a\tnews\tyes\nGUM_fiction_b\tfiction\tno\n", encoding="utf-8"
    )
    source = Source("gum_entities", "gum.conllu", commercial_docs="licences.tsv")
    sentences = list(source.read(tmp_path))
    assert [s.sent_id for s in sentences] == ["GUM_news_a-1", "GUM_news_a-2"]
    assert all(s.ents is not None for s in sentences)
