"""Tests for warta.nlp.segment: the rule-based sentence and token segmenter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.nlp.segment import make_segment_stage, segment_text, tokenize
from warta.pipeline import start_annotation
from warta.records import AnnotatedArticle, Article


def sentences_of(text: str, language: str) -> list[str]:
    return [text[s.start : s.end] for s in segment_text(text, language)]


def tokens_of(text: str, language: str) -> list[str]:
    return [tok for tok, _, _ in tokenize(text, language)]


SENTENCE_CASES = [
    # paragraphs and lines
    (
        "id",
        "Judul Berita\n\nPresiden tiba di Bali. Ia disambut gubernur.",
        ["Judul Berita", "Presiden tiba di Bali.", "Ia disambut gubernur."],
    ),
    ("id", "Logo Kompas\nPresiden tiba di Bali pada Senin.", ["Logo Kompas", "Presiden tiba di Bali pada Senin."]),
    (
        "id",
        "Presiden tiba di Bali\n\nkemudian bertemu gubernur.",
        ["Presiden tiba di Bali", "kemudian bertemu gubernur."],
    ),
    (
        "en",
        "Talks resume in Doha\nNegotiators met on Tuesday.",
        ["Talks resume in Doha", "Negotiators met on Tuesday."],
    ),
    ("en", "The minister said the\ntalks would continue.", ["The minister said the\ntalks would continue."]),
    ("en", "A deal is close.\r\n\r\nHamas agreed.", ["A deal is close.", "Hamas agreed."]),
    ("id", "1. Pendahuluan\n2. Isi", ["1. Pendahuluan", "2. Isi"]),
    # abbreviations, titles and initials
    (
        "id",
        "Dr. Sutrisno bertemu Prof. Budi di Jl. Sudirman No. 5 kemarin. Mereka membahas anggaran.",
        ["Dr. Sutrisno bertemu Prof. Budi di Jl. Sudirman No. 5 kemarin.", "Mereka membahas anggaran."],
    ),
    (
        "id",
        "Acara itu dihadiri menteri, gubernur, bupati, dll. Presiden tidak hadir.",
        ["Acara itu dihadiri menteri, gubernur, bupati, dll.", "Presiden tidak hadir."],
    ),
    ("id", "Harga beras, gula, minyak, dsb. naik tajam.", ["Harga beras, gula, minyak, dsb. naik tajam."]),
    (
        "id",
        "Menlu Maroko Y.M. Nasser Bourita tiba di Jakarta.",
        ["Menlu Maroko Y.M. Nasser Bourita tiba di Jakarta."],
    ),
    ("id", "Rombongan dipimpin H. Ahmad Yani dari Surabaya.", ["Rombongan dipimpin H. Ahmad Yani dari Surabaya."]),
    (
        "id",
        "Surat itu diteken M. Irfan dan J. Siregar pada Senin.",
        ["Surat itu diteken M. Irfan dan J. Siregar pada Senin."],
    ),
    (
        "id",
        "Delegasi itu tiba dari AS. Presiden menyambut mereka.",
        ["Delegasi itu tiba dari AS.", "Presiden menyambut mereka."],
    ),
    (
        "en",
        "Mr. Smith met Dr. Jones in St. Louis on Jan. 5. They discussed trade.",
        ["Mr. Smith met Dr. Jones in St. Louis on Jan. 5.", "They discussed trade."],
    ),
    (
        "en",
        "The U.S. Navy said the ship left at 9 a.m. on Monday.",
        ["The U.S. Navy said the ship left at 9 a.m. on Monday."],
    ),
    (
        "en",
        "China imposed sanctions on the U.S. The move angered Washington.",
        ["China imposed sanctions on the U.S.", "The move angered Washington."],
    ),
    ("en", "Apple Inc. CEO Tim Cook visited Jakarta.", ["Apple Inc. CEO Tim Cook visited Jakarta."]),
    ("en", "President J. Biden said the talks were useful.", ["President J. Biden said the talks were useful."]),
    (
        "en",
        "The meeting ended at 5 p.m. He left soon after.",
        ["The meeting ended at 5 p.m.", "He left soon after."],
    ),
    (
        "en",
        "Boeing Co., Lockheed Martin Corp. and Raytheon were named.",
        ["Boeing Co., Lockheed Martin Corp. and Raytheon were named."],
    ),
    # numbers, dates and times
    (
        "id",
        "Jumlahnya mencapai 5,2 juta orang. Angka itu naik.",
        ["Jumlahnya mencapai 5,2 juta orang.", "Angka itu naik."],
    ),
    ("id", "Harganya Rp 1.000.000 per unit. Itu mahal.", ["Harganya Rp 1.000.000 per unit.", "Itu mahal."]),
    (
        "id",
        "Presiden tiba pada Rabu (19/6) pukul 19.30 WIB. Ia disambut menteri.",
        ["Presiden tiba pada Rabu (19/6) pukul 19.30 WIB.", "Ia disambut menteri."],
    ),
    (
        "id",
        "Ia dilantik pada Senin, (28/10/2019). Upacara berlangsung singkat.",
        ["Ia dilantik pada Senin, (28/10/2019).", "Upacara berlangsung singkat."],
    ),
    (
        "en",
        "Growth slowed to 3.5 percent in 2019. Exports fell by 1,000 tonnes.",
        ["Growth slowed to 3.5 percent in 2019.", "Exports fell by 1,000 tonnes."],
    ),
    # quotations
    (
        "id",
        'Kim mengatakan negaranya akan "memperkuat kerja sama ke depan." Putin setuju.',
        ['Kim mengatakan negaranya akan "memperkuat kerja sama ke depan."', "Putin setuju."],
    ),
    (
        "id",
        '"Kami siap berunding. Kami menunggu jawaban," kata dia.',
        ['"Kami siap berunding.', 'Kami menunggu jawaban," kata dia.'],
    ),
    (
        "id",
        "“Kami siap berunding. Kami menunggu jawaban,” kata dia.",
        ["“Kami siap berunding.", "Kami menunggu jawaban,” kata dia."],
    ),
    ("id", '"Apakah mereka datang?" tanya wartawan itu.', ['"Apakah mereka datang?" tanya wartawan itu.']),
    (
        "id",
        'Ia berbicara kepada wartawan. "Kami menolak usulan itu," katanya.',
        ["Ia berbicara kepada wartawan.", '"Kami menolak usulan itu," katanya.'],
    ),
    (
        "id",
        "Ia menyebut sikap itu “wajar”. Namun ia menolak.",
        ["Ia menyebut sikap itu “wajar”.", "Namun ia menolak."],
    ),
    (
        "en",
        '"We are close. We are not there yet," the official said.',
        ['"We are close.', 'We are not there yet," the official said.'],
    ),
    (
        "en",
        'He said the deal was "done." Officials denied it.',
        ['He said the deal was "done."', "Officials denied it."],
    ),
    (
        "en",
        "‘We will respond.’ The ministry did not say how.",
        ["‘We will respond.’", "The ministry did not say how."],
    ),
    (
        "en",
        "The sign read «Stop the war.» Police removed it.",
        ["The sign read «Stop the war.»", "Police removed it."],
    ),
    ("en", "Merz said „We will help.“ Then he left.", ["Merz said „We will help.“", "Then he left."]),
    ("en", '"Why?" he asked.', ['"Why?" he asked.']),
    # ellipses, ?! and lowercase after a stop
    ("id", "Benarkah itu?! Tidak ada yang tahu.", ["Benarkah itu?!", "Tidak ada yang tahu."]),
    ("id", "Ia terdiam... lalu pergi.", ["Ia terdiam... lalu pergi."]),
    ("id", '"... Kami menolak," kata dia.', ['"... Kami menolak," kata dia.']),
    ("id", "Ia menunggu… Kemudian ia pergi.", ["Ia menunggu…", "Kemudian ia pergi."]),
    ("en", "Is it over? Nobody knows!", ["Is it over?", "Nobody knows!"]),
    ("en", "What?! He left.", ["What?!", "He left."]),
    (
        "id",
        "Apple merilis produk baru. iPhone 16 dijual mulai Jumat.",
        ["Apple merilis produk baru.", "iPhone 16 dijual mulai Jumat."],
    ),
    ("en", "He met the team at 10 a.m. and left.", ["He met the team at 10 a.m. and left."]),
    # a space lost in extraction
    (
        "id",
        "Sanksi dijatuhkan pada Jumat.Amerika Serikat membantah.",
        ["Sanksi dijatuhkan pada Jumat.", "Amerika Serikat membantah."],
    ),
    (
        "id",
        'Sanksi dijatuhkan kepada Gregory J Hayes."Kami menolak," kata Mao.',
        ["Sanksi dijatuhkan kepada Gregory J Hayes.", '"Kami menolak," kata Mao.'],
    ),
    ("id", "ERA.id - Badan itu mengumumkan hasilnya.", ["ERA.id - Badan itu mengumumkan hasilnya."]),
]


@pytest.mark.parametrize(("language", "text", "expected"), SENTENCE_CASES)
def test_segment_text_sentences(language: str, text: str, expected: list[str]) -> None:
    assert sentences_of(text, language) == expected


TOKEN_CASES = [
    ("id", "isu-isu negara-negara bersorak-sorai", ["isu-isu", "negara-negara", "bersorak-sorai"]),
    ("id", "negaranya Covid-19-nya", ["negaranya", "Covid-19-nya"]),
    (
        "id",
        "5,2 juta, Rp 1.000.000 dan Rp16,4 triliun",
        ["5,2", "juta", ",", "Rp", "1.000.000", "dan", "Rp", "16,4", "triliun"],
    ),
    ("id", "Rabu (19/6) pukul 19.30 WIB", ["Rabu", "(", "19/6", ")", "pukul", "19.30", "WIB"]),
    ("id", "tahun 2000-an naik 3.5%", ["tahun", "2000-an", "naik", "3.5", "%"]),
    ("id", '"Kami," kata dia.', ['"', "Kami", ",", '"', "kata", "dia", "."]),
    ("id", "“wajar”.", ["“", "wajar", "”", "."]),
    ("id", "Dr. Budi dll. dan J. Siregar", ["Dr.", "Budi", "dll.", "dan", "J.", "Siregar"]),
    ("id", "Ma'ruf Amin", ["Ma'ruf", "Amin"]),
    ("id", "Capture Instagram/@kemlu_ri #Pemilu2024", ["Capture", "Instagram", "/", "@kemlu_ri", "#Pemilu2024"]),
    ("id", "lihat https://www.kemlu.go.id/portal/id.", ["lihat", "https://www.kemlu.go.id/portal/id", "."]),
    (
        "id",
        "kirim ke humas@kemlu.go.id atau kemlu.go.id",
        ["kirim", "ke", "humas@kemlu.go.id", "atau", "kemlu.go.id"],
    ),
    ("id", "TRIBUNNEWS.COM, JAKARTA", ["TRIBUNNEWS.COM", ",", "JAKARTA"]),
    ("id", "tawanan—yang", ["tawanan", "—", "yang"]),
    ("en", "Trump's aides don't agree", ["Trump", "'s", "aides", "do", "n't", "agree"]),
    ("en", "the leaders’ call, O'Brien said", ["the", "leaders", "’", "call", ",", "O'Brien", "said"]),
    ("en", "the U.S. and a.m. news", ["the", "U.S.", "and", "a.m.", "news"]),
    ("en", "What?! Wait...", ["What", "?", "!", "Wait", "..."]),
]


@pytest.mark.parametrize(("language", "text", "expected"), TOKEN_CASES)
def test_tokenize_tokens(language: str, text: str, expected: list[str]) -> None:
    assert tokens_of(text, language) == expected


def test_segment_text_tokens_belong_to_their_sentence() -> None:
    text = "Presiden tiba di Bali. Ia disambut gubernur."
    first, second = segment_text(text, "id")
    assert [t.text for t in first.tokens] == ["Presiden", "tiba", "di", "Bali", "."]
    assert [t.text for t in second.tokens] == ["Ia", "disambut", "gubernur", "."]
    assert (second.start, second.end) == (23, len(text))


def test_segment_text_unknown_language_uses_generic_rules() -> None:
    assert sentences_of("Er kam. Sie ging.", "de") == ["Er kam.", "Sie ging."]


def test_segment_text_empty() -> None:
    assert segment_text("", "id") == ()
    assert segment_text(" \n\n\t ", "en") == ()


def test_segment_stage_fills_sentences() -> None:
    seg = make_segment_stage()
    assert (seg.name, seg.requires, seg.assigns) == ("segment", ("document", "article.language"), ("sentences",))
    doc = start_annotation(Article(id="a", source="t", text="Kim tiba. Putin menyambut.", language="id"))
    out = seg(doc)
    assert isinstance(out, AnnotatedArticle)
    assert out.article == doc.article
    assert [out.article.text[s.start : s.end] for s in out.sentences] == ["Kim tiba.", "Putin menyambut."]


# --- properties -----------------------------------------------------------------------------------------

_PIECES = [
    "Dr.",
    "Jl.",
    "dll.",
    "U.S.",
    "a.m.",
    "J.",
    "AS",
    "Rp",
    "5,2",
    "1.000",
    "19.30",
    "(19/6)",
    "isu-isu",
    "Ma'ruf",
    "Trump's",
    "don't",
    "@kemlu_ri",
    "https://x.id/a.",
    "a@b.co",
    "ERA.id",
    "...",
    "…",
    "?!",
    ".",
    ",",
    ":",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "(",
    ")",
    "—",
    "-",
    "kata",
    "Ia",
    "The",
    "iPhone",
    "e\u0301",
    "\u200b",
    "中文",
    "1.",
    "III.Sanksi",
]
_SPACES = [" ", " ", " ", "", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u2029", "\x1c"]
_texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SPACES)), max_size=60).map(
        lambda parts: "".join(piece + space for piece, space in parts)
    ),
)


@settings(max_examples=300, deadline=None)
@given(text=_texts, language=st.sampled_from(["id", "en", "xx"]))
def test_segment_text_offsets_round_trip(text: str, language: str) -> None:
    sentences = segment_text(text, language)
    covered = [False] * len(text)
    previous_end = 0
    for sentence in sentences:
        assert sentence.tokens, "no empty sentences"
        assert previous_end <= sentence.start < sentence.end <= len(text)
        previous_end = sentence.end
        assert sentence.tokens[0].start == sentence.start and sentence.tokens[-1].end == sentence.end
        token_end = sentence.start
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.text
            assert token_end <= token.start < token.end
            token_end = token.end
            for k in range(token.start, token.end):
                covered[k] = True
    for k, ch in enumerate(text):
        assert covered[k] or ch.isspace(), f"non-space character {ch!r} at {k} is in no token"


# --- the gold corpus ------------------------------------------------------------------------------------


def _gold_records(shared: Path) -> list[dict]:
    records = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((shared / "corpus" / "seed").glob("*.gold.json"))
    ]
    dev = shared / "corpus" / "dev.jsonl"
    if dev.exists():
        records += [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    return records


@pytest.mark.shared
def test_segment_text_seed_gold_sentences_are_sentences(shared: Path) -> None:
    golds = sorted((shared / "corpus" / "seed").glob("*.gold.json"))
    assert golds, "no seed gold file"
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        sentences = sentences_of(text, gold["lang"])
        for event in gold["events"]:
            wanted = event["sentence"]
            assert wanted in sentences or any(wanted in s for s in sentences), wanted


@pytest.mark.shared
def test_segment_text_dev_gold_sentences_within_one_sentence(shared: Path) -> None:
    # The dev texts keep some extraction debris ("date 2017-09 NEW YORK - ..."), so a gold sentence may be a
    # part of one produced sentence, but must never straddle two.
    for record in _gold_records(shared):
        sentences = sentences_of(record["text"], record["lang"])
        for event in record["events"]:
            assert any(event["sentence"] in s for s in sentences), (record["id"], event["sentence"])
