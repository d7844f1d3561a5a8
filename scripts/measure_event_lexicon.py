"""Measure the event lexicon on a gold corpus: proposal speed and how many gold triggers it covers.

Reads a gold JSONL file (default ``corpus/train.jsonl`` in the shared folder, ``WARTA_SHARED`` or
``../shared``) and prints, for one language:

- rows per PLOVER type and kind, and the time to build the lexicon;
- ``propose`` speed over every sentence of the language's texts (tokenised with warta's segmenter);
- trigger coverage: the share of gold events whose trigger words are overlapped by a proposal of the gold
  type (and by a proposal of any type).

A coverage figure only: the lexicon is built from dictionaries and the language, never from these triggers.
Usage: ``python scripts/measure_event_lexicon.py [--lang en] [--gold PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

from warta.events.event_lexicon import load_event_lexicon, read_event_table, table_paths
from warta.nlp.segment import segment_text, tokenize
from warta.records import EVENT_TYPES

ROOT = Path(__file__).resolve().parent.parent


def _find(sentence: list[str], trigger: list[str]) -> tuple[int, int] | None:
    n = len(trigger)
    for i in range(len(sentence) - n + 1):
        if sentence[i : i + n] == trigger:
            return i, i + n - 1
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", default="en")
    parser.add_argument("--gold", type=Path, default=None, help="gold JSONL (default: corpus/train.jsonl)")
    args = parser.parse_args(argv)
    shared = Path(os.environ.get("WARTA_SHARED") or ROOT.parent / "shared")
    gold = args.gold or shared / "corpus" / "train.jsonl"
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if r.get("lang") == args.lang]

    rows = [row for path in table_paths(args.lang) for row in read_event_table(path)]
    by_type = Counter((row.type, row.kind) for row in rows)
    print(f"rows: {len(rows)}")
    for type_ in EVENT_TYPES:
        kinds = ", ".join(f"{kind} {by_type[type_, kind]}" for kind in ("verb", "noun", "frame", "phrase"))
        print(f"  {type_:10} {sum(n for (t, _), n in by_type.items() if t == type_):6}  ({kinds})")
    started = time.perf_counter()
    load_event_lexicon.cache_clear()
    lexicon = load_event_lexicon(args.lang)
    print(f"build: {time.perf_counter() - started:.2f} s")

    sentences = [[t.text.lower() for t in s.tokens] for r in records for s in segment_text(r["text"], args.lang)]
    timings = []
    for _ in range(5):  # the fastest of five passes: the machine may be shared
        started = time.perf_counter()
        proposals = sum(len(lexicon.propose(words)) for words in sentences)
        timings.append(time.perf_counter() - started)
    elapsed = min(timings)
    tokens = sum(len(w) for w in sentences)
    print(f"propose: {len(sentences)} sentences, {tokens} tokens, {proposals} proposals "
          f"in {elapsed:.3f} s = {len(sentences) / elapsed:,.0f} sentences/s (fastest of 5 passes)")  # fmt: skip

    right = any_type = located = 0
    events = [e for r in records for e in r.get("events", ())]
    missed: Counter[str] = Counter()
    for event in events:
        words = [t[0].lower() for t in tokenize(event.get("sentence") or "", args.lang)]
        span = _find(words, [t[0].lower() for t in tokenize(event.get("trigger") or "", args.lang)])
        if span is None:
            continue
        located += 1
        hits = [p for p in lexicon.propose(words) if p.first <= span[1] and p.last >= span[0]]
        any_type += bool(hits)
        right += any(p.type == event["type"] for p in hits)
        if not any(p.type == event["type"] for p in hits):
            missed[event["type"]] += 1
    print(f"coverage: {len(events)} gold events, trigger located in its sentence for {located}; "
          f"a proposal of the gold type overlaps the trigger for {right} ({right / max(located, 1):.1%}), "
          f"a proposal of any type for {any_type} ({any_type / max(located, 1):.1%})")  # fmt: skip
    print("not covered with the gold type, by type: " + ", ".join(f"{t} {n}" for t, n in missed.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
