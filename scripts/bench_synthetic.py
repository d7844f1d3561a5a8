"""Run a synthetic corpus of 10,000 news pages into SQLite and into PostgreSQL and write the "Synthetic corpus"
section of docs/benchmarks.md.

    nice -n 10 python scripts/bench_synthetic.py [--articles 10000] [--stores sqlite postgresql] [--out FILE]

The pages come from ``scripts/synthetic_corpus.py`` (seed 7: 65% Indonesian, article sizes log-normal like
online news) in WARC files of 250. Each store gets the whole corpus through ``warta.jobs.run_into_store``,
what ``warta run PAGES --db TARGET`` does on one core: every page extracted, annotated and saved with its
place in the claims ledger. Each store runs in a fresh interpreter of its own (this script with ``--child``),
so its peak memory (``ru_maxrss``) is its own and no model is warm from the other run.

PostgreSQL is a throwaway server on loopback in a temporary folder, started the way the tests start theirs
(``tests/pg_server.py``) but with PostgreSQL's default durability (fsync and synchronous commit on), as a
real server runs; SQLite is a file in WAL mode with ``synchronous=NORMAL``, as warta opens it.

After the run the filled store is asked a few typical questions, each the best of ``--repeat`` wall times
after one warm-up: the queries behind ``warta events``, ``warta quotes`` and ``warta claims`` and the web
pages' browse queries (``warta.store.browse``). The database size is the SQLite file (after the closing
checkpoint) or the PostgreSQL tables with their indexes and TOAST (``pg_total_relation_size``).
Without ``--out`` the section is printed; with it the section replaces its namesake in that file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from report_section import write_section  # a sibling in scripts/

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))  # pg_server, the tests' throwaway PostgreSQL

import synthetic_corpus  # noqa: E402 - a sibling script

HEADING = "## Synthetic corpus: 10,000 articles into SQLite and PostgreSQL (issue 12)"
PROGRESS_EVERY = 500


# -- the child: one store, one run ---------------------------------------------------------------------------


def typical_queries(store: Any) -> list[tuple[str, Callable[[], object]]]:
    """The questions asked of a filled store, each named by the command or page that asks it."""
    from warta.store.browse import (
        EventFilter,
        browse_actors,
        browse_articles,
        browse_claims,
        browse_events,
        events_by_day,
    )
    from warta.store.queries import ClaimQuery, EventQuery, QuoteQuery

    return [
        ("`warta events --country MYS --type CONSULT --limit 50`",
         lambda: store.select_events(EventQuery(country="MYS", type="CONSULT", limit=50))),
        ("`warta events --since 2024-03-01 --until 2024-03-31 --limit 1000`",
         lambda: store.select_events(EventQuery(date_from="2024-03-01", date_to="2024-03-31", limit=1000))),
        ("`warta quotes --speaker Rahayu --limit 50`",
         lambda: store.select_quotes(QuoteQuery(speaker="Rahayu", limit=50))),
        ("`warta claims --country IDN --limit 50`",
         lambda: store.select_claims(ClaimQuery(country="IDN", limit=50))),
        ("events page, country filter (`browse_events`, country IDN, 50 rows)",
         lambda: browse_events(store, EventFilter(country="IDN"), limit=50)),
        ("timeline, country filter (`events_by_day`, country IDN)",
         lambda: events_by_day(store, EventFilter(country="IDN"))),
        ("actors page (`browse_actors`, most active 50)", lambda: browse_actors(store, limit=50)),
        ("articles page, outlet filter (`browse_articles`, newest 50)",
         lambda: browse_articles(store, outlet="harian-warta", limit=50)),
        ("contested claims page (`browse_claims --contested`, 50 rows)",
         lambda: browse_claims(store, contested=True, limit=50)),
        ("row counts (`/api/v1/counts`: `Store.counts` and `ledger_counts`)",
         lambda: (store.counts(), store.ledger_counts())),
    ]  # fmt: skip


def best_time(call: Callable[[], object], repeat: int) -> float:
    call()  # warm-up: the first run pays for the page cache and the query plan
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best


def database_bytes(target: str) -> int:
    """The size of the store: the PostgreSQL tables with their indexes and TOAST, or the SQLite file (closed,
    so its write-ahead log has been folded into it)."""
    if not target.startswith("postgresql://"):
        return Path(target).stat().st_size
    from warta.store import open_store

    sql = (
        "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS size FROM pg_class c"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind IN ('r', 'm') AND n.nspname = current_schema()"
    )
    with open_store(target) as store:
        return int(store._query(sql, [])[0]["size"])


def run_child(corpus: Path, target: str, repeat: int) -> dict[str, Any]:
    """Run the corpus into ``target`` in this process and measure it."""
    from warta.jobs import run_into_store
    from warta.records import Failure
    from warta.settings import load_settings
    from warta.store import open_store

    inputs = sorted(str(path) for path in corpus.glob("*.warc.gz"))
    settings = load_settings(env={}, overrides={"http_delay": 0.0})
    done = 0
    started = block_started = time.perf_counter()
    blocks: list[float] = []  # pages/s over each PROGRESS_EVERY pages: does a save slow down as the store fills?

    def progress(result: object) -> None:
        nonlocal done, block_started
        done += 1
        if done % PROGRESS_EVERY == 0:
            now = time.perf_counter()
            blocks.append(PROGRESS_EVERY / (now - block_started))
            block_started = now
            failed = " (failure)" if isinstance(result, Failure) else ""
            print(f"  {done} pages, {done / (now - started):.2f}/s in all, the last {PROGRESS_EVERY} at "
                  f"{blocks[-1]:.2f}/s{failed}", file=sys.stderr, flush=True)  # fmt: skip

    with open_store(target) as store:
        summary = run_into_store(inputs, settings, store, on_result=progress)
        seconds = time.perf_counter() - started
        counts = store.counts()
        queries = [(name, 1000 * best_time(call, repeat)) for name, call in typical_queries(store)]
    size = database_bytes(target)
    return {
        "seconds": seconds, "processed": summary.processed, "failed": summary.failed, "events": summary.events,
        "quotes": summary.quotes, "entities": summary.entities, "counts": counts, "bytes": size,
        "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "queries": queries,
        "blocks": blocks,
    }  # fmt: skip


# -- the parent: corpus, servers, children, report -----------------------------------------------------------


def measure(articles: int, stores: list[str], repeat: int) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="warta-bench-synthetic-") as folder:
        root = Path(folder)
        started = time.perf_counter()
        files = synthetic_corpus.write_corpus(root / "corpus", articles=articles, per_file=250, fmt="warc", seed=7)
        corpus = {"files": len(files), "bytes": sum(path.stat().st_size for path in files),
                  "seconds": time.perf_counter() - started}  # fmt: skip
        print(f"corpus: {articles} pages in {len(files)} files, {corpus['bytes'] / 1e6:.1f} MB", file=sys.stderr)
        for name in stores:
            server = None
            if name == "postgresql":
                from pg_server import PgServer

                server = PgServer()
                server.start(durable=True)
                target = server.url(schema="bench")
            else:
                target = str(root / "bench.db")
            try:
                print(f"{name}: running", file=sys.stderr, flush=True)
                results[name] = child(root / "corpus", target, repeat)
            finally:
                if server is not None:
                    server.stop()
            print(f"{name}: {results[name]['processed']} articles in {results[name]['seconds']:.0f} s",
                  file=sys.stderr, flush=True)  # fmt: skip
    return results, corpus


def child(corpus: Path, target: str, repeat: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(corpus), target, "--repeat", str(repeat)]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout)


def render(measured: tuple[dict[str, dict[str, Any]], dict[str, Any]], articles: int, command: str,
           loads: tuple[float, float], repeat: int) -> str:  # fmt: skip
    results, corpus = measured
    labels = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    names = list(results)
    header = "| | " + " | ".join(labels[name] for name in names) + " |"
    rule = "|---|" + "---:|" * len(names)

    def row(label: str, value: Callable[[dict[str, Any]], str]) -> str:
        return f"| {label} | " + " | ".join(value(results[name]) for name in names) + " |"

    growth = []  # whether a save slows down as the store fills (a run with fewer pages than a block has none)
    if all(r.get("blocks") for r in results.values()):
        growth.append(row(f"articles/s over the first / the last {PROGRESS_EVERY} pages",
                          lambda r: f"{r['blocks'][0]:.2f} / {r['blocks'][-1]:.2f}"))  # fmt: skip
    lines = [
        HEADING,
        "",
        f"Command: `{command}` ({dt.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores; "
        f"1-minute load average {loads[0]:.2f} at the start and {loads[1]:.2f} at the end: the machine was "
        "shared with other work during the run, which slows every figure here). "
        f"{articles:,} synthetic news pages (`scripts/synthetic_corpus.py`, seed 7: 65% Indonesian, median "
        f"2,774 characters of text) in {corpus['files']} WARC files ({corpus['bytes'] / 1e6:.1f} MB gzipped), "
        "run into each store by `warta.jobs.run_into_store` (what `warta run FILES --db TARGET` does, one "
        "core, pipeline start-up included), each store in a fresh interpreter. PostgreSQL is a throwaway server "
        "on loopback with its default durability (fsync on); SQLite a WAL file with `synchronous=NORMAL`.",
        "",
        header,
        rule,
        row("articles stored", lambda r: f"{r['processed']:,}"),
        row("failure rows", lambda r: f"{r['failed']:,}"),
        row("events / quotes / entities", lambda r: f"{r['events']:,} / {r['quotes']:,} / {r['entities']:,}"),
        row("wall time (s)", lambda r: f"{r['seconds']:,.0f}"),
        row("articles/s", lambda r: f"{r['processed'] / r['seconds']:.2f}"),
        row("events/s", lambda r: f"{r['events'] / r['seconds']:.1f}"),
        *growth,
        row("database size (MB)", lambda r: f"{r['bytes'] / 1e6:,.0f}"),
        row("peak memory of the process (MB)", lambda r: f"{r['peak_rss'] / 1e6:,.0f}"),
        "",
        f"Typical queries on the filled store: milliseconds, the best of {repeat} after a warm-up.",
        "",
        "| query | " + " | ".join(labels[name] for name in names) + " |",
        rule,
    ]
    for index, (label, _) in enumerate(results[names[0]]["queries"]):
        lines.append(f"| {label} | " + " | ".join(f"{results[name]['queries'][index][1]:,.1f}" for name in names)
                     + " |")  # fmt: skip
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--stores", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query (best taken)")
    parser.add_argument("--out", type=Path, default=None, help="the benchmarks page to put the section in")
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "TARGET"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        measured = run_child(Path(args.child[0]), args.child[1], args.repeat)
        print(json.dumps(measured), file=sys.stderr)  # kept in the log even if the parent is stopped
        json.dump(measured, sys.stdout)
        return 0
    command = "nice -n 10 python scripts/bench_synthetic.py"
    if args.articles != 10_000:
        command += f" --articles {args.articles}"
    if args.stores != ["sqlite", "postgresql"]:
        command += " --stores " + " ".join(args.stores)
    if args.repeat != 5:
        command += f" --repeat {args.repeat}"
    if args.out is not None:
        command += f" --out {args.out}"
    start_load = os.getloadavg()[0]
    measured = measure(args.articles, args.stores, args.repeat)
    section = render(measured, args.articles, command, (start_load, os.getloadavg()[0]), args.repeat)
    write_section(args.out, HEADING, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
