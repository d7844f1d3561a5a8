"""warta end to end against trafilatura's extraction alone, side by side on the same pages in one run.

    python scripts/bench_end_to_end.py [--shared PATH] [--out docs/benchmarks.md]

The pages are the 181 real news pages of the AEB extraction benchmark (``datasets/extraction/aeb`` in the
shared folder), unpacked once into a temporary folder. *trafilatura alone* is ``trafilatura.extract`` with
its defaults on every page; *warta end to end* is ``warta.jobs.run_into_store`` over the same files into a new
SQLite database: ingest, extraction, language, NLP, quotes, events and the claims ledger, every article and
every failure stored (pages in languages warta does not read end as failure rows after the language stage).
Both run in this one process on one core, each after a warm-up pass (which loads every model), so start-up
is not counted (docs/benchmarks.md has it apart). Issue 12's target: warta end to end at least 0.5x
trafilatura's pages/s.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmark import best_times  # siblings in scripts/
from report_section import replace_section

HEADING = "## End to end against trafilatura alone (issue 12)"


def unpack(aeb: Path, into: Path) -> list[Path]:
    """The benchmark's pages as plain ``.html`` files (warta reads ``.html``, not ``.html.gz``)."""
    pages = []
    for packed in sorted((aeb / "html").glob("*.html.gz")):
        page = into / packed.name.removesuffix(".gz")
        page.write_bytes(gzip.decompress(packed.read_bytes()))
        pages.append(page)
    return pages


def time_trafilatura(pages: list[Path], repeat: int) -> tuple[float, float]:
    """Best wall and CPU seconds of trafilatura alone on ``pages``."""
    import trafilatura

    htmls = [p.read_text(encoding="utf-8", errors="replace") for p in pages]
    wall, cpu, _ = best_times(repeat, lambda: [trafilatura.extract(html) for html in htmls])
    return wall, cpu


def time_warta(pages: list[Path], work: Path, repeat: int) -> tuple[float, float, int, int]:
    """Best wall and CPU seconds of warta end to end on ``pages``, and how many articles and failures it stored."""
    from warta.jobs import run_into_store
    from warta.settings import load_settings
    from warta.store import open_store

    settings = load_settings()
    inputs = [str(p) for p in pages]
    runs = itertools.count()

    def one_pass() -> Any:  # into a new database each time, as a first run stores
        with open_store(work / f"run{next(runs)}.db") as store:
            return run_into_store(inputs, settings, store)

    wall, cpu, summary = best_times(repeat, one_pass)  # the warm-up pass loads every model and data file
    return wall, cpu, summary.processed, summary.failed


def section(
    pages: int,
    trafilatura_s: float,
    warta_s: float,
    stored: int,
    failed: int,
    repeat: int,
    *,
    trafilatura_cpu: float | None = None,
    warta_cpu: float | None = None,
) -> str:
    t_rate, w_rate = pages / trafilatura_s, pages / warta_s
    ratio = w_rate / t_rate
    verdict = "met" if ratio >= 0.5 else "**missed**"
    load = os.getloadavg()[0]
    cpu = trafilatura_cpu is not None and warta_cpu is not None
    t_cpu = f" {trafilatura_cpu:.2f} |" if cpu else ""
    w_cpu = f" {warta_cpu:.2f} |" if cpu else ""
    cpu_note = (
        f" On CPU time (this process's, which leaves out waiting for a core while other jobs share the machine): "
        f"**{trafilatura_cpu / warta_cpu:.2f}x**."
        if cpu
        else ""
    )
    return "\n".join([
        HEADING, "",
        f"Command: `python scripts/bench_end_to_end.py --out docs/benchmarks.md` ({time.strftime('%Y-%m-%d')}, "
        f"1-minute load average {load:.2f} at the end). The {pages} pages of the AEB extraction benchmark, "
        f"best of {repeat} passes each after a warm-up pass, one core (see the script's docstring).",
        "",
        "| | seconds | pages/s |" + (" CPU seconds |" if cpu else "") + " |",
        "|---|---:|---:|" + ("---:|" if cpu else "") + "---|",
        f"| trafilatura alone (`trafilatura.extract`, defaults) | {trafilatura_s:.2f} | {t_rate:.1f} |{t_cpu} |",
        f"| warta end to end (`run_into_store` into SQLite) | {warta_s:.2f} | {w_rate:.1f} |{w_cpu} {stored} "
        f"articles stored, {failed} failure rows |",
        "",
        f"warta end to end runs at **{ratio:.2f}x** trafilatura's extraction alone (issue 12 target: >= 0.5x, "
        f"{verdict}).{cpu_note}",
        "",
    ])  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None, help="default: WARTA_SHARED, else ../shared")
    parser.add_argument("--repeat", type=int, default=2, help="passes of each (best is reported)")
    parser.add_argument("--out", type=Path, default=None, help="the benchmarks page to put the section in")
    args = parser.parse_args(argv)
    default = Path(__file__).resolve().parents[1].parent / "shared"
    shared = args.shared or Path(os.environ.get("WARTA_SHARED", default))
    aeb = shared / "datasets" / "extraction" / "aeb"
    if not (aeb / "html").is_dir():
        print(f"no AEB pages at {aeb}: set --shared or WARTA_SHARED", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "pages").mkdir()
        pages = unpack(aeb, work / "pages")
        trafilatura_s, trafilatura_cpu = time_trafilatura(pages, args.repeat)
        warta_s, warta_cpu, stored, failed = time_warta(pages, work, args.repeat)
    text = section(len(pages), trafilatura_s, warta_s, stored, failed, args.repeat,
                   trafilatura_cpu=trafilatura_cpu, warta_cpu=warta_cpu)  # fmt: skip
    if args.out:
        replace_section(args.out, HEADING, text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
