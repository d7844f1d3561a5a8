"""Publication dates and author lists."""

from __future__ import annotations

import pytest

from warta.extract.metadata import normalise_date, split_authors


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024", "2024"),
        ("2024-06", "2024-06"),
        ("2024-6", "2024-06"),
        ("2024-06-19", "2024-06-19"),
        ("2024/06/19", "2024-06-19"),
        ("2024-06-19T23:30:00+07:00", "2024-06-19"),
        ("2024-06-19 14:05", "2024-06-19"),
        ("Wed, 19 Jun 2024 10:30:00 +0700", "2024-06-19"),
        ("  2024-06-19  ", "2024-06-19"),
        ("19/06/2024", None),
        ("2024-13-01", None),
        ("2024-02-30", None),
        ("0001-01-01", None),
        ("kemarin", None),
        ("", None),
        (None, None),
    ],
)
def test_metadata_normalise_date(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Rina Wulandari", ("Rina Wulandari",)),
        ("Ayu Lestari; Dimas Pratama", ("Ayu Lestari", "Dimas Pratama")),
        ("Ayu Lestari, Dimas Pratama dan Rina Wulandari", ("Ayu Lestari", "Dimas Pratama", "Rina Wulandari")),
        ("Lena Morris and Tom Hale", ("Lena Morris", "Tom Hale")),
        ("Morris, Lena", ("Morris, Lena",)),
        ("Rina Wulandari; Rina Wulandari", ("Rina Wulandari",)),
        (None, ()),
        ("", ()),
    ],
)
def test_metadata_split_authors(value: str | None, expected: tuple[str, ...]) -> None:
    assert split_authors(value) == expected
