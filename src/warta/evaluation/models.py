"""Score a trained pipeline on warta's test sets: UPOS, lemma, LAS, sentence F1, NER P/R/F1 per label, speed.

Tokens are the gold tokens of each test set (like UDPipe's "gold tokenization" figures), so tagging, parsing
and NER are measured apart from tokenisation. Sentence F1 is measured on Docs of 10 gold sentences, so the
model must find the boundaries inside each Doc. A metric is reported only where the test set annotates it.
Speed is words per second of ``nlp.pipe`` over the test set in this process (set ``OMP_NUM_THREADS=1`` to
measure one core).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example

from warta.models import MODELS_DIR, PIPELINES
from warta.nlp.segment import segment_text
from warta.training.convert import sentences_to_docs
from warta.training.corpora import PIPELINE_TESTS, Source
from warta.training.package import write_readme
from warta.training.train import default_data_path, replace_dir

_TEST_SENTS_PER_DOC = 10


def model_size_mb(path: Path) -> float:
    """Size on disk of a model folder, in MB (10^6 bytes)."""
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 2)


def load_test_docs(sources: Iterable[Source], data: Path, nlp: Language) -> list[Doc]:
    """Gold Docs of a test set; treebanks grouped 10 sentences per Doc, NER sets one sentence per Doc."""
    docs: list[Doc] = []
    for source in sources:
        n_sents = _TEST_SENTS_PER_DOC if source.kind == "conllu" else 1
        docs.extend(sentences_to_docs(source.read(data), nlp.vocab, n_sents=n_sents))
    return docs


def score_docs(nlp: Language, gold: list[Doc]) -> dict[str, object]:
    """Run ``nlp`` on the words of ``gold`` and score what the gold Docs annotate."""
    predicted = [Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d]) for d in gold]
    words = sum(len(d) for d in gold)
    started = time.perf_counter()
    predicted = list(nlp.pipe(predicted, batch_size=256))
    seconds = time.perf_counter() - started
    examples = [Example(p, g) for p, g in zip(predicted, gold, strict=True)]
    reference = gold[0] if gold else None
    result: dict[str, object] = {"words": words, "words_per_second": round(words / seconds) if seconds else None}
    if reference is None:
        return result
    if reference.has_annotation("POS") and "pos" in _assigned(nlp):
        result["upos"] = _pct(Scorer.score_token_attr(examples, "pos")["pos_acc"])
    if reference.has_annotation("LEMMA") and "lemma" in _assigned(nlp):
        result["lemma"] = _pct(Scorer.score_token_attr(examples, "lemma")["lemma_acc"])
    if reference.has_annotation("DEP") and "dep" in _assigned(nlp):
        result.update(attachment_scores(predicted, gold))
        if any(len(list(d.sents)) > 1 for d in gold):
            result["sents_f"] = _pct(Scorer.score_spans(examples, "sents")["sents_f"])
    if reference.has_annotation("ENT_IOB") and "ents" in _assigned(nlp):
        ents = Scorer.score_spans(examples, "ents")
        result["ents_p"] = _pct(ents["ents_p"])
        result["ents_r"] = _pct(ents["ents_r"])
        result["ents_f"] = _pct(ents["ents_f"])
        result["ents_per_type"] = {
            label: {k: _pct(v) for k, v in prf.items()} for label, prf in sorted(ents["ents_per_type"].items())
        }
    return result


def attachment_scores(predicted: list[Doc], gold: list[Doc]) -> dict[str, float | None]:
    """UAS and LAS as the CoNLL 2018 shared task counts them, on gold tokens.

    Unlike spaCy's scorer, punctuation counts and only the universal part of a relation is compared
    (``nsubj:pass`` = ``nsubj``), so the figures compare with UDPipe's published ones.
    """
    total = heads = labelled = 0
    for pred_doc, gold_doc in zip(predicted, gold, strict=True):
        for pred, ref in zip(pred_doc, gold_doc, strict=True):
            total += 1
            if pred.head.i == ref.head.i:
                heads += 1
                if pred.dep_.split(":")[0].lower() == ref.dep_.split(":")[0].lower():
                    labelled += 1
    if not total:
        return {"uas": None, "las": None}
    return {"uas": _pct(heads / total), "las": _pct(labelled / total)}


def _assigned(nlp: Language) -> set[str]:
    assigned: set[str] = set()
    for name in nlp.pipe_names:
        factory = nlp.get_pipe_meta(name).factory
        if factory in ("morphologizer", "tagger"):
            assigned.add("pos")
        if factory in ("trainable_lemmatizer", "lemmatizer"):
            assigned.add("lemma")
        if factory == "parser":
            assigned.add("dep")
        if factory == "ner":
            assigned.add("ents")
    return assigned


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 2)


def evaluate_model(
    model: Path, *, lang: str, data: Path, tests: Iterable[str] | None = None, limit: int = 0
) -> dict[str, object]:
    """Score the pipeline at ``model`` on the test sets of ``lang`` (all, or those named in ``tests``).

    ``limit`` > 0 scores only the first ``limit`` Docs of each test set (a quick slice for the CI gate).
    """
    nlp = spacy.load(model)
    wanted = PIPELINE_TESTS[lang]
    names = list(tests) if tests is not None else list(wanted)
    results: dict[str, object] = {"model": str(model), "size_mb": model_size_mb(model), "tests": {}}
    for name in names:
        gold = load_test_docs(wanted[name], data, nlp)
        if limit:
            gold = gold[:limit]
        results["tests"][name] = score_docs(nlp, gold)  # type: ignore[index]
    return results


def rule_segmenter_sents_f(lang: str, test: str, data: Path) -> float | None:
    """Sentence F1 of warta's rule-based segmenter (:func:`warta.nlp.segment.segment_text`) on the same Docs of
    10 gold sentences that ``sents_f`` scores the model on (spans compared by character offsets)."""
    sources = PIPELINE_TESTS[lang][test]
    if not any(source.kind == "conllu" for source in sources):
        return None
    docs = load_test_docs(sources, data, spacy.blank(lang))
    tp = fp = fn = 0
    for doc in docs:
        gold = {(s.start_char, s.end_char) for s in doc.sents}
        found = set()
        for sentence in segment_text(doc.text, lang):
            found.add((sentence.start, sentence.start + len(doc.text[sentence.start : sentence.end].rstrip())))
        tp, fp, fn = tp + len(gold & found), fp + len(found - gold), fn + len(gold - found)
    return _pct(2 * tp / (2 * tp + fp + fn)) if tp else 0.0


_COLUMNS = ("upos", "lemma", "uas", "las", "sents_f", "ents_f", "words_per_second")


def markdown_table(results: dict[str, object]) -> str:
    """The scores as a markdown table: one row per test set, then per-label NER rows."""
    lines = [
        f"Model `{results['model']}` ({results['size_mb']} MB on disk)",
        "",
        "| test set | " + " | ".join(_COLUMNS) + " |",
        "|---" * (len(_COLUMNS) + 1) + "|",
    ]
    tests: dict[str, dict] = results["tests"]  # type: ignore[assignment]
    for name, scores in tests.items():
        cells = ["" if scores.get(c) is None else str(scores[c]) for c in _COLUMNS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    ner_rows = [(n, s) for n, s in tests.items() if "ents_per_type" in s]
    if ner_rows:
        lines += ["", "| test set | label | P | R | F |", "|---|---|---|---|---|"]
        for name, scores in ner_rows:
            for label, prf in scores["ents_per_type"].items():
                lines.append(f"| {name} | {label} | {prf['p']} | {prf['r']} | {prf['f']} |")
            lines.append(f"| {name} | all | {scores['ents_p']} | {scores['ents_r']} | {scores['ents_f']} |")
    return "\n".join(lines)


def overall_score(evaluation: dict) -> float:
    """One number to compare two pipelines of a language: the mean of every score over every test set.

    Each metric counts once per test set it is measured on (UPOS, lemma, LAS, sentence F1, NER F1), so a
    pipeline that trades a point of NER for a point of LAS is neither better nor worse.
    """
    keys = ("upos", "lemma", "las", "sents_f", "ents_f")
    values = [scores[k] for scores in evaluation["tests"].values() for k in keys if scores.get(k) is not None]
    return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True, slots=True)
class InstallDecision:
    """What :func:`install_if_better` found and did."""

    installed: bool
    candidate_score: float
    shipped_score: float | None  # None: nothing was installed before
    target: Path


def install_if_better(
    candidate: Path, lang: str, *, data: Path, models: Path = MODELS_DIR, force: bool = False
) -> InstallDecision:
    """Copy the pipeline at ``candidate`` to ``<models>/<lang>_warta`` if it scores better than the one there.

    Both are scored on all test sets of ``lang`` (:func:`overall_score`); the installed copy records its
    evaluation in ``meta.json`` and its README. ``force`` installs regardless of the scores.
    """
    target = models / PIPELINES[lang]
    new = evaluate_model(candidate, lang=lang, data=data)
    old = evaluate_model(target, lang=lang, data=data) if (target / "meta.json").exists() else None
    new_score, old_score = overall_score(new), (overall_score(old) if old else None)
    better = old_score is None or new_score > old_score
    if better or force:
        replace_dir(candidate, target)
        new["model"] = str(target)
        record_evaluation(target, new)
    return InstallDecision(better or force, new_score, old_score, target)


def record_evaluation(folder: Path, evaluation: dict) -> None:
    """Store warta's own evaluation in ``meta.json`` (``warta_evaluation``) and the model README."""
    meta_path = folder / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["warta_evaluation"] = evaluation["tests"]
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    write_readme(folder, meta, markdown_table(evaluation))


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m warta.evaluation.models MODEL --lang id [--data DIR] [--json] [--record]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--lang", required=True, choices=sorted(PIPELINE_TESTS))
    parser.add_argument("--data", type=Path, default=None, help="datasets folder (default <shared>/datasets)")
    parser.add_argument("--test", action="append", default=None, help="test set name (repeatable)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of markdown")
    parser.add_argument("--record", action="store_true", help="record the scores in the model's meta.json/README")
    args = parser.parse_args(argv)
    results = evaluate_model(args.model, lang=args.lang, data=args.data or default_data_path(), tests=args.test)
    if args.record:
        record_evaluation(args.model, results)
    print(json.dumps(results, indent=2) if args.json else markdown_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
