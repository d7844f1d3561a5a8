import pytest

from warta.coding.dates import event_date, find_dates, is_background, lead_date

PUBLISHED = "2024-06-19"  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "trigger", "future", "expected"),
    [
        # "said on Tuesday": the Tuesday before publication
        ("Blinken mengatakan pada Selasa di Washington bahwa", "mengatakan", False, "2024-06-18"),
        # "will leave on Wednesday": the nearest Wednesday on or after publication (the same day)
        ("Putin akan bertolak ke Vietnam pada Rabu setelah", "bertolak", True, "2024-06-19"),
        # a month after the publication month is last year's for a past event
        ("Kim melakukan perjalanan ke Rusia pada September, yang", "melakukan", False, "2023-09"),
        ("sejak ia berkunjung pada tahun 2000 sebagai", "berkunjung", False, "2000"),
        ("Retno menerima kunjungan pada Senin, (28/10/2019).", "menerima", False, "2019-10-28"),
        ("JAKARTA, Rabu (12/6) - Menteri itu bertemu", "bertemu", False, "2024-06-12"),
        ("The ministers met on Monday in Jakarta.", "met", False, "2024-06-17"),
        ("They signed the deal on May 3, 2024.", "signed", False, "2024-05-03"),
        ("Kemarin kedua menteri bertemu.", "bertemu", False, "2024-06-18"),
        ("Kedua menteri bertemu untuk membahas kerja sama.", "bertemu", False, None),
    ],
)
def test_dates_resolve_against_publication(sentence, trigger, future, expected):
    assert event_date(sentence, sentence.index(trigger), PUBLISHED, future=future) == expected


def test_dates_lowercase_minggu_is_a_week_not_sunday():
    # "minggu lalu" = last week; only capitalised "Minggu" is Sunday
    found = find_dates("Pertemuan itu terjadi minggu lalu.")
    assert [(f.weekday, f.relative_weeks) for f in found] == [(None, -1)]


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        # last week / last month: the month is known, the day is not
        ("Kedua menteri bertemu pekan lalu di Jakarta.", "bertemu", "2024-06"),
        ("The ministers met last week.", "met", "2024-06"),
        ("Pasukan itu dikerahkan bulan lalu.", "dikerahkan", "2024-05"),
        ("The talks began last month.", "began", "2024-05"),
        # "baru saja" (has just): shortly before publication, the day unknown
        ("Presiden yang baru saja mengakui Yerusalem", "mengakui", "2024-06"),
        # a date closing the sentence dates its verb across a list ...
        ("AS menyetujui penjualan rudal, tank, dan artileri ke Taiwan pada pekan lalu.", "penjualan", "2024-06"),
        # ... but not across a citation
        (
            "China menuntut penarikan kapal, bunyi pernyataan seperti dikutip dari AFP, Sabtu (15/6).",
            "menuntut",
            None,
        ),
    ],
)
def test_dates_relative_weeks_and_months_have_month_precision(sentence, trigger, expected):
    assert event_date(sentence, sentence.index(trigger), PUBLISHED, future=False) == expected


def test_dates_lead_date_is_the_news_day():
    text = "Manila, Jumat - Ratusan warga Filipina berdemonstrasi di Manila, Jumat (14/6). Mereka menuduh China."
    assert lead_date(text, PUBLISHED) == "2024-06-14"
    # a date older than a week before publication is background, not the news day
    assert lead_date("Pada 3 Maret 2024 kedua negara bertemu.", PUBLISHED) is None
    # a page header with the month only: that is as precise as the text allows
    assert lead_date(" date 2024-06 JAKARTA - Kedua menteri bertemu.", PUBLISHED) == "2024-06"


@pytest.mark.parametrize(
    ("sentence", "trigger", "language", "expected"),
    [
        ("China telah memberi sanksi kepada beberapa perusahaan AS.", "memberi", "id", True),
        ("China memberi sanksi kepada beberapa perusahaan AS.", "memberi", "id", False),
        ("The two leaders had previously met in Moscow .", "met", "en", True),
        ("The two leaders met in Moscow .", "met", "en", False),
    ],
)
def test_dates_background_words_mark_earlier_events(sentence, trigger, language, expected):
    words = sentence.lower().rstrip(".").split()
    assert is_background(words, words.index(trigger), language) is expected


def test_dates_weekday_followed_by_numeric_date_keeps_numeric():
    found = find_dates("pada Rabu (19/6) pagi")
    assert len(found) == 1 and found[0].month == 6 and found[0].day == 19
