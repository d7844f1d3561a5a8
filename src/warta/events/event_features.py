"""Features of the learned event coder: what the trigger model and the argument rankers see of a sentence.

The learned coder (:mod:`warta.events.event_model`) makes two decisions that the lexicon and the rules only
propose:

1. **Trigger**: is this word an event here, and of which PLOVER type? Each candidate word is described by its
   form, crude stems (so that "menyerang", "diserang", "serangan" share "serang"), its neighbours, what the
   trigger lexicons propose for it, what the rule coder coded at it, and the sentence around it (actors before
   and after, negation, attribution, a quotation).
2. **Arguments**: for a trigger and one actor mention, is the actor its source, its target or neither? The
   pair is described by the direction and distance between them, the function words in between
   ("oleh"/"by" before a passive's doer, "ke"/"terhadap"/"against" before a target), clause boundaries,
   the kind of actor, and what the rule coder chose.

Features are plain strings, language-independent where they describe structure ("rl=ASSAULT", "d=R2") and
language-specific where they are words. Training (:mod:`warta.training.event_model`) and coding use these
same functions, so a model always sees at run time what it saw in training.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from warta.data import language_words
from warta.events.arguments import function_words
from warta.events.lexicon import TriggerMatch
from warta.events.status import StatusCues, is_negated
from warta.nlp.verb_forms import verb_forms
from warta.quotes.actors import ActorMention
from warta.records import Actor, Event

_MAX_GAP_WORDS = 3


@dataclass(frozen=True, slots=True)
class Affixes:
    """The affixes of ``data/stems.yaml`` for one language."""

    prefixes: tuple[tuple[str, tuple[str, ...]], ...]
    suffixes: tuple[str, ...]
    particles: tuple[str, ...]


@cache
def affixes(language: str) -> Affixes:
    entry = language_words("stems.yaml", language)  # a LanguageError (W241) for a language without word lists
    prefixes = tuple((p, tuple(back)) for p, back in entry["prefixes"])
    return Affixes(prefixes, tuple(entry["suffixes"]), tuple(entry["particles"]))


@lru_cache(maxsize=200_000)
def stems(word: str, language: str) -> tuple[str, ...]:
    """Crude stems of a lower-cased word: enough for features, not a morphological analysis."""
    aff = affixes(language)
    out = []
    for particle in aff.particles:
        if word.endswith(particle) and len(word) - len(particle) >= 4:
            word = word[: -len(particle)]
            break
    bases = [word]
    for suffix in aff.suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= (4 if aff.prefixes else 3):
            base = word[: -len(suffix)]
            bases.append(base)
            if not aff.prefixes and suffix in ("ing", "ed"):
                # English: "shipped" -> "ship", "imposed" -> "impose"
                if base[-1] == base[-2]:
                    out.append(base[:-1])
                out.append(base + "e")
            elif not aff.prefixes and suffix == "es":
                out.append(word[:-1])  # English: "strikes" -> "strike" (beside "strik": "marches" -> "march")
            break
    for base in bases:
        for prefix, restores in aff.prefixes:
            if base.startswith(prefix) and len(base) - len(prefix) >= 3:
                out.extend(r + base[len(prefix) :] for r in restores)
                break
    out.extend(bases[1:])
    return tuple(dict.fromkeys(s for s in out if s != word))


def is_candidate(word: str) -> bool:
    """Words that may be triggers: at least two letters, not a number or a mark."""
    return len(word) >= 2 and (word.isalpha() or any(c.isalpha() for c in word))


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """What the features of one sentence need besides its words."""

    words: Sequence[str]
    texts: Sequence[str]  # the tokens as written (for capitalisation)
    language: str
    mentions: Sequence[ActorMention]
    rule_matches: Sequence[TriggerMatch]
    # (first, last, head, type, kind, mode) of the event lexicon's proposals
    proposals: Sequence[tuple[int, int, int, str, str, str | None]]
    rule_events: Sequence[tuple[int, int, Event]]  # rule-coded events by trigger token span
    quoted: Sequence[bool]  # per token: inside a direct quotation
    attributed: bool
    cues: StatusCues
    home: str | None = None  # the article's home country (dateline, else the country it names most)


def _bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 6:
        return "4-6"
    if n <= 10:
        return "7-10"
    return "11+"


def trigger_features(ctx: SentenceContext, i: int) -> list[str]:
    """Features of word ``i`` as a possible trigger."""
    words, lang = ctx.words, ctx.language
    w = words[i]
    n = len(words)
    prev1 = words[i - 1] if i > 0 else "<s>"
    prev2 = words[i - 2] if i > 1 else "<s>"
    next1 = words[i + 1] if i + 1 < n else "</s>"
    next2 = words[i + 2] if i + 2 < n else "</s>"
    feats = [
        "w=" + w, "p1=" + prev1, "n1=" + next1, "p2=" + prev2, "n2=" + next2,
        "b-=" + prev1 + "|" + w, "b+=" + w + "|" + next1, "suf3=" + w[-3:], "pre3=" + w[:3],
    ]  # fmt: skip
    feats.extend("s=" + s for s in stems(w, lang))
    feats.extend("sp1=" + s for s in stems(prev1, lang)[:2])
    feats.extend("sn1=" + s for s in stems(next1, lang)[:2])
    if i > 0 and ctx.texts[i][:1].isupper():
        feats.append("cap")
    for m in ctx.rule_matches:
        if m.first <= i <= m.last:
            kind = "n" if m.noun else "v"
            where = "h" if i == m.first else "i"
            feats += ["rl=" + m.entry.type, "rlk=" + m.entry.type + kind, "rlpos=" + where]
            if m.entry.mode:
                feats.append("rlm=" + m.entry.type + "|" + m.entry.mode)
    for first, last, head, etype, kind, _ in ctx.proposals:
        if first <= i <= last:
            feats += ["el=" + etype, "elk=" + etype + "|" + kind]
            if head == i:
                feats.append("elh=" + etype)
    for first, last, event in ctx.rule_events:
        if first <= i <= last:
            feats += ["re=" + event.type, "re_st=" + event.status]
    before = sum(1 for m in ctx.mentions if m.last < i and m.actor.country)
    after = sum(1 for m in ctx.mentions if m.first > i and m.actor.country)
    feats += ["aL=" + _bucket(min(before, 4)), "aR=" + _bucket(min(after, 4))]
    if is_negated(words, i, ctx.cues):
        feats.append("neg")
    if ctx.attributed:
        feats.append("attr")
    if ctx.quoted[i]:
        feats.append("inq")
    if prev1 in function_words(lang).passive_auxiliaries:
        feats.append("aux")
    return feats


def is_passive(words: Sequence[str], i: int, language: str) -> bool:
    """A passive verb: Indonesian "di-" ("diserang", was attacked), English an auxiliary then a participle."""
    w = words[i]
    forms = verb_forms(language)
    if i > 0 and words[i - 1] in function_words(language).passive_auxiliaries:
        return w.endswith(forms.participle_endings)
    # a passive prefix with at least four letters after it (data/verb_forms.yaml): "diserang", not "dia"
    return any(w.startswith(p) and len(w) > len(p) + 3 for p in forms.passive_prefixes)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible argument of a trigger: a mention in the sentence, or an actor lent by the context (the
    speaker of the quotation the trigger stands in, an actor the rule coder found outside the sentence)."""

    actor: Actor
    mention: ActorMention | None
    origin: str  # "sentence", "speaker" or "rule"


def _overlaps(actor: Actor, other: Actor) -> bool:
    if actor.start is None or other.start is None:
        return actor.country == other.country and (actor.name or actor.text) == (other.name or other.text)
    return actor.start < (other.end or 0) and other.start < (actor.end or 0)


def argument_features(
    ctx: SentenceContext, trigger: int, etype: str, cand: Candidate, rule_event: Event | None
) -> list[str]:
    """Features of ``cand`` as an argument of the ``etype`` trigger at word ``trigger``."""
    feats = ["T=" + etype, "o=" + cand.origin]
    if rule_event is not None:
        if any(_overlaps(a, cand.actor) for a in rule_event.source):
            feats += ["rs", "rs|" + etype]
        if any(_overlaps(a, cand.actor) for a in rule_event.target):
            feats += ["rt", "rt|" + etype]
        if any(a.country == cand.actor.country for a in rule_event.source):
            feats.append("rsc")
        if any(a.country == cand.actor.country for a in rule_event.target):
            feats.append("rtc")
    else:
        feats.append("norule")
    sector = cand.actor.sector or "-"
    feats += ["sec=" + sector, "T|sec=" + etype + "|" + sector]
    same = sum(1 for m in ctx.mentions if m.actor.country == cand.actor.country)
    foreign = len({m.actor.country for m in ctx.mentions if m.actor.country and m.actor.country != ctx.home})
    feats += ["same=" + _bucket(min(same, 4)), "foreign=" + _bucket(min(foreign, 4)),
              "T|foreign=" + etype + "|" + _bucket(min(foreign, 2))]  # fmt: skip
    if cand.actor.country == ctx.home:
        feats += ["home", "T|home=" + etype]
    m = cand.mention
    if m is None:
        return feats + ["T|o=" + etype + "|" + cand.origin]
    words = ctx.words
    passive = is_passive(words, trigger, ctx.language)
    if m.last < trigger:
        direction, gap = "L", trigger - m.last - 1
        between = words[m.last + 1 : trigger]
        rank = sum(1 for o in ctx.mentions if m.last < o.first and o.last < trigger) + 1
    elif m.first > trigger:
        direction, gap = "R", m.first - trigger - 1
        between = words[trigger + 1 : m.first]
        rank = sum(1 for o in ctx.mentions if trigger < o.first and o.last < m.first) + 1
    else:
        direction, gap, between, rank = "I", 0, [], 1
    d = direction + _bucket(gap)
    fw = function_words(ctx.language)
    before = words[m.first - 1] if m.first > 0 else "<s>"
    after = words[m.last + 1] if m.last + 1 < len(words) else "</s>"
    feats += [
        "d=" + d, "T|d=" + etype + "|" + d, "rank=" + direction + str(min(rank, 4)),
        "T|rank=" + etype + "|" + direction + str(min(rank, 4)),
        "wb=" + before, "T|wb=" + etype + "|" + before, "wa=" + after,
        "kind=" + m.kind, "mt=" + m.type, "pass|" + direction + str(passive),
        "T|pass|" + etype + direction + str(passive),
    ]  # fmt: skip
    if gap <= _MAX_GAP_WORDS:
        feats.append("gap=" + direction + "|" + " ".join(between))
    crossed = sum(1 for w in between if w in fw.clause_boundaries)
    feats.append("cross=" + _bucket(min(crossed, 4)))
    marks = _between_marks(ctx.language)
    for w in dict.fromkeys(between):  # in order: a set's order would change with the hash seed
        if w in marks:
            feats.append("bw=" + direction + w)
    if ctx.quoted[trigger] != ctx.quoted[m.first]:
        feats.append("quote_split")
    if m is ctx.mentions[0]:
        feats.append("first")
    return feats


def target_features(cand: Candidate, etype: str, source_country: str | None) -> list[str]:
    """What the target ranker adds to a candidate's argument features once the source is chosen: whether it
    is of the source's country. Half the events of corpus/train.jsonl are domestic ("KPK menahan tersangka",
    the commission detained a suspect) and half are not ("Uni Eropa menjatuhkan sanksi kepada Belarus", the EU
    imposed sanctions on Belarus); which half a trigger is in shows only against the other candidates."""
    country = cand.actor.country
    same = str(cand.origin == "domestic" or (country is not None and country == source_country))
    return ["same=" + same, "T|same=" + etype + "|" + same, "o|same=" + cand.origin + "|" + same]


def nobody_features(etype: str) -> list[str]:
    """The features of "no one" among a ranker's choices. No source: a trigger whose doer is not among the
    candidates is no event (GUIDE codes none without an identifiable actor: "Dilaporkan terjadi ledakan", an
    explosion was reported). No target: "Warga berunjuk rasa" (residents protested) names no one it is aimed at."""
    return ["none", "T|none=" + etype]


@cache
def _between_marks(language: str) -> frozenset[str]:
    """The words between a trigger and an actor that are features: clause boundaries, prepositions, agent
    markers ("oleh"/"by") and the prepositions before a noun event's target ("terhadap"/"against")."""
    fw = function_words(language)
    return fw.clause_boundaries | fw.prepositions | fw.agent_markers | fw.noun_target_prepositions
