"""Eval gate: accuracy floors on the gold corpus in ../shared (issue 2's done-when and the coder's current
scores). A drop of more than one point below a floor fails; raise the floors when the scores improve
(``python scripts/evaluate.py`` prints them and writes docs/accuracy.md)."""

from __future__ import annotations

import json

import pytest

from warta.evaluation.scoring import evaluate_records, evaluate_subset, load_gold
from warta.records import AnnotatedArticle, Page

TOLERANCE = 0.01
# Measured with scripts/evaluate.py (see docs/accuracy.md) on 2026-12-07, with the default pipeline: the rules,
# then the learned event coder, which was trained on corpus/train.jsonl and never saw the seed or dev. Issue 2
# requires seed entity F1 >= 0.8 and event F1 >= 0.6. The rule coder alone still codes the seed fully
# (test_eval_gate_rule_coder_seed below). When the argument rankers replaced the argument classifier (docs/
# coder.md, stop 11) held-out F1 on train.jsonl rose 0.388 -> 0.411 (id) and 0.397 -> 0.411 (en) and dev as a
# whole 0.441 -> 0.448, while the seed (one article, 13 events) fell 0.750 -> 0.692 and dev English (15-17
# matched events) 0.415 -> 0.380: those floors were lowered with it, the others raised. Stop 12 (a list that
# consults or agrees split into its two sides) raised them again: seed 0.769, dev 0.500 / 0.405; dev English
# status accuracy moved 0.733 -> 0.688 with one more matched event (16). Stop 13 (the Indonesian event lexicon
# grown from 1,244 to 4,031 rows) raised held-out Indonesian F1 0.415 -> 0.424 (24 more true events, on the
# development folds and on folds 2-4 alike) and dev 0.461 -> 0.480, while the seed lost one of its 13 events
# (0.769 -> 0.720: "Rusia kemungkinan akan mengirimkan teknologi militer kepada Kim Jong Un", an AID no row
# proposes, now under the bar) and with it a dated one (seed date accuracy 0.900 -> 0.889). Stop 14 (Indonesian
# articles with no dateline and no country named take IDN as home, languages.yaml home_country; model retrained)
# raised held-out F1 0.424 -> 0.429 (id) and 0.415 -> 0.418 (en), while dev English, which the change itself
# does not touch (English has no home country), lost two of its 18 matched events to the retrained weights:
# 0.444 -> 0.405, status 0.722 -> 0.688 (11 of 16). Its floors follow; one event there moves F1 by 0.03.
# Later in stop 14 a learned event's mode came from the lexicons (its mentions merge with the rules'): the seed
# 0.720 -> 0.750, one false event fewer. Stop 15 (a word is an event when its types together outweigh "none";
# a retelling of an event with other arguments merges into it) raised the seed to 0.783, dev English to 0.425
# (status 0.765) and dev Indonesian to 0.533 (status 0.812). Stop 16 (the verifier drops mentions unlikely given
# the rest of their article, unless the rule coder coded the same type and dyad): dev Indonesian 0.533 -> 0.569
# (status 0.812 -> 0.788 and date 0.750 -> 0.727 over one matched event more), dev English 0.425 -> 0.438
# (status 0.750 over 16 matched events), the seed 0.783 -> 0.818 (one false event fewer; docs/coder.md).
# Stop 17 (the home country from every entity, a dateline that gives way; in English a lexicon's word at a
# lower bar; model retrained) raised held-out F1 0.463 -> 0.478 (id, 17 true events more) and 0.451 -> 0.458
# (en, 39 more), while dev Indonesian, unseen by the model, fell 0.569 -> 0.513 (30 matched events against 33;
# the home of 8 of its 10 articles is unchanged, so the retrained weights moved them), dev English rose 0.438 ->
# 0.463 (19 against 16; status 0.632, date 0.579) and the seed lost one event, 0.818 -> 0.762 (date 0.875 over
# eight). Its floors follow the measured figures: held-out text is 30 times larger than dev.
FLOORS = {
    "seed": {"entities": 1.0, "events": 0.76, "quotes": 0.83},
    "dev_id": {"entities": 0.93, "events": 0.51},
    "dev_en": {"entities": 0.91, "events": 0.46},
}
# Status and date accuracy over matched events (issue 11 targets 0.85 for both).
ACCURACY_FLOORS = {
    "seed": {"status_accuracy": 1.0, "date_accuracy": 0.87},
    "dev_id": {"status_accuracy": 0.76, "date_accuracy": 0.70},
    "dev_en": {"status_accuracy": 0.63, "date_accuracy": 0.57},
}
# Type accuracy on the PLOVER example sentences (scripts/evaluate_plover.py; issue 11 targets 0.80): the learned
# coder's today (0.658 -> 0.646 in stop 13, 4 of 322 sentences, with the model retrained on the grown Indonesian
# lexicon; 0.649 -> 0.661 in stop 15, 0.661 -> 0.658 in stop 16, one of 322 sentences losing its only event to
# the verifier; 0.658 -> 0.674 in stop 17 with English lexicon words at a lower bar, extra types per sentence
# 0.68 -> 0.77); the rule coder, which was written against these sentences, reached 0.773.
PLOVER_FLOOR = 0.67


_CACHE: dict[str, dict] = {}


@pytest.fixture
def report(shared):
    if "report" in _CACHE:  # the pipeline runs over the corpus once per test session
        return _CACHE["report"]
    from warta.settings import load_settings

    settings = load_settings(env={}, overrides={"shared": shared})
    seed = [r for path in sorted((shared / "corpus" / "seed").glob("*.gold.json")) for r in load_gold(path)]
    dev = load_gold(shared / "corpus" / "dev.jsonl")
    full = evaluate_records(seed + dev, settings)
    _CACHE["report"] = {
        "seed": evaluate_subset(full, seed),
        "dev_id": evaluate_subset(full, [r for r in dev if r["lang"] == "id"]),
        "dev_en": evaluate_subset(full, [r for r in dev if r["lang"] == "en"]),
    }
    return _CACHE["report"]


@pytest.mark.parametrize(("subset", "metric"), [(s, m) for s, ms in FLOORS.items() for m in ms])
def test_eval_gate_floor(report, subset, metric):
    measured = report[subset][metric]["f1"]
    floor = FLOORS[subset][metric]
    assert measured >= floor - TOLERANCE, f"{subset} {metric} F1 {measured:.3f} fell below its floor {floor:.2f}"


@pytest.mark.parametrize(("subset", "metric"), [(s, m) for s, ms in ACCURACY_FLOORS.items() for m in ms])
def test_eval_gate_accuracy_floor(report, subset, metric):
    measured = report[subset][metric]
    floor = ACCURACY_FLOORS[subset][metric]
    assert measured >= floor - TOLERANCE, f"{subset} {metric} {measured:.3f} fell below its floor {floor:.2f}"


def test_eval_gate_plover_example_sentences(shared, require):
    from warta.evaluation.scoring import evaluate_plover_examples
    from warta.settings import load_settings

    examples = shared / "datasets" / "events" / "en_plover_gsr" / "plover_gsr_cameo_en.jsonl"
    path = require(examples, "PLOVER example sentences")
    report = evaluate_plover_examples(path, load_settings(env={}, overrides={"shared": shared}))
    measured = report["type_accuracy"]
    assert measured >= PLOVER_FLOOR - TOLERANCE, f"PLOVER type accuracy {measured:.3f} is below {PLOVER_FLOOR:.2f}"


def test_eval_gate_seed_done_when(shared, settings):
    """Issue 2: the seed, extracted with --published 2024-06-19, finds Kim Jong Un's and Blinken's quotes."""
    from warta.build import build_pipeline
    from warta.output import to_contract, validate_output

    path = next((shared / "corpus" / "seed").glob("*.txt"))
    page = Page(source=str(path), text=path.read_text(encoding="utf-8"), published="2024-06-19")
    doc = build_pipeline(settings).process(page)
    assert isinstance(doc, AnnotatedArticle)
    output = to_contract(doc)
    validate_output(json.loads(json.dumps(output)))
    speakers = {q["speaker"] for q in output["quotes"] if q["direct"]}
    assert {"Kim Jong Un", "Antony Blinken"} <= speakers


def test_eval_gate_rule_coder_seed(shared, require):
    """The rule coder alone (``learned_events = false``) still codes every event of the reference seed."""
    from warta.settings import load_settings

    settings = load_settings(env={}, overrides={"shared": shared, "learned_events": False})
    seed = [r for path in sorted(require(shared / "corpus" / "seed", "the seed").glob("*.gold.json"))
            for r in load_gold(path)]  # fmt: skip
    report = evaluate_subset(evaluate_records(seed, settings), seed)
    assert report["events"]["f1"] >= 0.99, f"rule coder seed event F1 {report['events']['f1']:.3f}"
