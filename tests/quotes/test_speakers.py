"""Speakers of quotes in Indonesian news, on sentences of our own: who a "-nya" pronoun points back to (the last
speaker or the subject of the last sentence), names read off long offices and bodies, and the words that look
like names or cues but are not (each case names the rule it exercises)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from warta.build import build_pipeline
from warta.nlp.gazetteer_data import load_gazetteer
from warta.quotes.cues import cues_for
from warta.quotes.people import is_also_office, is_verb_like
from warta.quotes.speaker_names import NameReader
from warta.records import AnnotatedArticle, Entity, Page, Quote, Token


@pytest.fixture(scope="module")
def quotes():
    from warta.settings import load_settings

    pipeline = build_pipeline(replace(load_settings(env={}), min_article_chars=1))

    def run(text: str) -> tuple[Quote, ...]:
        doc = pipeline.process(Page(source="test", text=text, language="id", published="2024-06-19"))
        assert isinstance(doc, AnnotatedArticle)
        return doc.quotes

    return run


def _last_direct_speaker(found: tuple[Quote, ...]) -> str:
    return [q.speaker for q in found if q.direct][-1]


# -- pronouns ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the subject of the sentence before, whatever its verb ("yakin" - is confident), not the last speaker
        (
            "Rudi Hartono mengatakan, harga beras stabil. Ketua Koperasi Siti Aminah yakin, panen tahun ini "
            'melimpah. "Kami sudah menyiapkan gudang tambahan," ujarnya.',
            "Siti Aminah",
        ),
        # a name with an age in brackets heads its sentence: a person ("pekerja swasta" - a private employee)
        (
            "Tiket pesawat naik lagi. Fikri Ramadhan (29), pekerja swasta, juga khawatir dengan aturan baru. "
            '"Harga tiket naik terus setiap bulan," katanya.',
            "Fikri Ramadhan",
        ),
        # a clause opening the sentence ("meski" - although) names no subject, the name after it does
        (
            'Meski Wisma Sehat sudah siap, Arifin Nugroho meminta warga tetap waspada. "Jangan lengah sedikit '
            'pun," ujarnya.',
            "Arifin Nugroho",
        ),
        # a body is no subject: "Satgas Kampung Sehat" (the Kampung Sehat task force) does not speak
        (
            "Kepala Dinas Kesehatan Kota Bandung Irma Suryani mengatakan, tes gratis bagi warga. Satgas "
            'Kampung Sehat akan meminta bukti tes kepada setiap tamu. "Warga ikut mengawasi tamu dari luar kota," '
            "katanya.",
            "Irma Suryani",
        ),
        # "-nya" after a comma carries its own speaker: "BPJS Kesehatan, lanjutnya, ..." (he went on)
        (
            "Menurut Eddy Prasetyo, pemerintah perlu bertindak cepat. BPJS Kesehatan, lanjutnya, memiliki dana "
            'cadangan. "Dana itu bisa dipakai sekarang juga," tuturnya.',
            "Eddy Prasetyo",
        ),
        # a capitalised speech verb inside a law's title is no cue ("Menyampaikan" - expressing)
        (
            "Peneliti Lembaga Studi Hukum Wahyu Pratama menilai tindakan itu berlebihan. Hak warga dijamin UU "
            "Nomor 9 Tahun 1998 tentang Kemerdekaan Menyampaikan Pendapat di Muka Umum. "
            '"Tidak ada dasar hukumnya," katanya.',
            "Wahyu Pratama",
        ),
        # a person named inside the quotation is talked about, not talking
        (
            'Rombongan tiba pukul 10.00 bersama Wahyu Hidayat. "Benar, Pak Sekda Joko Susilo sudah dirawat di '
            'rumah sakit," ungkapnya.',
            "Wahyu Hidayat",
        ),
    ],
)
def test_speakers_pronoun_points_to_last_speaker_or_subject(quotes, text, speaker):
    assert _last_direct_speaker(quotes(text)) == speaker


# -- names in offices and appositions ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "NAME, OFFICE, VERB": the office in commas describes the name before it
        (
            "Rina Wulandari, sekretaris tim kampanye Maju Bersama, mengaku dana kampanye masih terbatas. "
            '"Kami belum menerima sumbangan dari pihak ketiga," katanya.',
            "Rina Wulandari",
        ),
        (
            "Kisran Makati, Ketua Pusat Kajian Hukum (Puskahum) Sultra, menjabarkan, kasus itu harus "
            'ditelusuri. "Pasti ada orang di atasnya," ucapnya.',
            "Kisran Makati",
        ),
        # "OFFICE BODY, NAME, VERB": the name in commas after the office and its body
        (
            "Dosen Fakultas Hukum Universitas Gadjah Mada, Rimawan Pradiptyo, juga menyoroti pentingnya gotong "
            'royong. "Gerakan ini dibuat terbatas di Yogya," ujarnya.',
            "Rimawan Pradiptyo",
        ),
        (
            '"Penegakan aturan harus konsisten," kata ahli epidemiologi Universitas Brawijaya, Agus Salim, di '
            "Malang.",
            "Agus Salim",
        ),
        # an acronym the article defines is the body's short name, not the person
        (
            "Kepala Badan Perencanaan Pembangunan Daerah (Bappeda) Kota Sukamaju Nurul Hidayah mengatakan, "
            'anggaran dipangkas. "Belanja daerah turun tahun ini," katanya.',
            "Nurul Hidayah",
        ),
        # a capitalised preposition belongs to the office ("Kementerian Dalam Negeri" - home ministry)
        (
            '"Kami tidak ingin saling menyalahkan," kata Direktur Jenderal Otonomi Daerah Kementerian Dalam '
            "Negeri Andi Wijaya, Kamis.",
            "Andi Wijaya",
        ),
        # "dan" inside an office's body ("Seksi Pasca Panen dan Pengolahan" - post-harvest and processing section)
        (
            '"Gang hijau di kota ini bisa diperluas," kata Kepala Seksi Pasca Panen dan Pengolahan Hasil '
            "Pertanian Dewi Lestari.",
            "Dewi Lestari",
        ),
        # a police rank before the name (titles.yaml)
        (
            '"Kasus ini masih kami dalami bersama tim," kata Kepala Bidang Humas Polda Sulawesi Tengah Kombes '
            "Didik Supranoto.",
            "Didik Supranoto",
        ),
    ],
)
def test_speakers_name_read_off_office_and_body(quotes, text, speaker):
    assert _last_direct_speaker(quotes(text)) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "X dari PT Y": the person named before the body he speaks for
        ("Hendra dari PT Rotan Jaya Abadi mengatakan, pesanan furnitur naik dua kali lipat.", "Hendra"),
        # a participle between subject and verb ("saat dihubungi" - when contacted); "yang juga" + a second office
        (
            "Kepala BNPB yang juga Ketua Satgas Penanganan Bencana Agus Wibowo, saat dihubungi, Senin, "
            "mengatakan, bantuan logistik sudah tiba di semua posko.",
            "Agus Wibowo",
        ),
        (
            "Menteri Koordinator Bidang Perekonomian Bambang Sutrisno, saat menyampaikan pandangan akhir "
            "pemerintah tentang RUU Cipta Lapangan Kerja di rapat paripurna DPR, Senin sore menyatakan, "
            "regulasi harus disederhanakan.",
            "Bambang Sutrisno",
        ),
        # a short office name finds the office spelt out: "Mensos" is "Menteri Sosial"
        (
            "Menteri Sosial Juliana Siregar meninjau dapur umum di Palu. Mensos mengatakan, bantuan sudah "
            "dikirim ke semua desa yang terdampak.",
            "Juliana Siregar",
        ),
    ],
)
def test_speakers_subject_of_reported_speech(quotes, text, speaker):
    reported = [q for q in quotes(text) if not q.direct]
    assert [q.speaker for q in reported] == [speaker]


def test_speakers_short_post_cue_is_no_verb(quotes):
    # "tegas" is a post cue ('"...," tegas Retno') and an adverb before a verb (firmly): nobody speaks here
    assert quotes("Pemkot Sukamaju tegas menegakkan aturan jam malam bagi semua warga.") == ()


# -- word classes ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("word", "verb"),
    [("menyayangkan", True), ("berharap", True), ("mereka", False), ("menurut", False), ("menteri", False)],
)
def test_speakers_verb_like_words(word, verb):
    # "menteri" (minister) and "mereka" (they) have the shape of meN- verbs but are not
    assert is_verb_like(word) is verb


def test_speakers_also_office_is_no_relative_clause():
    assert is_also_office(["kepala", "bnpb", "yang", "juga", "ketua"], 2)
    assert not is_also_office(["warga", "yang", "hadir"], 1)


def test_speakers_short_office_names_from_titles_data():
    cues = cues_for("id")
    assert cues.office_words("Mensos") == ("menteri", "sosial")
    assert cues.office_words("Kapolda") == ("kepala", "polda")
    assert {"Kombes", "AKBP", "Letjen", "SH", "Mensos"} <= cues.titles


def _tokens(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in re.finditer(r"\w[\w'’-]*|[^\w\s]", text)]


def test_speakers_person_swallowed_by_place_entity():
    # the entity stage typed "Provinsi Kalsel Nurul Fajar Desira" as one place: the province and a person
    text = "Kepala Bappeda Provinsi Kalsel Nurul Fajar Desira mengatakan, belanja turun."
    start = text.index("Provinsi")
    place = Entity("Provinsi Kalsel Nurul Fajar Desira", "LOC", start, text.index(" mengatakan"), kind="place")
    tokens = _tokens(text)
    reader = NameReader(text, cues_for("id"), load_gazetteer(), [place])
    reader.read_words([tokens])
    run = reader.name_run(tokens, 0, tokens.index(next(t for t in tokens if t.text == "mengatakan")), last=True)
    assert run is not None
    assert " ".join(t.text for t in tokens[run[0] : run[1]]) == "Nurul Fajar Desira"
