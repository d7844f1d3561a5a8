"""The learned event coder: a trigger model and two argument rankers that decide what the lexicons and the rule
coder propose.

The rule coder (:mod:`warta.events.events`) runs first. Then, for each sentence:

1. the **trigger model** scores each word a lexicon proposes or that was a trigger in training as one of the
   sixteen PLOVER types or none (features: :func:`warta.events.event_features.trigger_features`); a word
   whose types together reach the model's threshold is a trigger of its likeliest type (a word the rule coder
   coded, at a lower bar for the rules' type), and of two neighbouring words with the same type the stronger
   stays; inside a lexicon phrase that carries one trigger's type no other type is coded, nor the act inside a
   demand, threat, refusal or offer (:func:`warta.events.event_speech.speech_contents`);
2. the **source ranker** scores each candidate (:func:`candidates`: the sentence's actor mentions with
   pronouns resolved, the actors of the sentence before, the speaker of the quotation the trigger stands in,
   the article's home country) against the others and against "no source"; a trigger without a source is no
   event (GUIDE: events with no identifiable actor are not coded). The **target ranker** then scores the
   other candidates, a same-country stand-in and "no target", knowing the source's country
   (:func:`choose_arguments`); the countries of source and target make the event's dyad.

Status, date, place, mode and quantity stay the rules' business: when the rule coder coded an event at the
same word, the learned event takes them from it; otherwise they are computed with the same rule functions, and
the mode is the lexicons' for the word and type.

3. the **verifier** (:mod:`warta.events.event_verifier`) looks at every mention of the article at once and
   drops those unlikely to be a real event of their type and dyad given the rest (how often the article
   tells that type and that dyad, whether its countries are the article's, the first models' certainty).

Finally the mentions of one real event are merged (:func:`warta.events.merge.merge_dated`), retellings with
other arguments among them.

The weights and trees live in ``warta/models/events/model.npz`` (trained by ``warta models train events`` from
``corpus/train.jsonl``; see ``docs/coder.md``), with ``meta.json`` naming the data and licences. Scoring is a
sum of weight rows per word and the verifier's trees are flat arrays, so the model is plain numpy, picklable and
fast.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

import numpy as np

from warta.data import language_option
from warta.errors import ModelError
from warta.events.arguments import actor_list, function_words
from warta.events.dates import event_date, find_dates, is_background, reference_date
from warta.events.event_features import (
    Candidate,
    SentenceContext,
    argument_features,
    is_candidate,
    nobody_features,
    stems,
    target_features,
    trigger_features,
)
from warta.events.event_lexicon import EventLexicon, load_event_lexicon
from warta.events.event_speech import _quote_at, _speaker_actor, speech_contents
from warta.events.event_verifier import Mention, Verifier, from_arrays, to_arrays
from warta.events.lexicon import load_lexicon
from warta.events.merge import merge_dated
from warta.events.places import event_place
from warta.events.status import attributed_at, event_status, is_attributed, status_cues
from warta.nlp.gazetteer import Gazetteer
from warta.quotes.actors import ActorMention, ArticleMentions, token_span
from warta.quotes.cues import cues_for
from warta.records import SYMMETRIC_TYPES, Actor, AnnotatedArticle, Event, Sentence

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "events"
NONE = "NONE"
# Speech acts: the statement is the event, so "X said it will support ..." is an asserted SUPPORT (GUIDE).
_NEWS_DATED = frozenset({"asserted", "reported"})
_SPEECH_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT"})
# Two independent clauses joined in one sentence (headline style in both languages): "X strikes Y; Z condemns".
_INDEPENDENT_CLAUSE = ";"


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A multinomial linear model over string features: ``weights[feature index] + bias`` per class."""

    labels: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray  # (features, classes), float32
    bias: np.ndarray  # (classes,)

    def scores(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities (softmax) for each feature row."""
        out = self.raw(rows)
        out -= out.max(axis=1, keepdims=True)
        np.exp(out, out=out)
        out /= out.sum(axis=1, keepdims=True)
        return out

    def raw(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """Unnormalised scores (weights summed plus bias) for each feature row and class."""
        out = np.empty((len(rows), len(self.bias)), dtype=np.float64)
        out[:] = self.bias
        get = self.index.get
        ids: list[int] = []
        starts: list[int] = []
        owners: list[int] = []
        for r, feats in enumerate(rows):
            found = [k for k in map(get, feats) if k is not None]
            if found:
                starts.append(len(ids))
                owners.append(r)
                ids.extend(found)
        if ids:
            # one gather and one segmented sum for all rows instead of a numpy call per row
            out[owners] += np.add.reduceat(self.weights[ids], starts, axis=0)
        return out


@dataclass(frozen=True, slots=True)
class EventModel:
    """The trigger model and the two argument rankers, with the trigger model's bars (chosen in training:
    :class:`warta.training.event_model.Hyper`). A ranker scores each candidate; the candidates of one trigger
    compete in a softmax over those scores (see :func:`choose_arguments`)."""

    trigger: LinearModel
    # The two argument rankers as the two columns (SOURCE, TARGET) of one model, so that a candidate's features
    # are looked up once for both.
    rankers: LinearModel
    trigger_threshold: float
    rule_threshold: float  # the bar for a trigger the rule coder coded
    # Words (and stems) that were triggers in training: with the lexicons' words, the only candidates scored
    # (empty: every word is scored).
    vocabulary: frozenset[str] = frozenset()
    # The last look at each mention in the light of its article (None: every mention the rankers give a source
    # is kept).
    verifier: Verifier | None = None

    def save(self, folder: Path, meta: dict) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {}
        for name in _PARTS:
            model = getattr(self, name)
            names = sorted(model.index, key=model.index.__getitem__)
            arrays[f"{name}_features"] = np.array(names, dtype=str)
            arrays[f"{name}_labels"] = np.array(model.labels, dtype=str)
            arrays[f"{name}_weights"] = model.weights.astype(np.float32)
            arrays[f"{name}_bias"] = model.bias.astype(np.float32)
        arrays["thresholds"] = np.array([self.trigger_threshold, self.rule_threshold])
        arrays["vocabulary"] = np.array(sorted(self.vocabulary), dtype=str)
        if self.verifier is not None:
            arrays.update(to_arrays(self.verifier))
        np.savez_compressed(folder / "model.npz", **arrays)
        (folder / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


_PARTS = ("trigger", "rankers")


def _linear(arrays: np.lib.npyio.NpzFile, name: str) -> LinearModel:
    features = [str(f) for f in arrays[f"{name}_features"]]
    return LinearModel(
        labels=tuple(str(x) for x in arrays[f"{name}_labels"]),
        index={f: i for i, f in enumerate(features)},
        weights=arrays[f"{name}_weights"],
        bias=arrays[f"{name}_bias"],
    )


@functools.cache
def load_event_model(folder: Path = MODEL_DIR) -> EventModel | None:
    """The shipped event model, or None when none is shipped (the rule coder then works alone)."""
    path = folder / "model.npz"
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as arrays:
            trigger_threshold, rule_threshold = map(float, arrays["thresholds"])
            vocabulary = frozenset(str(w) for w in arrays["vocabulary"])
            parts = [_linear(arrays, name) for name in _PARTS]
            return EventModel(*parts, trigger_threshold, rule_threshold, vocabulary, from_arrays(arrays))
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"broken event model at {path}: {exc} (retrain: warta models train events)") from exc


# ---------------------------------------------------------------------------------------------------------
# Sentences as the features see them


@dataclass(frozen=True, slots=True)
class CodedSentence:
    """One sentence prepared for the models, with the actor mentions of the sentence before it."""

    index: int
    sentence: Sentence
    ctx: SentenceContext
    previous: Sequence[ActorMention] = ()


def prepare(
    doc: AnnotatedArticle, gazetteer: Gazetteer, mentions: ArticleMentions | None = None
) -> list[CodedSentence]:
    """Every sentence of ``doc`` with its context (actor mentions, lexicon matches, rule events, quotations).
    ``doc.events`` are the rule coder's events; ``mentions`` may be the rule coder's, shared."""
    mentions_of = mentions or ArticleMentions(doc, gazetteer)
    language = doc.article.language or "en"
    lexicon = load_lexicon(language)
    events_lexicon = load_event_lexicon(language)
    cues = status_cues(language)
    home = mentions_of.home
    direct = [q for q in doc.quotes if q.direct]
    out = []
    people: list[Actor] = []  # persons named so far, for "ia"/"he"
    before: Sequence[ActorMention] = ()  # the previous sentence's actors, for "mereka"/"they"
    for index, sentence in enumerate(doc.sentences):
        words = [t.text.lower() for t in sentence.tokens]
        if not words:
            continue
        mentions = _with_pronouns(sentence, words, mentions_of(sentence), people, before, language)
        people.extend(m.actor for m in mentions if m.type == "PER" and m.kind != "pronoun" and m.actor.country)
        rule_events = []
        for event in doc.events:
            if sentence.start <= event.start < sentence.end:
                span = token_span(sentence.tokens, event.start, event.end)
                if span:
                    rule_events.append((span[0], span[1], event))
        inside = [q for q in direct if q.start < sentence.end and sentence.start < q.end]
        quoted = [any(q.start <= t.start < q.end for q in inside) for t in sentence.tokens]
        ctx = SentenceContext(
            words=words, texts=[t.text for t in sentence.tokens], language=language, mentions=mentions,
            rule_matches=lexicon.match(words), proposals=_proposals(events_lexicon, words),
            rule_events=rule_events, quoted=quoted, attributed=is_attributed(words, cues), cues=cues, home=home,
        )  # fmt: skip
        out.append(CodedSentence(index, sentence, ctx, before))
        before = mentions
    return out


def _with_pronouns(
    sentence: Sentence,
    words: Sequence[str],
    mentions: list[ActorMention],
    people: Sequence[Actor],
    before: Sequence[ActorMention],
    language: str,
) -> list[ActorMention]:
    """Pronouns as mentions of whom they stand for: "ia"/"he" the last person named (in this sentence or
    before it), "mereka"/"they" the first actor of the sentence before ("Ratusan warga berdemonstrasi ...
    Mereka menuntut ..." - hundreds of residents demonstrated ... They demanded ...)."""
    person, plural = cues_for(language).pronouns, function_words(language).plural_pronouns
    added = []
    for k, word in enumerate(words):
        if word in person:
            here = [m.actor for m in mentions if m.type == "PER" and m.last < k and m.actor.country]
            named = [*people, *here]
            meant = named[-1] if named else None
        elif word in plural:
            meant = next((m.actor for m in before if m.actor.country), None)
        else:
            continue
        if meant is not None:
            token = sentence.tokens[k]
            actor = replace(meant, text=token.text, start=token.start, end=token.end)
            added.append(ActorMention(k, k, actor, "pronoun", "PER"))
    return sorted([*mentions, *added], key=lambda m: m.first) if added else mentions


def _proposals(
    lexicon: EventLexicon, words: Sequence[str]
) -> tuple[tuple[int, int, int, str, str, str | None], ...]:
    return tuple((p.first, p.last, p.head, p.type, p.kind, p.mode) for p in lexicon.propose(words))


def candidates(doc: AnnotatedArticle, cs: CodedSentence, trigger: int) -> list[Candidate]:
    """The actors that may be arguments of the trigger at word ``trigger``: the sentence's mentions with a
    country, the speaker of the quotation the trigger stands in, and the actors the rule coder gave an event at
    the same word when they are not in the sentence, and the actors of the sentence before (an implied target:
    "Manila memanggil duta besar China. Kementerian itu memprotes ..." - the ministry protested to China).
    A mention a semicolon separates from the trigger stands in another clause of its own and is none: "Israel
    strikes Hamas leaders in Doha; Qatar condemns attack" (a headline) - Hamas did not condemn."""
    words = cs.ctx.words
    out = [
        Candidate(m.actor, m, "sentence")
        for m in cs.ctx.mentions
        if m.actor.country and _INDEPENDENT_CLAUSE not in words[min(m.last, trigger) + 1 : max(m.first, trigger)]
    ]
    token = cs.sentence.tokens[trigger]
    quote = _quote_at(doc, token.start)
    if quote is not None:
        speaker = _speaker_actor(doc, quote)
        if speaker is not None and speaker.country:
            out.append(Candidate(speaker, None, "speaker"))
    for m in cs.previous:
        if m.actor.country and not any(c.actor.country == m.actor.country for c in out):
            out.append(Candidate(m.actor, None, "previous"))
    # Domestic news: the other side of "KPK menahan tersangka" (the commission detained a suspect) or "the mayor
    # faulted the way the square had been cleared" is of the source's own country, often not named as an actor
    # at all. This stand-in takes the source's country once the source is chosen.
    out.append(Candidate(Actor(text=None), None, "domestic"))
    if cs.ctx.home and cs.ctx.home not in {c.actor.country for c in out}:
        # An actor clearly meant but not named (GUIDE: "text": null) is most often of the article's own
        # country: "Pemerintah ... kemudian menutup keran ekspor" with the government named earlier.
        out.append(Candidate(Actor(text=None, country=cs.ctx.home), None, "home"))
    rule = rule_event_at(cs, trigger)
    if rule is not None:
        for actor in (*rule.source, *rule.target):
            inside = actor.start is not None and cs.sentence.start <= actor.start < cs.sentence.end
            if actor.country and not inside and not any(c.actor.country == actor.country for c in out):
                out.append(Candidate(actor, None, "rule"))
    return out


def rule_event_at(cs: CodedSentence, trigger: int) -> Event | None:
    return next((e for first, last, e in cs.ctx.rule_events if first <= trigger <= last), None)


# ---------------------------------------------------------------------------------------------------------
# Coding


def code_with_model(
    doc: AnnotatedArticle, gazetteer: Gazetteer, model: EventModel, mentions: ArticleMentions | None = None
) -> tuple[Event, ...]:
    """The learned coder's events for ``doc`` (whose ``events`` are the rule coder's): the mentions the
    verifier keeps, merged into one event per real event."""
    found, background = code_mentions(doc, gazetteer, model, mentions)
    if model.verifier is not None:
        # Where the rule coder coded the same type and dyad at the word, two independent readings agree and the
        # verifier does not overrule them: "Moskow dan Pyongyang membantah adanya transfer senjata" (Moscow and
        # Pyongyang denied the arms transfer), a list as source with no target, is a shape the verifier learned
        # to doubt.
        verdicts = model.verifier.keep(found)
        found = [m for m, keep in zip(found, verdicts, strict=True) if keep or m.rule == "dyad"]
    # Unlike the rule coder, reported events take the news date too: in corpus/train.jsonl the gold dates most
    # of them ("South Korean PM Han Duck-soo said import bans would remain" - the day of the news).
    return merge_dated(
        [(m.event, m.sentence) for m in found], doc.article.text, doc.article.published,
        background=background, dated=_NEWS_DATED, language=doc.article.language or "en",
    )  # fmt: skip


def code_mentions(
    doc: AnnotatedArticle, gazetteer: Gazetteer, model: EventModel, mentions: ArticleMentions | None = None
) -> tuple[list[Mention], set[int]]:
    """Every event mention the trigger model and the rankers code in ``doc``, in text order, and the trigger
    offsets of those that tell background ("China telah memberi sanksi", China has sanctioned before)."""
    language = doc.article.language or "en"
    cues = status_cues(language)
    found: list[Mention] = []
    background: set[int] = set()
    for cs in prepare(doc, gazetteer, mentions):
        for trigger in find_triggers(cs, model):
            mention = _argument_event(doc, cs, trigger, model, gazetteer, cues)
            if mention is None:
                continue
            found.append(mention)
            if is_background(cs.ctx.words, trigger.index, language):
                background.add(mention.event.start)
    return found, background


class Trigger(NamedTuple):
    """A word the trigger model codes as an event: its index, type, event probability and type probability."""

    index: int
    type: str
    mass: float
    share: float


def find_triggers(cs: CodedSentence, model: EventModel) -> list[Trigger]:
    """Each trigger the model finds in a sentence."""
    ctx = cs.ctx
    lexical = {i for m in ctx.rule_matches for i in range(m.first, m.last + 1)}
    lexical.update(i for p in ctx.proposals for i in range(p[0], p[1] + 1))
    vocabulary, language = model.vocabulary, ctx.language

    def known(i: int, w: str) -> bool:
        # a word no lexicon proposes and that was never a trigger in training is not scored
        return (
            not vocabulary or i in lexical or w in vocabulary or any(s in vocabulary for s in stems(w, language))
        )

    in_mention = {k for m in ctx.mentions for k in range(m.first, m.last + 1)}
    ids = [i for i, w in enumerate(ctx.words) if i not in in_mention and is_candidate(w) and known(i, w)]
    if not ids:
        return []
    probs = model.trigger.scores([trigger_features(ctx, i) for i in ids])
    labels = model.trigger.labels
    none = labels.index(NONE)
    # A word is an event when the types together outweigh "none", and of the type likeliest among them: a word
    # read as either a refusal or an accusation (0.4 and 0.35) is an event all the same.
    is_event = 1.0 - probs[:, none]
    typed = probs.copy()
    typed[:, none] = -1.0
    best_types = typed.argmax(axis=1)
    # A word a lexicon proposes with the type the model finds likeliest may pass at a lower bar where the
    # language's lexicons are precise (languages.yaml lexicon_trigger_bar): "The army deployed troops to the
    # border", with "deployed" a MOBILIZE verb of the English CAMEO table, at 0.5 (the model saw "deployed" as an
    # event and as none).
    bar = model.trigger_threshold
    lexicon_bar = _lexicon_bar(language) or bar
    picked: list[tuple[int, str, float]] = []
    for i, p, best in zip(ids, is_event.tolist(), best_types.tolist(), strict=True):
        etype = labels[best]
        if p < bar and not (p >= lexicon_bar and _proposed(ctx, i, etype)):
            continue
        if picked and picked[-1][1] == etype and i - picked[-1][0] <= 2:
            # "melancarkan serangan udara" (launched an air strike): one event, the stronger word carries it.
            if p > picked[-1][2]:
                picked[-1] = (i, etype, p)
            continue
        picked.append((i, etype, p))
    # What the rule coder coded is a proposal the model accepts at a lower bar than its own finds.
    chosen = {i: etype for i, etype, _ in picked}
    column = dict(zip(ids, probs, strict=True))
    for first, last, event in ctx.rule_events:
        if event.type not in labels or any(chosen.get(k) == event.type for k in range(first, last + 1)):
            continue
        col = labels.index(event.type)
        k_best = max(range(first, last + 1), key=lambda k: column[k][col] if k in column else -1)
        if k_best in column and column[k_best][col] >= model.rule_threshold:
            picked.append((k_best, event.type, 0.0))
            chosen[k_best] = event.type
    found = _inside_phrases(ctx, sorted((i, etype) for i, etype, _ in picked))
    # "Iran threatened to launch a new offensive": the offensive is the threat's content, not an event.
    dropped = speech_contents([(i, i, etype, _is_noun(ctx, i)) for i, etype in found], ctx.words, ctx.cues.purpose)
    return [
        Trigger(i, etype, 1.0 - float(column[i][none]), float(column[i][labels.index(etype)]))
        for k, (i, etype) in enumerate(found)
        if k not in dropped
    ]


@functools.cache
def _lexicon_bar(language: str) -> float | None:
    """The bar of ``language`` for a word its lexicons propose (languages.yaml lexicon_trigger_bar), or None."""
    return language_option(language, "lexicon_trigger_bar")


def _inside_phrases(ctx: SentenceContext, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """One event per phrase: inside a lexicon phrase or frame of several words whose type a trigger carries, a
    trigger of another type is a word of that event, not a second event. "Uni Eropa menjatuhkan sanksi kepada
    Belarus" (the EU imposed sanctions on Belarus) is a SANCTION, though "menjatuhkan" alone may drop bombs."""
    spans = [(m.first, m.last, m.entry.type) for m in ctx.rule_matches if m.last > m.first]
    spans += [(p[0], p[1], p[3]) for p in ctx.proposals if p[1] > p[0]]
    inside_other: set[tuple[int, str]] = set()
    for first, last, etype in spans:
        inside = [t for t in found if first <= t[0] <= last]
        if any(t[1] == etype for t in inside):
            inside_other.update(t for t in inside if t[1] != etype)
    return [t for t in found if t not in inside_other] if inside_other else found


def _lexicon_mode(ctx: SentenceContext, i: int, etype: str) -> str | None:
    """The mode a lexicon gives word ``i`` for ``etype``: "mengutuk" (condemn) is ACCUSE disapprove, "ditangkap"
    (arrested) COERCE arrest. Mentions of one event merge only when their modes agree, so a mention the rules
    coded and one only the model found must read their mode from the same words."""
    for m in ctx.rule_matches:
        if m.first <= i <= m.last and m.entry.type == etype and m.entry.mode:
            return m.entry.mode
    return next((p[5] for p in ctx.proposals if p[0] <= i <= p[1] and p[3] == etype and p[5]), None)


def _is_noun(ctx: SentenceContext, i: int) -> bool:
    """Whether a lexicon reads word ``i`` as an event noun ("serangan", attack; "talks")."""
    return any(m.first <= i <= m.last and m.noun for m in ctx.rule_matches) or any(
        p[2] == i and p[4] == "noun" for p in ctx.proposals
    )


class Arguments(NamedTuple):
    """The chosen source and target, where each came from (a candidate's origin; "none": no target) and how
    far the source's score stood above the runner-up's (another candidate or "no source")."""

    source: list[Actor]
    target: list[Actor]
    source_origin: str = "none"
    target_origin: str = "none"
    margin: float = 0.0


_NO_EVENT = Arguments([], [])


def choose_arguments(
    model: EventModel, ctx: SentenceContext, rows: Sequence[Sequence[str]], cands: Sequence[Candidate], etype: str
) -> Arguments:
    """The source and the target of a trigger, by the rankers: the source ranker picks one candidate or "no
    source" (then there is no event: GUIDE codes no event without an identifiable actor), then the target
    ranker picks one of the other candidates or "no target", knowing the source's country.

    One of each, with the rest of its list if the chosen actor stands in one (:func:`_with_list`): in
    corpus/train.jsonl 98% of events have one source country and 90% one target country, and letting a second
    actor join a side whenever the model was sure of it cost held-out F1 (docs/coder.md). The same-country
    stand-in ("domestic") takes the source's country: "KPK menahan tersangka" (the commission detained a
    suspect) is Indonesian on both sides."""
    # scores are sums of feature weights, so a candidate's own features and those added later add up
    base = model.rankers.raw([*rows, nobody_features(etype)])
    s_scores, no_source, no_target = base[: len(rows), 0], base[-1, 0], base[-1, 1]
    sources = [k for k, c in enumerate(cands) if c.origin != "domestic"]
    first = max(sources, key=lambda k: s_scores[k], default=None)
    if first is None or s_scores[first] <= no_source:
        return _NO_EVENT
    margin = float(s_scores[first] - max([no_source, *(s_scores[k] for k in sources if k != first)]))
    origin = cands[first].origin
    source = _with_list(ctx, cands, first)
    if etype in SYMMETRIC_TYPES and len(source) > 1:
        # A list that consults or agrees is its two sides: "Kim Jong Un dan Putin kemudian memulai pembicaraan"
        # (Kim and Putin then began talks) is PRK with RUS. corpus/train.jsonl codes such events this way
        # (source one country, the other the target: 333 of 369 symmetric events; a list as source: 26).
        return Arguments(source[:1], source[1:], origin, origin, margin)
    country = source[0].country
    t_scores = base[: len(rows), 1] + model.rankers.raw([target_features(c, etype, country) for c in cands])[:, 1]
    taken = {id(a) for a in source}
    # A list of sources is not its own target: "Moskow dan Pyongyang membantah adanya transfer senjata" (Moscow
    # and Pyongyang denied the arms transfer) has no target of either country (3 of 59 such events in
    # corpus/train.jsonl have one).
    listed = {a.country for a in source} if len(source) > 1 else set()

    def allowed(c: Candidate) -> bool:
        return id(c.actor) not in taken and not (listed and (c.actor.country in listed or c.origin == "domestic"))

    best = max((k for k, c in enumerate(cands) if allowed(c)), key=lambda k: t_scores[k], default=None)
    if best is None or t_scores[best] <= no_target:
        return Arguments(source, [], origin, "none", margin)
    if cands[best].origin == "domestic":
        return Arguments(source, [replace(cands[best].actor, country=country)], origin, "domestic", margin)
    target = [a for a in _with_list(ctx, cands, best) if id(a) not in taken]
    return Arguments(source, target, origin, cands[best].origin, margin)


def _with_list(ctx: SentenceContext, cands: Sequence[Candidate], k: int) -> list[Actor]:
    """The actor of candidate ``k`` and, when it stands in a list of actors, the others of the list with
    other countries: "Burkina Faso, Mali dan Niger menyatakan keluar dari ECOWAS" (Burkina Faso, Mali and
    Niger announced their exit from ECOWAS) has three sources."""
    chosen = cands[k]
    if chosen.mention is None:
        return [chosen.actor]
    listed = actor_list(ctx.words, ctx.mentions, function_words(ctx.language), chosen.mention)
    actors = [chosen.actor]
    for m in listed:
        if m.actor.country and all(a.country != m.actor.country for a in actors):
            actors.append(m.actor)
    return actors


def _argument_event(
    doc: AnnotatedArticle, cs: CodedSentence, found: Trigger, model: EventModel, gazetteer: Gazetteer, cues
) -> Mention | None:
    trigger, etype = found.index, found.type
    cands = candidates(doc, cs, trigger)
    if not cands:
        return None
    rule = rule_event_at(cs, trigger)
    rows = [argument_features(cs.ctx, trigger, etype, c, rule) for c in cands]
    args = choose_arguments(model, cs.ctx, rows, cands, etype)
    if not args.source:
        return None
    if rule is not None and rule.type == etype:
        event = replace(rule, source=tuple(args.source), target=tuple(args.target))
    else:
        event = _new_event(doc, cs, trigger, etype, args.source, args.target, gazetteer, cues)
    ctx = cs.ctx
    return Mention(
        event=event, sentence=cs.index, mass=found.mass, share=found.share, source_margin=args.margin,
        source_origin=args.source_origin, target_origin=args.target_origin,
        rule=_agreement(rule, etype, event), lexicon=_proposed(ctx, trigger, etype),
        quoted=ctx.quoted[trigger], attributed=ctx.attributed, noun=_is_noun(ctx, trigger),
        words=len(ctx.words), home=ctx.home, word=ctx.words[trigger],
    )  # fmt: skip


def _agreement(rule: Event | None, etype: str, event: Event) -> str:
    """What the rule coder coded at the learned event's word (``warta.events.event_verifier.RULE_AGREEMENT``)."""
    if rule is None:
        return "none"
    if rule.type != etype:
        return "other"
    same = all(
        {a.country for a in mine} == {a.country for a in theirs}
        for mine, theirs in ((event.source, rule.source), (event.target, rule.target))
    )
    return "dyad" if same else "same"


def _proposed(ctx: SentenceContext, i: int, etype: str) -> bool:
    """Whether a lexicon proposes word ``i``, or a phrase it stands in, as a trigger of ``etype``."""
    return any(m.first <= i <= m.last and m.entry.type == etype for m in ctx.rule_matches) or any(
        p[0] <= i <= p[1] and p[3] == etype for p in ctx.proposals
    )


def _new_event(doc, cs, trigger, etype, source, target, gazetteer, cues) -> Event:
    """An event the rules did not code at this word: status, date and place by the rules' functions."""
    words = cs.ctx.words
    token = cs.sentence.tokens[trigger]
    text = doc.article.text
    sentence_text = text[cs.sentence.start : cs.sentence.end]
    quote = _quote_at(doc, token.start)
    speech = etype in _SPEECH_TYPES
    attributed = (cs.ctx.attributed and attributed_at(words, trigger, cues)) or quote is not None
    status = event_status(words, trigger, cues, speech_act=speech, attributed=attributed)
    date = event_date(
        sentence_text,
        token.start - cs.sentence.start,
        reference_date(text, doc.article.published),
        future=status == "future",
        reported=status == "reported" and not is_background(words, trigger, cs.ctx.language),
        dates=find_dates(sentence_text),
    )
    mode = _lexicon_mode(cs.ctx, trigger, etype)
    place = event_place(
        text, cs.sentence, doc.entities, (token.start, token.end),
        event_type=etype, mode=mode, language=cs.ctx.language, gazetteer=gazetteer,
    )  # fmt: skip
    return Event(
        type=etype,
        mode=mode,
        source=tuple(source),
        target=tuple(target),
        status=status,
        trigger=token.text,
        sentence=sentence_text,
        start=token.start,
        end=token.end,
        date=date,
        location=place.text if place else None,
        place=place,
        attributed_to=(quote.speaker if quote else None) if status == "reported" else None,
    )
