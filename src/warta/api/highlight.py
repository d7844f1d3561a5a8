"""The article view's text: the article cut into runs at every edge of an entity, quote, speaker, event
trigger or cited sentence, so the template can wrap each run in a highlight that links to its record.

Spans overlap (a quote holds names and triggers), so a run carries every kind that covers it and links to
the narrowest span over it: a trigger inside a quote links to its event, the rest of the quote to the
quote. Text is never turned into markup here; the template escapes each run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from warta.records import AnnotatedArticle


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: its kind (entity, quote, speaker, trigger, cited) and where it links."""

    start: int
    end: int
    kind: str
    anchor: str
    label: str


@dataclass(slots=True)
class Run:
    """A piece of text with the kinds that cover it, the record it links to, and the sentence anchors that
    start at it (``s-<offset>``)."""

    text: str
    kinds: list[str] = field(default_factory=list)
    anchor: str | None = None
    label: str | None = None
    sentence_ids: list[str] = field(default_factory=list)


def article_spans(
    doc: AnnotatedArticle, *, event_ids: list[str], quote_ids: list[str], cited: tuple[int, int] | None = None
) -> list[Span]:
    """The highlighted spans of ``doc``; ``event_ids``/``quote_ids`` are the stored ids in record order."""
    spans: list[Span] = []
    for i, entity in enumerate(doc.entities):
        spans.append(Span(entity.start, entity.end, "entity", f"entity-{i}", f"{entity.type} {entity.text}"))
    for quote, quote_id in zip(doc.quotes, quote_ids, strict=False):
        anchor = f"quote-{quote_id}"
        spans.append(Span(quote.start, quote.end, "quote", anchor, f"quote by {quote.speaker or 'unknown'}"))
        if quote.speaker_start is not None and quote.speaker_end is not None:
            spans.append(Span(quote.speaker_start, quote.speaker_end, "speaker", anchor, "speaker"))
    for event, event_id in zip(doc.events, event_ids, strict=False):
        spans.append(Span(event.start, event.end, "trigger", f"event-{event_id}", f"{event.type} {event.trigger}"))
    if cited is not None:
        spans.append(Span(cited[0], cited[1], "cited", f"s-{cited[0]}", "the sentence cited"))
    length = len(doc.article.text)
    return [s for s in spans if 0 <= s.start < s.end <= length]


def article_runs(text: str, spans: list[Span], sentence_starts: list[int]) -> list[Run]:
    """``text`` cut at every span edge and sentence start, each run with the spans covering it."""
    cuts = {0, len(text)}
    for span in spans:
        cuts.update((span.start, span.end))
    starts = {s for s in sentence_starts if 0 <= s < len(text)}
    cuts.update(starts)
    edges = sorted(cuts)
    runs: list[Run] = []
    for begin, end in zip(edges, edges[1:], strict=False):
        covering = [s for s in spans if s.start <= begin and end <= s.end]
        run = Run(text[begin:end], kinds=sorted({s.kind for s in covering}))
        if covering:
            narrowest = min(covering, key=lambda s: (s.end - s.start, s.kind != "trigger"))
            run.anchor, run.label = narrowest.anchor, narrowest.label
        if begin in starts:
            run.sentence_ids.append(f"s-{begin}")
        runs.append(run)
    return runs
