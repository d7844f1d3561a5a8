import pytest

from warta.events.dates import event_date, find_dates, is_background, lead_date, reference_date

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


@pytest.mark.parametrize(
    ("sentence", "trigger", "future", "expected"),
    [
        # "tahun lalu" / "last year": the year before publication, at year precision
        ("Kedua negara menandatangani perjanjian itu tahun lalu.", "menandatangani", False, "2023"),
        ("The two countries signed the deal last year.", "signed", False, "2023"),
        # a month with a relative year: "pada Maret tahun lalu" (in March last year)
        ("Kedua menteri bertemu pada Maret tahun lalu.", "bertemu", False, "2023-03"),
        ("The summit will be held in May next year.", "held", True, "2025-05"),
        # a count of days, weeks, months or years ago, at the precision of the unit
        ("Kapal itu ditahan tiga hari lalu.", "ditahan", False, "2024-06-16"),
        ("The ships were seized two weeks ago.", "seized", False, "2024-06"),
        ("Pasukan itu dikerahkan dua bulan yang lalu.", "dikerahkan", False, "2024-04"),
        ("The two leaders met five years ago.", "met", False, "2019"),
        # a vague count is not last year: "beberapa tahun lalu" (a few years ago), "dua belas tahun lalu"
        ("Kedua menteri bertemu beberapa tahun lalu.", "bertemu", False, None),
        ("Kedua menteri bertemu dua belas tahun lalu.", "bertemu", False, None),
    ],
)
def test_dates_relative_years_and_counts(sentence, trigger, future, expected):
    assert event_date(sentence, sentence.index(trigger), PUBLISHED, future=future) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "future", "expected"),
    [
        # "Senin lalu" (last Monday) and "last Wednesday": strictly before the (Wednesday) publication date
        ("Kedua menteri bertemu pada Senin lalu.", "bertemu", False, "2024-06-17"),
        ("Kedua menteri bertemu pada Rabu lalu.", "bertemu", False, "2024-06-12"),
        ("The ministers met last Wednesday.", "met", False, "2024-06-12"),
        # "Rabu depan" (next Wednesday): strictly after, even when the tense is not marked
        ("Kedua menteri bertemu Rabu depan.", "bertemu", False, "2024-06-26"),
        ("The ministers will meet next Wednesday.", "meet", True, "2024-06-26"),
        # a month fixed by its neighbour: "September mendatang" (the coming September), "last September"
        ("Latihan militer digelar pada September mendatang.", "digelar", False, "2024-09"),
        ("The drills were held last September.", "held", False, "2023-09"),
        # "Senin pekan lalu" (Monday last week), "Friday next week": that weekday of the named week
        ("Kedua menteri bertemu pada Senin pekan lalu.", "bertemu", False, "2024-06-10"),
        ("The ministers will meet on Friday next week.", "meet", True, "2024-06-28"),
    ],
)
def test_dates_direction_words_fix_weekdays_and_months(sentence, trigger, future, expected):
    assert event_date(sentence, sentence.index(trigger), PUBLISHED, future=future) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "future", "expected"),
    [
        # a range is dated by its first day
        ("KTT itu berlangsung pada 10-12 Juni 2024 di Bali.", "berlangsung", False, "2024-06-10"),
        ("The talks took place on June 10 to 12.", "took", False, "2024-06-10"),
        ("Latihan digelar 5 hingga 7 Juli mendatang.", "digelar", True, "2024-07-05"),
        # "24 hingga 3 Oktober" (24 [September] to 3 October) starts in September
        ("Latihan akan digelar 24 hingga 3 Oktober.", "digelar", True, "2024-09-24"),
    ],
)
def test_dates_ranges_start_on_their_first_day(sentence, trigger, future, expected):
    assert event_date(sentence, sentence.index(trigger), PUBLISHED, future=future) == expected


def test_dates_may_and_march_are_months_only_when_capitalised():
    assert find_dates("China may next year impose new tariffs.")[0].month is None
    found = find_dates("China will impose tariffs in May next year.")
    assert [(f.month, f.relative_years) for f in found] == [(5, 1)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # no metadata: a date written with its (matching) weekday near the top is the article's own date
        ('"Korut mengirim senjata," kata Park, dikutip Reuters, Rabu (20/11/2024).', None, "2024-11-20"),
        ("The ministers met on Wednesday, November 20, 2024, in Jakarta.", None, "2024-11-20"),
        # the weekday disagrees with the date, or there is none ("on March 29, 2014" in a photo caption)
        ("Kedua menteri bertemu Kamis (20/11/2024) di Jakarta.", None, None),
        ("Chinese ships near a reef on March 29, 2014. The ships returned.", None, None),
        # metadata with day precision wins; metadata of month precision is refined by an agreeing date
        ("Kedua menteri bertemu Rabu (20/11/2024).", "2024-11-21", "2024-11-21"),
        ("Kedua menteri bertemu Rabu (20/11/2024).", "2024-11", "2024-11-20"),
    ],
)
def test_dates_reference_date_from_the_text(text, published, expected):
    assert reference_date(text, published) == expected


def test_dates_relative_expressions_resolve_against_the_reference_date():
    text = "Menteri itu bertemu Putin selama kunjungannya ke Moskow bulan ini, dikutip Reuters, Rabu (20/11/2024)."
    sentence = "Menteri itu bertemu Putin selama kunjungannya ke Moskow bulan ini."
    at = sentence.index("bertemu")
    assert event_date(sentence, at, None, future=False) is None
    assert event_date(sentence, at, reference_date(text, None), future=False) == "2024-11"


@pytest.mark.parametrize(
    ("sentence", "trigger", "reported", "expected"),
    [
        # a reported event without a date of its own takes the date of the statement that reports it
        (
            'Both agreed on closer cooperation," the Foreign Ministry said in a press release on Thursday.',
            "agreed",
            True,
            "2024-06-13",
        ),
        ('"Kami sepakat memperkuat kerja sama," kata Retno, Selasa (18/6).', "sepakat", True, "2024-06-18"),
        ("Menlu mengatakan pada Selasa bahwa kedua negara sepakat bekerja sama.", "sepakat", True, "2024-06-18"),
        # ... but not an event the outlet asserts (the news date stands in for it elsewhere)
        ("Menlu mengatakan pada Selasa bahwa kedua negara sepakat bekerja sama.", "sepakat", False, None),
        # a citation's date is when the outlet copied the statement, not when it was made
        (
            '"Pyongyang harus menghentikan peluncuran," bunyi pernyataan seperti dikutip dari AFP, Sabtu (15/6).',
            "menghentikan",
            True,
            None,
        ),
    ],
)
def test_dates_statement_date_dates_reported_events(sentence, trigger, reported, expected):
    at = sentence.index(trigger)
    assert event_date(sentence, at, PUBLISHED, future=False, reported=reported) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        # with a perfect, "sejak"/"since" gives the start of the event
        ("Kedua negara telah menempatkan kapal di wilayah itu sejak Maret.", "menempatkan", "2024-03"),
        (
            "Kedua negara telah menempatkan kapal di sana sejak sengketa ini mencuat, lebih dari sebulan lalu.",
            "menempatkan",
            "2024-05",
        ),
        ("China has deployed ships to the reef since last week.", "deployed", "2024-06"),
        # without one it opens another clause: "for the first time since he visited in 2000"
        ("Putin berada di Pyongyang untuk pertama kalinya sejak ia berkunjung pada tahun 2000.", "berada", None),
    ],
)
def test_dates_since_gives_the_start_of_a_perfect(sentence, trigger, expected):
    assert event_date(sentence, sentence.index(trigger), PUBLISHED, future=False) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "expected"),
    [
        # after a date in the publication month, before publication: that month
        (
            "DK PBB telah menjatuhkan sanksi terhadap Korut setelah melakukan uji coba nuklir pada 3 Juni lalu.",
            "menjatuhkan",
            "2024-06",
        ),
        ("Setelah uji coba nuklir pada 3 Juni, DK PBB menjatuhkan sanksi.", "menjatuhkan", "2024-06"),
        ("The council imposed sanctions after the test on June 3.", "imposed", "2024-06"),
        # after a date of another month: no bound worth a date
        ("Lawatan Putin dilakukan setelah Kim melakukan perjalanan ke Rusia pada September.", "Lawatan", None),
        # an opening date without a subordinate clause dates the main clause
        ("Pada Senin (17/6), DK PBB menjatuhkan sanksi.", "menjatuhkan", "2024-06-17"),
    ],
)
def test_dates_after_clause_bounds_the_month(sentence, trigger, expected):
    assert event_date(sentence, sentence.index(trigger), PUBLISHED, future=False) == expected


@pytest.mark.parametrize(
    ("sentence", "trigger", "language", "expected"),
    [
        # a perfect infinitive: "believed to have supplied"
        ("Targets include groups believed to have supplied Russia with drones .", "supplied", "en", True),
        ("Targets include groups that supply Russia with drones .", "supply", "en", False),
        # what something follows came before it
        ("The sanctions follow warnings from Yellen .", "warnings", "en", True),
        ("The visit was followed by sanctions .", "sanctions", "en", False),
        ("Sanksi itu menyusul peringatan dari Washington .", "peringatan", "id", True),
    ],
)
def test_dates_background_perfect_infinitive_and_follow(sentence, trigger, language, expected):
    words = sentence.lower().split()
    assert is_background(words, words.index(trigger), language) is expected
