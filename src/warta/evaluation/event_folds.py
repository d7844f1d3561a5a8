"""The event model's recipe: code the gold articles with the rules, cross-validate, train, install if better.

::

    warta models train events [--work training/events] [--force]

1. Every article of ``corpus/train.jsonl`` goes through warta's pipeline with the rule coder only (the
   learned coder's features include what the rules coded); the processed articles are kept in the work folder,
   so a rerun after an interruption starts from step 2.
2. Five-fold cross-validation by article (``corpus/folds.tsv``): each fold is coded by a model trained on the
   other four and scored with the GUIDE's matching rules (:mod:`warta.evaluation.scoring`). The verifier of
   that model learns from held-out output too, of the other four folds, each coded by first models trained
   without it and without the fold being scored (nested: no fold is ever scored by a model that saw it).
3. The model trained on all five folds, with a verifier trained on the held-out output of the five folds, is
   the candidate. It replaces the shipped model only when its cross-validated event F1 (mean of Indonesian and
   English) beats the one recorded in the shipped model's ``meta.json``.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import pickle
import shutil
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from warta.evaluation.scoring import ArticleScores, event_matches, gold_page, load_gold, score_article
from warta.events.event_model import MODEL_DIR, EventModel, code_mentions, load_event_model
from warta.nlp.gazetteer import Gazetteer
from warta.nlp.gazetteer_data import load_gazetteer
from warta.output import to_contract
from warta.records import AnnotatedArticle
from warta.settings import Settings
from warta.training.event_model import Examples, Hyper, code_docs, collect, model_meta, read_folds, train
from warta.training.event_verifier import VerifierExamples, fit_verifier

log = logging.getLogger(__name__)
FOLDS = 5


def rule_coded(
    records: Sequence[Mapping[str, Any]], settings: Settings, gazetteer: Gazetteer
) -> dict[str, AnnotatedArticle]:
    """Gold records run through the pipeline with the rule coder alone, keyed by record id."""
    from warta.build import build_pipeline

    pipeline = build_pipeline(dataclasses.replace(settings, learned_events=False), gazetteer=gazetteer)
    return {record["id"]: pipeline.process(gold_page(record)) for record in records}


def _scores(
    records: Sequence[Mapping[str, Any]], docs: Mapping[str, Any], by: str = "lang"
) -> dict[str, ArticleScores]:
    totals: dict[str, ArticleScores] = {}
    for record in records:
        doc = docs.get(record["id"])
        output = to_contract(doc) if isinstance(doc, AnnotatedArticle) else {}
        totals.setdefault(str(record.get(by)), ArticleScores()).add(score_article(record, output))
    return totals


def cross_validated(
    records: Sequence[Mapping[str, Any]],
    docs: Mapping[str, AnnotatedArticle],
    folds: Mapping[str, int],
    gazetteer: Gazetteer,
    hyper: Hyper | None = None,
    examples: Examples | None = None,
    only: Collection[int] | None = None,
) -> dict[str, Any]:
    """Every article coded by a model trained on the folds it is not in, keyed by record id (``only``: the
    articles of these folds alone)."""
    ex = examples or collect(records, docs, gazetteer)
    hyper = hyper or Hyper()
    coded: dict[str, Any] = {}
    for k in sorted(only) if only is not None else range(FOLDS):
        model = verified_model(records, docs, folds, gazetteer, ex, hyper, without=k)
        held = {r["id"]: docs[r["id"]] for r in records if folds.get(r["id"]) == k}
        coded.update(code_docs(held, model, gazetteer))
        log.info("fold %d coded (%d articles)", k, len(held))
    return coded


def verified_model(
    records: Sequence[Mapping[str, Any]],
    docs: Mapping[str, AnnotatedArticle],
    folds: Mapping[str, int],
    gazetteer: Gazetteer,
    ex: Examples,
    hyper: Hyper,
    without: int | None = None,
) -> EventModel:
    """The first models trained on every fold but ``without`` (None: on all), with a verifier trained on the
    held-out mentions of those folds: each fold's articles coded by first models trained on the other folds
    (never on fold ``without``), labelled against the gold."""
    held_out = VerifierExamples()
    for j in range(FOLDS):
        if j == without:
            continue
        first = train(ex, {i for i, f in folds.items() if f not in (j, without)}, hyper)
        for record in records:
            doc = docs.get(record["id"])
            if folds.get(record["id"]) == j and isinstance(doc, AnnotatedArticle):
                held_out.add(record["id"], code_mentions(doc, gazetteer, first)[0], record, event_matches)
    verifier = fit_verifier(held_out, None, hyper.verifier_trees, hyper.verifier_threshold)
    keep = None if without is None else {i for i, f in folds.items() if f != without}
    return dataclasses.replace(train(ex, keep, hyper), verifier=verifier)


def article_kind(record: Mapping[str, Any]) -> str:
    """ "domestic" when most of the article's required gold events stay within one country (a country on both
    sides, or no target: "KPK menahan tersangka", the commission detained a suspect), else "international"."""
    required = [g for g in record.get("events", []) if not g.get("optional")]

    def within(gold: Mapping[str, Any]) -> bool:
        sources = {a.get("country") for a in gold["source"]} - {None}
        targets = {a.get("country") for a in gold["target"]} - {None}
        return not targets or bool(sources & targets)

    return "domestic" if required and sum(map(within, required)) * 2 > len(required) else "international"


def _report(records, coded, folds) -> dict[str, Any]:
    by_lang = _scores(records, coded)
    total = ArticleScores()
    for scores in by_lang.values():
        total.add(scores)
    with_fold = [{**r, "fold": folds.get(r["id"])} for r in records]
    with_kind = [{**r, "kind": f"{r.get('lang')}/{article_kind(r)}"} for r in records]
    return {
        "by_language": {lang: s.as_dict() for lang, s in sorted(by_lang.items())},
        "total": total.as_dict(),
        "by_fold": {k: s.as_dict()["events"] for k, s in sorted(_scores(with_fold, coded, "fold").items())},
        # articles between countries are coded far worse than domestic ones (docs/coder.md, stop 12)
        "by_kind": {k: s.as_dict()["events"] for k, s in sorted(_scores(with_kind, coded, "kind").items())},
    }


def seen_scores(
    records: Sequence[Mapping[str, Any]], docs: Mapping[str, AnnotatedArticle], model: EventModel, gazetteer
) -> dict[str, Any]:
    """Scores of articles the model was trained on (the other half of the seen-vs-unseen gap)."""
    coded = code_docs(docs, model, gazetteer)
    return {lang: s.as_dict() for lang, s in sorted(_scores(records, coded).items())}


def evaluate_folds(gold: Path, folds_path: Path, settings: Settings, hyper: Hyper | None = None) -> dict[str, Any]:
    """``warta eval GOLD --folds FOLDS``: the learned event coder cross-validated over the folds of ``gold``
    (each fold coded by a model trained on the others), next to the same coder trained on every fold and scored
    on the articles it saw; ``gap`` is seen minus cross-validated event F1 per language."""
    records = load_gold(gold)
    folds = read_folds(folds_path)
    gazetteer = load_gazetteer()
    docs = rule_coded(records, settings, gazetteer)
    ex = collect(records, docs, gazetteer)
    hyper = hyper or Hyper()
    report = _report(records, cross_validated(records, docs, folds, gazetteer, hyper, ex), folds)
    seen = seen_scores(records, docs, verified_model(records, docs, folds, gazetteer, ex, hyper), gazetteer)
    report["seen"] = seen
    # The rule coder alone on the same articles: its rules were never written against them either.
    report["rules"] = {lang: scores.as_dict() for lang, scores in sorted(_scores(records, docs).items())}
    report["gap"] = {
        lang: round(seen[lang]["events"]["f1"] - scores["events"]["f1"], 4)
        for lang, scores in report["by_language"].items()
    }
    report["gold"] = str(gold)
    report["folds"] = str(folds_path)
    return report


def headline(report: Mapping[str, Any]) -> float:
    """The number the install decision compares: mean event F1 of the two languages."""
    langs = report["by_language"]
    return round(sum(langs[lang]["events"]["f1"] for lang in langs) / len(langs), 4)


def run(settings: Settings, work: Path, *, install: bool = True, force: bool = False, target: Path = MODEL_DIR):
    """The whole recipe; returns (candidate CV headline, shipped headline or None, installed?)."""
    corpus = settings.shared / "corpus"
    records = load_gold(corpus / "train.jsonl")
    folds = read_folds(corpus / "folds.tsv")
    gazetteer = load_gazetteer()
    work.mkdir(parents=True, exist_ok=True)
    cache = work / "rule_coded.pickle"
    if cache.exists():
        docs = pickle.loads(cache.read_bytes())
        log.info("rule-coded articles read from %s", cache)
    else:
        docs = rule_coded(records, settings, gazetteer)
        cache.write_bytes(pickle.dumps(docs))
        log.info("%d articles rule-coded, kept in %s", len(docs), cache)
    ex = collect(records, docs, gazetteer)
    log.info("%d trigger rows, %d gold events aligned", len(ex.trigger_rows), ex.aligned)
    hyper = Hyper()
    report = _report(records, cross_validated(records, docs, folds, gazetteer, hyper, ex), folds)
    model = verified_model(records, docs, folds, gazetteer, ex, hyper)
    seen = seen_scores(records, docs, model, gazetteer)
    score = headline(report)
    meta = model_meta(ex, hyper, len(records), {"cross_validated": report, "seen": seen, "headline": score})
    candidate = work / "candidate"
    model.save(candidate, meta)
    (work / "report.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    shipped = _shipped_headline(target)
    better = shipped is None or score > shipped
    installed = install and (better or force)
    (candidate / "README.md").write_text(readme(meta), encoding="utf-8")
    if installed:
        target.mkdir(parents=True, exist_ok=True)
        for name in ("model.npz", "meta.json", "README.md"):
            shutil.copyfile(candidate / name, target / name)
        load_event_model.cache_clear()
    return score, shipped, installed


def readme(meta: Mapping[str, Any]) -> str:
    """The model folder's README: what it is, its data and licence, its held-out scores."""
    cv, seen = meta["cross_validated"]["by_language"], meta["seen"]
    rows = "\n".join(
        f"| {lang} | {cv[lang]['events']['f1']:.3f} | {seen[lang]['events']['f1']:.3f} |" for lang in sorted(cv)
    )
    return f"""# events

warta's learned event coder (`warta.events.event_model`): a trigger model (16 PLOVER types or none, a
multinomial logistic regression), two argument rankers (which candidate is the source, and which the target,
conditional logits over a trigger's candidates) and a verifier (gradient-boosted regression trees that judge
each coded mention against the rest of its article, trained on the coder's held-out output), stored as plain
arrays (`model.npz`), trained by `warta models train events`.

## Data and licence

- {meta["data"]["corpus/train.jsonl"]}
- Features: {meta["features"]}

Licence: {meta["licence"]}. No training text is stored in the model (its feature names are words and word
pairs of the training texts and lexicons).

## Event F1 (type + source/target countries)

| language | held-out folds (cross-validated) | seen (trained on all folds) |
|---|---|---|
{rows}

Reproduce: `warta eval ../shared/corpus/train.jsonl --folds ../shared/corpus/folds.tsv`.
"""


def _shipped_headline(target: Path) -> float | None:
    meta = target / "meta.json"
    if not meta.exists():
        return None
    return json.loads(meta.read_text(encoding="utf-8")).get("headline")
