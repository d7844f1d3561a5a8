"""Language identification: which language an article is written in, as an ISO 639-1 code.

warta reads Indonesian (``id``) and English (``en``) news. Detection uses lingua, restricted to the languages
that matter for telling those two apart from what else turns up in Southeast Asian news feeds; restricting the
set keeps lingua fast and stops it from choosing an exotic neighbour for a short text.

Indonesian and Malaysian Malay are two standards of one language and lingua often cannot tell them apart: it
labels some Indonesian news as Malay. A Malay verdict is therefore folded into Indonesian unless the text shows
Malaysian vocabulary (``data/malay_markers.yaml`` explains the test). Malaysian Malay is not supported by
default and is recorded as a skip (``W241``) like any other unsupported language.

An article's language is the language of most of its paragraphs, not one verdict on its opening: news quotes
other languages. An Indonesian report on Ramadan quotes a verse in Arabic and in transliteration ("Yā
ayyuhallażīna āmanū kutiba ʿalaikumuṣ-ṣiyāmu", O you who believe, fasting is prescribed for you), which
lingua reads as Arabic and as Italian or Turkish; an Indonesian report on a summit quotes a paragraph of a
minister's English. Each paragraph (or, in a text of one paragraph, each sentence) votes, and the language with
the most votes wins, so one foreign passage never outvotes the article around it.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import ftfy
from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from warta.data import load_yaml
from warta.errors import LanguageError, SettingsError
from warta.pipeline import Stage, stage
from warta.records import Article
from warta.settings import Settings

log = logging.getLogger(__name__)

#: Languages lingua chooses between, besides the supported ones: Indonesian's close relatives and the
#: languages of neighbours and of the wire services that Indonesian and English outlets republish. lingua has
#: no model for Javanese or Sundanese; their rare articles come out as Indonesian or Malay.
CONFUSABLE_LANGUAGES: tuple[Language, ...] = (
    Language.INDONESIAN,
    Language.MALAY,
    Language.ENGLISH,
    Language.TAGALOG,
    Language.VIETNAMESE,
    Language.THAI,
    Language.CHINESE,
    Language.JAPANESE,
    Language.KOREAN,
    Language.ARABIC,
    Language.RUSSIAN,
    Language.DUTCH,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.ITALIAN,
    Language.TURKISH,
    Language.SWAHILI,
)

#: Characters of the text that are looked at: the opening of an article says which language it is in, and
#: lingua's cost grows with the length of its input.
SAMPLE_CHARS = 3000
#: Below this many letters in the cleaned sample lingua's verdict is a guess ("Jakarta (ANTARA)" could be
#: anything), so the text is refused as too short.
MIN_LETTERS = 20

# URLs, e-mail addresses, @handles, #hashtags and numbers carry no language and, in short texts, can tip
# lingua towards the wrong answer ("https://www.kompas.com/..." has more English than Indonesian n-grams).
_NOISE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|[@#]\w+|\d[\d.,:/-]*")
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W\d_]+")

#: The opening of the text whose paragraphs vote, and the most votes counted: enough for a foreign passage to
#: be outvoted, bounded so a long article costs a few lingua calls, not hundreds.
VOTE_CHARS = 6000
MAX_VOTES = 20
#: A voting unit has at least this many letters: a verdict on fewer is a guess, and the shorter paragraphs
#: are datelines, subheadings and "Baca juga" (read also) links.
MIN_VOTE_LETTERS = 30
# Paragraphs are separated by line breaks; a sentence ends at . ! or ? before a space and a capital, a digit
# or an opening quote ("... pada Rabu. Keduanya ..."). Abbreviations ("Dr. Retno") split too early, which
# only makes a unit shorter; short units are joined anyway.
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"“'(\[\w])")


@dataclass(frozen=True, slots=True)
class _MalayMarkers:
    threshold: int
    strong: frozenset[str]
    weak: frozenset[str]
    phrases: tuple[str, ...]
    indonesian: frozenset[str]


@functools.cache
def _malay_markers() -> _MalayMarkers:
    raw = load_yaml("malay_markers.yaml")
    return _MalayMarkers(
        threshold=int(raw["threshold"]),
        strong=frozenset(raw["strong"]),
        weak=frozenset(raw["weak"]),
        phrases=tuple(raw["phrases"]),
        indonesian=frozenset(raw["indonesian"]),
    )


@functools.cache
def _detector(codes: frozenset[str]) -> LanguageDetector:
    """The lingua detector for the confusable languages plus ``codes``, built once per process and set."""
    languages = set(CONFUSABLE_LANGUAGES)
    languages.update(lang for code in codes if (lang := _lingua_language(code)) is not None)
    log.debug("building the lingua detector for %d languages", len(languages))
    # Low-accuracy mode reads trigrams only. High accuracy loads lingua's larger models on the first call, 2-6 s
    # that every `warta extract` of a single page paid (issue 12), and costs ~40% more per article; on the 380
    # gold texts of corpus/train.jsonl and dev.jsonl both modes give every article its right language, and 96%
    # of their paragraphs the same label (most others Indonesian vs Malay, which the Malay markers settle).
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _lingua_language(code: str) -> Language | None:
    try:
        return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
    except (AttributeError, ValueError):
        return None


def _clean_sample(text: str) -> str:
    """The first :data:`SAMPLE_CHARS` characters with URLs, handles and numbers removed, spaces collapsed."""
    sample = _NOISE.sub(" ", text[: SAMPLE_CHARS + 500])
    return _SPACES.sub(" ", sample).strip()[:SAMPLE_CHARS]


def _looks_malaysian(sample: str) -> bool:
    """Whether a text lingua called Malay uses Malaysian rather than Indonesian vocabulary.

    "Menteri Kewangan berkata bahawa kerajaan akan memperuntukkan wang ..." scores bahawa + wang (strong, 2
    each) + berkata + kerajaan (weak, 1 each) = 6 against 0: Malaysian. "Kedua pemimpin sepakat untuk
    meningkatkan kerja sama di bidang pertahanan" has no marker at all: Indonesian.
    """
    markers = _malay_markers()
    lowered = sample.lower()
    words = set(_WORDS.findall(lowered))
    malaysian = 2 * len(words & markers.strong) + len(words & markers.weak)
    malaysian += 2 * sum(1 for phrase in markers.phrases if phrase in lowered)
    indonesian = 2 * len(words & markers.indonesian)
    return malaysian >= markers.threshold and malaysian > indonesian


def _language_name(code: str) -> str:
    if code == "ms":
        return "Malaysian Malay"  # Indonesian text that lingua calls Malay was folded into "id" before
    lang = _lingua_language(code)
    return lang.name.title() if lang is not None else "unknown"


def _unsupported(code: str, supported: Sequence[str], how: str) -> LanguageError:
    return LanguageError(
        f"unsupported language {code} ({_language_name(code)}, {how}); the languages setting allows "
        f"{', '.join(supported) or 'none'}, so the article is skipped",
        code="W241",
    )


def detect_language(text: str, *, supported: Sequence[str] = ("id", "en")) -> str:
    """Return the ISO 639-1 code of the language ``text`` is written in, one of ``supported``.

    Raises :class:`~warta.errors.LanguageError` with code ``W242`` when the text is too short or its language
    cannot be told, and ``W241`` (naming the language found) when it is not one of ``supported``. Text that
    lingua labels Malay counts as Indonesian unless it shows Malaysian vocabulary (see the module docstring).
    """
    sample = _clean_sample(text)
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters < MIN_LETTERS:
        raise LanguageError(
            f"text too short to tell its language ({letters} letters, at least {MIN_LETTERS} needed); "
            "set the article's language explicitly if it is known",
            code="W242",
        )
    detector = _detector(frozenset(supported))
    units = voting_units(text)
    if len(units) < 2:
        units = [sample]  # one unit: the old single verdict on the opening
    votes: dict[str, list[int]] = {}  # code -> [votes, letters]
    for k, unit in enumerate(units):
        found = detector.detect_language_of(unit)
        if found is not None:
            tally = votes.setdefault(found.iso_code_639_1.name.lower(), [0, 0])
            tally[0] += 1
            tally[1] += sum(1 for ch in unit if ch.isalpha())
        if _decided(votes, len(units) - k - 1):
            break  # the remaining units cannot change the winner (detection is the stage's main cost)
    if not votes:
        raise LanguageError(
            "could not tell the language of the text; set the article's language explicitly if it is known",
            code="W242",
        )
    code = _winner(votes)
    if code == "ms" and not _looks_malaysian(sample):
        code = "id"
    if code not in supported:
        raise _unsupported(code, supported, "detected")
    return code


def voting_units(text: str) -> list[str]:
    """The pieces of the opening of ``text`` that vote on its language: its paragraphs, or its sentences when
    it has fewer than three paragraphs, cleaned like the sample, at most :data:`MAX_VOTES` of them.

    Pieces with fewer than :data:`MIN_VOTE_LETTERS` letters and pieces still mangled by mojibake (ftfy's test
    for it: "YÄ ayyuhallaÅ¼Ä«na" after the bytes that would restore it were lost) do not vote.
    """
    pieces = [p for p in _PARAGRAPH_BREAK.split(text[:VOTE_CHARS]) if p]
    if len(pieces) < 3:
        pieces = [s for p in pieces for s in _SENTENCE_BREAK.split(p) if s]
    units: list[str] = []
    for piece in pieces:
        unit = _SPACES.sub(" ", _NOISE.sub(" ", piece)).strip()
        if sum(1 for ch in unit if ch.isalpha()) >= MIN_VOTE_LETTERS and not ftfy.is_bad(unit):
            units.append(unit)
            if len(units) == MAX_VOTES:
                break
    return units


def _decided(votes: dict[str, list[int]], remaining: int) -> bool:
    """Whether ``remaining`` more votes could not change :func:`_winner`'s answer: the leader (Indonesian and
    Malay pooled) is more than ``remaining`` votes ahead, and so is Indonesian or Malay within the pool."""
    id_votes, ms_votes = votes.get("id", [0, 0])[0], votes.get("ms", [0, 0])[0]
    counts = sorted([v[0] for c, v in votes.items() if c not in ("id", "ms")] + [id_votes + ms_votes, 0, 0])
    return counts[-1] - counts[-2] > remaining and abs(id_votes - ms_votes) > remaining


def _winner(votes: dict[str, list[int]]) -> str:
    """The language with the most votes; Malay and Indonesian pool theirs (lingua splits one article's
    paragraphs between them), the pool going to whichever of the two has more. Ties go to more letters."""
    pooled = {code: list(tally) for code, tally in votes.items() if code not in ("id", "ms")}
    malay = [votes.get("id", [0, 0]), votes.get("ms", [0, 0])]
    if malay[0][0] or malay[1][0]:
        pooled["ms" if malay[1] > malay[0] else "id"] = [malay[0][0] + malay[1][0], malay[0][1] + malay[1][1]]
    return max(pooled, key=lambda code: tuple(pooled[code]))


def normalise_language(code: str) -> str:
    """``"ID"``, ``"id-ID"`` and ``"en_US"`` -> ``"id"``, ``"id"``, ``"en"``: the primary ISO 639-1 subtag."""
    return re.split(r"[-_]", code.strip(), maxsplit=1)[0].lower()


def make_language_stage(settings: Settings) -> Stage:
    """The ``language`` stage: set ``article.language`` to the detected language, or refuse the article.

    A language already set on the article (given by the input or the user) is kept without detection, in
    its primary-subtag form ("id-ID" -> "id"), but must still be one of ``settings.languages``.
    """
    supported = tuple(normalise_language(code) for code in settings.languages)
    unknown = [code for code in supported if _lingua_language(code) is None]
    if unknown:
        raise SettingsError(
            f"setting languages: {', '.join(unknown)} is not an ISO 639-1 code that warta can detect; "
            "use codes such as id, en"
        )

    return stage(name="language", requires=["article"], assigns=["article.language"])(
        functools.partial(detect_article_language, supported=supported)
    )


def detect_article_language(article: Article, *, supported: tuple[str, ...]) -> Article:
    """The language stage's work: ``article`` with its language detected among ``supported``, or its own
    language (normalised) when the input set one."""
    if article.language:
        code = normalise_language(article.language)
        if code not in supported:
            raise _unsupported(code, supported, "set by the input")
        return article if code == article.language else replace(article, language=code)
    return replace(article, language=detect_language(article.text, supported=supported))
