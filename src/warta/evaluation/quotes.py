"""Scoring warta's quotes on PFSA-ID (Indonesian quote attribution, Kompas articles) and on the gold corpus.

PFSA-ID comes as one token and one BILOU tag a line, a blank line after each sentence and nothing between
articles. This module rebuilds the articles (:func:`read_pfsa`), runs warta on each and scores the quotes with
the rule of issue 5:

- a gold STATEMENT **matches** when at least half of its words lie inside a warta quote (by position);
- it also counts for **speaker+statement** when that quote's speaker shares a word with the gold speaker
  spans (PERSON, PERSONCOREF, ROLE, AFFILIATION) of the statement's sentences or with the nearest PERSON
  before the statement. Function words ("dan", "di") are not counted as shared words: "Kementerian Dalam
  Negeri dan ..." shares nothing with "Dewan ... dan ..." that identifies a speaker.

Pairing is one to one in gold order, as in :func:`warta.evaluation.scoring.score_quotes`. PFSA-ID tags
statements in quotation marks only (reported speech such as "menurut Presiden, masyarakat sudah menunggu
bantuan" is left untagged), so the headline figures compare the gold with warta's *direct* quotes; the score
over all of warta's quotes is reported beside it.

The dataset is licensed for non-commercial use: it is read from ``../shared`` to measure warta, never copied
into the repository and never used to fit anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from warta.evaluation.scoring import Score, load_gold, score_quotes
from warta.output import to_contract
from warta.pipeline import Pipeline
from warta.records import AnnotatedArticle, Page, Quote

PFSA_DEV = Path("datasets/quotes/id_pfsa/pfsa-id__dev-40.txt")
SPEAKER_LABELS = ("PERSON", "PERSONCOREF", "ROLE", "AFFILIATION")
_WORD = re.compile(r"\w+")
_FUNCTION_WORDS = frozenset({"dan", "di", "ke", "dari", "yang", "atau", "the", "of", "and", "in", "a", "an"})
# Tokens glued to the word before them, and to the word after them, when the text is rebuilt.
_NO_SPACE_BEFORE = frozenset(",.;:?!)]}%…")
_NO_SPACE_AFTER = frozenset("([{")
_QUOTE_MARKS = frozenset('"“”')


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled span of an article's rebuilt text; ``sentences`` are the indices of the sentences it touches."""

    label: str
    start: int
    end: int
    text: str
    sentences: tuple[int, ...]


@dataclass(slots=True)
class PfsaArticle:
    """One rebuilt article: text, sentence offsets, word offsets and the gold spans."""

    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    words: list[tuple[int, int]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    @property
    def statements(self) -> list[Span]:
        return [s for s in self.spans if s.label == "STATEMENT"]


def _sentences(raw: str) -> list[list[tuple[str, str]]]:
    blocks = raw.strip("\n").split("\n\n")
    out: list[list[tuple[str, str]]] = []
    for block in blocks:
        pairs = [line.split("\t", 1) for line in block.split("\n") if line]
        out.append([(p[0], p[1] if len(p) > 1 else "O") for p in pairs])
    return out


def _has_issue(sentence: Sequence[tuple[str, str]]) -> bool:
    return any(tag in ("B-ISSUE", "U-ISSUE") for _, tag in sentence)


def _is_dateline(sentence: Sequence[tuple[str, str]]) -> bool:
    return any(word.lower().startswith("kompas") for word, _ in sentence[:5])


def split_articles(sentences: Sequence[list[tuple[str, str]]]) -> list[list[list[tuple[str, str]]]]:
    """Group sentences into articles. Every article carries exactly one ISSUE span, usually in its lead, so an
    article starts at each ISSUE sentence, or at the dateline sentence right before it ("JAKARTA, KOMPAS —
    Ramadhan sebentar lagi.")."""
    starts: list[int] = []
    for i, sentence in enumerate(sentences):
        if not _has_issue(sentence):
            continue
        dateline = i > 0 and _is_dateline(sentences[i - 1]) and not _has_issue(sentences[i - 1])
        start = i - 1 if dateline and (not starts or starts[-1] < i - 1) else i
        starts.append(start)
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    bounds = [*starts, len(sentences)]
    return [list(sentences[a:b]) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def rebuild_article(sentences: Sequence[Sequence[tuple[str, str]]]) -> PfsaArticle:
    """Join tokens into text with ordinary spacing and collect the labelled spans with their offsets.

    Kompas prints ”...” with the same mark at both ends, so a mark opens or closes by parity within the
    article; an opening mark is glued to the next word, a closing mark to the previous one.
    """
    parts: list[str] = []
    pos = 0
    article = PfsaArticle(text="")
    open_quote = False
    glue_next = True
    current: dict[str, tuple[int, int, list[int]]] = {}
    for si, sentence in enumerate(sentences):
        sent_start = None
        prev_word = ""
        for word, tag in sentence:
            opening = False
            if word in _QUOTE_MARKS:
                opening = word == "“" or not open_quote
                open_quote = opening
            joiner = word in "-/" and prev_word[-1:].isalnum()  # "Covid - 19" -> "Covid-19", "13 / 4" -> "13/4"
            glue = glue_next or joiner or word in _NO_SPACE_BEFORE or (word in _QUOTE_MARKS and not opening)
            if not glue:
                parts.append(" ")
                pos += 1
            start = pos
            parts.append(word)
            pos += len(word)
            if sent_start is None:
                sent_start = start
            article.words.append((start, pos))
            glue_next = joiner or word in _NO_SPACE_AFTER or (word in _QUOTE_MARKS and opening)
            prev_word = word
            _track_span(article, current, tag, start, pos, si)
        article.sentences.append((sent_start or pos, pos))
    article.text = "".join(parts)
    for label, (start, end, sents) in current.items():  # spans left open at the end of the article
        article.spans.append(Span(label, start, end, "", tuple(sorted(set(sents)))))
    article.spans = sorted(
        (Span(s.label, s.start, s.end, article.text[s.start : s.end], s.sentences) for s in article.spans),
        key=lambda s: s.start,
    )
    return article


def _track_span(
    article: PfsaArticle,
    current: dict[str, tuple[int, int, list[int]]],
    tag: str,
    start: int,
    end: int,
    sentence: int,
) -> None:
    if tag == "O" or "-" not in tag:
        return
    prefix, label = tag.split("-", 1)
    if prefix in ("B", "U") or label not in current:
        if label in current:  # an unterminated span: close it before starting the next
            s, e, sents = current.pop(label)
            article.spans.append(Span(label, s, e, "", tuple(sorted(set(sents)))))
        current[label] = (start, end, [sentence])
    else:
        s, _, sents = current[label]
        current[label] = (s, end, [*sents, sentence])
    if prefix in ("L", "U"):
        s, e, sents = current.pop(label)
        article.spans.append(Span(label, s, e, "", tuple(sorted(set(sents)))))


def read_pfsa(path: Path) -> list[PfsaArticle]:
    """The articles of a PFSA-ID file, rebuilt as text with their gold spans."""
    sentences = _sentences(path.read_text(encoding="utf-8"))
    return [rebuild_article(group) for group in split_articles(sentences)]


def _content_words(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _FUNCTION_WORDS}


def gold_speaker_words(article: PfsaArticle, statement: Span) -> set[str]:
    """Words of the speaker spans in the statement's sentences and of the nearest PERSON before it."""
    sentences = set(statement.sentences)
    words: set[str] = set()
    for span in article.spans:
        if span.label in SPEAKER_LABELS and sentences & set(span.sentences):
            words |= _content_words(span.text)
    earlier = [s for s in article.spans if s.label == "PERSON" and s.end <= statement.start]
    if earlier:
        words |= _content_words(earlier[-1].text)
    return words


def _statement_words(article: PfsaArticle, statement: Span) -> list[tuple[int, int]]:
    text = article.text
    return [
        (a, b)
        for a, b in article.words
        if statement.start <= a and b <= statement.end and _WORD.search(text[a:b]) is not None
    ]


def statement_overlaps(article: PfsaArticle, statement: Span, quote: Quote) -> bool:
    """At least half of the statement's words lie inside the quote's span."""
    words = _statement_words(article, statement)
    if not words:
        return False
    inside = sum(1 for a, b in words if quote.start <= a and b <= quote.end)
    return inside / len(words) >= 0.5


def speaker_agrees(article: PfsaArticle, statement: Span, quote: Quote) -> bool:
    return bool(_content_words(quote.speaker) & gold_speaker_words(article, statement))


@dataclass(slots=True)
class PfsaScores:
    """Statement-span and speaker+statement scores."""

    statement: Score = field(default_factory=Score)
    speaker: Score = field(default_factory=Score)

    def add(self, other: PfsaScores) -> None:
        self.statement.add(other.statement)
        self.speaker.add(other.speaker)


def _pair(gold: Sequence[Span], pred: Sequence[Quote], ok: Callable[[Span, Quote], bool]) -> Score:
    """One-to-one pairing in gold order, as in :func:`warta.evaluation.scoring.score_quotes`."""
    used: set[int] = set()
    for g in gold:
        for i, q in enumerate(pred):
            if i not in used and ok(g, q):
                used.add(i)
                break
    return Score(tp=len(used), fp=len(pred) - len(used), fn=len(gold) - len(used))


def score_pfsa_article(article: PfsaArticle, quotes: Iterable[Quote]) -> PfsaScores:
    """Scores of one article's quotes against its gold statements."""
    pred = list(quotes)
    gold = article.statements
    return PfsaScores(
        statement=_pair(gold, pred, lambda g, q: statement_overlaps(article, g, q)),
        speaker=_pair(
            gold, pred, lambda g, q: statement_overlaps(article, g, q) and speaker_agrees(article, g, q)
        ),
    )


# -- running warta ---------------------------------------------------------------------------------------------
def evaluate_pfsa(
    path: Path, pipeline: Pipeline, *, limit: int | None = None, show: int = 0
) -> dict[str, PfsaScores]:
    """PFSA-ID scores against warta's direct quotes ("direct") and against all its quotes ("all");
    ``show`` prints that many missed, misattributed or extra quotes for error analysis."""
    direct, every = PfsaScores(), PfsaScores()
    shown = 0
    for i, article in enumerate(read_pfsa(path)[:limit]):
        doc = pipeline.process(Page(source=f"pfsa-{i}", text=article.text, language="id"))
        quotes = doc.quotes if isinstance(doc, AnnotatedArticle) else ()
        direct.add(score_pfsa_article(article, [q for q in quotes if q.direct]))
        every.add(score_pfsa_article(article, quotes))
        if shown < show:
            shown += _show_errors(i, article, [q for q in quotes if q.direct])
    return {"direct": direct, "all": every}


def _show_errors(index: int, article: PfsaArticle, quotes: Sequence[Quote]) -> int:
    count = 0
    text = article.text
    for st in article.statements:
        hits = [q for q in quotes if statement_overlaps(article, st, q)]
        if not hits:
            print(f"[{index}] MISSED {text[max(0, st.start - 60) : st.end + 80]!r}")
        elif not any(speaker_agrees(article, st, q) for q in hits):
            gold = sorted(gold_speaker_words(article, st))
            print(f"[{index}] SPEAKER {hits[0].speaker!r} gold={gold} {text[st.end - 40 : st.end + 90]!r}")
        else:
            continue
        count += 1
    for q in quotes:
        if not any(statement_overlaps(article, st, q) for st in article.statements):
            print(f"[{index}] EXTRA {q.speaker!r} {text[max(0, q.start - 30) : q.end + 60]!r}")
            count += 1
    return count


def evaluate_corpus(shared: Path, pipeline: Pipeline) -> dict[str, Score]:
    """Quote speaker+text scores (:func:`warta.evaluation.scoring.score_quotes`) on the seed and
    ``corpus/dev.jsonl``."""
    corpus = shared / "corpus"
    seed = [r for p in sorted((corpus / "seed").glob("*.gold.json")) for r in load_gold(p)]
    dev = load_gold(corpus / "dev.jsonl")
    out = {"seed": Score(), "dev, Indonesian": Score(), "dev, English": Score(), "dev, all": Score()}
    for group, records in (("seed", seed), ("dev", dev)):
        for record in records:
            page = Page(source=str(record["id"]), text=record["text"], published=record.get("published"),
                        language=record.get("lang"))  # fmt: skip
            result = pipeline.process(page)
            pred = to_contract(result)["quotes"] if isinstance(result, AnnotatedArticle) else []
            score = score_quotes(record.get("quotes", []), pred)
            if group == "seed":
                out["seed"].add(score)
                continue
            out["dev, all"].add(score)
            out["dev, Indonesian" if record.get("lang") == "id" else "dev, English"].add(score)
    return out
