"""Source and target of one trigger: who acts on whom (steps 2 and 3 of :mod:`warta.events.events`).

Built on the searches of :mod:`warta.events.arguments`. The source is the nearest actor before the trigger in its
clause ("Moskow dan Pyongyang membantah" - Moscow and Pyongyang denied: both are sources), the agent after a
passive verb ("ditembaki oleh kapal China" - fired on by Chinese ships) or the doer named after an event noun
("Lawatan Putin" - Putin's visit); inside a quotation, the speaker unless an actor stands right before the verb.
The target is the first actor after the trigger that is not of the source's country ("sanksi terhadap Korea
Utara" - sanctions against North Korea). An obligation turns them round: in "Moskow harus menerima gencatan
senjata" (Moscow must accept a ceasefire) Moscow is asked, the target of a REQUEST by whoever says so. A sentence
that names no target may imply one: the other party named in it or in the sentence before, or the country a place
is named after ("latihan militer ... di sekitar Selat Taiwan" - drills around the Taiwan Strait, aimed at
Taiwan).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from warta.data import all_language_words, language_words
from warta.events import arguments as args
from warta.events.arguments import SentenceView
from warta.events.lexicon import TriggerMatch
from warta.nlp.gazetteer import Gazetteer
from warta.records import Actor, AnnotatedArticle, Quote

_TARGET_WINDOW = 20
# An event noun's participants stand close to it: "kerja sama militer antara kedua penguasa" (military
# cooperation between the two rulers) names no actor nearby, and a country ten words on is not its partner.
_NOUN_TARGET_WINDOW = 6
_ATTRIBUTION = all_language_words("event_words.yaml", "attribution")


@cache
def _passive_auxiliaries(language: str) -> frozenset[str]:
    return frozenset(language_words("event_words.yaml", language, "passive_auxiliaries"))


def _is_passive(view: SentenceView, match: TriggerMatch) -> bool:
    """Whether the trigger is passive: marked on the verb in the lexicon (Indonesian "disita", was seized), or
    an auxiliary before a participle where ``passive_by_auxiliary`` ("the ships were seized")."""
    if not view.grammar.passive_by_auxiliary:
        return match.passive
    verbs = view.verbs
    prev = view.words[match.first - 1] if match.first > 0 else ""
    nxt = view.words[match.last + 1] if match.last + 1 < len(view.words) else ""
    if match.words[-1].endswith(verbs.reduced_passive_endings) and nxt in verbs.reduced_passive_followers:
        return True  # a reduced passive: "Chinese firms accused of shipping ...", "ships seized by ..."
    return prev in _passive_auxiliaries(view.language) and match.words[0].endswith(verbs.participle_endings)


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
        if view.grammar.head_first:
            owner_mention = args.possessor(view, match.first, match.last)
            if owner_mention is not None:
                # "ancaman Pyongyang" (Pyongyang's threat), "Lawatan Putin" (Putin's visit): the actor after an
                # event noun is its doer, even when another actor stands before the noun.
                source, after = [owner_mention.actor], owner_mention.last
        else:
            source = args.owner_before(view, match.first, match.last) or source
    head_first = view.grammar.head_first
    possessor = args.possessor_before(view, match.first) if not head_first and not match.noun else []
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
    # "talks with China"; where owners stand before the noun (English, ``head_first`` false) only the
    # preposition counts ("Gaza ceasefire appears closer as US ...").
    window = _TARGET_WINDOW
    via_preposition = None
    if match.noun and after == match.last:
        via_preposition = None if view.grammar.head_first else view.fw.noun_target_prepositions
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
