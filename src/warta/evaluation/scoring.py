"""Scoring warta's output against gold annotations, with the matching rules of ``corpus/GUIDE.md``.

- Entities match by text (case- and space-insensitive) and type. Gold lists each entity once under its fullest
  form, while warta emits one item per mention; so the prediction is first reduced to one item per resolved
  name (the longest mention of each name), then compared as sets.
- Quotes match by speaker (one speaker's words contained in the other's) and overlapping words (at least half
  of the gold quote's words appear in the predicted quote), one to one.
- Events match by PLOVER type and the sets of source and target countries; for the symmetric types (CONSULT,
  AGREE, COOPERATE) source and target may be swapped. Gold events marked ``optional`` are neither rewarded nor
  penalised: a prediction matching one is dropped from both sides. Matching is one to one, so a duplicate
  prediction of the same event counts as a false positive.

Everything here works on plain dicts (gold records and ``warta/1`` contract objects), so saved output can be
re-scored without re-running the pipeline.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.records import SYMMETRIC_TYPES, Page
from warta.settings import Settings

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class Score:
    """True positives, false positives and false negatives with the derived P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class Accuracy:
    """Share of matched items whose attribute agrees with the gold."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total


@dataclass(slots=True)
class ArticleScores:
    """All scores for one article (or, summed, for a corpus)."""

    entities: Score = field(default_factory=Score)
    quotes: Score = field(default_factory=Score)
    events: Score = field(default_factory=Score)
    events_no_target: Score = field(default_factory=Score)
    dyads: Score = field(default_factory=Score)
    status: Accuracy = field(default_factory=Accuracy)
    date: Accuracy = field(default_factory=Accuracy)

    def add(self, other: ArticleScores) -> None:
        for name in ("entities", "quotes", "events", "events_no_target", "dyads", "status", "date"):
            getattr(self, name).add(getattr(other, name))

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            name: getattr(self, name).as_dict()
            for name in ("entities", "quotes", "events", "events_no_target", "dyads")
        }
        out["status_accuracy"] = round(self.status.value, 4)
        out["date_accuracy"] = round(self.date.value, 4)
        out["matched_events"] = self.status.total
        return out


def _norm(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").lower()))


def _words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower())


def _one_to_one(
    gold: Sequence[Any], pred: Sequence[Any], matches: Callable[[Any, Any], bool]
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing in gold order; returns (gold index, prediction index) pairs."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and matches(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def collapse_entities(entities: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """One (text, type) per resolved entity: the longest mention of each name, as the gold lists them."""
    longest: dict[tuple[str, str], str] = {}
    for ent in entities:
        key = (_norm(ent.get("name") or ent["text"]), ent["type"])
        if len(ent["text"]) > len(longest.get(key, "")):
            longest[key] = ent["text"]
    return sorted({(_norm(text), etype) for (_, etype), text in longest.items()})


def score_entities(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> Score:
    """Set comparison of (text, type) pairs."""
    gold_set = {(_norm(e["text"]), e["type"]) for e in gold}
    pred_set = set(collapse_entities(pred))
    tp = len(gold_set & pred_set)
    return Score(tp=tp, fp=len(pred_set) - tp, fn=len(gold_set) - tp)


def speakers_match(gold: str | None, pred: str | None) -> bool:
    """True when one speaker's words are all among the other's ("Retno" ~ "Retno Marsudi")."""
    g, p = set(_words(gold)), set(_words(pred))
    return bool(g and p) and (g <= p or p <= g)


def quote_overlaps(gold_text: str, pred_text: str) -> bool:
    """At least half of the gold quote's words appear in the predicted quote."""
    g = _words(gold_text)
    if not g:
        return False
    p = set(_words(pred_text))
    return sum(1 for w in g if w in p) / len(g) >= 0.5


def score_quotes(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> Score:
    """Quotes matched by speaker and word overlap, one to one."""
    pairs = _one_to_one(
        gold,
        pred,
        lambda g, p: speakers_match(g["speaker"], p.get("speaker")) and quote_overlaps(g["text"], p["text"]),
    )
    return Score(tp=len(pairs), fp=len(pred) - len(pairs), fn=len(gold) - len(pairs))


def _countries(actors: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    return frozenset(a["country"] for a in actors if a.get("country"))


def _dyad_match(g: Mapping[str, Any], p: Mapping[str, Any], *, use_target: bool, symmetric: bool) -> bool:
    gs, gt = _countries(g["source"]), _countries(g["target"])
    ps, pt = _countries(p["source"]), _countries(p["target"])
    if not use_target:
        return gs == ps or (symmetric and gs == pt)
    return (gs, gt) == (ps, pt) or (symmetric and (gs, gt) == (pt, ps))


def _event_matcher(*, use_type: bool, use_target: bool) -> Callable[[Any, Any], bool]:
    def matches(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
        if use_type and g["type"] != p["type"]:
            return False
        symmetric = g["type"] in SYMMETRIC_TYPES or not use_type
        return _dyad_match(g, p, use_target=use_target, symmetric=symmetric)

    return matches


# The GUIDE's event match: the same type and the same source and target countries (either way round for a
# symmetric type).
event_matches = _event_matcher(use_type=True, use_target=True)


def _score_event_list(
    gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]], matches: Callable[[Any, Any], bool]
) -> tuple[Score, list[tuple[Mapping[str, Any], Mapping[str, Any]]]]:
    required = [g for g in gold if not g.get("optional")]
    optional = [g for g in gold if g.get("optional")]
    pairs = _one_to_one(required, pred, matches)
    matched_pred = {pi for _, pi in pairs}
    rest = [p for i, p in enumerate(pred) if i not in matched_pred]
    # A prediction that matches an optional gold event is neither rewarded nor penalised.
    optional_hits = {pi for _, pi in _one_to_one(optional, rest, matches)}
    fp = len(rest) - len(optional_hits)
    score = Score(tp=len(pairs), fp=fp, fn=len(required) - len(pairs))
    return score, [(required[gi], pred[pi]) for gi, pi in pairs]


def score_events(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> ArticleScores:
    """Event P/R/F1 (type + dyad), ignoring target, dyads ignoring type, status and date accuracy."""
    scores = ArticleScores()
    scores.events, pairs = _score_event_list(gold, pred, event_matches)
    scores.events_no_target, _ = _score_event_list(gold, pred, _event_matcher(use_type=True, use_target=False))
    scores.dyads, _ = _score_event_list(gold, pred, _event_matcher(use_type=False, use_target=True))
    for g, p in pairs:
        scores.status.total += 1
        scores.status.correct += g.get("status") == p.get("status")
        scores.date.total += 1
        scores.date.correct += (g.get("date") or None) == (p.get("date") or None)
    return scores


def score_article(gold: Mapping[str, Any], output: Mapping[str, Any]) -> ArticleScores:
    """All scores of one ``warta/1`` output object against one gold record."""
    scores = score_events(gold.get("events", []), output.get("events", []))
    scores.entities = score_entities(gold.get("entities", []), output.get("entities", []))
    scores.quotes = score_quotes(gold.get("quotes", []), output.get("quotes", []))
    return scores


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold records from a JSONL file (one per line) or a single ``.json`` file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return [json.loads(text)]
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def gold_page(record: Mapping[str, Any]) -> Page:
    """A gold record as the page warta reads: its text, with its language and publication date given."""
    return Page(
        source=str(record.get("id")), url=record.get("url"), text=record["text"],
        published=record.get("published"), record_id=record.get("id"), language=record.get("lang"),
    )  # fmt: skip


def evaluate_records(records: Sequence[Mapping[str, Any]], settings: Settings) -> dict[str, Any]:
    """Run the pipeline on each gold record's text (with its language and publication date) and score it."""
    from warta.build import build_pipeline
    from warta.output import to_contract
    from warta.records import AnnotatedArticle

    pipeline = build_pipeline(settings)
    total = ArticleScores()
    rows = []
    for record in records:
        result = pipeline.process(gold_page(record))
        output = to_contract(result) if isinstance(result, AnnotatedArticle) else {}
        scores = score_article(record, output)
        total.add(scores)
        rows.append({"id": record.get("id"), "lang": record.get("lang"), **scores.as_dict(),
                     "failure": None if output else getattr(result, "reason", None)})  # fmt: skip
    return {"articles": rows, "total": total.as_dict()}


def evaluate_gold_file(path: Path, settings: Settings) -> dict[str, Any]:
    """``warta eval``: scores per article, per language and in total for a gold file."""
    records = load_gold(path)
    report = evaluate_records(records, settings)
    languages = sorted({r.get("lang") or "?" for r in records})
    report["by_language"] = {
        lang: evaluate_subset(report, [r for r in records if (r.get("lang") or "?") == lang]) for lang in languages
    }
    report["gold"] = str(path)
    return report


def evaluate_subset(report: Mapping[str, Any], subset: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Totals over the report rows of the given gold records (micro-averaged from their counts)."""
    ids = {r.get("id") for r in subset}
    total = ArticleScores()
    for row in report["articles"]:
        if row["id"] not in ids:
            continue
        for name in ("entities", "quotes", "events", "events_no_target", "dyads"):
            getattr(total, name).add(Score(row[name]["tp"], row[name]["fp"], row[name]["fn"]))
        n = row["matched_events"]
        total.status.add(Accuracy(round(row["status_accuracy"] * n), n))
        total.date.add(Accuracy(round(row["date_accuracy"] * n), n))
    return total.as_dict()


#: PLOVER 0.5b1 category names used by the GSR example sentences, mapped to PLOVER 2.0 (datasets README).
PLOVER_05_TO_20 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def evaluate_plover_examples(path: Path, settings: Settings) -> dict[str, Any]:
    """Type accuracy on the PLOVER example sentences: the share of sentences whose gold type (mapped to PLOVER
    2.0) is among the types warta codes for that sentence, overall and per gold type. Also counts sentences
    where warta codes nothing and the mean number of extra types per sentence."""
    from warta.build import build_pipeline
    from warta.records import AnnotatedArticle

    # The examples are single sentences, far shorter than the shortest article the extractor accepts.
    pipeline = build_pipeline(dataclasses.replace(settings, min_article_chars=1))
    per_type: dict[str, Accuracy] = {}
    total = Accuracy()
    silent = 0
    extra = 0
    misses: list[dict[str, Any]] = []
    for record in load_gold(path):
        gold = PLOVER_05_TO_20.get(record["category"], record["category"])
        page = Page(source=str(record["id"]), text=record["text"], language="en", record_id=str(record["id"]))
        result = pipeline.process(page)
        types = {e.type for e in result.events} if isinstance(result, AnnotatedArticle) else set()
        hit = gold in types
        total.add(Accuracy(int(hit), 1))
        per_type.setdefault(gold, Accuracy()).add(Accuracy(int(hit), 1))
        silent += not types
        extra += len(types - {gold})
        if not hit:
            misses.append({"id": record["id"], "gold": gold, "predicted": sorted(types), "text": record["text"]})
    return {
        "sentences": total.total,
        "type_accuracy": round(total.value, 4),
        "per_type": {t: {"accuracy": round(a.value, 4), "n": a.total} for t, a in sorted(per_type.items())},
        "no_event": silent,
        "extra_types_per_sentence": round(extra / total.total, 3) if total.total else 0.0,
        "misses": misses,
    }
