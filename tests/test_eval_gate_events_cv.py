"""Eval gate: the learned event coder on text it was not trained on. corpus/train.jsonl is cross-validated over
corpus/folds.tsv (each fold coded by a model trained on the other four; ``warta eval --folds``), and the floors
below are today's held-out scores, one point of tolerance. The gap between the seen and the held-out score is
pinned too: a model that memorises its training articles widens it (issue 11 target: <= 0.10).

Raise the floors when the scores improve (docs/accuracy.md gives the command)."""

from __future__ import annotations

import pytest

TOLERANCE = 0.01
# Measured with `warta eval ../shared/corpus/train.jsonl --folds ../shared/corpus/folds.tsv` (docs/accuracy.md).
CV_FLOORS = {"id": 0.478, "en": 0.458}
# Issue 11 targets: 0.65 event F1 per language (not reached: docs/coder.md), status and date accuracy 0.85.
STATUS_FLOORS = {"id": 0.84, "en": 0.81}
MAX_GAP = 0.10

_CACHE: dict[str, dict] = {}


@pytest.fixture
def cv_report(shared, require):
    if "report" not in _CACHE:
        from warta.evaluation.event_folds import evaluate_folds
        from warta.settings import load_settings

        gold = require(shared / "corpus" / "train.jsonl", "the training corpus")
        folds = require(shared / "corpus" / "folds.tsv", "the corpus folds")
        _CACHE["report"] = evaluate_folds(gold, folds, load_settings(env={}, overrides={"shared": shared}))
    return _CACHE["report"]


@pytest.mark.parametrize("language", sorted(CV_FLOORS))
def test_cross_validated_event_f1(cv_report, language):
    measured = cv_report["by_language"][language]["events"]["f1"]
    floor = CV_FLOORS[language]
    assert measured >= floor - TOLERANCE, f"{language} held-out event F1 {measured:.3f} fell below {floor:.2f}"


@pytest.mark.parametrize("language", sorted(STATUS_FLOORS))
def test_cross_validated_status_accuracy(cv_report, language):
    measured = cv_report["by_language"][language]["status_accuracy"]
    floor = STATUS_FLOORS[language]
    assert measured >= floor - TOLERANCE, f"{language} held-out status accuracy {measured:.3f} below {floor:.2f}"


@pytest.mark.parametrize("language", sorted(CV_FLOORS))
def test_seen_vs_unseen_gap(cv_report, language):
    gap = cv_report["gap"][language]
    assert gap <= MAX_GAP + TOLERANCE, f"{language}: seen minus held-out event F1 is {gap:.3f} (> {MAX_GAP})"


def test_every_fold_was_coded_by_a_model_that_did_not_see_it(cv_report):
    assert sorted(cv_report["by_fold"]) == ["0", "1", "2", "3", "4"]
    assert all(fold["tp"] + fold["fn"] > 0 for fold in cv_report["by_fold"].values())


def test_scores_by_kind_of_article_add_up(cv_report):
    kinds = cv_report["by_kind"]
    assert sorted(kinds) == ["en/domestic", "en/international", "id/domestic", "id/international"]
    for lang in ("id", "en"):
        whole = cv_report["by_language"][lang]["events"]
        parts = [kinds[f"{lang}/{kind}"] for kind in ("domestic", "international")]
        assert sum(p["tp"] for p in parts) == whole["tp"] and sum(p["fn"] for p in parts) == whole["fn"]


def test_article_kind():
    from warta.evaluation.event_folds import article_kind

    def gold(source, target, optional=False):
        return {"source": [{"country": source}], "target": [{"country": c} for c in target], "optional": optional}

    # "KPK menahan tersangka" (IDN on both sides) and a protest with no target: domestic
    assert article_kind({"events": [gold("IDN", ["IDN"]), gold("IDN", []), gold("IDN", ["MYS"])]}) == "domestic"
    # most required events between two countries; an optional domestic one does not count
    record = {"events": [gold("RUS", ["UKR"]), gold("USA", ["CHN"]), gold("IDN", ["IDN"], optional=True)]}
    assert article_kind(record) == "international"
    assert article_kind({"events": []}) == "international"


def test_topic_groups_of_the_by_topic_script():
    import re

    from scripts_loader import load_script

    topics = load_script("events_by_topic").TOPICS

    def groups(topic: str) -> set[str]:
        return {name for name, words in topics.items() if re.search(rf"\b(?:{words})\b", topic.lower())}

    assert groups("MK tolak gugatan sengketa hasil Pilpres 2024") == {"courts", "elections and parliament"}
    assert groups("TPNPB serang Pos TNI di Kiwirok") == {"Papua and armed groups", "war and strikes"}
    assert groups("Pelosi visits Taiwan, China protests") == {"diplomacy", "protests"}
    # whole words: "demokrasi" is no demonstration, "warga" no war
    assert groups("Warga menuntut demokrasi") == set()


def test_error_kinds_of_the_errors_script():
    from collections import Counter

    from scripts_loader import load_script

    errors = load_script("event_errors")

    def event(etype, source, target, sentence, status="asserted", optional=False):
        return {"type": etype, "source": [{"country": source}], "target": [{"country": target}],
                "sentence": sentence, "status": status, "optional": optional}  # fmt: skip

    gold = [
        event("ASSAULT", "RUS", "UKR", "s1"),
        event("ACCUSE", "UKR", "RUS", "s2"),
        event("CONSULT", "IDN", "AUS", "s3"),
        event("AID", "USA", "UKR", "s4", optional=True),
    ]
    coded = [
        event("ASSAULT", "RUS", "UKR", "s1", status="reported"),  # matched, status wrong
        event("ASSAULT", "RUS", "UKR", "s5"),  # a second record of the matched attack
        event("ACCUSE", "UKR", "USA", "s2"),  # the missed accusation's type with another dyad
        event("AID", "USA", "UKR", "s4"),  # an optional event: neither right nor wrong
        event("SUPPORT", "AUS", "IDN", "s3"),  # the missed meeting's dyad (either way round) under another type
        event("PROTEST", "IDN", "IDN", "s6"),  # a sentence the gold leaves uncoded
    ]
    out = {"false": Counter(), "missed": Counter(), "status": Counter()}
    errors.classify(gold, coded, out)
    assert out["false"] == {
        "second record of a matched event": 1,
        "type of a missed event of its sentence, other dyad": 1,
        "dyad of a missed event of its sentence, other type": 1,
        "in a sentence the gold leaves uncoded": 1,
    }
    assert out["missed"] == {
        "its type coded in its sentence, other dyad": 1,
        "its dyad coded in its sentence, other type": 1,
    }
    assert out["status"] == {"wrong, same sentence": 1}
