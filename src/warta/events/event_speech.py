"""What quotations and speech lend the event coder.

- The direct quotation a trigger stands in, and its speaker as an actor: a statement inside a quotation belongs
  to its speaker ("Kim Jong Un mengatakan negaranya akan ... mendukung ..." - Kim said his country would
  support ...).
- Who "you" is in a quotation: '"We highly appreciate your support," Putin was quoted as saying at the start of
  talks with Kim' - "your" is North Korea.
- Whether a sentence passes on what other media reported ("Putin was quoted by RIA as saying ...", "...,
  Russian media reported"): such a statement is reported, not witnessed.
- Which triggers are the content of a demand, threat, refusal or offer, not events of their own
  (:func:`speech_contents`; both coders).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from warta.data import all_language_words
from warta.events import arguments as args
from warta.events.arguments import SentenceView
from warta.quotes.actors import ActorMention
from warta.records import Actor, AnnotatedArticle, Quote, Sentence

_RELAY_WORDS = all_language_words("event_words.yaml", "relay")

# Speech acts whose content is an act the addressee or the speaker may do: "meminta China untuk menarik kapal"
# (asked China to withdraw the ship), "threatened to ban", "refused to deploy peacekeepers".
_CONTENT_SPEECH_TYPES = frozenset({"REQUEST", "THREATEN", "REJECT", "AGREE"})
_CONTENT_WINDOW = 6
_PURPOSE_WORDS = all_language_words("event_words.yaml", "purpose_complementizers")


def speech_contents(
    triggers: Sequence[tuple[int, int, str, bool]], words: Sequence[str], purpose: frozenset[str]
) -> set[int]:
    """Which of a sentence's ``triggers`` (first word, last word, type, whether a noun; in order) are the act
    inside an earlier demand, threat, refusal or offer: a verb after "untuk"/"agar"/"to" (``purpose`` and
    event_words.yaml purpose_complementizers) within six words of such a trigger. GUIDE: a speech act whose
    content is an event yields the speech event only ("Iran threatened to launch a new offensive" is a threat,
    not an attack)."""
    dropped: set[int] = set()
    speech: tuple[int, int, str, bool] | None = None
    for k, (first, _, etype, noun) in enumerate(triggers):
        if (
            speech is not None
            and not noun
            and 0 < first - speech[1] <= _CONTENT_WINDOW
            and any(w in purpose or w in _PURPOSE_WORDS for w in words[speech[1] + 1 : first])
        ):
            dropped.add(k)
            continue
        if etype in _CONTENT_SPEECH_TYPES:
            speech = triggers[k]
    return dropped


def _with_addressees(
    doc: AnnotatedArticle,
    sentence: Sentence,
    words: Sequence[str],
    mentions: list[ActorMention],
    previous: Sequence[Actor],
) -> list[ActorMention]:
    """Second-person pronouns in a quotation as mentions of the addressee: the first actor of another country
    named outside the quotation in the sentence, else in the sentence before ("We highly appreciate your
    support," Putin was quoted as saying at the start of talks with Kim: "your" is North Korea)."""
    second = args.function_words(doc.article.language or "en").second_person
    if not any(w in second for w in words):
        return mentions
    quote = next(
        (
            q
            for q in doc.quotes
            if q.direct and q.speaker_country and q.start < sentence.end and sentence.start < q.end
        ),
        None,
    )
    if quote is None:
        return mentions

    def inside(start: int | None) -> bool:
        return start is not None and quote.start <= start < quote.end

    others = [
        m.actor
        for m in mentions
        if not inside(m.actor.start)
        and m.kind != "outlet"
        and m.actor.country not in (None, quote.speaker_country)
    ] or [a for a in previous if a.country not in (None, quote.speaker_country)]
    if not others:
        return mentions
    added = [
        ActorMention(k, k, replace(others[0], text=t.text, start=t.start, end=t.end), "pronoun", "PER")
        for k, t in enumerate(sentence.tokens)
        if words[k] in second and inside(t.start)
    ]
    return sorted([*mentions, *added], key=lambda m: m.first)


def _quote_at(doc: AnnotatedArticle, pos: int) -> Quote | None:
    for q in doc.quotes:
        if q.direct and q.start <= pos < q.end:
            return q
    return None


def _speaker_actor(doc: AnnotatedArticle, quote: Quote) -> Actor | None:
    if not quote.speaker or not quote.speaker_country:
        return None
    for ent in doc.entities:
        if ent.text == quote.speaker or ent.name == quote.speaker:
            return Actor(
                text=quote.speaker,
                name=ent.name or ent.text,
                country=ent.country,
                sector=ent.sector or "GOV",
                role=ent.role,
                start=None,
                end=None,
            )
    return Actor(text=quote.speaker, name=quote.speaker, country=quote.speaker_country, sector="GOV")


def _relayed_by_media(view: SentenceView) -> bool:
    """Whether the sentence passes on what a news outlet or "media" reported."""
    if not any(w in _RELAY_WORDS for w in view.words):
        return False
    return any(m.kind == "outlet" or m.actor.sector == "MED" for m in view.mentions) or "media" in view.words
