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
4. **Status, date, place**: see :mod:`warta.coding.status` and :mod:`warta.coding.dates`.

Finally, statements whose words accuse another actor ("perang agresi" - war of aggression) are ACCUSE events
of their speaker, and repeated mentions of one event are merged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from warta.coding import arguments as args
from warta.coding.actors import actor_mentions
from warta.coding.arguments import SentenceView
from warta.coding.dates import event_date, find_dates
from warta.coding.lexicon import Lexicon, TriggerMatch, load_lexicon
from warta.coding.status import StatusCues, event_status, is_attributed, is_negated, status_cues, stronger
from warta.data import load_yaml
from warta.nlp.gazetteer import Gazetteer
from warta.pipeline import Stage, stage
from warta.records import SYMMETRIC_TYPES, Actor, AnnotatedArticle, Event, Quote

_TARGET_WINDOW = 20
# Conflictual and supportive acts always have a target, even when the sentence leaves it to the context.
_IMPLICIT_TARGET_TYPES = frozenset(
    {"ASSAULT", "ACCUSE", "THREATEN", "REQUEST", "SANCTION", "COERCE", "AID", "SUPPORT"}
)
# An event noun's participants stand close to it: "kerja sama militer antara kedua penguasa" (military
# cooperation between the two rulers) names no actor nearby, and a country ten words on is not its partner.
_NOUN_TARGET_WINDOW = 6
_OBJECT_WINDOW = 8
_EN_PASSIVE_AUX = frozenset({"was", "were", "been", "being", "is", "are", "be"})


@cache
def _accusation_words(language: str) -> tuple[tuple[str, ...], ...]:
    data = load_yaml("accusation_words.yaml")
    return tuple(tuple(w.lower().split()) for w in data["id" if language == "id" else "en"])


def _contains(words: Sequence[str], phrases: Sequence[tuple[str, ...]]) -> bool:
    for phrase in phrases:
        n = len(phrase)
        if any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1)):
            return True
    return False


def make_events_stage(gazetteer: Gazetteer) -> Stage:
    """The stage that adds events to an annotated article."""

    @stage(name="events", requires=["sentences", "entities", "quotes"], assigns=["events"])
    def add_events(doc: AnnotatedArticle) -> AnnotatedArticle:
        return replace(doc, events=code_events(doc, gazetteer))

    return add_events


def code_events(doc: AnnotatedArticle, gazetteer: Gazetteer) -> tuple[Event, ...]:
    """All events of an article, merged so that each real event appears once."""
    language = doc.article.language or "en"
    lexicon = load_lexicon(language)
    cues = status_cues(language)
    text = doc.article.text
    previous: list[Actor] = []  # actors of the previous sentence, for implied targets
    people: list[Actor] = []  # persons named so far, for "ia"/"he"
    last_sources: tuple[Actor, ...] = ()  # the latest event's source, for "mereka"/"they"
    events: list[tuple[Event, int]] = []
    for index, sentence in enumerate(doc.sentences):
        words = [t.text.lower() for t in sentence.tokens]
        matches = _drop_rejected_objects(lexicon.match(words))
        mentions = actor_mentions(text, sentence, doc.entities, gazetteer, language=language)
        view = SentenceView(
            sentence, words, mentions, is_attributed(words, cues), language, tuple(people), last_sources
        )
        for match in matches:
            event = _code_trigger(doc, view, match, lexicon, cues, previous)
            if event is not None:
                events.append((event, index))
                last_sources = event.source
        people.extend(m.actor for m in mentions if m.type == "PER")
        previous = [m.actor for m in mentions]
    events.extend(_accusations(doc, gazetteer, language))
    # The publication date stands in only where the text gives nothing better, and only for what happened:
    # a plan or a possibility has no date of its own. It is filled after merging, so that a fallback date
    # never keeps two mentions of one event apart.
    published = doc.article.published
    return tuple(
        replace(e, date=published) if e.date is None and e.status in ("asserted", "reported") and published else e
        for e in _merge(events)
    )


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


def _is_passive(view: SentenceView, match: TriggerMatch) -> bool:
    if view.language == "id":
        return match.passive
    prev = view.words[match.first - 1] if match.first > 0 else ""
    nxt = view.words[match.last + 1] if match.last + 1 < len(view.words) else ""
    if match.words[-1].endswith("ed") and nxt in ("of", "by"):
        return True  # a reduced passive: "Chinese firms accused of shipping ...", "ships seized by ..."
    return prev in _EN_PASSIVE_AUX and match.words[0].endswith(("ed", "en"))


def _implied_target(
    view: SentenceView, previous: Sequence[Actor], match: TriggerMatch, source_countries: set[str | None]
) -> list[Actor]:
    """GUIDE: an actor clearly meant but not named as the target counts, with ``text`` null. "Putaran pertama
    perundingan antara delegasi Rusia dan Ukraina ... sejak invasi skala penuh Rusia dimulai" (the first round
    of talks between Russia and Ukraine ... since Russia's full-scale invasion began): the invasion's target is
    the other party named in the sentence, or else in the previous one. A target phrase that names no actor
    rules this out: "ancaman Pyongyang terhadap wilayah tersebut" (Pyongyang's threat to the region)."""
    follows = view.words[match.last + 1 : match.last + 3]
    if any(w in view.fw.noun_target_prepositions for w in follows):
        return []
    place = view.fw.place_prepositions
    here = [m.actor for m in view.mentions if not (m.first > 0 and view.words[m.first - 1] in place)]
    for actor in [*here, *previous]:
        if actor.country and actor.country not in source_countries:
            return [Actor(text=None, name=actor.name, country=actor.country, sector=actor.sector or "GOV")]
    return []


def _drop_rejected_objects(matches: list[TriggerMatch]) -> list[TriggerMatch]:
    """An event noun right after a rejection is what is rejected, not an event of its own: "Wong menepis
    tudingan bahwa AUKUS ..." (Wong dismissed the accusation that AUKUS ...), "rejected the criticism"."""
    kept: list[TriggerMatch] = []
    for match in matches:
        if match.noun and kept and kept[-1].entry.type == "REJECT" and 0 < match.first - kept[-1].last <= 3:
            continue
        kept.append(match)
    return kept


def _code_trigger(
    doc: AnnotatedArticle,
    view: SentenceView,
    match: TriggerMatch,
    lexicon: Lexicon,
    cues: StatusCues,
    previous: Sequence[Actor],
) -> Event | None:
    entry = match.entry
    words = view.words
    tokens = view.sentence.tokens
    if is_negated(words, match.first, cues):
        return None
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
        mode = _mode_for(entry.type, found)
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
    target = [a for a in target if a.country not in source_countries]
    if not target and entry.type in _IMPLICIT_TARGET_TYPES:
        target = _implied_target(view, previous, match, source_countries)
    if entry.target_required and not target:
        return None
    speech_act = entry.speech and (quote is None or speaker is None or speaker.country in source_countries)
    status = event_status(
        words,
        match.first,
        cues,
        speech_act=speech_act,
        attributed=view.attributed or quote is not None,
        noun=match.noun,
    )
    sentence_text = doc.article.text[view.sentence.start : view.sentence.end]
    date = event_date(
        sentence_text,
        trigger_start - view.sentence.start,
        doc.article.published,
        future=status == "future",
        dates=find_dates(sentence_text),
    )
    trigger_end = tokens[match.last].end
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
        location=_location(doc, view),
        attributed_to=(quote.speaker if quote else None) if status == "reported" else None,
    )


def _participants(
    view: SentenceView,
    match: TriggerMatch,
    mode: str | None,
    passive: bool,
    quote: Quote | None,
    speaker: Actor | None,
) -> tuple[list[Actor], list[Actor]]:
    """Source and target of the event at ``match`` (see the module docstring for the rules)."""
    entry = match.entry
    after = match.last
    left, from_speaker = args.left_search(view, match.first, noun=match.noun)
    if passive:
        agent = args.agent_after(view, match.last)
        if agent:
            # "Kapal Filipina ditembaki oleh kapal China" (Philippine ships were fired on by Chinese ships).
            return agent, left
        owner = args.passive_subject_owner(view, match.first)
        if owner and entry.type in ("MOBILIZE", "AID"):
            # "pasukan Korea Utara telah dikerahkan ke Kursk": North Korea deployed its troops.
            left = owner
        elif not from_speaker:
            # Without an agent the doer is unknown, unless the clause reports what a speaker said: "Rusia
            # mengatakan bahwa perjanjian akan ditandatangani" (Russia said a treaty will be signed).
            return [], left
    source = left
    if match.noun:
        parties = args.between_parties(view, match.last)
        if parties:
            # "perundingan antara delegasi Rusia dan Ukraina" (talks between Russia's and Ukraine's delegations).
            return parties[0], parties[1]
        if view.language == "id":
            owner_mention = args.possessor(view, match.first, match.last)
            if owner_mention is not None:
                # "ancaman Pyongyang" (Pyongyang's threat), "Lawatan Putin" (Putin's visit): the actor after an
                # event noun is its doer, even when another actor stands before the noun.
                source, after = [owner_mention.actor], owner_mention.last
        else:
            source = args.english_owner(view, match.first, match.last) or source
    if quote is not None and speaker is not None:
        # Inside a quotation the subject is the speaker unless an actor stands right before the verb.
        near = [m for m in view.mentions if match.first - 3 <= m.last < match.first and m.first > 0]
        in_quote = [m for m in near if m.actor.start is not None and m.actor.start >= quote.start]
        source = [in_quote[-1].actor] if in_quote else ([speaker] if entry.speech else source)
    exclude = {a.country for a in source if a.country}
    # An event noun's target is close by, or introduced by a preposition: "sanksi terhadap Korea Utara",
    # "talks with China"; in English only the preposition counts ("Gaza ceasefire appears closer as US ...").
    window = _TARGET_WINDOW
    via_preposition = None
    if match.noun and after == match.last:
        via_preposition = view.fw.noun_target_prepositions if view.language == "en" else None
        follows = view.words[match.last + 1 : match.last + 3]
        if not any(w in view.fw.noun_target_prepositions for w in follows):
            window = _NOUN_TARGET_WINDOW
    target = args.right_search(
        view, after, exclude, places_count=mode in ("visit", "meet"), window=window,
        mobilize=entry.type == "MOBILIZE", prepositions=via_preposition,
    )  # fmt: skip
    if not target and mode == "visit":
        target = args.place_before(view, match.first, exclude)
    if entry.inverse:
        source, target = target, source
    return source, target


def _mode_for(event_type: str, object_class: str) -> str | None:
    """Mode from the object class: troops sent to a partner are military aid; ships deployed are a show of
    force."""
    if event_type == "AID":
        return "military" if object_class in ("troops", "ships") else object_class
    if event_type == "MOBILIZE":
        return {"troops": "troops", "military": "weapons", "ships": None}.get(object_class)
    return None


def _location(doc: AnnotatedArticle, view: SentenceView) -> str | None:
    """The first place named with "di"/"in"/"at" in the sentence."""
    s = view.sentence
    for ent in doc.entities:
        if s.start <= ent.start < s.end and ent.type == "LOC":
            idx = next((i for i, t in enumerate(s.tokens) if t.start == ent.start), None)
            if idx and view.words[idx - 1] in ("di", "in", "at"):
                return ent.text
    return None


def _accusations(doc: AnnotatedArticle, gazetteer: Gazetteer, language: str) -> list[tuple[Event, int]]:
    """ACCUSE events from statements whose words accuse another actor (see ``data/accusation_words.yaml``)."""
    phrases = _accusation_words(language)
    out: list[tuple[Event, int]] = []
    for quote in doc.quotes:
        if not quote.speaker_country:
            continue
        qwords = [w.lower() for w in quote.text.replace(",", " ").replace(".", " ").split()]
        if not _contains(qwords, phrases):
            continue
        index, sentence = next(
            ((i, s) for i, s in enumerate(doc.sentences) if s.start <= quote.start < s.end), (None, None)
        )
        if sentence is None or index is None:
            continue
        mentions = actor_mentions(doc.article.text, sentence, doc.entities, gazetteer, language=language)
        speaker_end = max(
            (m.actor.end or 0 for m in mentions if m.actor.text == quote.speaker), default=sentence.start
        )
        targets = [
            m.actor
            for m in mentions
            if (m.actor.start or 0) >= speaker_end
            and m.actor.country != quote.speaker_country
            and m.first > 0
            and sentence.tokens[m.first - 1].text.lower() not in args.function_words(language).place_prepositions
        ]
        if not targets:
            continue
        source = _speaker_actor(doc, quote)
        if source is None:
            continue
        sentence_text = doc.article.text[sentence.start : sentence.end]
        cue_at = sentence_text.find(quote.cue) if quote.cue else -1
        trigger_start = sentence.start + (cue_at if cue_at >= 0 else 0)
        trigger = quote.cue if cue_at >= 0 and quote.cue else sentence_text.split()[0]
        date = event_date(sentence_text, trigger_start - sentence.start, doc.article.published, future=False)
        out.append(
            (
                Event(
                    type="ACCUSE",
                    mode="disapprove",
                    source=(source,),
                    target=(targets[0],),
                    status="asserted",
                    trigger=trigger,
                    sentence=sentence_text,
                    start=trigger_start,
                    end=trigger_start + len(trigger),
                    date=date,
                ),
                index,
            )
        )
    return out


def _key(event: Event) -> tuple[str, str | None, frozenset[str], frozenset[str]]:
    """Identity of an event for merging: type, mode and dyad (unordered for symmetric types, but a visit
    has a direction: Putin visiting Pyongyang and Kim visiting Russia are two events)."""
    src = frozenset(a.country or "" for a in event.source)
    tgt = frozenset(a.country or "" for a in event.target)
    if event.type in SYMMETRIC_TYPES and event.mode != "visit" and sorted(src) > sorted(tgt):
        src, tgt = tgt, src
    return event.type, event.mode, src, tgt


def _merge(events: Sequence[tuple[Event, int]]) -> tuple[Event, ...]:
    """One event per real event: same type and dyad, and dates that do not contradict each other.

    Within one sentence the stronger status wins ("perjanjian ... akan ditandatangani": the noun and the verb
    are one future signing). Across sentences the first mention stands, except that a denial gives way to any
    other status (GUIDE: the denied event keeps the status its other mentions give it).
    """
    kept: list[tuple[Event, int]] = []
    for event, index in sorted(events, key=lambda item: item[0].start):
        for i, (other, other_index) in enumerate(kept):
            if _key(other) != _key(event):
                continue
            if other.date and event.date and other.date != event.date and index != other_index:
                continue
            if index == other_index:
                status = stronger(other.status, event.status)
            elif other.status == "denied":
                status = event.status
            else:
                status = other.status
            kept[i] = (replace(other, status=status, date=other.date or event.date), other_index)
            break
        else:
            kept.append((event, index))
    return tuple(e for e, _ in kept)
