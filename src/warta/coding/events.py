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
from dataclasses import dataclass, replace
from functools import cache

from warta.coding.actors import ActorMention, actor_mentions
from warta.coding.cues import cues_for
from warta.coding.dates import event_date, find_dates
from warta.coding.lexicon import Lexicon, TriggerMatch, load_lexicon
from warta.coding.status import StatusCues, event_status, is_attributed, is_negated, status_cues, stronger
from warta.data import load_yaml
from warta.nlp.gazetteer import Gazetteer
from warta.pipeline import Stage, stage
from warta.records import SYMMETRIC_TYPES, Actor, AnnotatedArticle, Event, Quote, Sentence

# Prepositions after which an actor is a place, an origin or a recipient, never the subject of a later verb.
_PREPOSITIONS = frozenset(
    {
        "di",
        "ke",
        "dari",
        "kepada",
        "dengan",
        "terhadap",
        "atas",
        "untuk",
        "bagi",
        "oleh",
        "antara",
        "in",
        "at",
        "to",
        "from",
        "with",
        "against",
        "on",
        "by",
        "for",
        "between",
        "toward",
        "towards",
        "into",
    }
)
# Prepositions of place: their actor is where something happened ("di Ukraina", "in Manila").
_PLACE_PREPOSITIONS = frozenset({"di", "dari", "in", "at", "from", "near", "dekat"})
_AGENT_MARKERS = frozenset({"oleh", "by"})
_RELATIVE = frozenset({"yang", "which", "who", "whom"})
_COORDINATORS = frozenset({"dan", "serta", "and", ","})
_HARD_BREAKS = frozenset({";", ":", "(", ")"})
_THAT = frozenset({"bahwa", "that"})
_SOURCE_WINDOW = 15
_TARGET_WINDOW = 20
# An event noun's participants stand close to it: "kerja sama militer antara kedua penguasa" (military
# cooperation between the two rulers) names no actor nearby, and a country ten words on is not its partner.
_NOUN_TARGET_WINDOW = 6
_OBJECT_WINDOW = 8
_EN_PASSIVE_AUX = frozenset({"was", "were", "been", "being", "is", "are", "be"})


@dataclass(slots=True)
class _Sent:
    """One sentence being coded, with the lookups the rules share."""

    sentence: Sentence
    words: list[str]
    mentions: list[ActorMention]
    attributed: bool


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
    people: list[Actor] = []  # persons named so far, for pronouns
    events: list[tuple[Event, int]] = []
    for index, sentence in enumerate(doc.sentences):
        words = [t.text.lower() for t in sentence.tokens]
        matches = lexicon.match(words)
        mentions = actor_mentions(text, sentence, doc.entities, gazetteer, language=language) if matches else []
        sent = _Sent(sentence, words, mentions, is_attributed(words, cues))
        for match in matches:
            event = _code_trigger(doc, sent, match, lexicon, cues, people, language)
            if event is not None:
                events.append((event, index))
        people.extend(m.actor for m in mentions if m.type == "PER")
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


def _mention_ending_at(mentions: Sequence[ActorMention], k: int) -> ActorMention | None:
    return next((m for m in mentions if m.first <= k <= m.last), None)


def _coordinated(sent: _Sent, head: ActorMention) -> list[ActorMention]:
    """``head`` plus actors joined to it by "dan"/"and"/commas before it: "Moskow dan Pyongyang"."""
    group = [head]
    first = head.first
    while first >= 2 and sent.words[first - 1] in _COORDINATORS:
        prev = _mention_ending_at(sent.mentions, first - 2)
        if prev is None or prev.last != first - 2:
            break
        group.insert(0, prev)
        first = prev.first
    return group


def _left_actors(sent: _Sent, index: int, people: Sequence[Actor], cues_language: str) -> list[Actor]:
    """The subject before token ``index`` (see the module docstring)."""
    return _left_search(sent, index, people, cues_language)[0]


def _left_search(sent: _Sent, index: int, people: Sequence[Actor], cues_language: str) -> tuple[list[Actor], bool]:
    """The subject before token ``index`` and whether it is the speaker of a "bahwa"/"that" clause."""
    words, mentions = sent.words, sent.mentions
    pronouns = cues_for(cues_language).pronouns
    k = index - 1
    stop = max(-1, index - 1 - _SOURCE_WINDOW)
    while k > stop:
        word = words[k]
        if word in _HARD_BREAKS or word in ('"', "“", "”"):
            return [], False
        if word in _RELATIVE:
            before = _mention_ending_at(mentions, k - 1)
            return (
                [m.actor for m in _coordinated(sent, before)] if before and before.last == k - 1 else []
            ), False
        if word in _THAT:
            return _speaker_before(sent, k, people, cues_language), True
        if word in pronouns:
            # "Putin berada di Pyongyang ... sejak ia berkunjung" (since he visited): the last person named,
            # in this sentence or before it.
            here = [m.actor for m in mentions if m.type == "PER" and m.last < k]
            named = [*people, *here]
            return ([replace(named[-1], text=sent.sentence.tokens[k].text)] if named else []), False
        mention = _mention_ending_at(mentions, k)
        if mention is not None:
            if mention.first > 0 and words[mention.first - 1] in _PREPOSITIONS:
                k = mention.first - 1
                continue
            return [m.actor for m in _coordinated(sent, mention)], False
        k -= 1
    return [], False


def _speaker_before(sent: _Sent, that_index: int, people: Sequence[Actor], language: str) -> list[Actor]:
    """The speaker of "X mengatakan bahwa ..." ("X said that ..."), the party to an agentless event inside."""
    speech = cues_for(language)
    for k in range(that_index - 1, max(-1, that_index - 6), -1):
        if speech.is_speech(sent.words[k]):
            return _left_actors(sent, k, people, language)
    return []


def _right_actors(sent: _Sent, after: int, exclude: set[str], *, places_count: bool, window: int) -> list[Actor]:
    """The first actor after token ``after`` that is not of an excluded country, with coordinated ones."""
    words = sent.words
    speech = None
    for mention in sent.mentions:
        if mention.first <= after:
            continue
        if mention.first - after > window:
            break
        gap = words[after + 1 : mention.first]
        if any(w in _HARD_BREAKS for w in gap):
            break
        prev = words[mention.first - 1]
        if prev in _PLACE_PREPOSITIONS and not (places_count and prev in ("di", "in", "at")):
            continue
        if mention.actor.country in exclude:
            continue
        if (
            speech is None
            and "," in gap
            and any(w in ("kata", "ujar", "menurut", "said", "according") for w in gap)
        ):
            break
        group = [mention.actor]
        last = mention.last
        for other in sent.mentions:
            if other.first > last and other.first - last == 2 and words[last + 1] in _COORDINATORS:
                if other.actor.country not in exclude:
                    group.append(other.actor)
                last = other.last
        return group
    return []


def _place_before(sent: _Sent, index: int, exclude: set[str]) -> list[Actor]:
    """A place named with "di"/"in" before a visit verb: "Putin berada di Pyongyang ... sejak ia berkunjung"."""
    for mention in reversed(sent.mentions):
        if mention.last < index and mention.first > 0 and sent.words[mention.first - 1] in ("di", "in", "at"):
            if mention.actor.country not in exclude:
                return [mention.actor]
    return []


def _possessor(sent: _Sent, match: TriggerMatch) -> ActorMention | None:
    """The actor right after an event noun, or after one modifier: "kunjungan resmi Putin" (Putin's state
    visit). An actor after a preposition is not a possessor ("serangan terhadap Ukraina", attack on Ukraine)."""
    for mention in sent.mentions:
        if match.last < mention.first <= match.last + 2:
            if sent.words[mention.first - 1] not in _PREPOSITIONS:
                return mention
            return None
    return None


def _agent_after(sent: _Sent, after: int) -> list[Actor]:
    """The agent of a passive verb: "ditembaki oleh kapal China" / "attacked by Chinese vessels"."""
    for k in range(after + 1, min(len(sent.words), after + 8)):
        if sent.words[k] in _AGENT_MARKERS:
            for mention in sent.mentions:
                if mention.first > k and mention.first - k <= 4:
                    return [m.actor for m in [mention]]
            return []
    return []


def _is_passive(sent: _Sent, match: TriggerMatch, language: str) -> bool:
    if language == "id":
        return match.passive
    prev = sent.words[match.first - 1] if match.first > 0 else ""
    return prev in _EN_PASSIVE_AUX and match.words[0].endswith(("ed", "en"))


def _code_trigger(
    doc: AnnotatedArticle,
    sent: _Sent,
    match: TriggerMatch,
    lexicon: Lexicon,
    cues: StatusCues,
    people: Sequence[Actor],
    language: str,
) -> Event | None:
    entry = match.entry
    words = sent.words
    tokens = sent.sentence.tokens
    if is_negated(words, match.first, cues):
        return None
    mode = entry.mode
    if entry.objects:
        found = lexicon.object_class(words[match.last + 1 : match.last + 1 + _OBJECT_WINDOW], entry.objects)
        if found is None:
            return None
        mode = _mode_for(entry.type, found)
    trigger_start = tokens[match.first].start
    quote = _quote_at(doc, trigger_start)
    speaker = _speaker_actor(doc, quote) if quote else None
    visit = mode in ("visit", "meet")
    after = match.last
    passive = _is_passive(sent, match, language)
    left, from_speaker = _left_search(sent, match.first, people, language)
    agent = _agent_after(sent, match.last) if passive else []
    if passive and (agent or not from_speaker):
        # "Kapal Filipina ditembaki oleh kapal China" (Philippine ships were fired on by Chinese ships): the
        # agent acts on the subject. Without an agent the doer is unknown, unless the clause reports what a
        # speaker said: "Rusia mengatakan bahwa perjanjian akan ditandatangani" (Russia said a treaty will be
        # signed) makes Russia a party.
        source, target = agent, left
    else:
        source = left
        possessor = _possessor(sent, match) if match.noun and language == "id" else None
        if possessor is not None:
            # An event noun followed by an actor is that actor's act: "ancaman Pyongyang" (Pyongyang's threat),
            # "Lawatan Putin" (Putin's visit), even when another actor stands before the noun.
            source, after = [possessor.actor], possessor.last
        if quote is not None and speaker is not None:
            # Inside a quotation the subject is the speaker unless an actor stands right before the verb.
            near = [m for m in sent.mentions if match.first - 3 <= m.last < match.first and m.first > 0]
            in_quote = [m for m in near if m.actor.start is not None and m.actor.start >= quote.start]
            source = [in_quote[-1].actor] if in_quote else ([speaker] if entry.speech else source)
        exclude = {a.country for a in source if a.country}
        window = _NOUN_TARGET_WINDOW if match.noun and after == match.last else _TARGET_WINDOW
        target = _right_actors(sent, after, exclude, places_count=visit, window=window)
        if not target and mode == "visit":
            target = _place_before(sent, match.first, exclude)
        if entry.inverse:
            source, target = target, source
    if not source:
        return None
    if not target and entry.type in SYMMETRIC_TYPES and len(source) >= 2:
        source, target = source[:1], source[1:]
    source_countries = {a.country for a in source}
    target = [a for a in target if a.country not in source_countries]
    if entry.target_required and not target:
        return None
    speech_act = entry.speech and (quote is None or speaker is None or speaker.country in source_countries)
    status = event_status(
        words, match.first, cues, speech_act=speech_act, attributed=sent.attributed or quote is not None
    )
    sentence_text = doc.article.text[sent.sentence.start : sent.sentence.end]
    date = event_date(
        sentence_text,
        trigger_start - sent.sentence.start,
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
        location=_location(doc, sent),
        attributed_to=(quote.speaker if quote else None) if status == "reported" else None,
    )


def _mode_for(event_type: str, object_class: str) -> str | None:
    """Mode from the object class: troops sent to a partner are military aid; ships deployed are a show of
    force."""
    if event_type == "AID":
        return "military" if object_class in ("troops", "ships") else object_class
    if event_type == "MOBILIZE":
        return {"troops": "troops", "military": "weapons", "ships": None}.get(object_class)
    return None


def _location(doc: AnnotatedArticle, sent: _Sent) -> str | None:
    """The first place named with "di"/"in"/"at" in the sentence."""
    s = sent.sentence
    for ent in doc.entities:
        if s.start <= ent.start < s.end and ent.type == "LOC":
            idx = next((i for i, t in enumerate(s.tokens) if t.start == ent.start), None)
            if idx and sent.words[idx - 1] in ("di", "in", "at"):
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
            and sentence.tokens[m.first - 1].text.lower() not in _PLACE_PREPOSITIONS
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
