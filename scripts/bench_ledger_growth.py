"""How the time to save an article with its claims ledger update grows as the store fills: the "Ledger growth"
section of docs/benchmarks.md.

    python scripts/bench_ledger_growth.py [--articles 200] [--rounds 15] [--out FILE]

``--articles`` synthetic news pages (``scripts/synthetic_corpus.py``, seed 7) are processed once by warta's
pipeline; the annotated articles are then saved ``--rounds`` times over into one new SQLite store, each round
under new article ids and URLs, so every round adds one more copy of each event to the same claim buckets, as
an outlet's archive adds more of the same stories year after year. Per round the mean wall time of a save
(``warta.claims.save_article``: the article, its story cluster, evidence and claims, one transaction) is
reported with the part of it spent re-merging claim buckets (``claims.updates._rebuild_bucket``, wrapped by a
timer in this process) and the largest bucket merged. Saving does not depend on how the pages were processed,
so processing them once keeps the run to a couple of minutes.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from report_section import write_section  # a sibling in scripts/
from synthetic_corpus import generate

HEADING = "## Ledger growth: saving into a filling store (issue 12)"


def annotated(articles: int) -> list[Any]:
    """The synthetic articles as the pipeline annotates them (rule and learned coders, the default settings)."""
    from warta.build import build_pipeline
    from warta.records import AnnotatedArticle, Page
    from warta.settings import load_settings

    pipeline = build_pipeline(load_settings(env={}))
    pages = (
        Page(source=a.id, url=a.url, text=a.text, language=a.language, published=a.published, record_id=a.id)
        for a in generate(articles)
    )
    return [doc for doc in map(pipeline.process, pages) if isinstance(doc, AnnotatedArticle)]


def measure(docs: Sequence[Any], rounds: int) -> list[dict[str, float]]:
    """Per round: articles stored at its end, mean ms per save, of it ms re-merging buckets, largest bucket."""
    from warta.claims import ledger, updates
    from warta.claims.updates import save_article
    from warta.store import SqliteStore

    spent = {"rebuild": 0.0, "largest": 0}
    rebuild, merge = updates._rebuild_bucket, ledger.merge_bucket

    def timed_rebuild(store: Any, bucket: str) -> None:
        start = time.perf_counter()
        rebuild(store, bucket)
        spent["rebuild"] += time.perf_counter() - start

    def counted_merge(items: Any, *args: Any, **kwargs: Any) -> Any:
        items = list(items)
        spent["largest"] = max(spent["largest"], len(items))
        return merge(items, *args, **kwargs)

    updates._rebuild_bucket, ledger.merge_bucket = timed_rebuild, counted_merge
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp, SqliteStore(Path(tmp) / "growth.db") as store:
            for number in range(rounds):
                spent.update(rebuild=0.0, largest=0)
                start = time.perf_counter()
                for doc in docs:
                    article = dataclasses.replace(
                        doc.article, id=f"{doc.article.id}-r{number}", url=f"{doc.article.url}?r={number}"
                    )
                    save_article(store, dataclasses.replace(doc, article=article))
                seconds = time.perf_counter() - start
                rows.append({
                    "stored": (number + 1) * len(docs), "save_ms": 1000 * seconds / len(docs),
                    "rebuild_ms": 1000 * spent["rebuild"] / len(docs), "largest": spent["largest"],
                })  # fmt: skip
    finally:
        updates._rebuild_bucket, ledger.merge_bucket = rebuild, merge
    return rows


def render(rows: Sequence[dict[str, float]], articles: int, command: str, load: tuple[float, float]) -> str:
    table = "\n".join(
        f"| {r['stored']:,} | {r['save_ms']:.1f} | {r['rebuild_ms']:.1f} | {r['largest']:,} |" for r in rows
    )
    # the first round also pays for warming up (the store's first pages, caches): compare from the second
    first, last = rows[min(1, len(rows) - 1)], rows[-1]
    grew = last["save_ms"] > 1.2 * first["save_ms"]
    verdict = (
        "every save merges again every event of each bucket it touches (`claims.updates._rebuild_bucket`), so "
        "the cost of a save grows with the buckets and the cost of an archive with its square; an incremental "
        "bucket update that leaves the ledger as a full rebuild would is the open part of issue 12."
        if grew else "no growth beyond 20% in this run."
    )
    return f"""{HEADING}

Command: `{command}` ({dt.date.today().isoformat()}; 1-minute load average {load[0]:.2f} at the start and
{load[1]:.2f} at the end). {articles} synthetic articles processed once, then saved round after round under new
ids into one SQLite store (see the script's docstring): the mean time of a save with its ledger update, the part
of it re-merging the claim buckets the article touches, and the largest bucket merged in that round. The first
round also pays for warming up.

| articles stored | ms per save | of which re-merging buckets | largest bucket (events) |
|---:|---:|---:|---:|
{table}

From {first['stored']:,} to {last['stored']:,} stored articles a save went from {first['save_ms']:.1f} to
{last['save_ms']:.1f} ms and its bucket re-merging from {first['rebuild_ms']:.1f} to {last['rebuild_ms']:.1f} ms:
{verdict}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--out", type=Path, default=None, help="write the section into this Markdown file")
    args = parser.parse_args(argv)
    load_start = os.getloadavg()[0]
    docs = annotated(args.articles)
    rows = measure(docs, args.rounds)
    command = f"python scripts/bench_ledger_growth.py --articles {args.articles} --rounds {args.rounds}"
    if args.out is not None:
        command += f" --out {args.out}"
    write_section(args.out, HEADING, render(rows, len(docs), command, (load_start, os.getloadavg()[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
