"""Who did it and to whom: finding an event's source and target actors around its trigger.

These rules read the surface order of the sentence (a dependency parse will refine them once the trained
pipelines ship). Each rule carries an example; the function words they rely on are in
``data/function_words.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from warta.data import Grammar, all_language_words, grammar, language_words, load_yaml, word_key
from warta.nlp.verb_forms import VerbForms, verb_forms
from warta.quotes.actors import ActorMention
from warta.quotes.cues import cues_for
from warta.records import Actor, Sentence

_HARD_BREAKS = frozenset({";", ":", "(", ")"})
_SOURCE_WINDOW = 15


@dataclass(frozen=True, slots=True)
class FunctionWords:
    """The word classes of ``data/function_words.yaml`` for one language."""

    prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    mobilize_targets: frozenset[str]
    agent_markers: frozenset[str]
    relative: frozenset[str]
    coordinators: frozenset[str]
    complementizers: frozenset[str]
    that: frozenset[str]
    plural_pronouns: frozenset[str]
    subject_openers: frozenset[str]
    light_verbs: frozenset[str]
    noun_target_prepositions: frozenset[str]
    meeting_heads: frozenset[str]
    pair_words: frozenset[str]
    pair_nouns: frozenset[str]
    second_person: frozenset[str]
    clause_boundaries: frozenset[str]
    passive_auxiliaries: frozenset[str]


@cache
def function_words(language: str) -> FunctionWords:
    """Function words of ``language`` ("id" or "en")."""
    data = load_yaml("function_words.yaml")
    lang = word_key(language)
    return FunctionWords(**{name: frozenset(values.get(lang, ())) for name, values in data.items()})


@dataclass(slots=True)
class SentenceView:
    """One sentence being coded: lower-cased words, actor mentions, and what the article said before."""

    sentence: Sentence
    words: list[str]
    mentions: list[ActorMention]
    attributed: bool
    language: str
    people: Sequence[Actor] = ()  # persons named in earlier sentences, for "ia"/"he"
    last_sources: Sequence[Actor] = ()  # sources of the latest event, for "mereka"/"they"
    last_pair: Sequence[Actor] = ()  # the two sides of the story so far, for "kedua negara"/"both"

    @property
    def fw(self) -> FunctionWords:
        return function_words(self.language)

    @property
    def grammar(self) -> Grammar:
        return grammar(self.language)

    @property
    def verbs(self) -> VerbForms:
        return verb_forms(self.language)

    def mention_at(self, k: int) -> ActorMention | None:
        return _mention_at(self.mentions, k)


_COORDINATION_DETERMINERS = all_language_words("event_words.yaml", "coordination_determiners")


def coordinated(view: SentenceView, head: ActorMention) -> list[ActorMention]:
    """``head`` and the actors listed before it (:func:`listed_before`)."""
    return listed_before(view.words, view.mentions, view.fw, head)


def _mention_at(mentions: Sequence[ActorMention], k: int) -> ActorMention | None:
    return next((m for m in mentions if m.first <= k <= m.last), None)


def listed_before(
    words: Sequence[str], mentions: Sequence[ActorMention], fw: FunctionWords, head: ActorMention
) -> list[ActorMention]:
    """``head`` and the actors listed before it: "Moskow dan Pyongyang", "AS, Jepang dan Korea Selatan".

    A comma joins actors only inside a list closed by "dan"/"and": in the headline "AS Jual Senjata Ke
    Taiwan, China Jatuhi Sanksi" the comma separates two clauses.
    """
    group = [head]
    first = head.first
    saw_and = False
    while first >= 2:
        # English puts a determiner after "and": "Russia and the Democratic People's Republic of Korea".
        k = first - 1
        if words[k] in _COORDINATION_DETERMINERS and k >= 2:
            k -= 1
        joiner = words[k]
        if joiner not in fw.coordinators and joiner != ",":
            break
        if joiner == "," and not saw_and:
            break
        prev = _mention_at(mentions, k - 1)
        if prev is None or prev.last != k - 1:
            break
        saw_and = saw_and or joiner != ","
        group.insert(0, prev)
        first = prev.first
    return group


def actor_list(
    words: Sequence[str], mentions: Sequence[ActorMention], fw: FunctionWords, member: ActorMention
) -> list[ActorMention]:
    """The whole list ``member`` stands in, wherever it stands in it: from "Burkina Faso" in "Burkina Faso,
    Mali dan Niger", all three. The list is read back from its last actor (:func:`listed_before`)."""
    ends = [member]
    while ends[-1].last + 2 < len(words):
        k = ends[-1].last + 1
        if words[k] not in fw.coordinators and words[k] != ",":
            break
        if words[k + 1] in _COORDINATION_DETERMINERS:
            k += 1
        following = _mention_at(mentions, k + 1)
        if following is None or following.first != k + 1:
            break
        ends.append(following)
    # the farthest end whose list reaches back to ``member``: in "Jepang dan Korea, China ..." the comma
    # after Korea closes the list (no "dan" follows it), so the list of Jepang ends at Korea
    for end in reversed(ends):
        group = listed_before(words, mentions, fw, end)
        if any(m is member for m in group):
            return group
    return [member]


def _is_modifier(view: SentenceView, mention: ActorMention) -> bool:
    """An Indonesian actor right after a lower-case content word modifies it: "pasukan Korea Utara" (North
    Korean troops), "latihan militer berskala besar China" (China's large-scale drills). It is not the
    subject of a following verb. English puts such modifiers before the noun (``head_first`` is false)."""
    if not view.grammar.head_first or mention.first == 0:
        return False
    prev_token = view.sentence.tokens[mention.first - 1].text
    prev = prev_token.lower()
    return (
        prev_token.islower()
        and prev.isalpha()
        and prev not in view.fw.subject_openers
        and prev not in view.fw.prepositions
        and prev not in view.fw.coordinators
        and not view.verbs.is_verb(prev)
    )


# English determiners; the other languages' lists are empty, but Indonesian news quotes English names
# ("the UN") too, so every language's determiners are skipped in every article.
_DETERMINERS = all_language_words("event_words.yaml", "determiners")


def _word_before(view: SentenceView, mention: ActorMention) -> str:
    """The word before a mention, past English determiners: "according to the UN" gives "to"."""
    k = mention.first - 1
    while k >= 0 and view.words[k] in _DETERMINERS:
        k -= 1
    return view.words[k] if k >= 0 else ""


def _is_object(view: SentenceView, mention: ActorMention) -> bool:
    """An actor right after a transitive verb is its object, not the subject of a later verb: "the war
    decimated Gaza, killed tens of thousands", "Filipina mengecam China dan menuntut ..." (the Philippines
    condemned China and demanded ...). Where a light verb's first object receives the noun after it
    (``light_verb_recipients``: "gave Tanzania a loan"), the actor after a light verb is not such an object."""
    before = _word_before(view, mention)
    if len(before) < 5 or not view.verbs.takes_object(before) or before in view.fw.subject_openers:
        return False
    return not (view.grammar.light_verb_recipients and before in view.fw.light_verbs)


def _is_verb(view: SentenceView, word: str) -> bool:
    """A rough verb test for the noun rule in :func:`left_search`: Indonesian verbs carry me-/di-/ber-/ter-
    ("mengecam", condemned); English past forms end in -ed (``data/verb_forms.yaml``)."""
    return len(word) >= 5 and view.verbs.is_verb(word) and word not in view.fw.subject_openers


def left_search(view: SentenceView, index: int, *, noun: bool = False) -> tuple[list[Actor], bool]:
    """The subject before token ``index``, and whether it is the speaker of a "bahwa"/"that" clause.

    Walks left from the trigger to the clause start: a quotation mark or hard break ends the search; "yang"
    means the subject is the actor right before it ("negara-negara yang dapat menyediakan" - the countries
    that could supply); "bahwa" leads to the speaker of the reported clause; a pronoun is the last person
    named ("ia", "he") or the last event's source ("mereka", "they"); actors after a preposition or modifying
    a noun are skipped. For an event ``noun`` only light verbs may stand between it and its subject
    (``light_verbs`` in the data file), and in English one must: "Negotiators were trying to hammer out the
    final details of a Gaza ceasefire" gives the ceasefire no source.
    """
    words, fw = view.words, view.fw
    pronouns = cues_for(view.language).pronouns
    recipients, needs_light = view.grammar.light_verb_recipients, view.grammar.noun_subject_needs_light_verb
    k = index - 1
    stop = max(-1, index - 1 - _SOURCE_WINDOW)
    crossed_light = False
    while k > stop:
        word = words[k]
        if word == ")":
            # A parenthesis is an aside, skipped whole: "Amerika Serikat pada Jumat (2/9) mengumumkan ...".
            opening = next((j for j in range(k - 1, max(-1, k - 12), -1) if words[j] == "("), None)
            if opening is not None:
                k = opening - 1
                continue
        if word in _HARD_BREAKS or word in fw.complementizers:
            return [], False
        if noun:
            if word in fw.light_verbs:
                crossed_light = True
            elif _is_verb(view, word):
                return [], False
        if word in fw.relative:
            before = view.mention_at(k - 1)
            found = [m.actor for m in coordinated(view, before)] if before and before.last == k - 1 else []
            return found, False
        if word in fw.that:
            return speaker_before(view, k), True
        if word in pronouns:
            # "Putin berada di Pyongyang ... sejak ia berkunjung" (since he visited): the last person named,
            # in this sentence or before it.
            here = [m.actor for m in view.mentions if m.type == "PER" and m.last < k]
            named = [*view.people, *here]
            return ([replace(named[-1], text=view.sentence.tokens[k].text)] if named else []), False
        pair = word in fw.pair_words and _is_pair_phrase(view, k) and not _after_preposition(view, k)
        if pair and view.last_pair:
            # "Kedua negara telah menempatkan kapal" (both countries have stationed ships): both sides act.
            text = view.sentence.tokens[k].text
            return [replace(a, text=text, start=None, end=None) for a in view.last_pair], False
        if word in fw.plural_pronouns:
            text = view.sentence.tokens[k].text
            speech = cues_for(view.language)
            j = k - 1 if k > 0 and words[k - 1] in fw.that else k
            if j > 0 and speech.is_speech(words[j - 1]):
                # "Palestinian leaders said they would boycott ...": "they" are the ones who said it.
                speakers = left_search(view, j - 1)[0] or _subject_owner(view, j - 1)
                if speakers:
                    return [replace(a, text=text) for a in speakers], False
                if j > 1 and words[j - 2] not in _HARD_BREAKS:
                    # "Analysts said they expect ...": speakers who are no actor, not the last event's source
                    return [], False
            return [replace(a, text=text) for a in view.last_sources], False
        mention = view.mention_at(k)
        if mention is not None:
            before = _word_before(view, mention)
            if before in fw.prepositions or _is_modifier(view, mention):
                k = mention.first - 1
                continue
            if noun and recipients and mention.first > 0 and words[mention.first - 1] in fw.light_verbs:
                # The object of the light verb is not the noun's doer: "Finland will give Tanzania a loan".
                k = mention.first - 1
                crossed_light = True
                continue
            if _is_object(view, mention):
                k = mention.first - 1
                continue
            if noun and needs_light and not crossed_light:
                return [], False
            return [m.actor for m in coordinated(view, mention)], False
        k -= 1
    return [], False


def _after_preposition(view: SentenceView, k: int) -> bool:
    """A word after a preposition (past determiners): "relations between the two countries" names no doer."""
    j = k - 1
    while j >= 0 and view.words[j] in _DETERMINERS:
        j -= 1
    return j >= 0 and view.words[j] in view.fw.prepositions


def _subject_owner(view: SentenceView, verb: int) -> list[Actor]:
    """The actor owning an unnamed subject of the speech verb at ``verb``, named after a preposition: "officials
    at the U.S. Treasury Department said" (the United States), "pejabat di Kementerian Pertahanan Jepang
    mengatakan" (officials at Japan's defence ministry said)."""
    for k in range(verb - 1, max(-1, verb - 1 - _SOURCE_WINDOW), -1):
        word = view.words[k]
        if word in _HARD_BREAKS or word in view.fw.complementizers or word in view.fw.that:
            return []
        mention = view.mention_at(k)
        if mention is not None:
            before = mention.first - 1
            while before >= 0 and view.words[before] in _DETERMINERS:
                before -= 1
            if before >= 1 and view.words[before] in view.fw.prepositions and view.words[before - 1].isalpha():
                return [mention.actor]
            return []
    return []


def _is_pair_phrase(view: SentenceView, k: int) -> bool:
    """ "kedua negara", "both sides", "the two foreign ministers", or "Both" opening a clause."""
    words, fw = view.words, view.fw
    nxt = words[k + 1] if k + 1 < len(words) else ""
    if words[k] == "two" and (k == 0 or words[k - 1] != "the"):
        return False
    return nxt in fw.pair_nouns or (words[k] == "both" and (k == 0 or words[k - 1] in (",", "and", '"', "“")))


def speaker_before(view: SentenceView, that_index: int) -> list[Actor]:
    """The speaker of "X mengatakan bahwa ..." ("X said that ..."), the party to an agentless event inside."""
    speech = cues_for(view.language)
    for k in range(that_index - 1, max(-1, that_index - 6), -1):
        if speech.is_speech(view.words[k]):
            return left_search(view, k)[0]
    return []


# Sectors that act for the state; an event between one of them and a non-state group of the same country is a
# domestic event worth coding ("Polisi sempat mencegah seorang aktivis" - the police stopped an activist: PHL
# police -> PHL civilians; "Myanmar security forces killed civilians": MMR -> MMR).
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# The groups that can face their own state. Media and businesses are left out: "Russia's RIA Novosti news agency
# reported" names a source, not a party.
_DOMESTIC_GROUPS = frozenset({"CVL", "OPP", "REB", "PTY", "REL", "ELI"})


def is_other_party(actor: Actor, source: Sequence[Actor]) -> bool:
    """Whether ``actor`` can be the target of an event by ``source``: another country, or the same country
    with one side a state body and the other a non-state group (see ``_STATE_SECTORS``)."""
    same = [a for a in source if a.country == actor.country]
    if not same:
        return True
    if actor.sector in _STATE_SECTORS:
        return all(a.sector in _DOMESTIC_GROUPS for a in same)
    if actor.sector in _DOMESTIC_GROUPS:
        return all(a.sector in _STATE_SECTORS for a in same)
    return False


_VISIT_PLACES = all_language_words("event_words.yaml", "visit_place_prepositions")


def right_search(
    view: SentenceView,
    after: int,
    exclude: set[str],
    *,
    source: Sequence[Actor] = (),
    places_count: bool,
    window: int,
    mobilize: bool = False,
    prepositions: frozenset[str] | None = None,
) -> list[Actor]:
    """The first actor after token ``after`` that is not of an excluded country, with those listed with it.

    Places ("di Ukraina" - in Ukraine) are skipped unless ``places_count`` (the destination of a visit). For a
    show of force (``mobilize``) only an actor after "sekitar"/"terhadap"/"around"/"against" is a target:
    "Korut menembakkan rudal balistik antara Jepang" (fired a missile over Japan) has no target. With
    ``prepositions``, only an actor introduced by one of them is a target.
    """
    words, fw = view.words, view.fw
    attribution_words = {"kata", "ujar", "menurut", "said", "according"}
    for mention in view.mentions:
        if mention.first <= after:
            continue
        if mention.first - after > window:
            break
        gap = words[after + 1 : mention.first]
        if any(w in _HARD_BREAKS for w in gap):
            break
        if "," in gap and any(w in attribution_words for w in gap):
            break  # ", kata X" / ", according to X": the rest names the source of the statement
        prev = words[mention.first - 1]
        if mobilize and prev not in fw.mobilize_targets:
            continue
        # "talks with China", "a visit to Beijing", "a bilateral meeting with the State Councilor/Minister of
        # Foreign Affairs of China": a target preposition after the trigger, before any comma.
        if prepositions is not None and (
            "," in gap or not any(w in prepositions for w in words[after : mention.first])
        ):
            continue
        if prev in fw.place_prepositions and not (places_count and prev in _VISIT_PLACES):
            continue
        if mention.actor.country in exclude and not (source and is_other_party(mention.actor, source)):
            continue
        group = [mention.actor]
        last = mention.last
        for other in view.mentions:
            if other.first > last and other.first - last == 2 and words[last + 1] in fw.coordinators:
                if other.actor.country not in exclude or (source and is_other_party(other.actor, source)):
                    group.append(other.actor)
                last = other.last
        return group
    return []


def place_before(view: SentenceView, index: int, exclude: set[str]) -> list[Actor]:
    """A place named with "di"/"in" before a visit verb: "Putin berada di Pyongyang ... sejak ia berkunjung"."""
    for mention in reversed(view.mentions):
        if mention.last < index and mention.first > 0 and view.words[mention.first - 1] in _VISIT_PLACES:
            if mention.actor.country not in exclude:
                return [mention.actor]
    return []


def possessor(view: SentenceView, first: int, last: int) -> ActorMention | None:
    """The actor after an event noun, allowing lower-case modifiers in between: "Lawatan Putin" (Putin's
    visit), "ancaman Pyongyang" (Pyongyang's threat), "invasi skala penuh Rusia" (Russia's full-scale
    invasion). An actor after a preposition is not a possessor ("serangan terhadap Ukraina", an attack on
    Ukraine)."""
    fw = view.fw
    for k in range(last + 1, min(len(view.words), last + 5)):
        mention = view.mention_at(k)
        if mention is not None:
            return mention if mention.first == k else None
        word = view.words[k]
        token = view.sentence.tokens[k].text
        if word in fw.prepositions or word in fw.relative or not token.islower() or not word.isalpha():
            return None
        if _is_verb(view, word):
            # "Sanksi larangan memasuki wilayah China" (a sanction banning entry into China's territory): China
            # is the verb's object, not the sanction's owner.
            return None
    return None


@cache
def _owner_words(language: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The prepositions that introduce an event noun's doer after it, and the possessive markers."""
    prepositions = frozenset(language_words("event_words.yaml", language, "owner_prepositions"))
    return prepositions, tuple(language_words("event_words.yaml", language, "possessive_markers"))


def owner_before(view: SentenceView, first: int, last: int) -> list[Actor]:
    """The doer of an event noun in a language that puts owners before the noun (``head_first`` false):
    "China's support" (possessive before it), "warnings from Yellen and Blinken" / "a snub by ASEAN" (from/by
    after it)."""
    owner = possessor_before(view, first)
    if owner:
        return owner
    if last + 1 < len(view.words) and view.words[last + 1] in _owner_words(view.language)[0]:
        nxt = view.mention_at(last + 2) or view.mention_at(last + 3)
        if nxt is not None:
            # "warnings from Yellen and Secretary of State Antony Blinken": both
            group = [nxt.actor]
            end = nxt.last
            for other in view.mentions:
                if other.first > end and other.first - end <= 2 and view.words[end + 1] in view.fw.coordinators:
                    group.append(other.actor)
                    end = other.last
            return group
    return []


def possessor_before(view: SentenceView, first: int) -> list[Actor]:
    """A possessor before a word, which makes the word a noun and the possessor its doer: "China's support",
    "your consistent and unwavering support" (in a language with ``head_first`` false)."""
    marks = _owner_words(view.language)[1]
    for k in range(first - 1, max(-1, first - 6), -1):
        mention = view.mention_at(k)
        if mention is not None:
            token = view.sentence.tokens[mention.last].text
            if (
                mention.kind == "pronoun"
                or token.endswith(marks)
                or (mention.last + 1 < len(view.words) and view.words[mention.last + 1] in marks)
            ):
                # "China's support", "your consistent and unwavering support" (the addressee's)
                return [mention.actor]
            break
        word = view.words[k]
        if k < first - 2 and not (word.isalpha() and word.islower() or word == ","):
            break  # only adjectives may stand between a possessor and the noun
    return []


def clause_subject_after(view: SentenceView, index: int) -> list[Actor]:
    """The subject of a "that"/"bahwa" clause right after token ``index``: "warnings ... that Chinese companies
    supporting Moscow's war will face significant consequences" - the warning is aimed at China."""
    for k in range(index + 1, min(len(view.words), index + 12)):
        if view.words[k] in view.fw.that:
            for mention in view.mentions:
                if k < mention.first <= k + 3:
                    return [mention.actor]
            return []
        if view.words[k] in _HARD_BREAKS or view.words[k] == ",":
            return []
    return []


_BETWEEN = all_language_words("event_words.yaml", "between")
_PARTY_JOINERS = all_language_words("event_words.yaml", "party_joiners")


def between_parties(view: SentenceView, last: int) -> list[list[Actor]]:
    """The parties after "antara" (between) or "X dengan Y": "perundingan antara delegasi Rusia dan Ukraina"
    (talks between Russian and Ukrainian delegations) gives [[Rusia], [Ukraina]]."""
    words, fw = view.words, view.fw
    if last + 1 >= len(words) or words[last + 1] not in _BETWEEN:
        return []
    parties: list[list[Actor]] = []
    prev_last = last
    for mention in view.mentions:
        if mention.first <= last + 1:
            continue
        if mention.first - last > 12:
            break
        if parties:
            gap = words[prev_last + 1 : mention.first]
            if not any(w in fw.coordinators or w in _PARTY_JOINERS for w in gap):
                break
        parties.append([mention.actor])
        prev_last = mention.last
        if len(parties) == 2:
            break
    return parties if len(parties) == 2 else []


def agent_after(view: SentenceView, after: int) -> list[Actor]:
    """The agent of a passive verb: "ditembaki oleh kapal China" / "attacked by Chinese vessels"."""
    for k in range(after + 1, min(len(view.words), after + 8)):
        if view.words[k] in view.fw.agent_markers:
            for mention in view.mentions:
                if mention.first > k and mention.first - k <= 4:
                    return [mention.actor]
            return []
    return []


def passive_subject_owner(view: SentenceView, index: int) -> list[Actor]:
    """The owner of a passive verb's subject: "pasukan Korea Utara telah dikerahkan ke Kursk" (North Korean
    troops have been deployed to Kursk) - North Korea deployed them."""
    for k in range(index - 1, max(-1, index - 6), -1):
        mention = view.mention_at(k)
        if mention is not None:
            return [mention.actor] if _is_modifier(view, mention) else []
        if view.words[k] in _HARD_BREAKS or view.words[k] == ",":
            return []
    return []
