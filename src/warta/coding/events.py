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
from warta.coding.actors import ActorMention, actor_mentions, home_country
from warta.coding.arguments import SentenceView
from warta.coding.dates import event_date, find_dates, is_background, lead_date, reference_date
from warta.coding.derived import announced_threat, conditional_threat, pledge, refusal_mode
from warta.coding.lexicon import Lexicon, TriggerMatch, load_lexicon
from warta.coding.merge import merge_mentions
from warta.coding.places import event_place
from warta.coding.quantities import quantity_near
from warta.coding.status import (
    StatusCues,
    attributed_at,
    event_status,
    is_attributed,
    is_negated,
    status_cues,
)
from warta.data import load_yaml
from warta.nlp.gazetteer import Gazetteer
from warta.pipeline import Stage, stage
from warta.records import SYMMETRIC_TYPES, Actor, AnnotatedArticle, Entity, Event, Quote, Sentence

_TARGET_WINDOW = 20
# Conflictual and supportive acts always have a target, even when the sentence leaves it to the context.
_IMPLICIT_TARGET_TYPES = frozenset(
    {"ASSAULT", "ACCUSE", "THREATEN", "REQUEST", "SANCTION", "COERCE", "AID", "SUPPORT"}
)
# An event noun's participants stand close to it: "kerja sama militer antara kedua penguasa" (military
# cooperation between the two rulers) names no actor nearby, and a country ten words on is not its partner.
_NOUN_TARGET_WINDOW = 6
_OBJECT_WINDOW = 8
# Material acts come in amounts ("mengirimkan hampir 5 juta peluru artileri", "deployed 500 troops", "killed 23
# people"); a number near a statement belongs to what the statement is about.
_QUANTIFIED_TYPES = frozenset(
    {"AID", "MOBILIZE", "ASSAULT", "COERCE", "RETREAT", "SANCTION", "PROTEST", "COOPERATE"}
)
_ATTRIBUTION = frozenset({"according", "menurut", "kata", "ujar", "said", "dikutip", "citing", "quoted"})
_EN_PASSIVE_AUX = frozenset({"was", "were", "been", "being", "is", "are", "be"})


@cache
def _accusation_words(language: str) -> tuple[tuple[str, ...], ...]:
    data = load_yaml("accusation_words.yaml")
    return tuple(tuple(w.lower().split()) for w in data["id" if language == "id" else "en"])


def _contains(words: Sequence[str], phrases: Sequence[tuple[str, ...]]) -> bool:
    present = set(words)
    for phrase in phrases:
        if phrase[0] not in present:
            continue
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
    last_pair: tuple[Actor, ...] = ()  # the sides of the latest two-sided event, for "kedua negara"/"both"
    home = home_country(text, doc.entities)
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
        mentions = actor_mentions(text, sentence, doc.entities, gazetteer, language=language, home=home)
        mentions = _with_addressees(doc, sentence, words, mentions, previous)
        view = SentenceView(
            sentence, words, mentions, is_attributed(words, cues), language, tuple(people), last_sources,
            last_pair,
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
                last_pair = (event.source[0], event.target[0])
            if is_background(words, match.first, language):
                background.add(event.start)
            if match.noun:
                nouns.add(event.start)
        people.extend(m.actor for m in mentions if m.type == "PER")
        previous = [m.actor for m in mentions]
    events.extend(_accusations(doc, gazetteer, language))
    # The news date (the lead's date, else the publication date) stands in only where the text gives nothing
    # better, and only for what the outlet itself reports as the news: a plan or a possibility has no date of
    # its own, an attributed event is dated by its source or not at all ("Indonesia telah menandatangani
    # empat MoU", Retno said - no date), and background ("China telah memberi sanksi", China has sanctioned
    # before) is older than the news. Mentions are merged with these stand-in dates in view, so that the
    # state visit of today and "berkunjung pada tahun 2000" (visited in 2000) stay two events, and the
    # stand-in is filled only after merging.
    news_date = lead_date(text, doc.article.published) or doc.article.published

    def stand_in(event: Event) -> str | None:
        eligible = event.date is None and event.status == "asserted" and event.start not in background
        return news_date if eligible else None

    merged = merge_mentions(events, stand_in, earlier=background, nouns=nouns)
    return tuple(replace(e, date=e.date or stand_in(e)) for e in merged)


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


def _entity_actor(ent: Entity) -> Actor:
    sector = ent.sector or ("GOV" if ent.kind in ("country", "capital", "seat") else None)
    return Actor(ent.text, ent.name or ent.text, ent.country, sector, ent.role, ent.start, ent.end)


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
    # Places, news outlets and the sources of a statement ("according to the UN", "kata X") are no targets.
    here = [
        m.actor
        for m in view.mentions
        if not (m.first > 0 and view.words[m.first - 1] in place)
        and m.kind != "outlet"
        and not any(w in _ATTRIBUTION for w in view.words[max(0, m.first - 3) : m.first])
    ]
    for actor in [*here, *previous]:
        if actor.country and actor.country not in source_countries:
            return [Actor(text=None, name=actor.name, country=actor.country, sector=actor.sector or "GOV")]
    return []


def _aimed_place(
    doc: AnnotatedArticle, view: SentenceView, match: TriggerMatch, gazetteer: Gazetteer
) -> list[Actor]:
    """A show of force around a place named after a country is aimed at that country: "China kembali menggelar
    latihan militer berskala besar di sekitar Selat Taiwan" (China again held large-scale drills around the
    Taiwan Strait) - at Taiwan. The place itself has no country (a strait, a sea); only "sekitar"/"around"-like
    words count, so drills "in the South China Sea" are aimed at no one."""
    tokens = view.sentence.tokens
    for k in range(match.last + 1, min(len(tokens), match.last + 10)):
        if view.words[k] not in view.fw.mobilize_targets:
            continue
        after = tokens[k].end
        for ent in doc.entities:
            if ent.type != "LOC" or ent.country or not 0 <= ent.start - after <= 6:
                continue
            words = ent.text.split()
            # The country inside the name: "Selat Taiwan" is itself a known place, so look at its words.
            for part in (" ".join(words[i:]) for i in range(1, len(words))):
                for found in gazetteer.find(part, language=view.language):
                    kinds = ("country", "adjective")
                    named = next((e for e in found.entries if e.kind in kinds and e.country), None)
                    if named is not None:
                        return [Actor(text=ent.text, name=named.name, country=named.country, sector="GOV")]
        return []
    return []


def _names_a_non_actor_target(view: SentenceView, match: TriggerMatch) -> bool:
    follows = view.words[match.last + 1 : match.last + 3]
    return any(w in view.fw.noun_target_prepositions for w in follows)


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


# Speech acts whose content is an act the addressee or the speaker may do: "meminta China untuk menarik kapal"
# (asked China to withdraw the ship), "threatened to ban", "refused to deploy peacekeepers".
_CONTENT_SPEECH_TYPES = frozenset({"REQUEST", "THREATEN", "REJECT", "AGREE"})
_CONTENT_WINDOW = 6


def _drop_speech_contents(
    matches: list[TriggerMatch], words: Sequence[str], cues: StatusCues
) -> list[TriggerMatch]:
    """The act inside a demand, threat, refusal or offer is not an event of its own (GUIDE: a speech act whose
    content is an event yields the speech event): the verb after "untuk"/"agar"/"to" that follows such a
    trigger is dropped."""
    kept: list[TriggerMatch] = []
    for match in matches:
        speech = next((m for m in reversed(kept) if m.entry.type in _CONTENT_SPEECH_TYPES), None)
        if (
            speech is not None
            and not match.noun
            and 0 < match.first - speech.last <= _CONTENT_WINDOW
            and any(w in cues.purpose or w in ("agar", "supaya") for w in words[speech.last + 1 : match.first])
        ):
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


_RELAY_WORDS = frozenset({"reported", "quoted", "dikutip", "melaporkan", "dilaporkan", "according", "menurut"})


def _relayed_by_media(view: SentenceView) -> bool:
    """Whether the sentence passes on what a news outlet or "media" reported."""
    if not any(w in _RELAY_WORDS for w in view.words):
        return False
    return any(m.kind == "outlet" or m.actor.sector == "MED" for m in view.mentions) or "media" in view.words


def _addressees(
    view: SentenceView, match: TriggerMatch, quote: Quote | None, speaker: Actor | None
) -> tuple[list[Actor], list[Actor]]:
    """For an obligation ("Russia said Sudan must return a helicopter", "Moskow harus menerima gencatan
    senjata" - Moscow must accept a ceasefire) the subject is who is asked, the target; the one who says so,
    the speaker of the clause or of the quotation, is the source of the REQUEST."""
    subject, _ = args.left_search(view, match.first)
    if not subject:
        return [], []
    head = next((m for m in view.mentions if m.actor.start == subject[0].start), None)
    if quote is not None and speaker is not None:
        return [speaker], subject
    if head is None:
        return [], []
    teller, _ = args.left_search(view, head.first)
    return teller, subject


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
    if entry.addressee:
        return _addressees(view, match, quote, speaker)
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
        if parties and mode == "third-party":
            # "Peru offered to mediate between Ecuador and Colombia": the mediator acts on both parties.
            return source, parties[0] + parties[1]
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
    possessor = args.english_possessor(view, match.first) if view.language == "en" and not match.noun else []
    if possessor:
        # "your consistent and unwavering support for Russian policy": a possessor makes the word a noun whose
        # doer it is.
        source = possessor
    elif quote is not None and speaker is not None:
        # Inside a quotation the subject is the speaker unless an actor stands right before the verb.
        near = [m for m in view.mentions if match.first - 3 <= m.last < match.first and m.first > 0]
        in_quote = [m for m in near if m.actor.start is not None and m.actor.start >= quote.start]
        source = [in_quote[-1].actor] if in_quote else ([speaker] if entry.speech else source)
    # A coup is against the state's own government: "Min Aung Hlaing led a coup against an elected civilian
    # government" (MMR -> MMR).
    exclude = set() if entry.domestic else {a.country for a in source if a.country}
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
        view, after, exclude, source=source, places_count=mode in ("visit", "meet"), window=window,
        mobilize=entry.type == "MOBILIZE", prepositions=via_preposition,
    )  # fmt: skip
    if not target and mode == "visit":
        target = args.place_before(view, match.first, exclude)
    if not target and entry.speech and match.noun:
        target = [a for a in args.clause_subject_after(view, after) if a.country not in exclude]
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
        targets = [a for a in targets if a.country != source.country]
        if not targets:
            continue
        sentence_text = doc.article.text[sentence.start : sentence.end]
        words = [t.text.lower() for t in sentence.tokens]
        relayed = _relayed_by_media(SentenceView(sentence, words, mentions, False, language))
        cue_at = sentence_text.find(quote.cue) if quote.cue else -1
        trigger_start = sentence.start + (cue_at if cue_at >= 0 else 0)
        trigger = quote.cue if cue_at >= 0 and quote.cue else sentence_text.split()[0]
        reference = reference_date(doc.article.text, doc.article.published)
        date = event_date(sentence_text, trigger_start - sentence.start, reference, future=False)
        out.append(
            (
                Event(
                    type="ACCUSE",
                    mode="disapprove",
                    source=(source,),
                    target=(targets[0],),
                    status="reported" if relayed else "asserted",
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
