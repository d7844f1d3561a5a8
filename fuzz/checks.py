"""The invariants every fuzzed input must keep, whatever it is.

- no exception escapes a stage boundary except warta's own :class:`~warta.errors.InputError` family (a bad
  input) where a caller is meant to catch it; the pipeline and ingest raise nothing at all;
- every failure is a typed record: a :class:`~warta.records.Failure` with an input-error code ``W2xx``; W999
  ("a bug inside a stage") counts as a crash;
- every output validates against the ``warta/1`` JSON Schema;
- every offset lies inside the article text, and each span's text is the text at its offsets;
- the budgets hold: the text is at most ``max_article_chars`` long, no sentence has more than
  ``max_sentence_tokens`` tokens.

A broken invariant raises :class:`Violation`; the harness records it like a crash.
"""

from __future__ import annotations

import re

import jsonschema

from warta.output import to_contract, validate_output
from warta.records import Actor, AnnotatedArticle, Failure, Page, Sentence
from warta.settings import Settings

_INPUT_CODE = re.compile(r"W2\d\d")


class Violation(AssertionError):
    """An invariant broken by an input (not an exception raised by warta)."""


def require(condition: bool, message: str) -> None:
    if not condition:
        raise Violation(message)


def check_failure(failure: Failure) -> None:
    """A failure row says what went wrong with an input: an input-error code, a stage and a reason."""
    require(failure.code != "W999", f"a stage crashed: {failure.stage}: {failure.reason}")
    require(bool(_INPUT_CODE.fullmatch(failure.code)), f"failure code {failure.code!r} is not an input error")
    require(bool(failure.stage) and bool(failure.reason.strip()), f"failure without stage or reason: {failure}")
    require(bool(failure.source), "failure without its source")


def check_ingested(item: Page | Failure) -> None:
    """What ingest yields: a Page with HTML or text, or a typed failure."""
    if isinstance(item, Failure):
        check_failure(item)
        return
    require(isinstance(item, Page), f"ingest yielded {type(item).__name__}")
    require(bool(item.html) or item.text is not None, f"page without HTML and text from {item.source}")
    require(all(isinstance(h, str) for h in item.html), "page HTML is not text")


def _span(text: str, start: int | None, end: int | None, what: str, expected: str | None = None) -> None:
    if start is None and end is None:
        return
    require(start is not None and end is not None, f"{what}: one offset of two ({start}, {end})")
    assert start is not None and end is not None
    require(0 <= start <= end <= len(text), f"{what}: offsets {start}..{end} outside a text of {len(text)}")
    if expected is not None:
        require(text[start:end] == expected, f"{what}: {expected!r} is not the text at {start}..{end}")


def check_sentences(text: str, sentences: tuple[Sentence, ...], *, max_tokens: int = 0) -> None:
    """Sentences in order, not overlapping, inside the text, each token the text at its offsets."""
    previous_end = 0
    for sentence in sentences:
        _span(text, sentence.start, sentence.end, "sentence")
        require(sentence.start >= previous_end, f"sentence at {sentence.start} overlaps the one before")
        require(not max_tokens or len(sentence.tokens) <= max_tokens, f"sentence of {len(sentence.tokens)} tokens")
        previous_end = sentence.end
        for token in sentence.tokens:
            _span(text, token.start, token.end, "token", token.text)
            require(sentence.start <= token.start and token.end <= sentence.end, "token outside its sentence")


def _actor(text: str, actor: Actor, what: str) -> None:
    _span(text, actor.start, actor.end, what)


def check_document(doc: AnnotatedArticle, settings: Settings) -> None:
    """An annotated article: offsets inside the text, budgets kept, the contract valid."""
    text = doc.article.text
    require(bool(text.strip()), "an article with no text")
    budget = settings.max_article_chars
    require(not budget or len(text) <= budget, f"text of {len(text)} characters, budget {budget}")
    check_sentences(text, doc.sentences, max_tokens=settings.max_sentence_tokens)
    for entity in doc.entities:
        _span(text, entity.start, entity.end, "entity", entity.text)
    for quote in doc.quotes:
        _span(text, quote.start, quote.end, "quote")
        _span(text, quote.speaker_start, quote.speaker_end, "quote speaker")
        if quote.speaker_actor is not None:
            _actor(text, quote.speaker_actor, "quote speaker actor")
    for event in doc.events:
        _span(text, event.start, event.end, "event")
        for actor in (*event.source, *event.target):
            _actor(text, actor, "event actor")
        if event.place is not None:
            _span(text, event.place.start, event.place.end, "event place")
    try:
        validate_output(to_contract(doc))
    except jsonschema.ValidationError as exc:
        raise Violation(f"output does not validate against the JSON Schema: {exc.message}") from exc
