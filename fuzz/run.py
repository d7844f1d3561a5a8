"""Run the fuzzer for a long time: N inputs per target, counted, crashes written to a folder.

::

    python -m fuzz.run --count decode=20000 --count pipeline=2000 --crashes fuzz/crashes [--seed 1]

Each target (:data:`fuzz.targets.TARGETS`) gets its inputs from its hypothesis strategy; hypothesis only
generates here (no shrinking, no example database), since every input is caught and counted by the harness
itself. An input that raises anything but a typed :class:`~warta.errors.InputError` where one is allowed,
or breaks an invariant (:mod:`fuzz.checks`), is a crash: it is written to ``CRASHES/<target>-<n>.txt``
(the input's ``repr`` and the traceback) and the run goes on. The summary (inputs, crashes and seconds per
target) is printed as JSON, and the exit code is 1 when anything crashed.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings

from fuzz.targets import TARGETS, Target


def fuzz_target(target: Target, count: int, crashes: Path, *, run_seed: int) -> dict[str, Any]:
    """Feed ``count`` generated inputs to ``target``; returns ``{inputs, crashes, seconds}``."""
    tally = {"inputs": 0, "crashes": 0}
    started = time.monotonic()

    @seed(run_seed)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(target.strategy)
    def feed(value: Any) -> None:
        tally["inputs"] += 1
        if tally["inputs"] % max(1, min(1000, count // 20)) == 0:
            print(
                f"{target.name}: {tally['inputs']} inputs, {tally['crashes']} crashes", file=sys.stderr, flush=True
            )
        try:
            target.run(value)
        except Exception:  # noqa: BLE001 - a crash is what the harness is here to record
            tally["crashes"] += 1
            crashes.mkdir(parents=True, exist_ok=True)
            report = f"input: {value!r}\n\n{traceback.format_exc()}"
            (crashes / f"{target.name}-{run_seed}-{tally['inputs']}.txt").write_text(report, encoding="utf-8")

    feed()
    return {**tally, "seconds": round(time.monotonic() - started, 1)}


def _counts(values: list[str]) -> dict[str, int]:
    counts = {}
    for value in values:
        name, _, number = value.partition("=")
        if name not in TARGETS or not number.isdigit():
            raise SystemExit(f"--count takes TARGET=N with TARGET one of {', '.join(TARGETS)}; got {value!r}")
        counts[name] = int(number)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fuzz.run", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--count",
        action="append",
        default=[],
        metavar="TARGET=N",
        help=f"inputs for one target (repeatable); targets: {', '.join(TARGETS)}",
    )
    parser.add_argument("--crashes", type=Path, default=Path("fuzz/crashes"), help="folder for crash reports")
    parser.add_argument("--seed", type=int, default=1, help="hypothesis seed: the same seed, the same inputs")
    parser.add_argument("--out", type=Path, help="also write the JSON summary to this file")
    args = parser.parse_args(argv)
    counts = _counts(args.count) or {name: 100 for name in TARGETS}
    # A stage's own log lines (cut texts, refused languages) would drown the summary.
    logging.disable(logging.CRITICAL)
    summary: dict[str, Any] = {"seed": args.seed, "targets": {}}
    for name, count in counts.items():
        summary["targets"][name] = fuzz_target(TARGETS[name], count, args.crashes, run_seed=args.seed)
        print(name, json.dumps(summary["targets"][name]), file=sys.stderr, flush=True)
    summary["inputs"] = sum(t["inputs"] for t in summary["targets"].values())
    summary["crashes"] = sum(t["crashes"] for t in summary["targets"].values())
    text = json.dumps(summary, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 1 if summary["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
