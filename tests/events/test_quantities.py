"""Quantities: numbers with their scale, approximation and unit, in Indonesian and English."""

from __future__ import annotations

import pytest

from warta.events.quantities import find_quantities, parse_number, quantity_near


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("1.000", "id", 1000),  # Indonesian thousands dot
        ("5,2", "id", 5.2),  # Indonesian decimal comma
        ("10.900", "id", 10900),
        ("1,000", "en", 1000),
        ("3.5", "en", 3.5),
        ("25,000", "en", 25000),
        ("1.250.000", "id", 1250000),
    ],
)
def test_quantities_parse_number_by_language(text, language, value):
    assert parse_number(text, language) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Rezim Kim mengirim hampir 5 juta peluru artileri.", "id", (5_000_000, True, "peluru artileri")),
        ("senilai 1,8 miliar dolar AS", "id", (1_800_000_000, False, "dolar")),
        ("sekitar 10.900 pasukan Korea Utara", "id", (10_900, True, "pasukan")),
        ("pertukaran ratusan tawanan", "id", (100, True, "tawanan")),
        ("Tiga kapal perang dikirim ke Laut China Selatan.", "id", (3, False, "kapal perang")),
        ("Rp 5 triliun untuk Gaza", "id", (5_000_000_000_000, False, "rupiah")),
        ("about 3.5 million artillery shells", "en", (3_500_000, True, "artillery shells")),
        ("nearly 25,000 tons of emergency food aid", "en", (25_000, True, "tons")),
        ("donated $50,000 worth of goods", "en", (50_000, False, "dollars")),
        ("up to 4,000 troops to Liberia", "en", (4_000, True, "troops")),
        ("thousands of troops", "en", (1_000, True, "troops")),
    ],
)
def test_quantities_found_with_unit_and_approximation(text, language, expected):
    found = find_quantities(text, language)
    assert found, text
    q = found[0].quantity
    assert (q.value, q.approx, q.unit) == (pytest.approx(expected[0]), expected[1], expected[2])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Pada 19 Juni 2024 kedua negara bertemu.", "id"),  # a date
        ("The treaty of 1961 still stands.", "en"),  # a year
        ("Inflasi naik 45 persen.", "id"),  # a percentage
    ],
)
def test_quantities_dates_years_and_percentages_are_not_quantities(text, language):
    assert find_quantities(text, language) == []


def test_quantities_near_prefers_the_amount_after_the_trigger():
    sentence = "Korea Utara telah mengirimkan hampir 5 juta peluru artileri ke Rusia."
    start = sentence.index("mengirimkan")
    q = quantity_near(sentence, start, start + len("mengirimkan"), "id")
    assert q is not None and q.value == 5_000_000 and q.text == "hampir 5 juta peluru artileri"


def test_quantities_near_ignores_the_end_of_another_clause():
    # the shells belong to the first clause, not to what Russia sent
    sentence = "Sebagai imbalan atas hampir 5 juta peluru artileri, Rusia telah mengirim teknologi militer."
    start = sentence.index("mengirim ")
    assert quantity_near(sentence, start, start + len("mengirim"), "id") is None
