"""Pathological inputs through the whole pipeline: each must finish within a wall-clock and memory bound, as
an article (its cuts recorded in ``article.limits``) or a typed failure, never a hang or a crash.

::

    python scripts/robustness.py                    # every case, default bounds (60 s, 1,024 MB each)
    python scripts/robustness.py --case one-mb-line --max-seconds 30

Each case runs in a child process of its own, after one ordinary article (which loads the models), so its
time includes nothing else and its peak memory (``ru_maxrss``, the loaded models included: about 450 MB) is
its own; the default settings apply (``max_article_chars``, ``max_sentence_tokens``, ``article_seconds``).
The table it prints is the one in docs/reliability.md ("Limits"). Exits 1 when a case breaks a bound,
crashes, or ends in an untyped failure. The bounds are checked here and not in the unit tests, where a slow
machine would make them flaky. Beside the wall-clock seconds the table gives the CPU seconds of the case's
process: on a machine shared with other work the first grows with the load, the second does not.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable

from warta.records import Page

_SENTENCE = "Presiden Joko Widodo bertemu Menteri Luar Negeri Retno Marsudi di Jakarta pada Senin, "
_NAMES = ("Jakarta", "Widodo", "Retno", "Amerika", "Serikat", "Putin", "Korea", "Utara")


def nested_html(depth: int) -> Page:
    body = "<p>" + "Presiden Joko Widodo bertemu Perdana Menteri Australia di Istana Bogor pada Senin. " * 10
    return Page(source=f"nested-{depth}.html", html=("<html><body>" + "<div>" * depth + body + "</p>"
                                                    + "</div>" * depth + "</body></html>",))  # fmt: skip


CASES: dict[str, tuple[str, Callable[[], Page]]] = {
    "nested-html-200": ("HTML nested 200 `<div>`s deep", lambda: nested_html(200)),
    "nested-html-100000": ("HTML nested 100,000 `<div>`s deep", lambda: nested_html(100_000)),
    "one-mb-line": (
        "a 1 MB text on a single line, no full stop",
        lambda: Page(source="line.txt", text=(_SENTENCE * 12_000)[:1_000_000]),
    ),
    "one-mb-html-line": (
        "a 1 MB HTML page on a single line, one paragraph",
        lambda: Page(source="line.html", html=("<html><body><p>" + (_SENTENCE * 12_000)[:1_000_000] + "</p>",)),
    ),
    "ten-thousand-quote-marks": (
        "10,000 quote marks (5,000 quoted words, Indonesian given)",
        lambda: Page(source="quotes.txt", language="id", text="Kata dia: " + '"ya" ' * 5_000),
    ),
    "unbalanced-quote-marks": (
        "10,000 opening quote marks, none closed",
        lambda: Page(source="open.txt", language="id", text="\u201cKami siap kata dia " * 10_000),
    ),
    "hundred-thousand-capitalised-words": (
        "100,000 capitalised words (place and person names), no stop",
        lambda: Page(source="caps.txt", text=" ".join(_NAMES[i % len(_NAMES)] for i in range(100_000))),
    ),
    "five-thousand-token-sentence": (
        "one sentence of 5,000 tokens",
        lambda: Page(
            source="sentence.txt", language="id", text=" ".join((_SENTENCE.split() * 400)[:4_999]) + "."
        ),  # fmt: skip
    ),
}


def run_case(name: str) -> dict[str, object]:
    """Process one case in this process; what came out, how long it took and the peak memory."""
    import logging

    from warta.build import build_pipeline
    from warta.records import AnnotatedArticle
    from warta.settings import load_settings

    logging.disable(logging.WARNING)
    pipeline = build_pipeline(load_settings(env={}))
    # The first article loads the language models and the NER pipeline (10-20 s, 300 MB): do that on an
    # ordinary article first, so the time measured is the case's own.
    pipeline.process(nested_html(1))
    page = CASES[name][1]()
    started, cpu_started = time.monotonic(), time.process_time()
    result = pipeline.process(page)
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu_started
    if isinstance(result, AnnotatedArticle):
        limits = [f"{x.setting} {x.limit:,} (found {x.found:,})" for x in result.article.limits]
        outcome = f"article of {len(result.article.text):,} characters, {len(result.sentences):,} sentences"
        status = "ok"
    else:
        limits = []
        outcome = f"failure {result.code} at {result.stage}: {result.reason[:80]}"
        status = "crash" if result.code == "W999" else "ok"
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"case": name, "status": status, "seconds": round(seconds, 1), "cpu": round(cpu, 1),
            "peak_mb": round(peak_mb), "outcome": outcome, "limits": limits}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="run only these cases")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="wall-clock bound per case")
    parser.add_argument("--max-mb", type=float, default=1024.0, help="peak memory bound per case (MB)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_case(args.child)))
        return 0
    failed = False
    print("| case | input | seconds | CPU seconds | peak MB | outcome | limits recorded |")
    print("|---|---|---|---|---|---|---|")
    for name in args.case or list(CASES):
        child = subprocess.run([sys.executable, __file__, "--child", name], capture_output=True, text=True,
                               timeout=args.max_seconds * 10)  # fmt: skip
        if child.returncode != 0:
            failed = True
            print(f"| `{name}` | {CASES[name][0]} | — | — | — | crashed: {child.stderr.strip()[-200:]} | |")
            continue
        row = json.loads(child.stdout.strip().splitlines()[-1])
        over = row["seconds"] > args.max_seconds or row["peak_mb"] > args.max_mb or row["status"] != "ok"
        failed = failed or over
        mark = " **over the bound**" if over else ""
        print(f"| `{name}` | {CASES[name][0]} | {row['seconds']}{mark} | {row['cpu']} | {row['peak_mb']} | "
              f"{row['outcome']} | {'; '.join(row['limits']) or '—'} |", flush=True)  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
