"""Image captions: split from the body with their credit; prose with parentheses stays in the body."""

from __future__ import annotations

import pytest

from warta.extract.captions import caption_from_element_text, pull_captions, split_caption
from warta.records import Caption


@pytest.mark.parametrize(
    ("line", "text", "credit"),
    [
        ("Program rudal Kim Jong Un (Sumber: Bloomberg)", "Program rudal Kim Jong Un", "Bloomberg"),
        (
            "Kapal penjaga pantai China di Laut China Selatan (Foto: Reuters)",
            "Kapal penjaga pantai China di Laut China Selatan",
            "Reuters",
        ),
        (
            "Menlu Retno Marsudi di Gedung Pancasila (Dok. Kemlu)",
            "Menlu Retno Marsudi di Gedung Pancasila",
            "Dok. Kemlu",
        ),
        (
            "Presiden Joko Widodo menyambut PM Jepang di Istana Bogor. (ANTARA FOTO/Hafidz Mubarak A)",
            "Presiden Joko Widodo menyambut PM Jepang di Istana Bogor.",
            "ANTARA FOTO/Hafidz Mubarak A",
        ),
        (
            "Kim Jong Un dan Vladimir Putin di Pyongyang (REUTERS/Kim Hong-Ji)",
            "Kim Jong Un dan Vladimir Putin di Pyongyang",
            "REUTERS/Kim Hong-Ji",
        ),
        (
            "South Korean soldiers near the border (AP Photo/Lee Jin-man)",
            "South Korean soldiers near the border",
            "AP Photo/Lee Jin-man",
        ),
        (
            "Kunjungan Menlu Asing Pertama Ke Indonesia (Capture Instagram/@kemlu_ri)",
            "Kunjungan Menlu Asing Pertama Ke Indonesia",
            "Capture Instagram/@kemlu_ri",
        ),
        ("Ilustrasi bendera ASEAN (Istimewa)", "Ilustrasi bendera ASEAN", "Istimewa"),
        ("Retno menyambut Wong di Jakarta. Foto: Kemlu", "Retno menyambut Wong di Jakarta.", "Kemlu"),
        (
            "Antony Blinken and Wang Yi in Beijing. Photo: Example Wire/Tom Hale",
            "Antony Blinken and Wang Yi in Beijing.",
            "Example Wire/Tom Hale",
        ),
        (
            "Menlu Maroko Nasser Bourita (kiri) dan Menteri Luar Negeri Indonesia Retno Marsudi (kanan)",
            "Menlu Maroko Nasser Bourita (kiri) dan Menteri Luar Negeri Indonesia Retno Marsudi (kanan)",
            None,
        ),
    ],
)
def test_captions_split_caption_and_credit(line: str, text: str, credit: str | None) -> None:
    assert split_caption(line) == Caption(text=text, credit=credit)


@pytest.mark.parametrize(
    "line",
    [
        "TRIBUNWOW.COM - Menteri Luar Negeri (Menlu) RI, Retno Marsudi, menerima kunjungan menlu negara asing "
        "yang ke Indonesia, pada Senin, (28/10/2019).",
        "Menteri Luar Negeri (Menlu) RI, Retno Marsudi, menerima kunjungan Menlu Maroko",
        "Dewan Keamanan (DK) PBB mengecam keras peluncuran rudal Korea Utara (Korut)",
        "Inflasi tahunan naik menjadi 3 persen pada Juni (Sumber: BPS).",
        "Pejabat itu menolak berkomentar lebih lanjut (Reuters).",
        "BEIJING (Reuters)",
        "Juru bicara Kemlu (tengah) memberikan keterangan pers di Jakarta, Jumat.",
        "Dia difoto: sedang tersenyum di depan gedung",
    ],
)
def test_captions_keep_prose_with_parentheses(line: str) -> None:
    assert split_caption(line) is None


def test_captions_pull_moves_captions_out_in_order() -> None:
    lines = [
        "Paragraf satu.",
        "Program rudal Kim Jong Un (Sumber: Bloomberg)",
        "Paragraf dua (dengan kurung) tetap.",
        "Program rudal Kim Jong Un (Sumber: Bloomberg)",
        "Kapal patroli di Natuna (Foto: Reuters)",
    ]
    body, captions = pull_captions(lines)
    assert body == ["Paragraf satu.", "Paragraf dua (dengan kurung) tetap."]
    assert captions == [
        Caption(text="Program rudal Kim Jong Un", credit="Bloomberg"),
        Caption(text="Kapal patroli di Natuna", credit="Reuters"),
    ]


def test_captions_credit_line_attaches_to_caption_above() -> None:
    lines = ["Nasser Bourita (kiri) dan Retno Marsudi (kanan)", "(Foto: Kemlu)", "Paragraf.", "(Foto: Reuters)"]
    body, captions = pull_captions(lines)
    assert body == ["Paragraf."]
    assert captions == [Caption(text="Nasser Bourita (kiri) dan Retno Marsudi (kanan)", credit="Kemlu")]


def test_captions_figcaption_without_credit_is_kept_whole() -> None:
    assert caption_from_element_text("  Suasana   sidang DK PBB  ") == Caption(text="Suasana sidang DK PBB")
    assert caption_from_element_text("Sidang DK PBB (Foto: AFP)") == Caption(text="Sidang DK PBB", credit="AFP")
    assert caption_from_element_text("(Foto: AFP)") is None
    assert caption_from_element_text("   ") is None
