"""The quote finder on sentences of our own, in Indonesian and English: quotation styles, attribution before and
after the quote, split and multi-paragraph quotes, pronoun and role speakers, intermediaries, reported speech,
and quotation marks that attribute nothing (each case names the rule it exercises)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from warta.build import build_pipeline
from warta.quotes.quote_marks import find_direct_spans
from warta.records import AnnotatedArticle, Page, Quote


@pytest.fixture(scope="module")
def quotes():
    from warta.settings import load_settings

    # Single sentences are far shorter than the shortest article the extractor accepts.
    pipeline = build_pipeline(replace(load_settings(env={}), min_article_chars=1))

    def run(text: str, language: str) -> tuple[Quote, ...]:
        doc = pipeline.process(Page(source="test", text=text, language=language, published="2024-06-19"))
        assert isinstance(doc, AnnotatedArticle)
        for q in doc.quotes:  # offsets index the article text
            assert doc.article.text[q.start : q.end].startswith(q.text[:10])
        return doc.quotes

    return run


def _summary(found: tuple[Quote, ...]) -> list[tuple[str | None, bool, str]]:
    return [(q.speaker, q.direct, q.text) for q in found]


# -- quotation marks ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # straight and curly double quotes
        ('"Kami siap," kata dia.', ["Kami siap,"]),
        ("“We are ready,” she said.", ["We are ready,"]),
        # Kompas style: the same closing mark at both ends
        ("Ia berkata. ”Saya minta semua bergerak,” kata Presiden.", ["Saya minta semua bergerak,"]),
        # single quotes, with apostrophes inside words and after a plural left alone
        ("The countries’ envoys said ‘we’re not there yet’ today.", ["we’re not there yet"]),
        # guillemets and German low-high quotes
        ("Lavrov said: «We are ready.»", ["We are ready."]),
        ("Scholz sagte: „Wir schaffen das“.", ["Wir schaffen das"]),
        # a quote continued in the next paragraph opens it again and closes only at the end
        ("“First part.\n\n“Second part,” he said.", ["First part.\n\n“Second part,"]),
        # a paragraph opening with a mark that is never closed (text cut off) runs to the paragraph end
        ('Retno menambahkan.\n\n"Dua di antara empat MoU', ["Dua di antara empat MoU"]),
        # a quote glued to the previous sentence
        ('dijatuhkan kepada Hayes."Kami tegas," kata Mao.', ["Kami tegas,"]),
    ],
)
def test_quote_marks_pair_every_common_style(text, expected):
    assert [text[s.start : s.end] for s in find_direct_spans(text)] == expected


# -- direct quotes -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "text", "speaker", "words"),
    [
        # cue after the quote, name after the cue
        ("id", '"Kami akan membantu para petani di desa," kata Budi Santoso.', "Budi Santoso", "Kami akan"),
        # Kompas quotes; office before the name is not part of the speaker
        (
            "id",
            "Harga pupuk naik. ”Harga beras akan turun bulan depan,” ujar Menteri Perdagangan Arif Wicaksono.",
            "Arif Wicaksono",
            "Harga beras",
        ),
        # English inverted cue with a title
        ("en", "“We will not accept this decision,” said Foreign Minister Maria Lopez.", "Maria Lopez", "We will"),
        # cue before the quote, after a colon
        ("en", "Maria Lopez said: «We are ready to talk to anyone who wants peace.»", "Maria Lopez", "We are"),
        ("id", "Olaf Scholz mengatakan: „Kami akan tetap mendukung Ukraina sampai akhir.“", "Olaf Scholz", "Kami"),
        # an office with an apposition: the person, not the ministry
        (
            "id",
            '"Kami menolak campur tangan asing," kata juru bicara Kementerian Luar Negeri China, Lin Jian, '
            "di Beijing.",
            "Lin Jian",
            "Kami menolak",
        ),
        # "was quoted ... as saying"
        (
            "en",
            '"The situation remains very tense in the north," Colonel Ahmed Farouk was quoted as saying.',
            "Ahmed Farouk",
            "The situation",
        ),
    ],
)
def test_quotes_direct_speaker_next_to_cue(quotes, language, text, speaker, words):
    found = [q for q in quotes(text, language) if q.direct]
    assert len(found) == 1
    assert found[0].speaker == speaker
    assert found[0].text.startswith(words)


def test_quotes_split_quote_both_halves_one_speaker(quotes):
    text = (
        '"Kami siap berunding dengan siapa pun," kata Budi Santoso. "Tetapi kami tidak akan mundur sedikit pun."'
    )
    assert [(q.speaker, q.direct) for q in quotes(text, "id")] == [("Budi Santoso", True), ("Budi Santoso", True)]


def test_quotes_multi_paragraph_quote_is_one_quote(quotes):
    text = "“The first paragraph of the statement.\n\n“The second paragraph goes on,” said John Carter."
    (quote,) = quotes(text, "en")
    assert quote.speaker == "John Carter"
    assert "first paragraph" in quote.text and "second paragraph" in quote.text


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        # "-nya" on the cue: the person who was just speaking
        (
            "id",
            'Menteri Keuangan Sri Wahyuni mengatakan, anggaran masih cukup. "Kami tidak menambah utang," ujarnya.',
            "Sri Wahyuni",
        ),
        (
            "id",
            'Gubernur Dedi Kurnia meninjau lokasi banjir. "Semua warga sudah dievakuasi," kata dia.',
            "Dedi Kurnia",
        ),
        (
            "en",
            'Senator James Porter criticised the bill. "It is a disaster for our farmers," he said.',
            "James Porter",
        ),
        # a definite description: the person introduced with that office
        (
            "en",
            "Foreign Minister Maria Lopez met her counterpart. ‘The talks were useful,’ the minister said.",
            "Maria Lopez",
        ),
        (
            "id",
            'Presiden Joko Widodo meresmikan bandara. "Ini bukan tugas yang ringan," kata Presiden.',
            "Joko Widodo",
        ),
        # ... but not a different office: the vice-president is not "Presiden"
        ("id", 'Wakil Presiden Ma’ruf Amin ikut hadir. "Ini bukan tugas yang ringan," kata Presiden.', "Presiden"),
        # a short name is reported under the fullest one in the article
        (
            "id",
            'Ketua KPU Hasyim Asyari meninjau gudang logistik. "Semua berjalan sesuai jadwal," kata Hasyim.',
            "Hasyim Asyari",
        ),
    ],
)
def test_quotes_pronoun_and_description_speakers_resolved(quotes, language, text, speaker):
    direct = [q for q in quotes(text, language) if q.direct]
    assert [q.speaker for q in direct] == [speaker]


@pytest.mark.parametrize(
    ("language", "text", "speaker", "via"),
    [
        ("id", '"Korea Utara mengirim senjata tambahan," kata anggota parlemen Park Sun-won, dikutip Reuters.',
         "Park Sun-won", "Reuters"),
        ("en", '"We will retaliate against any attack," said General Omar Haddad, according to AP.', "Omar Haddad",
         "AP"),
        ("en", '"The front is quiet tonight," Colonel Ahmed Farouk was quoted by Reuters as saying.',
         "Ahmed Farouk", "Reuters"),
    ],
)  # fmt: skip
def test_quotes_intermediary_is_via_not_speaker(quotes, language, text, speaker, via):
    (quote,) = quotes(text, language)
    assert (quote.speaker, quote.via) == (speaker, via)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # a slogan on a banner and a scare-quoted phrase: quotation marks, nobody speaking
        ("id", 'Para pengunjuk rasa membawa spanduk bertuliskan "Tolak Tambang Emas" di depan gedung DPRD.'),
        ("en", 'The so-called "peace plan for the region" was rejected by both sides.'),
        # a short phrase in quotation marks is not a quote even next to a cue
        ("id", 'Kellogg menyebut kekhawatiran itu "wajar".'),
    ],
)
def test_quotes_scare_quotes_without_speaker_are_dropped(quotes, language, text):
    assert quotes(text, language) == ()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # a title after "bertema" (themed) or "titled" in a sentence whose speaker is named: no quotation
        (
            "id",
            'Dalam khotbahnya yang bertema "Idul Fitri Momentum Hijrah Kita", Ahmad Fauzi menyampaikan, Idul '
            "Fitri adalah momentum untuk berbenah.",
        ),
        ("en", 'Ann Cole told a forum titled "Farming After the Drought: What Now?" that prices fell sharply.'),
        ("en", 'The minister spoke at a conference dubbed "Asia Rising Together Again," officials said.'),
    ],
)
def test_quotes_titles_in_quotation_marks_are_not_quotes(quotes, language, text):
    assert [q for q in quotes(text, language) if q.direct] == []


# -- reported speech ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "text", "speaker", "words"),
    [
        # "X mengatakan bahwa ..." / "X said ..."
        ("id", "Menteri Luar Negeri Retno Marsudi mengatakan bahwa Indonesia siap menjadi tuan rumah.",
         "Retno Marsudi", "Indonesia siap"),
        ("en", "Prime Minister John Smith said the government would cut taxes next year.", "John Smith",
         "the government"),
        # "menurut X, ..." / ", according to X."
        ("id", "Menurut Kepala BMKG Dwikorita Karnawati, musim hujan akan datang lebih awal tahun ini.",
         "Dwikorita Karnawati", "musim hujan"),
        ("en", "More than 200 people were evacuated from the village, according to the United Nations.",
         "United Nations", "More than 200"),
        # the cue after the clause, and in the middle of it
        ("id", "Musim hujan akan datang lebih awal tahun ini, kata Kepala BMKG Dwikorita Karnawati.",
         "Dwikorita Karnawati", "Musim hujan"),
        ("id", "Penjualan senjata itu, tegas Mao Ning, merusak kedaulatan dan kepentingan keamanan China.",
         "Mao Ning", "Penjualan senjata itu merusak"),
        # a pronoun subject: the person who spoke last
        ("id", "Kepala Dinas Kesehatan Rina Marlina mengatakan, stok vaksin cukup. Ia menambahkan, vaksinasi akan "
         "dilanjutkan pekan depan.", "Rina Marlina", "vaksinasi"),
        # an outlet that is the only source is the speaker
        ("en", "Russia and China signed a new energy agreement on Tuesday, Russia's RIA Novosti news agency "
         "reported.", "RIA Novosti", "Russia and China"),
        # an unnamed speaker is reported by description, with the country of the description
        ("en", "An Israeli official said the talks had stalled over the prisoner exchange.", "Israeli official",
         "the talks"),
        # an acronym speaker under the name the article spells out
        ("id", "Penjaga Pantai Filipina (PCG) memantau kapal itu. PCG mengatakan kapal tersebut berlayar secara "
         "ilegal.", "Penjaga Pantai Filipina", "kapal tersebut"),
        # a weak verb ("mengumumkan" - announced) followed by a clause
        ("id", "Rusia mengumumkan akan mengirim delegasi ke Istanbul pada Senin.", "Rusia", "akan mengirim"),
    ],
)  # fmt: skip
def test_quotes_reported_speech(quotes, language, text, speaker, words):
    found = [q for q in quotes(text, language) if not q.direct]
    assert [q.speaker for q in found][-1:] == [speaker]
    assert found[-1].text.startswith(words)


def test_quotes_reported_speaker_country_from_description(quotes):
    (quote,) = quotes("An Israeli official said the talks had stalled over the prisoner exchange.", "en")
    assert quote.speaker_country == "ISR"


def test_quotes_two_reported_clauses_one_speaker(quotes):
    text = (
        "Menteri Luar Negeri Ukraina Andrii Sybiha mengatakan Ukraina telah mengirim “visi langkah-langkah ke "
        "depan” ke Rusia, menambahkan bahwa Moskow harus menerima gencatan senjata."
    )
    found = quotes(text, "id")
    assert [(q.speaker, q.direct) for q in found] == [("Andrii Sybiha", False), ("Andrii Sybiha", False)]
    assert "visi langkah-langkah" in found[0].text  # the quoted fragment stays inside the reported words


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # a weak verb with a noun object reports nothing ("announced an arms sale")
        ("id", "Amerika Serikat mengumumkan penjualan senjata ke Taiwan senilai 1,1 miliar dolar."),
        # a passive participle is not a cue ("a reef claimed by both countries")
        ("en", "The ship reached a remote reef claimed by both countries on Monday morning."),
        # "told" reports only with "that"
        ("en", "She told reporters after the meeting in Geneva on Friday."),
        # a passive cue with nobody quoted before it
        ("id", "Ditambahkan, tim gabungan juga akan mengerahkan kapal tambahan."),
    ],
)
def test_quotes_reported_speech_needs_a_clause_and_a_speaker(quotes, language, text):
    assert quotes(text, language) == ()


def test_quotes_outlet_after_reported_words_relays_them(quotes):
    text = 'Putin said the new document "will form the basis for long-term relations", said the report.'
    (quote,) = quotes(text, "en")
    assert quote.speaker == "Putin"  # the fullest name the article gives


# -- whole articles ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "language"), [("article_id", "id"), ("article_en", "en")])
def test_quotes_golden_article(quotes, fixtures, name, language):
    text = (fixtures / "quotes" / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((fixtures / "quotes" / f"{name}.expected.json").read_text(encoding="utf-8"))
    found = quotes(text, language)
    for item in expected:
        match = [q for q in found if q.text.startswith(item["starts"])]
        assert match, f"no quote starting {item['starts']!r} in {_summary(found)}"
        assert (match[0].speaker, match[0].direct) == (item["speaker"], item["direct"])
        assert match[0].via == item.get("via")
    # nothing else is attributed, except the dateline sentence of the English article ("..., officials said")
    assert len(found) - len(expected) <= 1
