"""The event coder: PLOVER events with actors, status, date and place, one per real event per article.

For each sentence with a trigger word (``data/triggers_<lang>.yaml``):

1. **Checks**: a negated trigger is no event ("tidak mengirim senjata" - did not send weapons); a trigger that
   needs an object gets its mode from it or is dropped ("mengirim teknologi" - AID technology; "mengirim
   surat", sending a letter, is nothing).
2. **Source**: the nearest actor before the trigger in its clause, with coordinated actors ("Moskow dan
   Pyongyang membantah" - Moscow and Pyongyang denied: both are sources). Actors after a preposition are
   places or recipients, not subjects ("bertolak ke Vietnam ... pembicaraan" - Vietnam is not who talks).
   "yang"/"which" means the subject is the noun before it. A pronoun ("ia", "he") is the last person named.
   A passive verb takes its source from "oleh"/"by" ("ditembaki oleh kapal China" - fired on by Chinese
   ships). An event noun may take its source right after it ("Lawatan Putin" - Putin's visit). A
   statement inside a quotation belongs to the speaker ("Kim Jong Un mengatakan negaranya akan ... mendukung
   ..." - Kim said his country would support ...).
3. **Target**: the first actor after the trigger that is not the source's country, skipping places ("di
   Ukraina" - in Ukraine) except as the destination of a visit. Symmetric events with two coordinated
   subjects and no object are between them ("Kim Jong Un dan Putin memulai pembicaraan").
4. **Status, date, place**: see :mod:`warta.events.status` and :mod:`warta.events.dates`.

Finally, statements whose words accuse another actor ("perang agresi" - war of aggression) are ACCUSE events
of their speaker (:mod:`warta.events.accusations`), and repeated mentions of one event are merged
(:mod:`warta.events.merge`).

Steps 2 and 3 are :mod:`warta.events.event_participants`, and what quotations lend them (the speaker of a
statement, who "you" is) :mod:`warta.events.event_speech`; this module holds the loop over an article's
sentences, the checks of step 1 and the making of each event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from warta.events import arguments as args
from warta.events.accusations import _accusations
from warta.events.arguments import SentenceView
from warta.events.dates import event_date, find_dates, is_background, reference_date
from warta.events.derived import announced_threat, conditional_threat, pledge, refusal_mode
from warta.events.event_model import EventModel, code_with_model, load_event_model
from warta.events.event_participants import (
    _aimed_place,
    _implied_target,
    _is_passive,
    _names_a_non_actor_target,
    _participants,
)
from warta.events.event_speech import (
    _quote_at,
    _relayed_by_media,
    _speaker_actor,
    _with_addressees,
    speech_contents,
)
from warta.events.lexicon import Lexicon, TriggerMatch, load_lexicon
from warta.events.merge import merge_dated
from warta.events.places import event_place
from warta.events.quantities import quantity_near
from warta.events.status import (
    StatusCues,
    attributed_at,
    event_status,
    is_attributed,
    is_negated,
    status_cues,
)
from warta.nlp.gazetteer import Gazetteer
from warta.pipeline import Stage, stage
from warta.quotes.actors import ArticleMentions
from warta.records import SYMMETRIC_TYPES, Actor, AnnotatedArticle, Entity, Event

# Conflictual and supportive acts always have a target, even when the sentence leaves it to the context.
_IMPLICIT_TARGET_TYPES = frozenset(
    {"ASSAULT", "ACCUSE", "THREATEN", "REQUEST", "SANCTION", "COERCE", "AID", "SUPPORT"}
)
_OBJECT_WINDOW = 8
# Material acts come in amounts ("mengirimkan hampir 5 juta peluru artileri", "deployed 500 troops", "killed 23
# people"); a number near a statement belongs to what the statement is about.
_QUANTIFIED_TYPES = frozenset(
    {"AID", "MOBILIZE", "ASSAULT", "COERCE", "RETREAT", "SANCTION", "PROTEST", "COOPERATE"}
)


class AddEvents:
    """The events stage's work bound to a gazetteer and the learned event model (None: the rule coder alone);
    a module-level callable, so the stage pickles."""

    def __init__(self, gazetteer: Gazetteer, model: EventModel | None) -> None:
        self.gazetteer = gazetteer
        self.model = model

    def __call__(self, doc: AnnotatedArticle) -> AnnotatedArticle:
        mentions = ArticleMentions(doc, self.gazetteer)
        coded = replace(doc, events=code_events(doc, self.gazetteer, mentions))
        if self.model is None:
            return coded
        return replace(doc, events=code_with_model(coded, self.gazetteer, self.model, mentions))


def make_events_stage(gazetteer: Gazetteer, *, learned: bool = True) -> Stage:
    """The stage that adds events to an annotated article: the rule coder's, decided by the learned event model
    when one is shipped and ``learned`` is set (:mod:`warta.events.event_model`)."""
    model = load_event_model() if learned else None
    return stage(name="events", requires=["sentences", "entities", "quotes"], assigns=["events"])(
        AddEvents(gazetteer, model)
    )


class _Pairs:
    """The two sides that "kedua negara", "kedua pihak", "both sides" refer to: the pair of countries that
    the article's events so far link most often, the latest on a tie. In "Blinken met Wang ... Wang rejected
    the criticism and accused Manila ... Both sides agreed to keep communication open", both sides are the
    United States and China (four events), not China and the Philippines named last (one)."""

    def __init__(self) -> None:
        self._count: dict[frozenset[str | None], int] = {}
        self._latest: dict[frozenset[str | None], tuple[int, tuple[Actor, Actor]]] = {}
        self._seen = 0

    def add(self, source: Actor, target: Actor) -> None:
        key = frozenset((source.country, target.country))
        self._seen += 1
        self._count[key] = self._count.get(key, 0) + 1
        self._latest[key] = (self._seen, (source, target))

    def main(self) -> tuple[Actor, ...]:
        if not self._count:
            return ()
        key = max(self._count, key=lambda k: (self._count[k], self._latest[k][0]))
        return self._latest[key][1]


def code_events(
    doc: AnnotatedArticle, gazetteer: Gazetteer, mentions: ArticleMentions | None = None
) -> tuple[Event, ...]:
    """All events of an article, merged so that each real event appears once. ``mentions`` may be shared with
    the learned coder, which reads the same sentences' actors."""
    mentions_of = mentions or ArticleMentions(doc, gazetteer)
    language = doc.article.language or "en"
    lexicon = load_lexicon(language)
    cues = status_cues(language)
    text = doc.article.text
    previous: list[Actor] = []  # actors of the previous sentence, for implied targets
    people: list[Actor] = []  # persons named so far, for "ia"/"he"
    last_sources: tuple[Actor, ...] = ()  # the latest event's source, for "mereka"/"they"
    pairs = _Pairs()  # the two sides of the story so far, for "kedua negara"/"both sides"
    events: list[tuple[Event, int]] = []
    background: set[int] = set()  # trigger offsets of events told as background ("telah", "had")
    nouns: set[int] = set()  # trigger offsets of event nouns, which may refer back to any earlier event
    for index, sentence in enumerate(doc.sentences):
        words = [t.text.lower() for t in sentence.tokens]
        matches = _drop_speech_contents(_drop_rejected_objects(lexicon.match(words)), words, cues)
        if not matches:
            # Only what later sentences need: the people named (for "ia"/"he") and the actors (implied targets).
            named = [e for e in doc.entities if sentence.start <= e.start < sentence.end and e.country]
            people.extend(_entity_actor(e) for e in named if e.type == "PER")
            previous = [_entity_actor(e) for e in named]
            continue
        mentions = _with_addressees(doc, sentence, words, mentions_of(sentence), previous)
        view = SentenceView(
            sentence, words, mentions, is_attributed(words, cues), language, tuple(people), last_sources,
            pairs.main(),
        )  # fmt: skip
        for match in matches:
            event = _code_trigger(doc, view, match, lexicon, cues, previous, gazetteer)
            if event is None:
                continue
            stated = view.attributed or any(w in cues.statement for w in words[: match.first])
            announced = [
                pledge(event, words, match.first, cues, stated),
                announced_threat(event, words, match.first, cues, stated),
                conditional_threat(event, words, match.first, cues),
            ]
            events.extend((e, index) for e in [event, *announced] if e is not None)
            last_sources = event.source
            if event.source and event.target and event.source[0].country != event.target[0].country:
                pairs.add(event.source[0], event.target[0])
            if is_background(words, match.first, language):
                background.add(event.start)
            if match.noun:
                nouns.add(event.start)
        people.extend(m.actor for m in mentions if m.type == "PER")
        previous = [m.actor for m in mentions]
    events.extend(_accusations(doc, gazetteer, language))
    return merge_dated(events, text, doc.article.published, background=background, nouns=nouns)


def _entity_actor(ent: Entity) -> Actor:
    sector = ent.sector or ("GOV" if ent.kind in ("country", "capital", "seat") else None)
    return Actor(ent.text, ent.name or ent.text, ent.country, sector, ent.role, ent.start, ent.end)


def _drop_rejected_objects(matches: list[TriggerMatch]) -> list[TriggerMatch]:
    """An event noun right after a rejection is what is rejected, not an event of its own: "Wong menepis
    tudingan bahwa AUKUS ..." (Wong dismissed the accusation that AUKUS ...), "rejected the criticism"."""
    kept: list[TriggerMatch] = []
    for match in matches:
        if match.noun and kept and kept[-1].entry.type == "REJECT" and 0 < match.first - kept[-1].last <= 3:
            continue
        if (
            match.noun
            and match.entry.type in _APPROVED_TYPES
            and kept
            and kept[-1].entry.type == "AGREE"
            and not kept[-1].noun
            and 0 < match.first - kept[-1].last <= 3
        ):
            # "Departemen Luar Negeri AS menyetujui proposal penjualan tiga sistem senjata ke Taiwan" (approved
            # the proposed sale of three weapons systems): the approval is the sale, AID, not an agreement.
            kept.pop()
        kept.append(match)
    return kept


_APPROVED_TYPES = frozenset({"AID", "SANCTION", "MOBILIZE"})


def _drop_speech_contents(
    matches: list[TriggerMatch], words: Sequence[str], cues: StatusCues
) -> list[TriggerMatch]:
    """The act inside a demand, threat, refusal or offer is not an event of its own (:func:`speech_contents`)."""
    dropped = speech_contents([(m.first, m.last, m.entry.type, m.noun) for m in matches], words, cues.purpose)
    return [m for k, m in enumerate(matches) if k not in dropped]


def _code_trigger(
    doc: AnnotatedArticle,
    view: SentenceView,
    match: TriggerMatch,
    lexicon: Lexicon,
    cues: StatusCues,
    previous: Sequence[Actor],
    gazetteer: Gazetteer,
) -> Event | None:
    entry = match.entry
    words = view.words
    tokens = view.sentence.tokens
    refusal = None
    if is_negated(words, match.first, cues):
        refusal = refusal_mode(entry, words, match.first, cues)
        if refusal is None:
            return None
        # "Syria says it will not accept any more refugees", "Ukraina tidak akan mengirim pasukan" (will not
        # send troops): a refusal is a REJECT by the one who refuses.
        entry = replace(entry, type="REJECT", mode=refusal, target_required=False, speech=True)
        match = replace(match, entry=entry)
    passive = _is_passive(view, match)
    mode = entry.mode
    if entry.objects:
        # The object follows an active verb ("mengirim senjata") and precedes a passive one ("senjata
        # dikirim", weapons were sent).
        after_words = words[match.last + 1 : match.last + 1 + _OBJECT_WINDOW]
        before_words = words[max(0, match.first - 4) : match.first] if passive else []
        found = lexicon.object_class(after_words, entry.objects) or lexicon.object_class(
            before_words, entry.objects
        )
        if found is None:
            return None
        mode = refusal or _mode_for(entry.type, found)
    trigger_start = tokens[match.first].start
    quote = _quote_at(doc, trigger_start)
    speaker = _speaker_actor(doc, quote) if quote else None
    source, target = _participants(view, match, mode, passive, quote, speaker)
    if not source:
        return None
    if not target and (entry.type in SYMMETRIC_TYPES or entry.reciprocal) and len(source) >= 2:
        # "Kim Jong Un dan Putin memulai pembicaraan" (Kim and Putin began talks): between the two of them;
        # an exchange of prisoners has the first-named side as source.
        source, target = source[:1], source[1:]
    source_countries = {a.country for a in source}
    target = [a for a in target if entry.domestic or args.is_other_party(a, source)]
    if not target and entry.type in _IMPLICIT_TARGET_TYPES:
        target = _implied_target(view, previous, match, source_countries)
        if not target and match.noun and _names_a_non_actor_target(view, match):
            # "ancaman Pyongyang terhadap wilayah tersebut" (Pyongyang's threat to the region): aimed at no
            # political actor, so no event between actors.
            return None
    if not target and entry.type == "MOBILIZE":
        target = _aimed_place(doc, view, match, gazetteer)
    if entry.target_required and not target:
        return None
    if entry.type == "COERCE" and all(a.sector in _CIVIL_SECTORS for a in source):
        # Civilians or the opposition blocking roads or a bridge protest; they do not coerce: "Young Algerians
        # blocked roads leading to the city centre to press their demands".
        entry = replace(entry, type="PROTEST", mode="demo")
    speech_act = entry.speech and (quote is None or speaker is None or speaker.country in source_countries)
    if speech_act and _relayed_by_media(view):
        # A statement the outlet has from other media is reported, not witnessed: "Putin was quoted by RIA as
        # saying ...", "..., Russian media reported".
        speech_act = False
    status = event_status(
        words,
        match.first,
        cues,
        speech_act=speech_act,
        attributed=(view.attributed and attributed_at(words, match.first, cues)) or quote is not None,
        noun=match.noun,
    )
    if refusal is not None:
        status = "asserted"  # the refusal itself happened, whatever modal it is phrased with
    sentence_text = doc.article.text[view.sentence.start : view.sentence.end]
    date = event_date(
        sentence_text,
        trigger_start - view.sentence.start,
        reference_date(doc.article.text, doc.article.published),
        future=status == "future",
        reported=status == "reported" and not is_background(words, match.first, view.language),
        dates=find_dates(sentence_text),
    )
    trigger_end = tokens[match.last].end
    quantity = None
    if entry.type in _QUANTIFIED_TYPES:
        quantity = quantity_near(
            sentence_text, trigger_start - view.sentence.start, trigger_end - view.sentence.start, view.language
        )
    place = event_place(
        doc.article.text, view.sentence, doc.entities, (trigger_start, trigger_end),
        event_type=entry.type, mode=mode, language=view.language, gazetteer=gazetteer,
    )  # fmt: skip
    return Event(
        type=entry.type,
        mode=mode,
        source=tuple(source),
        target=tuple(target),
        status=status,
        trigger=doc.article.text[trigger_start:trigger_end],
        sentence=sentence_text,
        start=trigger_start,
        end=trigger_end,
        date=date,
        location=place.text if place else None,
        place=place,
        attributed_to=(quote.speaker if quote else None) if status == "reported" else None,
        quantity=quantity,
    )


_CIVIL_SECTORS = frozenset({"CVL", "OPP"})


def _mode_for(event_type: str, object_class: str) -> str | None:
    """Mode from the object class: troops sent to a partner are military aid; ships deployed are a show of
    force."""
    if event_type == "AID":
        return "military" if object_class in ("troops", "ships") else object_class
    if event_type == "MOBILIZE":
        return {"troops": "troops", "military": "weapons", "ships": None}.get(object_class)
    return None
