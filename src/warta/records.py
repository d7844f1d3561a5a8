"""The records that cross stage boundaries.

Every stage of the pipeline takes one of these and returns the next::

    Page  --extract-->  Article  --language/segment/entities/quotes/events-->  AnnotatedArticle
                 \\______________________________________________________/
                                   any stage may instead give a Failure

All records are frozen dataclasses with slots: they pickle cleanly to Dask workers, a retry can never see a
half-updated record, and a stage "changes" one with :func:`dataclasses.replace`. Offsets (``start``/``end``)
always index ``Article.text`` (Python string indices, end exclusive).
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA = "warta/1"

#: The sixteen PLOVER 2.0 event types, grouped by quad class (see ``corpus/GUIDE.md``).
QUAD_CLASSES: dict[str, tuple[str, ...]] = {
    "verbal cooperation": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    "material cooperation": ("COOPERATE", "AID", "RETREAT"),
    "verbal conflict": ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
    "material conflict": ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}
EVENT_TYPES: tuple[str, ...] = tuple(t for types in QUAD_CLASSES.values() for t in types)
#: Types whose source and target may be swapped when matching (an agreement between A and B is also one
#: between B and A).
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
STATUSES: tuple[str, ...] = ("asserted", "reported", "denied", "future", "hypothetical")
ENTITY_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC")


@dataclass(frozen=True, slots=True)
class Page:
    """One input document as read or fetched, before extraction.

    ``html`` holds one string per page of a multi-page article, in reading order; it is empty when the input
    was plain text (``text`` is then set). ``source`` says where it came from (a path, a URL, ``stdin``,
    ``file.jsonl:12``) and is what failures and ``--out`` file names refer to.
    """

    source: str
    url: str | None = None
    html: tuple[str, ...] = ()
    text: str | None = None
    published: str | None = None
    record_id: str | None = None
    language: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Caption:
    """An image caption kept apart from the body: "Program rudal Kim Jong Un (Sumber: Bloomberg)"."""

    text: str
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Limit:
    """A per-article budget this article reached, and what warta did about it.

    ``setting`` names the budget (``max_article_chars``: the text was cut to ``limit`` characters of
    ``found``; ``max_sentence_tokens``: a sentence of ``found`` tokens was read as pieces of at most
    ``limit``), so a user sees that something was left out and which setting to raise.
    """

    setting: str
    limit: int
    found: int


@dataclass(frozen=True, slots=True)
class Article:
    """The cleaned article: body text plus metadata. ``id`` is the input's own id or a content hash.

    ``repairs`` names what extraction had to mend in the input before reading it (``"mojibake"``: UTF-8 text
    that had been read as Latin-1 or Windows-1252); empty for an input that needed nothing. ``limits`` lists
    the budgets the article reached (:class:`Limit`); empty for an article read whole.
    """

    id: str
    source: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    captions: tuple[Caption, ...] = ()
    repairs: tuple[str, ...] = ()
    limits: tuple[Limit, ...] = ()


@dataclass(frozen=True, slots=True)
class Token:
    """A token with its offsets; ``pos``/``lemma``/``head``/``dep`` are filled when a parser ran."""

    text: str
    start: int
    end: int
    pos: str | None = None
    lemma: str | None = None
    head: int | None = None  # index of the head token within the sentence
    dep: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence span of ``Article.text`` and its tokens."""

    start: int
    end: int
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """One mention of a named person, organisation or place.

    ``name`` is the canonical form ("Korea Utara" and "North Korea" both have name "North Korea"); ``kind``
    says what resolved it (country, capital, leader, igo, organisation, ner, ...); ``sector`` and ``role``
    come from the actor dictionaries when known ("Antony Blinken" -> GOV, "foreign minister").
    """

    text: str
    type: str
    start: int
    end: int
    country: str | None = None
    name: str | None = None
    kind: str | None = None
    sector: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A participant in an event: the mention (``text``, may be None when only implied) and who it is."""

    text: str | None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker. ``via`` is an intermediary ("menurut layanan berita Interfax")."""

    speaker: str | None
    text: str
    start: int
    end: int
    direct: bool = True
    speaker_country: str | None = None
    cue: str | None = None
    via: str | None = None
    speaker_start: int | None = None  # where the speaker is named (for a pronoun: the person it stands for)
    speaker_end: int | None = None
    speaker_actor: Actor | None = None  # country, sector, role (warta.quotes.speaker_actors)
    speaker_affiliation: str | None = None  # the body they speak for ("Kementerian Luar Negeri China")


@dataclass(frozen=True, slots=True)
class Quantity:
    """An amount attached to an event: "hampir 5 juta peluru artileri" -> 5000000, approx, artillery shells."""

    value: float
    unit: str | None = None
    approx: bool = False
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened: the mention (``text``, article offsets) and what it resolved to.

    ``kind`` is the gazetteer kind (country, capital, place, seat) or None when the gazetteer does not know the
    name; ``lat``/``lon`` are decimal degrees, None for countries and unknown places.
    """

    text: str
    name: str
    country: str | None = None
    kind: str | None = None
    lat: float | None = None
    lon: float | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER 2.0 event with its evidence (``trigger``, ``sentence`` and offsets into the text)."""

    type: str
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    status: str
    trigger: str
    sentence: str
    start: int
    end: int
    mode: str | None = None
    date: str | None = None
    location: str | None = None
    attributed_to: str | None = None
    quantity: Quantity | None = None
    place: Place | None = None  # resolved ``location``


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    """An article with everything warta found in it."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be processed: stored as a row, never raised past the runner.

    ``transient`` failures (a timeout, a 503) may succeed on retry; terminal ones (binary file, unsupported
    language) will not.
    """

    source: str
    stage: str
    code: str
    reason: str
    url: str | None = None
    transient: bool = False
    record_id: str | None = None

