"""What the fuzzer feeds: one target per layer, each a hypothesis strategy and a function that runs an input
through the layer and checks :mod:`fuzz.checks`' invariants on what comes out.

Cheap layers (decoding, JSONL, dates, quote marks, segmentation) take milliseconds an input; ``extract``,
``language`` and ``ingest`` tens of milliseconds; ``pipeline`` (every stage, then saved into a SQLite store
with its claims and read back) the most, so a long run gives it a smaller share of the inputs.
"""

from __future__ import annotations

import functools
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from hypothesis import strategies as st

from fuzz import checks, inputs
from warta.build import build_pipeline
from warta.claims import save_article
from warta.errors import InputError
from warta.events.date_expressions import find_dates, reference_date, resolve
from warta.events.dates import lead_date
from warta.extract import extract_article
from warta.extract.metadata import normalise_date
from warta.ingest.context import IngestContext, guarded
from warta.ingest.decode import decode_bytes
from warta.ingest.files import iter_document
from warta.ingest.http import Fetcher
from warta.nlp.language import detect_article_language
from warta.nlp.segment import segment_text, split_long
from warta.quotes.quote_marks import find_direct_spans
from warta.records import AnnotatedArticle, Article, Failure, Page
from warta.settings import Settings, load_settings
from warta.store.sqlite import SqliteStore

_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class Target:
    name: str
    strategy: st.SearchStrategy[Any]
    run: Callable[[Any], None]


@functools.cache
def fuzz_settings() -> Settings:
    """Default settings (the budgets as shipped), nothing read from the environment, no network."""
    return load_settings(env={}, overrides={"http_delay": 0.0, "http_retries": 0, "respect_robots": False})


def _expect_input_error(call: Callable[[], Any]) -> Any:
    """``call()``; an InputError (a typed refusal of a bad input) is an allowed outcome and gives None."""
    try:
        return call()
    except InputError as exc:
        checks.require(bool(re.fullmatch(r"W2\d\d", exc.code)), f"{type(exc).__name__} with code {exc.code}")
        return None


def run_decode(data: bytes) -> None:
    text = _expect_input_error(lambda: decode_bytes(data, name="fuzz"))
    checks.require(text is None or isinstance(text, str), "decode_bytes returned no text")


def _page_server(request: httpx.Request) -> httpx.Response:
    # Feeds link to articles; the fuzzer never goes online, so every link answers with the same small page.
    return httpx.Response(200, html="<html><body><p>" + inputs.TEXT_SEEDS[0] + "</p></body></html>")


@functools.cache
def _context() -> IngestContext:
    settings = fuzz_settings()
    client = httpx.Client(transport=httpx.MockTransport(_page_server))
    return IngestContext(settings=settings, fetcher=Fetcher(settings, client=client))


def run_ingest(case: tuple[str, bytes]) -> None:
    kind, data = case
    for item in guarded(iter_document(data, kind=kind, source=f"fuzz.{kind}", ctx=_context()), source="fuzz"):
        checks.check_ingested(item)


def run_jsonl(lines: list[bytes]) -> None:
    run_ingest(("jsonl", b"\n".join(lines)))


def run_dates(case: tuple[str, str | None]) -> None:
    text, given = case
    # The pipeline hands the events stage a publication date as extraction normalised it.
    published = normalise_date(given)
    value = normalise_date(text)
    checks.require(value is None or bool(_ISO.fullmatch(value)), f"normalise_date gave {value!r}")
    for expr in find_dates(text):
        checks.require(0 <= expr.start <= expr.end <= len(text), f"date expression at {expr.start}..{expr.end}")
        for future in (False, True):
            day = resolve(expr, published, future=future)
            checks.require(day is None or bool(_ISO.fullmatch(day)), f"resolve gave {day!r}")
    for found in (reference_date(text, published), lead_date(text, published)):
        checks.require(found is None or bool(_ISO.fullmatch(found)), f"date {found!r}")


def run_quote_marks(text: str) -> None:
    for span in find_direct_spans(text):
        # A quotation left open at the end of its paragraph closes there: close_at may be len(text).
        ordered = 0 <= span.open_at < span.start <= span.end <= span.close_at <= len(text)
        checks.require(ordered, f"quote span {span} in a text of {len(text)}")


def run_segment(case: tuple[str, str]) -> None:
    text, language = case
    settings = fuzz_settings()
    sentences, _ = split_long(segment_text(text, language), settings.max_sentence_tokens)
    checks.check_sentences(text, sentences, max_tokens=settings.max_sentence_tokens)
    covered = sum(len(t.text) for s in sentences for t in s.tokens)
    checks.require(covered == sum(not ch.isspace() for ch in text), "tokens do not cover every non-space")


def run_language(text: str) -> None:
    article = Article(id="fuzz", source="fuzz", text=text)
    found = _expect_input_error(lambda: detect_article_language(article, supported=("id", "en")))
    checks.require(found is None or found.language in ("id", "en"), "a language outside the supported ones")


def run_extract(page: Page) -> None:
    settings = fuzz_settings()
    article = _expect_input_error(lambda: extract_article(page, settings=settings))
    if article is not None:
        checks.require(bool(article.text.strip()), "an article without text")
        checks.require(len(article.text) <= settings.max_article_chars, "text longer than the budget")


@functools.cache
def _pipeline() -> Any:
    return build_pipeline(fuzz_settings())


@functools.cache
def _store() -> SqliteStore:
    folder = Path(tempfile.mkdtemp(prefix="warta-fuzz-"))
    return SqliteStore(folder / "fuzz.db")


def run_pipeline(page: Page) -> None:
    """Every stage, the output checked, then saved with its claims into a store and read back whole."""
    result = _pipeline().process(page)
    if isinstance(result, Failure):
        checks.check_failure(result)
        return
    checks.require(isinstance(result, AnnotatedArticle), f"pipeline gave {type(result).__name__}")
    checks.check_document(result, fuzz_settings())
    store = _store()
    save_article(store, result, run_id=None)
    checks.require(store.load_article(result.article.id) == result, "the stored article reads back different")


_KINDS = ["html", "text", "feed", "jsonl"]
_LANGUAGES = st.sampled_from(["id", "en", "ms", "", "xx"])
_PUBLISHED = st.none() | inputs.dates()
pages = st.one_of(
    st.builds(lambda h, p: Page(source="fuzz.html", html=(h,), published=p), inputs.htmls, _PUBLISHED),
    st.builds(lambda t, p: Page(source="fuzz.txt", text=t, published=p), inputs.texts, _PUBLISHED),
    st.builds(lambda h: Page(source="fuzz.html", html=tuple(h)), st.lists(inputs.htmls, max_size=3)),
)
#: Pipeline inputs: pages, and texts whose language is given (so that random text reaches the later stages).
pipeline_pages = st.one_of(
    pages,
    st.builds(
        lambda t, lang, p: Page(source="fuzz.txt", text=t, language=lang, published=p),
        st.one_of(inputs.texts, inputs.unbalanced_quotes, inputs.word_salad),
        st.sampled_from(["id", "en"]),
        _PUBLISHED,
    ),
)

TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        Target("decode", inputs.raw_bytes, run_decode),
        Target("ingest", st.tuples(st.sampled_from(_KINDS), inputs.raw_bytes), run_ingest),
        Target("jsonl", st.lists(inputs.jsonl_lines(), max_size=5), run_jsonl),
        Target("dates", st.tuples(st.one_of(inputs.dates(), inputs.texts), _PUBLISHED), run_dates),
        Target("quote_marks", st.one_of(inputs.unbalanced_quotes, inputs.texts), run_quote_marks),
        Target("segment", st.tuples(st.one_of(inputs.texts, inputs.word_salad), _LANGUAGES), run_segment),
        Target("language", st.one_of(inputs.texts, inputs.mixed_scripts), run_language),
        Target("extract", pages, run_extract),
        Target("pipeline", pipeline_pages, run_pipeline),
    )
}
