"""Hand-built annotated articles for the claims tests, and helpers to look at a ledger.

Articles are written paragraph by paragraph; each paragraph is one sentence, and an event is placed by its
trigger word, so offsets are always right and a test reads like the text it codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from store_backends import table_rows
from warta.records import Actor, AnnotatedArticle, Article, Entity, Event, Quote, Sentence
from warta.store.sql import SqlStore

#: Tables the claims ledger writes (migration m002_claims).
LEDGER_TABLES = ("article_clusters", "article_bands", "claim_evidence", "event_denials", "claims", "claim_stances")

COUNTRIES = {
    "Rusia": "RUS", "Moskow": "RUS", "Korea Utara": "PRK", "Pyongyang": "PRK", "Shin Wonsik": "KOR",
    "China": "CHN", "Beijing": "CHN", "Filipina": "PHL", "Manila": "PHL", "Amerika Serikat": "USA",
    "Russia": "RUS", "Moscow": "RUS", "United States": "USA", "Ukraine": "UKR", "Washington": "USA",
}  # fmt: skip


@dataclass(frozen=True)
class Ev:
    """An event to place in a paragraph: its trigger word (the ``nth`` occurrence in the paragraph) and
    actors by their mention (countries looked up in :data:`COUNTRIES`)."""

    paragraph: int
    trigger: str
    type: str
    source: Sequence[str]
    target: Sequence[str] = ()
    status: str = "asserted"
    mode: str | None = None
    date: str | None = None
    attributed_to: str | None = None
    nth: int = 0


@dataclass(frozen=True)
class Qu:
    """A quote covering a whole paragraph."""

    paragraph: int
    speaker: str
    via: str | None = None


@dataclass
class Story:
    """Paragraphs with the events and quotes found in them."""

    paragraphs: Sequence[str]
    events: Sequence[Ev] = ()
    quotes: Sequence[Qu] = ()
    extra_sentences: list[Sentence] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def span(self, paragraph: int) -> tuple[int, int]:
        start = sum(len(p) + 2 for p in self.paragraphs[:paragraph])
        return start, start + len(self.paragraphs[paragraph])


def _actors(story: Story, paragraph: int, mentions: Sequence[str]) -> tuple[Actor, ...]:
    start, _ = story.span(paragraph)
    text = story.paragraphs[paragraph]
    out = []
    for mention in mentions:
        at = text.find(mention)
        offsets = (start + at, start + at + len(mention)) if at >= 0 else (None, None)
        out.append(Actor(mention, name=mention, country=COUNTRIES.get(mention), start=offsets[0], end=offsets[1]))
    return tuple(out)


def build(
    story: Story,
    *,
    article_id: str = "a1",
    outlet: str | None = "Kabar Contoh",
    published: str | None = "2024-06-19",
    url: str | None = None,
    language: str = "id",
) -> AnnotatedArticle:
    """The :class:`AnnotatedArticle` of ``story``."""
    text = story.text
    events = []
    for ev in story.events:
        start, end = story.span(ev.paragraph)
        paragraph = story.paragraphs[ev.paragraph]
        at = -1
        for _ in range(ev.nth + 1):
            at = paragraph.index(ev.trigger, at + 1)
        events.append(
            Event(
                type=ev.type,
                source=_actors(story, ev.paragraph, ev.source),
                target=_actors(story, ev.paragraph, ev.target),
                status=ev.status,
                trigger=ev.trigger,
                sentence=paragraph,
                start=start + at,
                end=start + at + len(ev.trigger),
                mode=ev.mode,
                date=ev.date,
                attributed_to=ev.attributed_to,
            )  # fmt: skip
        )
    quotes = tuple(
        Quote(
            q.speaker,
            story.paragraphs[q.paragraph],
            *story.span(q.paragraph),
            direct=False,
            speaker_country=COUNTRIES.get(q.speaker),
            cue="kata",
            via=q.via,
        )  # fmt: skip
        for q in story.quotes
    )
    entities = tuple(
        Entity(name, "LOC", text.index(name), text.index(name) + len(name), country=code)
        for name, code in COUNTRIES.items()
        if name in text
    )
    return AnnotatedArticle(
        article=Article(
            id=article_id,
            source=f"{article_id}.txt",
            text=text,
            url=url,
            published=published,
            language=language,
            outlet=outlet,
        ),  # fmt: skip
        sentences=tuple(Sentence(*story.span(i)) for i in range(len(story.paragraphs))),
        entities=entities,
        quotes=quotes,
        events=tuple(events),
    )


def ledger_dump(store: SqlStore) -> dict[str, list[tuple]]:
    """The ledger tables of ``store`` (either backend), each as a sorted list of rows."""
    return table_rows(store, LEDGER_TABLES)


# An original Indonesian story with the shape of the seed: an arms transfer shown by satellite imagery and
# stated by the outlet, a denial by both accused, the reverse transfer reported by a named official, and a
# possible future transfer that nobody denies.
ARMS = Story(
    paragraphs=[
        "Citra satelit menunjukkan Korea Utara mengirim peluru artileri ke Rusia sejak September.",
        "Moskow dan Pyongyang membantah adanya pengiriman senjata itu, meskipun buktinya banyak.",
        "Pyongyang telah memasok amunisi kepada Moskow untuk perang di Ukraina.",
        "Rusia telah mengirim teknologi satelit ke Korea Utara, kata Menteri Pertahanan Korea Selatan "
        "Shin Wonsik dalam wawancara dengan sebuah kantor berita.",
        "Rusia kemungkinan akan mengirim teknologi militer ke Korea Utara.",
    ],
    events=[
        Ev(
            0,
            "mengirim",
            "AID",
            ["Korea Utara"],
            ["Rusia"],
            status="reported",
            mode="military",
            attributed_to="Citra satelit",
        ),
        Ev(1, "membantah", "REJECT", ["Moskow", "Pyongyang"], mode="allegation", date="2024-06-19"),
        Ev(2, "memasok", "AID", ["Pyongyang"], ["Moskow"], mode="military"),
        Ev(3, "mengirim", "AID", ["Rusia"], ["Korea Utara"], status="reported", mode="technology"),
        Ev(4, "mengirim", "AID", ["Rusia"], ["Korea Utara"], status="hypothetical", mode="military"),
    ],  # fmt: skip
    quotes=[Qu(3, "Shin Wonsik")],
)
