"""Inputs the fuzzer (issue 14) found crashing or stalling warta, each pinned after its fix
(docs/reliability.md, "Fuzzing")."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzz import inputs
from warta.ingest.feeds import parse_feed
from warta.nlp.gazetteer_data import load_gazetteer
from warta.quotes.intervals import Intervals
from warta.quotes.quote_marks import _find_spans, find_direct_spans

_FEED = (
    b'<rss version="2.0"><channel><title>Berita</title><item><title>Sanksi baru REF</title>'
    b"<link>https://example.invalid/a</link></item></channel></rss>"
)


@pytest.mark.parametrize("ref", [b"&#x110000;", b"&#1114112;", b"&#xD800;", b"&#99999999999999999999;"])
@pytest.mark.parametrize("well_formed", [True, False])
def test_regression_14_feed_with_a_reference_to_no_character_is_read(ref: bytes, well_formed: bool) -> None:
    # feedparser raised ValueError (W999 in the failures table) on a numeric reference beyond U+10FFFF or to a
    # surrogate; such a reference now reads as U+FFFD, as in HTML, and the rest of the feed is kept.
    feed = _FEED.replace(b"REF", ref)
    if well_formed:
        [entry] = parse_feed(feed)
        assert entry.link == "https://example.invalid/a"
        assert entry.title is not None and entry.title.startswith("Sanksi baru")
    else:
        # Left unclosed, the feed goes to feedparser's fallback parser, where the crash was; what that parser
        # makes of such a feed is its business, but it must give entries, not raise.
        feed = feed.replace(b"</title><link>", b"<link>").replace(b"</channel></rss>", b"")
        assert len(parse_feed(feed)) == 1


def test_regression_14_feed_keeps_valid_references() -> None:
    [entry] = parse_feed(_FEED.replace(b"REF", b"&#233;&#xE9;"))
    assert entry.title == "Sanksi baru éé"


@given(
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)).map(lambda p: (p[0], p[0] + p[1]))),
    pos=st.integers(-2, 100),
)
def test_intervals_answer_as_a_scan_of_every_span_would(spans: list[tuple[int, int]], pos: int) -> None:
    # The quotes stage asked "is this token inside a quote?" by scanning every span: tokens x spans, 19 s on
    # a page of 10,000 quote marks. Intervals must give exactly the scan's answers.
    inside = Intervals(spans)
    assert inside.covers(pos) == any(a <= pos < b for a, b in spans)
    assert inside.covers_inside(pos) == any(a < pos < b for a, b in spans)


def test_regression_14_ten_thousand_quote_marks_are_paired_in_one_pass() -> None:
    # Not a time limit (scripts/robustness.py checks the wall clock): the spans found must still be right.
    text = "Kata dia " + '"ya" ' * 5000
    spans = find_direct_spans(text)
    assert len(spans) == 5000
    assert all(text[s.start : s.end] == "ya" for s in spans)
    inside = Intervals((s.open_at, s.close_at) for s in spans)
    assert inside.covers_inside(text.index("ya")) and not inside.covers_inside(text.index('"'))


@given(text=st.one_of(inputs.unbalanced_quotes, inputs.texts))
def test_quote_spans_are_the_same_with_open_marks_remembered(text: str) -> None:
    # find_direct_spans no longer rescans a paragraph from every mark left open (10,000 unclosed marks in
    # one paragraph: 26 CPU seconds, W250 with the default budget); the spans must not change.
    assert _find_spans(text, remember_open=True) == _find_spans(text, remember_open=False)


def test_regression_14_ten_thousand_open_quote_marks_pair_with_nothing() -> None:
    # The next paragraph does not open with a mark, so none of the 10,000 quotations continues into it.
    text = "\u201cKami siap kata dia " * 10_000 + "\n\nIa menjawab, \u201cBenar,\u201d ujarnya."
    spans = find_direct_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["Benar,"]


@pytest.mark.parametrize("text", ["Korea \u0301\u0301 Utara", "Menteri Luar Negeri \u0301 Retno Marsudi"])
def test_regression_14_a_lone_combining_accent_after_a_name_is_not_a_trie_key(text: str) -> None:
    # A token of combining accents alone folds to "", the key under which the gazetteer's trie keeps a
    # name's entries; after a complete name ("Korea", "Menteri") the lookup stepped into that list and
    # raised AttributeError, failing the entities stage with W999 (found by the fuzzer's pipeline target).
    gazetteer = load_gazetteer()
    found = [m.text for m in gazetteer.find(text, language="id")]
    assert found and all("\u0301" not in name for name in found)
    gazetteer.find_roles(text.lower(), language="id")  # raised the same way before
