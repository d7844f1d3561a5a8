"""Replace one ``## `` section of a Markdown report and leave the rest alone.

Several scripts write into one page: scripts/benchmark_api.py and scripts/bench_dask.py each own a section of
docs/benchmarks.md (scripts/benchmark.py rewrites the others and keeps theirs), as do
scripts/bench_synthetic.py, scripts/bench_end_to_end.py and scripts/bench_ledger_growth.py; scripts/load_test.py
owns one of docs/reliability.md.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def replace_section(path: Path, heading: str, section: str, *, new_page: str = "") -> None:
    """Put ``section`` (starting with its ``heading`` line) in place of the page's section under ``heading``,
    up to the next ``## `` heading, or at the page's end; a missing page starts as ``new_page``."""
    text = path.read_text(encoding="utf-8") if path.exists() else new_page
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", flags=re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _match: section + "\n", text).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def write_section(out: Path | None, heading: str, section: str) -> None:
    """Print ``section`` when no page is named (``out`` is None), else put it in that page under ``heading``."""
    if out is None:
        sys.stdout.write(section)
        return
    replace_section(out, heading, section)
    print(f"wrote the section {heading.removeprefix('## ')!r} of {out}", file=sys.stderr)
