"""Hypothesis strategies for hostile inputs: random and mutated HTML, text, bytes, JSONL lines and dates.

Two kinds of input, mixed in every strategy:

- **random**: what hypothesis draws from a grammar (any unicode text, any bytes, tag soup, JSON values);
- **mutated**: a well-formed seed (the bundled sample pages, the small articles below) with random edits:
  fragments that break parsers inserted anywhere (:data:`NASTY`), spans deleted, duplicated or cut off.

The mutated ones reach deep into the pipeline (a page still looks like news after a few edits, so it gets
past extraction and language identification into the quotes and events stages); the random ones test the
edges (decoding, extraction, the language guard).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from warta.settings import PACKAGE_DIR

# Small articles in both languages, written for these tests: quotes (closed and not), dates in the forms
# news uses, names, numbers and abbreviations, so that a mutation lands near something a stage reads.
TEXT_SEEDS = (
    "JAKARTA - Presiden Joko Widodo bertemu Perdana Menteri Australia Anthony Albanese di Istana Bogor pada "
    "Senin (10/6/2024). Kedua pemimpin membahas kerja sama pertahanan.\n\n"
    "\u201cKami sepakat memperkuat patroli bersama di Laut Timor,\u201d kata Jokowi kepada wartawan.\n\n"
    "Menteri Luar Negeri Retno Marsudi menambahkan bahwa Indonesia menolak tuduhan itu. Polisi menangkap "
    "12 orang dalam unjuk rasa di depan Kedutaan Besar AS, Jl. M.H. Thamrin, pada 5 Juni 2024.",
    "WASHINGTON (Reuters) - The United States imposed sanctions on 300 Russian companies on Tuesday, the "
    "Treasury Department said.\n\n"
    '"We will not stand by," Secretary of State Antony Blinken told reporters in Washington on June 12, 2024. '
    "He accused Moscow of helping North Korea evade the U.S. embargo.\n\n"
    "Russia's foreign ministry rejected the accusations and threatened to retaliate, Interfax reported.",
    "Kim Jong Un menyambut Vladimir Putin di Pyongyang, Rabu (19/6). \u201cHubungan kita memasuki era baru, "
    "kata Kim. Putin menandatangani perjanjian kemitraan strategis komprehensif dengan Korea Utara. Sekitar "
    "5 juta peluru artileri dikirim ke Rusia sejak Agustus 2023, menurut Badan Intelijen Nasional Korea "
    "Selatan (NIS).",
)

#: Other scripts and mangled text, as a scrape of a page quoting a verse or a foreign name holds them.
SCRIPTS = (
    "\u0627\u0644\u0644\u0647", "\u4e2d\u56fd\u5916\u4ea4\u90e8", "\u0e01\u0e23\u0e38\u0e07\u0e40\u0e17\u0e1e",
    "\u0420\u043e\u0441\u0441\u0438\u044f", "\u00c3\u00a9\u00e2\u20ac\u0153", "Y\u00c4 ayyuhallaz\u00c5\u00bc",
    "\u05e9\u05dc\u05d5\u05dd", "\ud55c\uad6d", "\u0939\u093f\u0928\u094d\u0926\u0940", "\U0001f1ee\U0001f1e9",
)  # fmt: skip
QUOTE_MARKS = ('"', "\u201c", "\u201d", "\u2018", "\u2019", "'", "\u00ab", "\u00bb", "\u201e", "\u201a", "`")

#: Fragments that break naive parsers: quote marks of every family, markup, entities (some invalid),
#: control and invisible characters, other scripts, mojibake, dates and numbers out of range, abbreviations.
NASTY = (
    *QUOTE_MARKS, *SCRIPTS,
    "<p>", "</p>", "<div>", "</div>", "<br>", "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[",
    "<a href='x'>", "</a>", "<figure><figcaption>", "<article>", "</article>", "<html>", "<title>",
    "<meta charset='x'>",
    "&amp;", "&#0;", "&#xD800;", "&#x110000;", "&nbsp;", "&bogus;", "\x00", "\r", "\r\n", "\u2028", "\u2029",
    "\x0b", "\x1c", "\u202e", "\u200b", "\ufeff", "\u0301" * 40, "\U0001f600", "\ufffd",
    "31/02/2024", "2024-13-45", "(32/13)", "Senin (10/6)", "kemarin", "pada 99 Desember 99999",
    "1.000.000.000.000",
    "99999999999999999999", "Rp16,4 triliun", "...", "\u2026", "U.S.", "Dr.", "dkk.", " - ", "\n\n", "\t",
    "a" * 3000, "Aa " * 400, ". " * 200, "kata dia", "said", "menurut", "@x", "http://x.invalid/a?b=c",
)  # fmt: skip


@cache
def html_seeds() -> tuple[str, ...]:
    """The bundled sample pages (real-looking news HTML), one string each."""
    samples = Path(PACKAGE_DIR) / "samples"
    return tuple(path.read_text(encoding="utf-8") for path in sorted(samples.glob("*/*.html")))


def _apply(seed: str, edits: list[tuple[int, float, float, str]]) -> str:
    """``seed`` after ``edits``: (operation, where, how far, fragment), positions as shares of the length."""
    text = seed
    for op, where, span, fragment in edits:
        n = len(text)
        i = int(where * n)
        j = min(n, i + int(span * min(n, 400)))
        if op == 0:
            text = text[:i] + fragment + text[i:]
        elif op == 1:
            text = text[:i] + text[j:]
        elif op == 2:
            text = text[:j] + text[i:j] * 3 + text[j:]
        elif op == 3:
            text = text[:i]
        else:
            text = text[:i] + text[i:j].upper() + text[j:]
    return text


_EDIT = st.tuples(
    st.sampled_from([0, 0, 0, 1, 2, 3, 4]),
    st.floats(0, 1),
    st.floats(0, 1),
    st.sampled_from(NASTY) | st.text(max_size=20),
)


def mutated(seeds: st.SearchStrategy[str], *, max_edits: int = 8) -> st.SearchStrategy[str]:
    """A seed with up to ``max_edits`` random edits."""
    return st.builds(_apply, seeds, st.lists(_EDIT, max_size=max_edits))


_WORDS = (
    "Presiden", "Jokowi", "bertemu", "Menteri", "di", "Jakarta", "kata", "dia", "The", "minister", "said",
    "Putin", "Kim", "menolak", "sanctions", "Korea", "Utara", "Amerika", "Serikat", "on", "Tuesday", "Senin",
    "(10/6)", "12", "juta", "\u201c", "\u201d", '"', ",", ".", "Dr.", "AS", "NATO", "PBB", "menyerang", "accused",
)  # fmt: skip

#: Sentences of news words in any order and length (up to 600 tokens), stops and quote marks included.
word_salad = st.lists(st.sampled_from(_WORDS) | st.text(min_size=1, max_size=12), max_size=600).map(" ".join)

#: Text in many scripts at once (Latin, Arabic, CJK, Cyrillic, Thai, emoji), as a mangled scrape holds it.
mixed_scripts = st.lists(st.sampled_from(SCRIPTS) | st.sampled_from(_WORDS), max_size=80).map(" ".join)

texts = st.one_of(
    st.text(max_size=400),
    mutated(st.sampled_from(TEXT_SEEDS)),
    word_salad,
    mixed_scripts,
)

_TAGS = (
    "p", "div", "span", "a", "article", "main", "section", "h1", "figure", "figcaption", "table", "td", "script",
    "style", "noscript", "ul", "li", "br", "img", "iframe", "svg", "template", "title", "meta",
)  # fmt: skip


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    """Random markup: open and close tags in any order, attributes, text and NASTY fragments, nested up to
    several hundred deep."""
    parts = ["<html><body>"] if draw(st.booleans()) else []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 4))
        tag = draw(st.sampled_from(_TAGS))
        if kind == 0:
            attrs = draw(st.sampled_from(["", " class='content'", " id=x", ' href="/a"', " hidden", " lang=ar"]))
            parts.append(f"<{tag}{attrs}>" * draw(st.integers(1, 3)))
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(TEXT_SEEDS))[: draw(st.integers(0, 600))])
        elif kind == 3:
            parts.append(draw(st.sampled_from(NASTY)))
        else:
            depth = draw(st.integers(1, 400))
            closed = draw(st.integers(0, depth))
            parts.append("<div>" * depth + draw(st.sampled_from(TEXT_SEEDS)) + "</div>" * closed)
    return "".join(parts)


htmls = st.one_of(mutated(st.sampled_from(html_seeds()), max_edits=12), tag_soup(), st.text(max_size=300))

_CODECS = ("utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1", "shift_jis", "gb18030", "koi8-r", "utf-32")


@st.composite
def encoded(draw: st.DrawFn) -> bytes:
    """A text or page encoded in some codec (unencodable characters replaced), perhaps behind a BOM, perhaps
    cut in the middle of a multi-byte character."""
    text = draw(st.one_of(texts, htmls))
    data = text.encode(draw(st.sampled_from(_CODECS)), errors="replace")
    if draw(st.booleans()):
        data = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""])) + data
    if data and draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


raw_bytes = st.one_of(st.binary(max_size=600), encoded())

_JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
json_values = st.recursive(_JSON_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=8), inner, max_size=4), max_leaves=12)  # fmt: skip
_FIELDS = ("id", "url", "text", "html", "published", "lang", "language", "title")


@st.composite
def jsonl_lines(draw: st.DrawFn) -> bytes:
    """One JSONL line: a record with warta's fields holding any JSON values, a good record with its bytes
    mutated, or garbage."""
    kind = draw(st.integers(0, 2))
    if kind == 0:
        record = draw(st.dictionaries(st.sampled_from(_FIELDS), json_values | texts, max_size=6))
        return json.dumps(record, ensure_ascii=draw(st.booleans())).encode("utf-8", errors="surrogatepass")
    if kind == 1:
        record = {"id": "r1", "text": draw(st.sampled_from(TEXT_SEEDS)), "published": "2024-06-10", "lang": "id"}
        return draw(mutated(st.just(json.dumps(record, ensure_ascii=False)))).encode("utf-8", "surrogatepass")
    return draw(raw_bytes)


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%B %d, %Y", "%Y-%m-%dT%H:%M:%S+07:00", "%a, %d %b %Y",
                 "%Y", "%Y-%m", "%d/%m")  # fmt: skip
_ID_DATE_WORDS = (
    "Senin", "kemarin", "pekan lalu", "bulan depan", "Juni", "Agustus", "Desember", "tahun lalu", "pada", "sejak",
    "hingga", "Rabu (19/6)", "tanggal", "besok", "last week", "on Monday",
)  # fmt: skip


@st.composite
def dates(draw: st.DrawFn) -> str:
    """A date as news and metadata write it (any format, any year), out of range, mutated or random."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.datetimes()).strftime(draw(st.sampled_from(_DATE_FORMATS)))
    if kind == 1:
        parts = draw(st.lists(st.sampled_from(_ID_DATE_WORDS) | st.integers(-5, 99999).map(str), max_size=6))
        return " ".join(parts)
    if kind == 2:
        return draw(mutated(st.sampled_from(("2024-06-10", "10/6/2024", "Senin (10/6/2024)", "June 12, 2024"))))
    return draw(st.text(max_size=40))


#: Quotes whose marks do not pair up: openers without closers, closers first, families mixed, nested deep.
unbalanced_quotes = st.lists(
    st.sampled_from(QUOTE_MARKS) | st.sampled_from(_WORDS) | st.just("kata Jokowi"), max_size=200
).map(" ".join)
