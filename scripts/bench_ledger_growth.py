"""How the time to save an article with its claims ledger update grows as the store fills: the "Ledger growth"
section of docs/benchmarks.md.

    python scripts/bench_ledger_growth.py [--articles 200] [--rounds 15] [--out FILE]

``--articles`` synthetic news pages (``scripts/synthetic_corpus.py``, seed 7, published over one year) are
processed once by warta's pipeline; the annotated articles are then saved ``--rounds`` times over into one new
SQLite store, each round under new article ids and URLs and one year later (publication and event dates moved
by a year per round), so every round adds one more copy of each event to the same claim buckets, as an outlet's
archive adds more of the same stories year after year. Per round the mean wall time of a save
(``warta.claims.save_article``: the article, its story cluster, evidence and claims, one transaction) is
reported with the part of it spent updating the ledger (``claims.updates.refresh_ledger``, wrapped by a timer
in this process), the largest claim bucket in the store and the most evidence rows one save read from the
store (the store's evidence reads, :data:`EVIDENCE_READS`, wrapped by a counter). Saving does not depend on
how the pages were processed, so processing them once keeps the run to a couple of minutes.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import re
import sys
import tempfile
import time
from collections import Counter
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


_YEAR = re.compile(r"^\d{4}")


def later(value: str | None, years: int) -> str | None:
    """An ISO date or time ``years`` years later ("2024-06-19" -> "2026-06-19"; 29 February stays a valid
    date by becoming the 28th)."""
    if not value or not _YEAR.match(value):
        return value
    moved = f"{int(value[:4]) + years:04d}{value[4:]}"
    return moved.replace("-02-29", "-02-28", 1) if moved[5:10] == "02-29" else moved


def copy_of(doc: Any, number: int) -> Any:
    """Round ``number``'s copy of ``doc``: new id and URL, published and dated ``number`` years later."""
    article = dataclasses.replace(
        doc.article, id=f"{doc.article.id}-r{number}", url=f"{doc.article.url}?r={number}",
        published=later(doc.article.published, number),
    )  # fmt: skip
    events = tuple(dataclasses.replace(ev, date=later(ev.date, number)) for ev in doc.events)
    return dataclasses.replace(doc, article=article, events=events)


def bucket_sizes(docs: Sequence[Any]) -> Counter[str]:
    """Events per claim bucket in one round's copies of ``docs``."""
    from warta.claims import evidence
    from warta.store.codec import event_ids

    sizes: Counter[str] = Counter()
    for doc in docs:
        items, _ = evidence.article_evidence(doc, event_ids(doc.article.id, doc.events))
        sizes.update(item.bucket for item in items)
    return sizes


#: The store's reads of stored evidence rows for the ledger (those a version of warta has are counted).
EVIDENCE_READS = ("bucket_evidence", "evidence_between", "evidence_of_claims", "evidence_without_period")


def measure(docs: Sequence[Any], rounds: int) -> list[dict[str, float]]:
    """Per round: articles stored at its end, mean ms per save, of it ms updating the ledger, the largest
    bucket at the round's end and the most evidence rows one save read."""
    from warta.claims import updates
    from warta.claims.updates import save_article
    from warta.store import SqliteStore

    spent = {"ledger": 0.0, "read": 0}
    refresh = updates.refresh_ledger
    per_round = max(bucket_sizes(docs).values(), default=0)

    def timed_refresh(store: Any, doc: Any) -> None:
        start = time.perf_counter()
        refresh(store, doc)
        spent["ledger"] += time.perf_counter() - start

    def counted(read: Any) -> Any:
        def counting(*args: Any, **kwargs: Any) -> Any:
            found = read(*args, **kwargs)
            spent["save_read"] += len(found[0] if isinstance(found, tuple) else found)
            return found

        return counting

    updates.refresh_ledger = timed_refresh
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp, SqliteStore(Path(tmp) / "growth.db") as store:
            for name in EVIDENCE_READS:
                if hasattr(store, name):
                    setattr(store, name, counted(getattr(store, name)))
            for number in range(rounds):
                spent.update(ledger=0.0, read=0)
                copies = [copy_of(doc, number) for doc in docs]
                start = time.perf_counter()
                for copy in copies:
                    spent["save_read"] = 0
                    save_article(store, copy)
                    spent["read"] = max(spent["read"], spent["save_read"])
                seconds = time.perf_counter() - start
                rows.append({
                    "stored": (number + 1) * len(docs), "save_ms": 1000 * seconds / len(docs),
                    "ledger_ms": 1000 * spent["ledger"] / len(docs), "largest": (number + 1) * per_round,
                    "read": spent["read"],
                })  # fmt: skip
    finally:
        updates.refresh_ledger = refresh
    return rows


def render(rows: Sequence[dict[str, float]], articles: int, command: str, load: tuple[float, float]) -> str:
    table = "\n".join(
        f"| {r['stored']:,} | {r['save_ms']:.1f} | {r['ledger_ms']:.1f} | {r['largest']:,} | {r['read']:,} |"
        for r in rows
    )
    # the first round also pays for warming up (the store's first pages, caches): compare from the second
    first, last = rows[min(1, len(rows) - 1)], rows[-1]
    grew = last["save_ms"] > 1.2 * first["save_ms"]
    verdict = (
        "a save grew by more than 20% in this run: its cost is not bounded by the events near the new ones."
        if grew
        else "no growth beyond 20% in this run: a save reads and merges the events near its own, not the bucket."
    )
    return f"""{HEADING}

Command: `{command}` ({dt.date.today().isoformat()}; 1-minute load average {load[0]:.2f} at the start and
{load[1]:.2f} at the end). {articles} synthetic articles processed once, then saved round after round under new
ids, a year later each round, into one SQLite store (see the script's docstring): the mean time of a save with
its ledger update, the part of it updating the ledger (story cluster, evidence, claims), the largest claim
bucket in the store at the round's end, and the most evidence rows one save of the round read from the store.
The first round also pays for warming up.

| articles stored | ms per save | of which the ledger update | largest bucket (events) | most rows a save read |
|---:|---:|---:|---:|---:|
{table}

From {first['stored']:,} to {last['stored']:,} stored articles a save went from {first['save_ms']:.1f} to
{last['save_ms']:.1f} ms and its ledger update from {first['ledger_ms']:.1f} to {last['ledger_ms']:.1f} ms,
while the largest bucket grew from {first['largest']:,} to {last['largest']:,} events: {verdict}
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
