"""This checkout's speed against an earlier commit's, measured side by side.

    python scripts/bench_paired.py [--section pipeline|coder] [--rev 7e51090] [--rounds 5] [--repeat 5]
                                   [--shared PATH] [--out docs/benchmarks.md]

A target such as "the whole pipeline does not get slower than it was by more than 20%" (issue 11) compares two
versions of the code. Figures written on different days do not: this machine's speed drifts by a factor of two
between sessions (docs/benchmarks.md). So both versions run here, in turn: the commit ``--rev`` is checked out
into a temporary git worktree and measured with its own ``scripts/benchmark.py --only SECTION`` (its ``src``
first on ``PYTHONPATH``), then this checkout with its own, ``--rounds`` times. Each round's ratio (this
checkout's rate over the commit's) is taken pair by pair; the medians make one section of docs/benchmarks.md
(with ``--out``) or are printed. Sections: ``pipeline`` (``Pipeline.process``, words/s) and ``coder`` (the
events stage alone, sentences/s).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from report_section import write_section  # a sibling in scripts/

ROOT = Path(__file__).resolve().parent.parent
#: The commit whose docs/benchmarks.md issue 11 measured against (Indonesian pipeline 13,003 words/s there).
ISSUE_11_BASE = "7e51090"


@dataclass(frozen=True)
class Section:
    """One table of scripts/benchmark.py: how to read a corpus and its rate from a row, and what it measures."""

    row: re.Pattern[str]
    heading: str
    what: str


SECTIONS = {
    # "| gold, Indonesian | 11 | 0 | 2,693 | 0.337 | 32.6 | 7,989 | ... |": corpus and words/s
    "pipeline": Section(
        re.compile(r"^\| ([^|]+?) \| \d+ \| \d+ \| [\d,]+ \| [\d.]+ \| [\d.]+ \| ([\d,]+) \|", re.MULTILINE),
        "## Against an earlier commit, side by side (issue 11's speed target)",
        "`Pipeline.process` words/s per core. Issue 11: the whole pipeline no more than 20% slower than at the "
        "commit it was filed against (7e51090).",
    ),
    # "| gold, Indonesian | 11 | 133 | 61.57 | 2,160 | ... |": corpus and sentences/s
    "coder": Section(
        re.compile(r"^\| ([^|]+?) \| \d+ \| \d+ \| [\d.]+ \| ([\d,]+) \|", re.MULTILINE),
        "## Event coder against an earlier commit, side by side",
        "The events stage alone, sentences/s per core (issue 11: >= 2,000).",
    ),
}


def rates(section: str, checkout: Path, shared: Path, repeat: int) -> dict[str, float]:
    """Corpus -> rate from one run of ``checkout``'s own benchmark script, its ``src`` imported first."""
    env = {**os.environ, "PYTHONPATH": str(checkout / "src"), "WARTA_SHARED": str(shared)}
    command = [sys.executable, "scripts/benchmark.py", "--only", section, "--repeat", str(repeat)]
    out = subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True, check=True).stdout
    return {name: float(rate.replace(",", "")) for name, rate in SECTIONS[section].row.findall(out)}


def report(
    section: str, rev: str, rounds: Sequence[tuple[Mapping[str, float], Mapping[str, float]]], repeat: int = 5
) -> str:
    """The report section: per corpus, the medians of both versions' rates and of their ratio, round by round
    (``rounds``: the commit's figures, then this checkout's, of each round)."""
    spec = SECTIONS[section]
    lines = [
        spec.heading,
        "",
        f"Command: `python scripts/bench_paired.py --section {section} --rev {rev} --rounds {len(rounds)} "
        f"--repeat {repeat} --out docs/benchmarks.md` ({time.strftime('%Y-%m-%d')}). {spec.what} Medians of "
        f"{len(rounds)} rounds in which commit {rev} (its own code, models and benchmark script) and this "
        "checkout ran in turn on the same texts; the ratio is this checkout's over the commit's, pair by pair.",
        "",
        f"| corpus | {rev} | this checkout | ratio |",
        "|---|---|---|---|",
    ]
    for name in rounds[0][1]:
        pairs = [(old[name], new[name]) for old, new in rounds if name in old and name in new]
        if pairs:
            old_rate, new_rate = (statistics.median(p[i] for p in pairs) for i in (0, 1))
            ratio = statistics.median(n / o for o, n in pairs)
            lines.append(f"| {name} | {old_rate:,.0f} | {new_rate:,.0f} | {ratio:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--section", choices=sorted(SECTIONS), default="pipeline")
    parser.add_argument("--rev", default=ISSUE_11_BASE, help="the earlier commit (default: issue 11's base)")
    parser.add_argument("--rounds", type=int, default=5, help="pairs of runs (default 5)")
    parser.add_argument("--repeat", type=int, default=5, help="passes per run, the best taken (default 5)")
    parser.add_argument("--shared", type=Path, default=None, help="shared folder (default: WARTA_SHARED)")
    parser.add_argument("--out", type=Path, default=None, help="the benchmarks page to put the section in")
    args = parser.parse_args(argv)
    if args.shared is None:
        from warta.settings import load_settings

        args.shared = load_settings().shared
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "before"
        subprocess.run(["git", "worktree", "add", "--detach", str(before), args.rev], cwd=ROOT, check=True,
                       capture_output=True)  # fmt: skip
        try:
            rounds = [
                tuple(rates(args.section, checkout, args.shared, args.repeat) for checkout in (before, ROOT))
                for _ in range(args.rounds)
            ]
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=ROOT, check=False)
    write_section(args.out, SECTIONS[args.section].heading, report(args.section, args.rev, rounds, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
