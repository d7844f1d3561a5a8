"""Measure the Dask runner with 1 and 2 workers and write the "Dask" section of docs/benchmarks.md.

    nice -n 10 python scripts/bench_dask.py [--pages 300] [--workers 1 2] [--out docs/benchmarks.md]

The pages are a synthetic corpus (``scripts/synthetic_corpus.py``: Indonesian and English news pages, 25 to a
WARC file). For each number of workers a local cluster is started (worker processes of one thread each), the
pipeline is built on every worker first (start-up is measured apart: ``warm_up``), then the corpus is run twice:

- into a new SQLite database (what ``warta run --dask local:N --db`` does: the workers write Parquet
  partitions, the driver stores them as they arrive and rebuilds the claims ledger at the end);
- into Parquet partitions only (``--parts``): the workers' share of the work alone.

Peak memory is each worker process's peak resident set size at the end (``ru_maxrss``: pipeline, models and
the largest unit). Without ``--out`` the section is printed; with it the section replaces its namesake in
that file (``scripts/benchmark.py`` keeps it when it rewrites the rest).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from report_section import write_section  # a sibling in scripts/

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic_corpus  # noqa: E402 - a sibling script

HEADING = "## Dask: 1 -> 2 workers"


def measure(pages: int, workers: list[int]) -> tuple[list[dict[str, float | int | str]], dict[str, float]]:
    from warta.records import Page
    from warta.runners.dask import ClusterSpec, connect, cpu_seconds, peak_memory, run_on_dask, warm_up
    from warta.settings import load_settings
    from warta.store import open_store

    rows: list[dict[str, float | int | str]] = []
    with tempfile.TemporaryDirectory(prefix="warta-bench-dask-") as folder:
        root = Path(folder)
        files = synthetic_corpus.write_corpus(root / "corpus", articles=pages, per_file=25, fmt="warc", seed=7)
        inputs = [str(path) for path in files]
        settings = load_settings(env={}, overrides={"http_delay": 0.0})
        # One page of each language from outside the measured corpus (another seed): its models load then.
        words = synthetic_corpus.load_words()
        warm = {a.language: a for a in synthetic_corpus.generate(20, seed=8, words=words)}
        warm_pages = [Page(source=f"warm-up:{a.id}", url=a.url, html=(synthetic_corpus.page_html(a, words),))
                      for a in warm.values()]  # fmt: skip
        for count in workers:
            with connect(ClusterSpec(workers=count)) as client:
                started = time.perf_counter()
                builds = warm_up(client, settings, pages=warm_pages)
                startup = time.perf_counter() - started
                for into in ("SQLite", "Parquet partitions"):
                    started, cpu = time.perf_counter(), sum(cpu_seconds(client).values())
                    if into == "SQLite":
                        with open_store(root / f"bench-{count}.db") as store:
                            summary = run_on_dask(inputs, settings, client=client, store=store)
                    else:
                        summary = run_on_dask(inputs, settings, client=client, parts=root / f"parts-{count}")
                    seconds = time.perf_counter() - started
                    cpu = sum(cpu_seconds(client).values()) - cpu
                    print(f"{count} worker(s) into {into}: {summary.processed} articles, {summary.failed} "
                          f"failed, {seconds:.1f} s", file=sys.stderr)  # fmt: skip
                    rows.append({"workers": count, "into": into, "seconds": seconds, "articles": summary.processed,
                                 "failed": summary.failed, "startup": startup, "cpu": cpu,
                                 "build": max(builds.values())})  # fmt: skip
                peak = max(peak_memory(client).values())
                for row in rows:
                    if row["workers"] == count:
                        row["peak_mb"] = peak / 1e6
        driver = driver_costs(root / f"parts-{workers[0]}", root / "driver.db")
    return rows, driver


def driver_costs(parts: Path, db: Path) -> dict[str, float]:
    """Milliseconds per article of the driver's work into SQLite: reading the partitions, storing the
    articles, rebuilding the claims ledger (``warta load`` of the partitions, in its three steps)."""
    from warta.claims import rebuild_ledger
    from warta.runners.loading import store_result
    from warta.runners.partitions import partition_files, read_partition
    from warta.store import open_store

    files = partition_files([parts])
    started = time.perf_counter()
    results = [result for path in files for result in read_partition(path)]
    read = time.perf_counter() - started
    with open_store(db) as store:
        started = time.perf_counter()
        with store.transaction():
            for result in results:
                store_result(store, result, run_id=None)
        stored = time.perf_counter() - started
        started = time.perf_counter()
        rebuild_ledger(store)
        ledger = time.perf_counter() - started
    count = max(1, len(results))
    return {"read": 1000 * read / count, "store": 1000 * stored / count, "ledger": 1000 * ledger / count}


def render(
    measured: tuple[list[dict[str, float | int | str]], dict[str, float]],
    pages: int,
    workers: list[int],
    command: str,
    load: float,
) -> str:
    rows, driver = measured
    base = {row["into"]: row["seconds"] for row in rows if row["workers"] == workers[0]}
    lines = [
        HEADING,
        "",
        f"Command: `{command}` ({dt.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, load "
        f"average {load:.1f} at the start: the machine is shared, so figures move from run to run). "
        f"{pages} synthetic news pages (`scripts/synthetic_corpus.py`, seed 7: 65% Indonesian, median 2,774 "
        "characters of text) in WARC files of 25; one work unit per file. Seconds are wall-clock from submitting "
        "the run to its last result stored, after every worker has built its pipeline and processed one page of "
        "each language (start-up, the column apart). *Into SQLite* includes the driver storing the partitions "
        "and rebuilding the claims ledger; *into Parquet partitions* is the workers' work alone. Peak memory "
        "is the largest worker process's peak resident set size over both runs. *Worker CPU s/page* is the CPU "
        "time of all worker processes during the run over the pages: when it stays flat from 1 to 2 workers "
        "while the wall-clock time does not halve, the second worker found no idle core to run on.",
        "",
        "| workers | into | articles | seconds | pages/s | speed-up | worker CPU s/page | start-up (s) "
        "| peak MB per worker |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        speedup = float(base[row["into"]]) / float(row["seconds"])
        rate = (int(row["articles"]) + int(row["failed"])) / float(row["seconds"])
        lines.append(
            f"| {row['workers']} | {row['into']} | {row['articles']} | {float(row['seconds']):.1f} | {rate:.2f} | "
            f"{speedup:.2f}x | {float(row['cpu']) / pages:.3f} | {float(row['startup']):.1f} | "
            f"{float(row['peak_mb']):.0f} |"
        )
    lines += [
        "",
        f"The driver's work into SQLite, per article (the {workers[0]}-worker partitions stored again into a new "
        f"file, step by step): reading the partition {driver['read']:.0f} ms, storing the article "
        f"{driver['store']:.0f} ms, rebuilding the claims ledger {driver['ledger']:.0f} ms. Against the workers' "
        "CPU time per page above, this is the ceiling of a run into SQLite: one writer does this much for every "
        "page whatever the number of workers, and on this machine it shares the same two cores with them.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--out", type=Path, default=None, help="the benchmarks page to put the section in")
    args = parser.parse_args(argv)
    command = "nice -n 10 python scripts/bench_dask.py" + (f" --pages {args.pages}" if args.pages != 300 else "")
    if args.workers != [1, 2]:
        command += " --workers " + " ".join(map(str, args.workers))
    if args.out is not None:
        command += f" --out {args.out}"
    load = os.getloadavg()[0]
    section = render(measure(args.pages, args.workers), args.pages, args.workers, command, load)
    write_section(args.out, HEADING, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
