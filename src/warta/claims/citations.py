"""Evidence cited for a claim without a person behind it: "... shown by satellite imagery" as a stance.

News often backs a claim with evidence rather than a speaker: "Lawatan Putin dilakukan setelah Kim Jong Un
melakukan perjalanan ke Rusia pada September, yang kemudian ditunjukkan oleh citra satelit yang diikuti oleh
peningkatan besar-besaran dalam transfer senjata" (Putin's visit followed Kim's trip to Russia in September,
which satellite imagery then showed was followed by a massive increase in arms transfers). The arms transfer
there has no actors of its own, so the coder makes no event of it; the ledger still should show that the
article's arms-transfer claim is *reported from satellite imagery*. A citation is such a link:

1. A sentence names an evidence **source** (``data/evidence_sources.yaml``: satellite imagery, intelligence,
   documents, footage, tracking data) within :data:`VERB_WINDOW` words of an evidence **verb** (shown by,
   according to, reveals, menunjukkan, menurut ...).
2. What it shows is the part of the sentence after the source, else the part before it; it must name an
   event type (with its mode, if it names one) through the coder's trigger lexicon, as for denials.
3. The citation attaches to the article's events of that type that happened or are said to have (status
   asserted, reported or denied, not a plan or a guess): the sentence's own event of that type if it has one,
   else every such event elsewhere in the article, kept only if it shares an actor with the sentence when the
   sentence names actors ("Kim Jong Un", "Rusia" above: the arms transfer North Korea -> Russia qualifies).

Each link is a :class:`~warta.store.ledger_rows.Denial` row of kind ``reported`` (rule ``citation``) whose holder
is the source as written ("citra satelit"); the ledger shows it as a reported stance on the claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from warta.claims.matching import DENIABLE, names_type, side_keys, stable_id, type_mentions
from warta.data import load_yaml, word_key
from warta.records import AnnotatedArticle, Event
from warta.store.ledger_rows import Denial

#: Words allowed between an evidence source and its verb ("ditunjukkan oleh citra satelit": one).
VERB_WINDOW = 3
_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


@cache
def _lexicon(language: str) -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    spec = load_yaml("evidence_sources.yaml")
    key = word_key(language)
    sources = sorted((tuple(s.lower().split()) for s in spec["sources"][key]), key=len, reverse=True)
    return tuple(sources), frozenset(v.lower() for v in spec["verbs"][key])


def _find_source(words: Sequence[str], language: str) -> tuple[int, int] | None:
    """Token span [start, end) of the first evidence source with an evidence verb near it, or None."""
    sources, verbs = _lexicon(language)
    for i in range(len(words)):
        for phrase in sources:  # longest first: "laporan intelijen" before "intelijen"
            if tuple(words[i : i + len(phrase)]) != phrase:
                continue
            end = i + len(phrase)
            near = words[max(0, i - VERB_WINDOW - 1) : i] + words[end : end + VERB_WINDOW + 1]
            if verbs.intersection(near):
                return i, end
            break
    return None


def find_citations(
    doc: AnnotatedArticle, event_ids: Sequence[str], spans: Sequence[tuple[int, int]]
) -> list[Denial]:
    """Every (evidence source, cited event) link in ``doc`` by the rules in this module's docstring.

    ``spans`` are the sentence offsets of each event (as :func:`warta.claims.evidence.sentence_span`).
    """
    language = doc.article.language or "en"
    text = doc.article.text
    out: list[Denial] = []
    deniable = [(i, ev) for i, ev in enumerate(doc.events) if ev.type != "REJECT" and ev.status in DENIABLE]
    if not deniable:
        return out
    for sentence in doc.sentences:
        if not (0 <= sentence.start < sentence.end <= len(text)):
            continue
        tokens = [(m.group(), sentence.start + m.start(), sentence.start + m.end())
                  for m in _WORD.finditer(text[sentence.start : sentence.end])]  # fmt: skip
        words = [w.lower() for w, _, _ in tokens]
        found = _find_source(words, language)
        if found is None:
            continue
        first, last = found
        mentions = type_mentions(words[last:], language) or type_mentions(words[:first], language)
        if not mentions:
            continue
        span = (sentence.start, sentence.end)
        cited = _cited(deniable, spans, span, mentions, _sentence_actors(doc, span))
        holder = text[tokens[first][1] : tokens[last - 1][2]]
        link = stable_id("citation", doc.article.id, sentence.start, holder)
        # an event already attributed to this source ("Citra satelit menunjukkan ..." coded as reported from
        # it) holds that stance itself
        cited = [i for i in cited if (doc.events[i].attributed_to or "").casefold() != holder.casefold()]
        out.extend(
            Denial(reject_id=link, event_id=event_ids[i], position=0, article_id=doc.article.id, holder=holder,
                   holder_country=None, rule="citation", sentence_start=span[0], sentence_end=span[1],
                   kind="reported")  # fmt: skip
            for i in cited
        )
    return out


def _sentence_actors(doc: AnnotatedArticle, span: tuple[int, int]) -> set[str]:
    return {e.country for e in doc.entities if e.country and span[0] <= e.start < span[1]}


def _cited(
    deniable: Sequence[tuple[int, Event]],
    spans: Sequence[tuple[int, int]],
    span: tuple[int, int],
    mentions: dict[str, set[str | None]],
    actors: set[str],
) -> list[int]:
    """Indices of the events a citation in the sentence ``span`` naming ``mentions`` attaches to (rule 3)."""
    named = [(i, ev) for i, ev in deniable if names_type(ev, mentions)]
    own = [i for i, _ in named if spans[i] == span]
    if own:
        return own
    return [
        i
        for i, ev in named
        if not actors or actors & (set(side_keys(ev.source)) | set(side_keys(ev.target)))
    ]
