"""Mixed-language articles: a foreign passage (a Qur'an verse, a quote in the other language) does not change
the article's language, because its paragraphs vote (warta.nlp.language.voting_units)."""

from __future__ import annotations

import re

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252": cp1252 that decodes every byte)
import pytest
from lingua import Language

from warta.extract.article import extract_article
from warta.nlp.language import _clean_sample, _detector, detect_language, voting_units
from warta.records import Page
from warta.settings import Settings

VERSE = (
    "يَا أَيُّهَا الَّذِينَ آمَنُوا كُتِبَ عَلَيْكُمُ الصِّيَامُ كَمَا كُتِبَ عَلَى الَّذِينَ مِنْ قَبْلِكُمْ لَعَلَّكُمْ تَتَّقُونَ "
    "أَيَّامًا مَعْدُودَاتٍ فَمَنْ كَانَ مِنْكُمْ مَرِيضًا أَوْ عَلَىٰ سَفَرٍ فَعِدَّةٌ مِنْ أَيَّامٍ أُخَرَ"
)
TRANSLITERATION = (
    "Yā ayyuhallażīna āmanū kutiba ʿalaikumuṣ-ṣiyāmu kamā kutiba ʿalallażīna min qablikum laʿallakum tattaqūn. "
    "Ayyāmam maʿdūdāt, fa man kāna minkum marīḍan au ʿalā safarin fa ʿiddatum min ayyāmin ukhar."
)
# A short Indonesian explainer quoting Al-Baqarah 183-184 ("Jakarta - Here is the reading of Surah Al-Baqarah
# verses 183-184 on fasting ... Meaning: O you who believe ...").
RAMADAN = "\n\n".join(
    [
        "Jakarta - Berikut bacaan Surat Al-Baqarah ayat 183-184 tentang puasa.",
        VERSE,
        TRANSLITERATION,
        "Artinya: Wahai orang-orang yang beriman, diwajibkan atas kamu berpuasa agar kamu bertakwa.",
        "Sidang isbat akan digelar pada Selasa sore.",
    ]
)
# The same text as one scraper stored it: UTF-8 read as Latin-1, and the C1 control characters that produced
# dropped on the way, so the damage can no longer be undone ("YÄ ayyuhallaÅ¼Ä«na").
RAMADAN_LOSSY = re.sub("[\x80-\x9f]", "", RAMADAN.encode("utf-8").decode("latin-1"))

# An English report quoting the president's Indonesian at length.
EN_WITH_ID_QUOTE = "\n\n".join(
    [
        "JAKARTA - Indonesia's president defended the new capital project on Monday, speaking to reporters at "
        "the palace.",
        '"Pembangunan Ibu Kota Nusantara akan terus berjalan sesuai rencana, dan pemerintah telah menyiapkan '
        "anggaran yang cukup untuk tahap berikutnya. Kami mengundang investor dari dalam dan luar negeri untuk "
        "ikut serta dalam pembangunan kota yang hijau, cerdas dan berkelanjutan ini, dan kami menjamin kepastian "
        'hukum bagi mereka semua," kata Presiden kepada wartawan di Istana Merdeka.',
        "Critics say the project has drawn too little foreign money so far.",
        "The finance ministry expects spending on the new capital to rise next year.",
        "Parliament is due to debate the budget later this month.",
    ]
)
# An Indonesian report quoting an ASEAN statement in English ("... demikian bunyi pernyataan tersebut": so
# the statement reads).
ID_WITH_EN_QUOTE = "\n\n".join(
    [
        "Jakarta - Menteri Luar Negeri Retno Marsudi membacakan pernyataan bersama ASEAN tentang Myanmar di "
        "Jakarta, Senin.",
        '"ASEAN leaders remain deeply concerned over the escalation of armed conflicts and the humanitarian '
        "situation in Myanmar. We strongly condemn the continued acts of violence against civilians and public "
        "facilities, and call on all parties to take concrete action to immediately halt indiscriminate violence "
        'and ensure the protection and safety of all civilians," demikian bunyi pernyataan tersebut.',
        "Retno mengatakan para menteri sepakat untuk terus mendorong dialog nasional yang inklusif.",
        "Indonesia juga menyiapkan bantuan kemanusiaan tambahan bagi pengungsi di perbatasan Thailand.",
        "Pertemuan berikutnya dijadwalkan berlangsung di Vientiane pada bulan depan.",
    ]
)


def _single_verdict(text: str) -> Language | None:
    """What one detector call on the opening of the text says: how warta decided before paragraphs voted."""
    return _detector(frozenset({"id", "en"})).detect_language_of(_clean_sample(text))


def test_lossy_mojibake_verse_keeps_the_article_indonesian() -> None:
    # The premise: one verdict on the whole opening is misled by the mangled verse (Tagalog, with lingua 2).
    assert _single_verdict(RAMADAN_LOSSY) not in (Language.INDONESIAN, Language.MALAY)
    assert detect_language(RAMADAN_LOSSY) == "id"


def test_verse_in_arabic_script_keeps_the_article_indonesian() -> None:
    assert detect_language(RAMADAN) == "id"


def test_indonesian_quote_keeps_an_english_article_english() -> None:
    assert _single_verdict(EN_WITH_ID_QUOTE) == Language.INDONESIAN  # the premise: the long quote wins alone
    assert detect_language(EN_WITH_ID_QUOTE) == "en"


def test_english_quote_keeps_an_indonesian_article_indonesian() -> None:
    detector = _detector(frozenset({"id", "en"}))
    votes = [detector.detect_language_of(unit) for unit in voting_units(ID_WITH_EN_QUOTE)]
    assert votes.count(Language.ENGLISH) == 1  # the quote votes English, and is outvoted
    assert detect_language(ID_WITH_EN_QUOTE) == "id"


def test_voting_units_leave_out_short_and_mangled_paragraphs() -> None:
    # The mangled verse and transliteration do not vote; the three Indonesian paragraphs do.
    units = voting_units(RAMADAN_LOSSY)
    assert [unit.split()[0] for unit in units] == ["Jakarta", "Artinya:", "Sidang"]
    # A dateline or a "Baca juga" line (fewer than 30 letters) does not vote either.
    assert voting_units("Jakarta (ANTARA)\n\nBaca juga: Harga naik\n\n" + ID_WITH_EN_QUOTE)[0].startswith(
        "Jakarta - Menteri"
    )


def test_voting_units_use_sentences_of_a_one_paragraph_text() -> None:
    text = EN_WITH_ID_QUOTE.replace("\n\n", " ")
    units = voting_units(text)
    assert len(units) >= 4 and units[0].startswith("JAKARTA - Indonesia's president")
    assert detect_language(text) == "en"


@pytest.mark.parametrize("codec", ["latin-1", "sloppy-windows-1252"])
def test_extracted_mojibake_article_is_repaired_then_indonesian(codec: str, settings: Settings) -> None:
    # Repairable mojibake (no byte dropped): extraction mends it, and the verse then reads as Arabic.
    mangled = RAMADAN.encode("utf-8").decode(codec)
    article = extract_article(Page(source="ramadan.txt", text=mangled), settings=settings)
    assert article.repairs == ("mojibake",)
    assert VERSE in article.text
    assert detect_language(article.text) == "id"
