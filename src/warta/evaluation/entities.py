"""Score warta's entities stage (dictionaries, rules and the statistical NER together) on the NER test sets.

:mod:`warta.evaluation.models` scores the trained spaCy pipeline alone. What an analyst gets is the output of
warta's ``entities`` stage, where the dictionaries of countries, capitals, IGOs and leaders and the rules for
names after titles sit on top of the model and win where they are sure. This module measures that output
on the same gold sentences, so both numbers stand side by side in ``docs/models.md``.

The gold tokens of every 10 consecutive sentences are joined into one article (tokens by their gold spacing,
sentences as paragraphs), the article runs through segmentation and the entities stage with the language
fixed, and a predicted mention counts when its character span and type equal a gold entity's (the usual
exact-match entity F1). Gold tokens keep the measure apart from extraction; warta's own segmentation runs,
as it does on real text.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from warta.evaluation.scoring import Score
from warta.nlp.entities import make_entities_stage
from warta.nlp.gazetteer import Gazetteer
from warta.nlp.gazetteer_data import load_gazetteer
from warta.nlp.models import NerCandidates
from warta.nlp.segment import make_segment_stage
from warta.pipeline import start_annotation
from warta.records import AnnotatedArticle, Article
from warta.settings import Settings
from warta.training.convert import Sentence
from warta.training.corpora import Source

_SENTS_PER_ARTICLE = 10
LABELS = ("PER", "ORG", "LOC")

Span = tuple[int, int, str]  # start, end (characters in the joined article), label


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """Gold sentences joined into one text, with their entities as character spans."""

    text: str
    spans: frozenset[Span]
    words: int


def gold_articles(
    sentences: Iterable[Sentence], *, per_article: int = _SENTS_PER_ARTICLE
) -> Iterator[GoldArticle]:
    """Join every ``per_article`` gold sentences into a :class:`GoldArticle` (sentences as paragraphs)."""
    batch: list[Sentence] = []
    for sentence in sentences:
        batch.append(sentence)
        if len(batch) == per_article:
            yield _join(batch)
            batch = []
    if batch:
        yield _join(batch)


def _join(batch: Sequence[Sentence]) -> GoldArticle:
    parts: list[str] = []
    spans: set[Span] = set()
    offset = 0
    words = 0
    for n, sentence in enumerate(batch):
        if n:
            parts.append("\n\n")
            offset += 2
        starts: list[int] = []
        ends: list[int] = []
        last = len(sentence.words) - 1
        for i, (word, space) in enumerate(zip(sentence.words, sentence.spaces, strict=True)):
            starts.append(offset)
            parts.append(word)
            offset += len(word)
            ends.append(offset)
            if space and i < last:
                parts.append(" ")
                offset += 1
        words += len(sentence.words)
        for first, last, label in iob_spans(sentence.ents or ()):
            spans.add((starts[first], ends[last], label))
    return GoldArticle("".join(parts), frozenset(spans), words)


def iob_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entities of an IOB2 tag sequence as (first token, last token, label); a stray I- opens an entity."""
    spans: list[tuple[int, int, str]] = []
    first: int | None = None
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and first is not None and tag[2:] == label
        if inside:
            continue
        if first is not None:
            spans.append((first, i - 1, label))
            first = None
        if tag.startswith(("B-", "I-")):
            first, label = i, tag[2:]
    return spans


def score_articles(articles: Sequence[GoldArticle], predicted: Sequence[Iterable[Span]]) -> dict[str, dict]:
    """Precision, recall and F1 (percent) per label and over all labels, exact span and type."""
    scores = {label: Score() for label in LABELS}
    for gold, found in zip(articles, predicted, strict=True):
        found = set(found)
        for span in found:
            score = scores[span[2]]
            if span in gold.spans:
                score.tp += 1
            else:
                score.fp += 1
        for span in gold.spans - found:
            scores[span[2]].fn += 1
    total = Score()
    for score in scores.values():
        total.add(score)
    return {label: _percent(score) for label, score in {**scores, "all": total}.items()}


def _percent(score: Score) -> dict[str, float]:
    return {"p": round(100 * score.precision, 2), "r": round(100 * score.recall, 2), "f": round(100 * score.f1, 2)}


def predict_spans(articles: Sequence[GoldArticle], language: str, settings: Settings,
                  gazetteer: Gazetteer | None = None) -> list[list[Span]]:  # fmt: skip
    """Run segmentation and the entities stage on each article; return their PER/ORG/LOC mentions."""
    gazetteer = gazetteer or load_gazetteer()
    segment = make_segment_stage()
    entities = make_entities_stage(
        gazetteer, candidates=NerCandidates(settings) if language in settings.ner else None
    )
    out = []
    for n, gold in enumerate(articles):
        doc: AnnotatedArticle = start_annotation(Article(id=f"test-{n}", source="test", text=gold.text,
                                                         language=language))  # fmt: skip
        doc = entities(segment(doc))
        out.append([(e.start, e.end, e.type) for e in doc.entities if e.type in LABELS])
    return out


def evaluate_entities(sources: Sequence[Source], data: Path, language: str, settings: Settings,
                      gazetteer: Gazetteer | None = None) -> dict[str, object]:  # fmt: skip
    """Entity scores of warta's entities stage on a NER test set, with its speed in words per second."""
    articles = list(gold_articles(s for source in sources for s in source.read(data)))
    gazetteer = gazetteer or load_gazetteer()
    predict_spans(articles[:1], language, settings, gazetteer)  # loads the NER model: not part of the speed
    started = time.perf_counter()
    predicted = predict_spans(articles, language, settings, gazetteer)
    seconds = time.perf_counter() - started
    words = sum(a.words for a in articles)
    return {
        "words": words,
        "words_per_second": round(words / seconds) if seconds else None,
        "ents_per_type": score_articles(articles, predicted),
    }
