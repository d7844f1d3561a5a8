"""Line cleanup: each class of boilerplate line is dropped, content lines are kept untouched."""

from __future__ import annotations

import pytest

from warta.extract.cleanup import boilerplate_reason, clean_lines, clean_text, split_lines


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # logo alt text
        ("Logo Bloomberg Technoz", "logo"),
        ("Example Wire logo", "logo"),
        # links to other stories
        ("Baca juga: Indonesia dan Malaysia Sepakati Batas Laut", "lead-in"),
        ("Baca Juga: Apa Itu AUKUS dan Mengapa Kawasan Khawatir?", "lead-in"),
        ("BACA JUGA Marcos Temui Kishida di Tokyo", "lead-in"),
        ("Baca: Berbagai Kecaman Pemimpin Dunia", "lead-in"),
        ("Read also: G7 ministers warn of measures", "lead-in"),
        ("Related: Tokyo pledges patrol boats to Manila", "lead-in"),
        ("Tag: Retno Marsudi, Australia, AUKUS", "lead-in"),
        # share, font-size and advertising furniture
        ("Text Sizes", "phrase"),
        ("Medium", "share"),
        ("Large", "share"),
        ("AA", "share"),
        ("Bagikan", "share"),
        ("Facebook Twitter WhatsApp", "share"),
        ("Share: Email | Print", "share"),
        ("ADVERTISEMENT", "phrase"),
        ("Scroll to continue with content", "phrase"),
        ("Berita Terkait", "phrase"),
        # bylines, editors, photographers, time stamps
        ("Penulis: anung aulia malik", "credit"),
        ("Editor: Claudia Noventa", "credit"),
        ("Reporter: Dimas Pratama", "credit"),
        ("Pewarta: M. Irfan Ilmie", "credit"),
        ("Fotografer: Dimas Pratama", "credit"),
        ("Editor : Atman Ahdiat", "credit"),
        ("Penulis: Ayu Lestari | Editor: Bambang Sutrisno", "credit"),
        ("By Andrew Mills, Nidal al-Mughrabi and Maayan Lubell", "credit"),
        ("Oleh Rina Wulandari", "credit"),
        ("Reporting by Lena Morris; Editing by Tom Hale", "credit"),
        ("SENIN, 26 OKTOBER 2020 | 16:53 WIB | LAPORAN: SARAH GUNAWAN", "credit"),
        ("Rabu, 19 Juni 2024 | 14:05 WIB", "credit"),
        ("Kompas.com - 12/05/2012, 02:27 WIB", "credit"),
        ("April 26, 2024 11:40 AM UTC", "credit"),
        # byline codes
        ("(bbn)", "byline-code"),
        ("(ant)", "byline-code"),
        ("(rzk/rzk)", "byline-code"),
        ("(ant/AFP/rup)", "byline-code"),
        # pagination
        ("No more pages", "phrase"),
        ("Halaman 1 2 3", "pagination"),
        ("Halaman: 1 2", "pagination"),
        ("Halaman selanjutnya", "pagination"),
        ("Next page", "pagination"),
        ("Page 1 of 2", "pagination"),
        ("« 1 2 3 »", "pagination"),
        ("2", "pagination"),
        # rights notices and promotion
        ("COPYRIGHT © ANTARA 2022", "copyright"),
        ("Copyright 2024 Example Wire. All rights reserved.", "copyright"),
        ("Ikuti kami di Google News", "promo"),
        ("Baca berita tanpa iklan. Gabung Kompas.com+", "promo"),
        ("***", "symbols"),
    ],
)
def test_cleanup_drops_boilerplate_line(line: str, reason: str) -> None:
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Retno Marsudi Terima Kunjungan Menlu Negara Asing Pertama di Periode Kedua Menjabat",
        "JAKARTA, Rabu (19/6) - Menteri Luar Negeri RI Retno Marsudi menerima kunjungan Menlu Australia.",
        "DOHA/CAIRO/JERUSALEM (Reuters) – Negotiators were trying to hammer out the final details.",
        "Menteri Luar Negeri (Menlu) RI, Retno Marsudi, menerima kunjungan menlu negara asing.",
        "Sebuah iklan kampanye ditayangkan di televisi nasional pada Senin.",
        "Related talks were held in Doha last week.",
        "By Tuesday, talks had stalled over the maps.",
        "Written by hand, the letter reached Seoul.",
        "Copyright office rejects registration of AI-made art",
        "Oleh karena itu, Indonesia menolak usulan tersebut.",
        "Logo baru Pertamina diluncurkan pada Senin di Jakarta.",
        "Putin tiba di Pyongyang 19/6",
        "Halaman",
        "‘CRITICAL PHASE’",
        "International condemnation",
        "Editor majalah itu ditangkap polisi karena tulisannya tentang korupsi di kementerian pada pekan lalu.",
        '"Kami menolak tuduhan itu," kata juru bicara Kementerian Luar Negeri China (MFA).',
    ],
)
def test_cleanup_keeps_content_line(line: str) -> None:
    assert boilerplate_reason(line) is None


def test_cleanup_normalises_whitespace_only() -> None:
    text = "  Kim\u00a0Jong  Un\tberkata “ya”—lalu pergi.  \r\n\r\n\ufeffParagraf  kedua.\n\n\n"
    assert split_lines(text) == ["Kim Jong Un berkata “ya”—lalu pergi.", "Paragraf kedua."]


def test_cleanup_drops_repeated_lines_keeping_the_first() -> None:
    lines = ["Judul berita", "Paragraf satu.", "Judul berita", "Paragraf dua."]
    assert clean_lines(lines) == ["Judul berita", "Paragraf satu.", "Paragraf dua."]


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        (
            "Putin akan bertolak ke Vietnam pada Rabu, menurut Kremlin. (bbn)",
            "Putin akan bertolak ke Vietnam pada Rabu, menurut Kremlin.",
        ),
        ('"Kami siap," kata Retno. (rin/dim)', '"Kami siap," kata Retno.'),
        ("Perundingan dihadiri Amerika Serikat (AS)", "Perundingan dihadiri Amerika Serikat (AS)"),
        ("Sengketa dibawa ke Mahkamah Internasional (ICJ).", "Sengketa dibawa ke Mahkamah Internasional (ICJ)."),
    ],
)
def test_cleanup_strips_byline_code_glued_to_last_paragraph(last: str, expected: str) -> None:
    assert clean_lines(["Paragraf pertama.", last]) == ["Paragraf pertama.", expected]


def test_cleanup_joins_paragraphs_with_blank_line() -> None:
    text = "Logo Suara Contoh\nParagraf satu.\nBagikan\n\nParagraf dua.\n(ant)\nNo more pages"
    assert clean_text(text) == "Paragraf satu.\n\nParagraf dua."
