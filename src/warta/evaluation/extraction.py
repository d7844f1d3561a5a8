"""Body-text accuracy of the extract stage on the Article Extraction Benchmark (``datasets/extraction/aeb``).

The benchmark (Scrapinghub, MIT) has 181 real article pages, mostly English, with the article body as ground
truth. Its metric compares word 4-gram shingles of the extracted text with those of the ground truth:
precision is the share of extracted shingles that are in the truth, recall the share of true shingles that
were extracted (both counted with multiplicity), F1 their harmonic mean, averaged over pages. warta's extract
stage (trafilatura, then warta's cleanup and caption split) is scored beside plain trafilatura with default
settings, so the cost or gain of the cleanup is visible. A page warta refuses (too short, mostly links)
scores zero, as an empty extraction would.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from warta.errors import ExtractError
from warta.records import Page
from warta.settings import Settings

SHINGLE = 4
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class PageScore:
    """Shingle precision, recall and F1 of one page (0 where a side is empty)."""

    page_id: str
    precision: float
    recall: float
    f1: float


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Word ``size``-grams of ``text`` (lower-cased words, punctuation ignored), with their counts."""
    words = [w.lower() for w in _WORD.findall(text)]
    return Counter(tuple(words[i : i + size]) for i in range(max(len(words) - size + 1, 0)))


def score_text(page_id: str, predicted: str, truth: str) -> PageScore:
    """Shingle precision, recall and F1 of ``predicted`` against ``truth``."""
    pred, gold = shingles(predicted), shingles(truth)
    common = sum((pred & gold).values())
    precision = common / sum(pred.values()) if pred else 0.0
    recall = common / sum(gold.values()) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PageScore(page_id, precision, recall, f1)


def benchmark_pages(folder: Path) -> Iterator[tuple[str, str, str, str]]:
    """``(id, url, html, ground-truth body)`` of every page of the benchmark in ``folder``."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        path = folder / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        yield page_id, truth[page_id].get("url"), html, truth[page_id]["articleBody"]


def warta_extractor(settings: Settings) -> Callable[[str, str | None], str]:
    """The extract stage as a function of (html, url) -> body text ("" where it refuses the page)."""
    from warta.extract.article import extract_article

    def run(html: str, url: str | None) -> str:
        try:
            return extract_article(Page(source=url or "page", url=url, html=(html,)), settings=settings).text
        except ExtractError:
            return ""

    return run


def trafilatura_extractor() -> Callable[[str, str | None], str]:
    """Plain trafilatura with its default settings, for comparison."""
    import trafilatura

    return lambda html, url: trafilatura.extract(html, url=url) or ""


def evaluate_extraction(
    folder: Path, extractors: dict[str, Callable[[str, str | None], str]], *, limit: int = 0
) -> dict[str, dict[str, object]]:
    """Mean shingle precision, recall and F1 of each extractor over the benchmark pages (the first ``limit``
    pages if ``limit`` > 0), with the number of pages it returned nothing for."""
    scores: dict[str, list[PageScore]] = {name: [] for name in extractors}
    for n, (page_id, url, html, truth) in enumerate(benchmark_pages(folder)):
        if limit and n >= limit:
            break
        for name, extract in extractors.items():
            scores[name].append(score_text(page_id, extract(html, url), truth))
    out: dict[str, dict[str, object]] = {}
    for name, rows in scores.items():
        count = len(rows) or 1
        out[name] = {
            "pages": len(rows),
            "precision": sum(r.precision for r in rows) / count,
            "recall": sum(r.recall for r in rows) / count,
            "f1": sum(r.f1 for r in rows) / count,
            "empty": sum(1 for r in rows if r.precision == 0 and r.recall == 0),
            "worst": [r.page_id for r in sorted(rows, key=lambda r: r.f1)[:5]],
        }
    return out
