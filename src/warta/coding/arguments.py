"""Who did it and to whom: finding an event's source and target actors around its trigger.

These rules read the surface order of the sentence (a dependency parse will refine them once the trained
pipelines ship). Each rule carries an example; the function words they rely on are in
``data/function_words.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from warta.coding.actors import ActorMention
from warta.coding.cues import cues_for
from warta.data import load_yaml
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


@cache
def function_words(language: str) -> FunctionWords:
    """Function words of ``language`` ("id" or "en")."""
    data = load_yaml("function_words.yaml")
    lang = "id" if language == "id" else "en"
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

    @property
    def fw(self) -> FunctionWords:
        return function_words(self.language)

    def mention_at(self, k: int) -> ActorMention | None:
        return next((m for m in self.mentions if m.first <= k <= m.last), None)


def coordinated(view: SentenceView, head: ActorMention) -> list[ActorMention]:
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
        if view.words[k] in ("the", "its") and k >= 2:
            k -= 1
        joiner = view.words[k]
        if joiner not in view.fw.coordinators and joiner != ",":
            break
        if joiner == "," and not saw_and:
            break
        prev = view.mention_at(k - 1)
        if prev is None or prev.last != k - 1:
            break
        saw_and = saw_and or joiner != ","
        group.insert(0, prev)
        first = prev.first
    return group


def _is_modifier(view: SentenceView, mention: ActorMention) -> bool:
    """An Indonesian actor right after a lower-case content word modifies it: "pasukan Korea Utara" (North
    Korean troops), "latihan militer berskala besar China" (China's large-scale drills). It is not the
    subject of a following verb."""
    if view.language != "id" or mention.first == 0:
        return False
    prev_token = view.sentence.tokens[mention.first - 1].text
    prev = prev_token.lower()
    return (
        prev_token.islower()
        and prev.isalpha()
        and prev not in view.fw.subject_openers
        and prev not in view.fw.prepositions
        and prev not in view.fw.coordinators
        and not prev.startswith(("me", "di", "ber", "ter"))
    )


def _is_verb(view: SentenceView, word: str) -> bool:
    """A rough verb test for the noun rule in :func:`left_search`: Indonesian verbs carry me-/di-/ber-/ter-
    ("mengecam", condemned); English past forms end in -ed."""
    if view.language == "id":
        return (
            len(word) >= 5 and word.startswith(("me", "di", "ber", "ter")) and word not in view.fw.subject_openers
        )
    return len(word) >= 5 and word.endswith("ed")


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
        if word in fw.plural_pronouns:
            text = view.sentence.tokens[k].text
            return [replace(a, text=text) for a in view.last_sources], False
        mention = view.mention_at(k)
        if mention is not None:
            if mention.first > 0 and words[mention.first - 1] in fw.prepositions or _is_modifier(view, mention):
                k = mention.first - 1
                continue
            if noun and view.language == "en" and not crossed_light:
                return [], False
            return [m.actor for m in coordinated(view, mention)], False
        k -= 1
    return [], False


def speaker_before(view: SentenceView, that_index: int) -> list[Actor]:
    """The speaker of "X mengatakan bahwa ..." ("X said that ..."), the party to an agentless event inside."""
    speech = cues_for(view.language)
    for k in range(that_index - 1, max(-1, that_index - 6), -1):
        if speech.is_speech(view.words[k]):
            return left_search(view, k)[0]
    return []


def right_search(
    view: SentenceView,
    after: int,
    exclude: set[str],
    *,
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
        if prepositions is not None and not any(
            w in prepositions for w in words[max(after + 1, mention.first - 3) : mention.first]
        ):
            continue
        if prev in fw.place_prepositions and not (places_count and prev in ("di", "in", "at")):
            continue
        if mention.actor.country in exclude:
            continue
        group = [mention.actor]
        last = mention.last
        for other in view.mentions:
            if other.first > last and other.first - last == 2 and words[last + 1] in fw.coordinators:
                if other.actor.country not in exclude:
                    group.append(other.actor)
                last = other.last
        return group
    return []


def place_before(view: SentenceView, index: int, exclude: set[str]) -> list[Actor]:
    """A place named with "di"/"in" before a visit verb: "Putin berada di Pyongyang ... sejak ia berkunjung"."""
    for mention in reversed(view.mentions):
        if mention.last < index and mention.first > 0 and view.words[mention.first - 1] in ("di", "in", "at"):
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
    return None


def english_owner(view: SentenceView, first: int, last: int) -> list[Actor]:
    """The doer of an English event noun: "China's support" (possessive before it), "warnings from Yellen
    and Blinken" / "a snub by ASEAN" (from/by after it)."""
    for k in range(first - 1, max(-1, first - 3), -1):
        mention = view.mention_at(k)
        if mention is not None:
            token = view.sentence.tokens[mention.last].text
            if token.endswith(("'s", "’s")) or (
                mention.last + 1 < len(view.words) and view.words[mention.last + 1] in ("'s", "’s")
            ):
                return [mention.actor]
            break
    if last + 1 < len(view.words) and view.words[last + 1] in ("from", "by"):
        nxt = view.mention_at(last + 2) or view.mention_at(last + 3)
        if nxt is not None:
            return [m.actor for m in [nxt]]
    return []


def between_parties(view: SentenceView, last: int) -> list[list[Actor]]:
    """The parties after "antara" (between) or "X dengan Y": "perundingan antara delegasi Rusia dan Ukraina"
    (talks between Russian and Ukrainian delegations) gives [[Rusia], [Ukraina]]."""
    words, fw = view.words, view.fw
    if last + 1 >= len(words) or words[last + 1] not in ("antara", "between"):
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
            if not any(w in fw.coordinators or w in ("dengan", "with") for w in gap):
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
