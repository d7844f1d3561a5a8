"""Where the learned coder's held-out errors are: false events, missed events and wrong statuses by kind.

    python scripts/event_errors.py [--shared PATH] [--folds 01] [--json]

Cross-validates the coder over ``corpus/folds.tsv`` exactly as ``warta eval --folds`` does (each fold coded by a
model trained on the other four; ``--folds 01`` scores folds 0 and 1 only) and pairs coded and gold events with
the scorer's own rule (:mod:`warta.evaluation.scoring`: type and source/target countries, one to one). Then:

- each **false event** (one that matches no gold event, required or optional) goes to the first kind that fits:
  a second record of a matched event (same type and dyad); the type of a missed gold event of its sentence with
  another dyad; the dyad of a missed gold event of its sentence under another type; the type of a missed event
  elsewhere in the article; in a sentence with a gold event; in a sentence the gold leaves uncoded;
- each **missed event** (required, unmatched): its type coded in its sentence with another dyad; its dyad coded
  in its sentence under another type; something else coded in its sentence; nothing coded there;
- each **matched event**: its status right or wrong, and whether the coded event's sentence is the gold's (the
  coded record of an event mentioned twice may carry the other mention's sentence and status).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

FALSE_KINDS = (
    "second record of a matched event",
    "type of a missed event of its sentence, other dyad",
    "dyad of a missed event of its sentence, other type",
    "type of a missed event elsewhere in the article",
    "in a sentence with a gold event",
    "in a sentence the gold leaves uncoded",
)
MISSED_KINDS = (
    "its type coded in its sentence, other dyad",
    "its dyad coded in its sentence, other type",
    "another event coded in its sentence",
    "nothing coded in its sentence",
)


def _dyad(event: Mapping[str, Any]) -> tuple[frozenset[str], frozenset[str]]:
    from warta.evaluation.scoring import _countries

    return _countries(event["source"]), _countries(event["target"])


def _same_dyad(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return _dyad(a) == _dyad(b) or _dyad(a) == _dyad(b)[::-1]


def classify(
    gold: Sequence[Mapping[str, Any]], coded: Sequence[Mapping[str, Any]], out: Mapping[str, Counter]
) -> None:
    """Add one article's false events, missed events and statuses to the counters of ``out``."""
    from warta.evaluation.scoring import _event_matcher, _one_to_one

    matches = _event_matcher(use_type=True, use_target=True)
    required = [g for g in gold if not g.get("optional")]
    pairs = _one_to_one(required, coded, matches)
    matched_gold = {gi for gi, _ in pairs}
    taken = {pi for _, pi in pairs}
    rest = [k for k in range(len(coded)) if k not in taken]
    optional = [g for g in gold if g.get("optional")]
    taken |= {rest[pi] for _, pi in _one_to_one(optional, [coded[k] for k in rest], matches)}
    missed = [g for gi, g in enumerate(required) if gi not in matched_gold]
    sentences = {g.get("sentence") for g in gold}
    for k, p in enumerate(coded):
        if k in taken:
            continue
        here = [g for g in missed if g.get("sentence") == p.get("sentence")]
        kinds = (
            any(matches(required[gi], p) for gi in matched_gold),
            any(g["type"] == p["type"] for g in here),
            any(_same_dyad(g, p) for g in here),
            any(g["type"] == p["type"] for g in missed),
            p.get("sentence") in sentences,
            True,
        )  # fmt: skip
        out["false"][FALSE_KINDS[kinds.index(True)]] += 1
    for g in missed:
        here = [p for p in coded if p.get("sentence") == g.get("sentence")]
        kinds = (
            any(p["type"] == g["type"] for p in here),
            any(_same_dyad(g, p) for p in here),
            bool(here),
            True,
        )
        out["missed"][MISSED_KINDS[kinds.index(True)]] += 1
    for gi, pi in pairs:
        g, p = required[gi], coded[pi]
        right = "right" if g.get("status") == p.get("status") else "wrong"
        where = "same sentence" if g.get("sentence") == p.get("sentence") else "another sentence"
        out["status"][f"{right}, {where}"] += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--folds", default="01234", help="the folds to score, as digits (default: all five)")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args(argv)

    from warta.evaluation.event_folds import cross_validated, rule_coded
    from warta.evaluation.scoring import load_gold
    from warta.nlp.gazetteer_data import load_gazetteer
    from warta.output import to_contract
    from warta.settings import load_settings
    from warta.training.event_model import read_folds

    settings = load_settings(overrides={"shared": args.shared})
    corpus = settings.shared / "corpus"
    folds = read_folds(corpus / "folds.tsv")
    chosen = {int(c) for c in args.folds}
    records = load_gold(corpus / "train.jsonl")
    gazetteer = load_gazetteer()
    docs = rule_coded(records, settings, gazetteer)
    coded = cross_validated(records, docs, folds, gazetteer, only=chosen)
    out: dict[str, dict[str, Counter]] = {}
    for record in records:
        if folds.get(record["id"]) in chosen:
            counters = out.setdefault(record["lang"], {part: Counter() for part in ("false", "missed", "status")})
            classify(record.get("events", []), to_contract(coded[record["id"]]).get("events", []), counters)
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    for part, kinds in (("false", FALSE_KINDS), ("missed", MISSED_KINDS), ("status", None)):
        langs = sorted(out)
        print(f"| {part} events | " + " | ".join(langs) + " |")
        print("|---|" + "---|" * len(langs))
        for kind in kinds or sorted({k for lang in langs for k in out[lang][part]}):
            print(f"| {kind} | " + " | ".join(str(out[lang][part][kind]) for lang in langs) + " |")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
