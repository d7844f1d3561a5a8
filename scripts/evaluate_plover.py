"""Type accuracy of warta's English coder on the PLOVER example sentences (issue 4 target: >= 0.75).

    python scripts/evaluate_plover.py [--shared PATH] [--misses]

Reads datasets/events/en_plover_gsr/plover_gsr_cameo_en.jsonl from the shared folder at run time (PLOVER 0.5b1
categories mapped to PLOVER 2.0: DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from warta.evaluation.scoring import evaluate_plover_examples
from warta.settings import load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--misses", action="store_true", help="list the sentences whose type was missed")
    args = parser.parse_args(argv)
    settings = load_settings(overrides={"shared": args.shared})
    path = settings.shared / "datasets" / "events" / "en_plover_gsr" / "plover_gsr_cameo_en.jsonl"
    report = evaluate_plover_examples(path, settings)
    misses = report.pop("misses")
    print(json.dumps(report, indent=2))
    if args.misses:
        for miss in misses:
            print(f"{miss['gold']:10} {','.join(miss['predicted']) or '-':20} {miss['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
